"""Words and small expression tests shared by the eval-mode collector (which names mean
evaluation data, evaluation functions, training, predictions)."""
from __future__ import annotations

import re
import sys

import libcst as cst

from hygiene.analysis.apis import torch as torch_api
from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.names import binding_names, dotted
from hygiene.analysis.strings import string_value
from hygiene.walk import iter_nodes

FACT_KEY = "evalmode"

EVAL_DATA_WORDS = frozenset("test testing val validation dev eval evaluation holdout heldout".split())
# `valid` alone is too common (`valid_mask`, `is_valid`); with a data word it names a split.
VALID_DATA_WORDS = frozenset("loader dl ds set data dataset iter x y batch batches".split())
EVAL_DATA_COMPOUND = re.compile(
    r"^(test|val|valid|eval|dev|holdout)(loader|loaders|dataloader|dataloaders|set|sets|dataset|datasets|data|dl|ds|batch|batches|iter|x|y|imgs|images)\d*$")
EVAL_FUNCTION_WORDS = frozenset("""
eval evaluate evaluation evaluator validate validation val valid test testing inference infer predict
prediction predictions accuracy acc score scoring metrics
""".split())
# Functions that run a network for its outputs (features, embeddings), not to train it.
INFERENCE_WORDS = frozenset("extract extractor embed embeds embedding embeddings features feature represent "
                            "representation representations".split())
TRAIN_FUNCTION_WORDS = frozenset("train training fit finetune loss step update optimize backward".split())


def trains_by_name(words: set[str]) -> bool:
    """Does a function's name say it trains? `train_step`, `update`; not `validation_step` or
    `val_loss`, where `step` and `loss` belong to an evaluation."""
    found = words & TRAIN_FUNCTION_WORDS
    return bool(found) and not (found <= {"step", "loss"} and words & EVAL_FUNCTION_WORDS)
# Batch-norm statistics: code that resets or re-weights them re-estimates them (SWA's `bn_update`).
BATCHNORM_STATISTICS = frozenset({"running_mean", "running_var", "num_batches_tracked", "reset_running_stats"})


def recalibrates(node: cst.Attribute, parent: cst.CSTNode | None) -> bool:
    """`bn.reset_running_stats()`, `m.running_mean.zero_()`, `module.momentum = b / (n + b)`: the
    function re-estimates batch-norm statistics, so its forward passes run in training mode on purpose."""
    return node.attr.value in BATCHNORM_STATISTICS or node.attr.value == "momentum" and isinstance(parent, cst.AssignTarget)


# Parts of a model, not evaluations of one, whatever they compute.
MODEL_METHODS = frozenset({"forward", "__call__", "_forward", "forward_features", "forward_train", "forward_test"})
# Evaluations that need gradients: attacks, saliency, influence.
GRAD_WORDS = frozenset("adv adversarial adversary attack attacker pgd fgsm robust robustness saliency gradcam "
                       "grad gradient gradients influence integrated perturb".split())
KEY = "key:"  # marks a string key among the words of an expression
METRIC_TARGET_WORDS = frozenset("correct accuracy acc hits matches".split())
PREDICTED_WORDS = frozenset("pred preds predicted prediction predictions".split())
OPTIMIZER_WORDS = frozenset("opt optim optimizer optimiser optimizers".split())
# Calls into these never reach a function of the scanned repo (unless the repo is that library).
EXTERNAL_ROOTS = frozenset(getattr(sys, "stdlib_module_names", ())) | frozenset("""
torch torchvision torchaudio numpy pandas sklearn scipy matplotlib seaborn transformers datasets tqdm
wandb tensorflow jax flax optax einops accelerate peft timm PIL cv2 yaml omegaconf hydra click typer
fire tensorboard tensorboardX mlflow lightning pytorch_lightning sentence_transformers openai anthropic
builtins
""".split())


def eval_data_name(text: str, key: bool = False) -> bool:
    """Does an identifier (`test_loader`, `X_val`, `testloader`) or a dict key (`"val"`) name
    evaluation data? A lone identifier such as `val` or `test` is too often something else."""
    words = name_tokens(text)
    if any(EVAL_DATA_COMPOUND.match(w) for w in words):
        return True
    if "valid" in words and set(words) & VALID_DATA_WORDS:
        return True
    return (key or len(words) > 1) and any(w in EVAL_DATA_WORDS for w in words)


def words_in(expr: cst.CSTNode) -> list[str]:
    """Identifiers and string keys in an iterable expression (`tqdm(loaders["val"])`)."""
    out: list[str] = []
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Name):
            out.append(node.value)
        elif isinstance(node, cst.Attribute):
            out.append(node.attr.value)
            stack.append(node.value)
        elif isinstance(node, cst.SimpleString):
            value = string_value(node)
            if value:
                out.append(KEY + value)
        elif isinstance(node, cst.Call):
            stack.append(node.func)
            stack.extend(a.value for a in node.args)
        elif isinstance(node, cst.Subscript):
            stack.append(node.value)
            stack.extend(e.slice.value for e in node.slice if isinstance(e.slice, cst.Index))
    return out


def model_target(expr: cst.BaseExpression) -> str | None:
    """The object a call chain like `model.to(device).eval` is about: `model`."""
    while isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) \
            and expr.func.attr.value in torch_api.MODULE_PASSTHROUGH:
        expr = expr.func.value
    return dotted(expr) if isinstance(expr, (cst.Name, cst.Attribute)) else None


def bool_literal(expr: cst.BaseExpression) -> bool | None:
    if isinstance(expr, cst.Name) and expr.value in ("True", "False"):
        return expr.value == "True"
    return None


def root_name(target: str) -> str:
    """`self.model.encoder` -> `self.model`; `net.module` -> `net`."""
    parts = target.split(".")
    return ".".join(parts[:2]) if parts[0] == "self" and len(parts) > 1 else parts[0]


def eval_word(word: str) -> bool:
    return eval_data_name(word.removeprefix(KEY), key=word.startswith(KEY))


def names_bound(target: cst.BaseExpression) -> list[str]:
    return [name.value for name in binding_names(target)]


def looks_predicted(expr: cst.BaseExpression) -> bool:
    if isinstance(expr, cst.Subscript):
        expr = expr.value
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("argmax", "max", "topk", "round"):
            return True
        return isinstance(func, (cst.Name, cst.Attribute)) and (dotted(func) or "").endswith("argmax")
    if isinstance(expr, (cst.Name, cst.Attribute)):
        text = dotted(expr) or ""
        return bool(set(name_tokens(text.rsplit(".", 1)[-1])) & PREDICTED_WORDS)
    return False


_DETACHING = (".item(", ".tolist(", ".detach(", ".cpu(", ".numpy(", "float(", "int(", "len(", ".size(", ".shape",
              ".argmax(", ".max(", "==", "!=", ".eq(")


def keeps_tensor(value: cst.BaseExpression, text: str) -> bool:
    """May `total += <value>` add a tensor that carries its graph (a loss, a model output), rather
    than a number or a tensor without gradients (`.item()`, a count of correct predictions)?"""
    if not any(isinstance(n, cst.Call) for n in iter_nodes(value)):
        return False
    # `criterion(out, y).data`: the tensor without its graph, the pre-0.4 spelling of `.detach()`
    return not any(marker in text for marker in _DETACHING) and not _DATA_ATTRIBUTE.search(text)


_DATA_ATTRIBUTE = re.compile(r"\.data\b(?!\s*\()")


def unread_layers(node: cst.ClassDef) -> set[str]:
    """Classes (by their last name) that a module class only builds into attributes nothing reads
    (`self.bn0 = nn.BatchNorm3d(width)` in `__init__`, never used in `forward`): they hold parameters
    but change no output, so they make the module no more mode-dependent (held-out 14, an FNO that
    declares batch norms it never calls). Nothing when attributes are reached by name or by listing."""
    targets: set[int] = set()
    built: dict[str, list[str]] = {}  # attribute -> last names of the classes called into it
    calls: dict[str, int] = {}
    reads: set[str] = set()
    for n in iter_nodes(node):
        if isinstance(n, cst.Call) and (callee := dotted(n.func) if isinstance(n.func, (cst.Name, cst.Attribute)) else None):
            last = callee.rsplit(".", 1)[-1]
            calls[last] = calls.get(last, 0) + 1
            if last in ("getattr", "modules", "children", "named_modules", "named_children", "__getattr__"):
                return set()
        if isinstance(n, cst.Assign) and isinstance(n.value, cst.Call) and isinstance(n.value.func, (cst.Name, cst.Attribute)):
            for t in n.targets:
                if isinstance(t.target, cst.Attribute) and isinstance(t.target.value, cst.Name) and t.target.value.value == "self":
                    targets.add(id(t.target))
                    built.setdefault(t.target.attr.value, []).append((dotted(n.value.func) or "").rsplit(".", 1)[-1])
        elif isinstance(n, cst.Attribute) and isinstance(n.value, cst.Name) and n.value.value == "self" and id(n) not in targets:
            reads.add(n.attr.value)
    unread: dict[str, int] = {}
    for attr, names in built.items():
        if attr not in reads:
            for name in names:
                unread[name] = unread.get(name, 0) + 1
    return {name for name, count in unread.items() if count == calls.get(name)}


def drawn_from_held_out(value: cst.BaseExpression) -> bool:
    """`next(iter(val_loader))`, `next(enumerate(testdataloader, 0))`, `test_iter.next()`: a batch drawn from a
    loader named for evaluation data."""
    for n in iter_nodes(value):
        if not isinstance(n, cst.Call):
            continue
        func = n.func
        if isinstance(func, cst.Name) and func.value == "next" and n.args:
            if any(eval_word(w) for w in words_in(n.args[0].value)):
                return True
        elif isinstance(func, cst.Attribute) and func.attr.value in ("next", "__next__") and not n.args:
            if any(eval_word(w) for w in words_in(func.value)):
                return True
    return False


def constant_iterable(iterable: cst.CSTNode | None) -> bool:
    """A loop over a fixed collection written in the code, not over data: a module constant
    (`ATTRIBUTES`), a literal list of literals, `range(10)`."""
    if isinstance(iterable, cst.Name):
        return iterable.value.isupper() and len(iterable.value) > 1
    if isinstance(iterable, (cst.List, cst.Tuple, cst.Set)):
        return all(isinstance(e.value, (cst.SimpleString, cst.Integer, cst.Float)) for e in iterable.elements)
    if isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Name) and iterable.func.value == "range":
        return bool(iterable.args) and all(isinstance(a.value, cst.Integer) for a in iterable.args)
    return False
