"""EVAL058: an argmax taken with no axis over a batch's scores, compared with per-item labels and counted."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.stdast import module_tree, subtree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

PICKS = frozenset({"argmax", "argmin"})
LIBRARIES = frozenset({"torch", "np", "numpy", "jnp", "tf", "cp"})
AXIS_KEYWORDS = frozenset({"dim", "axis"})
# What turns a boolean comparison into numbers before it is counted: `(a == b).float().mean()`.
CASTS = frozenset({"float", "double", "int", "long", "type", "astype", "to", "cpu", "numpy", "detach"})
COUNTS = frozenset({"sum", "mean", "count_nonzero", "nansum", "nanmean"})


def _pick_without_axis(node: ast.AST) -> str:
    """`torch.argmax(x)` / `np.argmax(x)` / `x.argmax()` with no dim or axis: the code of the call, or ''."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute) or node.func.attr not in PICKS:
        return ""
    if any(k.arg in AXIS_KEYWORDS for k in node.keywords):
        return ""
    owner = node.func.value
    if isinstance(owner, ast.Name) and owner.id in LIBRARIES:  # the function form: the scores are the argument
        if len(node.args) != 1:
            return ""  # `torch.argmax(x, 1)`: the axis given by position
        scores = node.args[0]
    else:  # the method form: the scores are the receiver
        if node.args:
            return ""  # `x.argmax(1)`
        scores = owner
    if isinstance(scores, ast.Subscript):
        return ""  # `logits[i].argmax()`: one row, one item
    return ast.unparse(node)


def _counted(compare: ast.Compare, parents: dict[int, ast.AST]) -> bool:
    """Whether the comparison's values are counted over items: `.sum()`, `.float().mean()`, `np.mean(...)`."""
    node: ast.AST = compare
    while True:
        parent = parents.get(id(node))
        if isinstance(parent, ast.Attribute) and parent.value is node:
            call = parents.get(id(parent))
            if not (isinstance(call, ast.Call) and call.func is parent):
                return False
            if parent.attr in COUNTS:
                return True
            if parent.attr not in CASTS:
                return False
            node = call
            continue
        if isinstance(parent, ast.Call) and node in parent.args and isinstance(parent.func, ast.Attribute) \
                and parent.func.attr in COUNTS and isinstance(parent.func.value, ast.Name) \
                and parent.func.value.id in LIBRARIES:
            return True
        return False


class ArgmaxOverWholeBatch(Rule):
    """
    ## What it does
    Finds an argmax (or argmin) taken with no `dim` / `axis` (`torch.argmax(logits)`,
    `np.argmax(scores)`, `logits.argmax()`) whose result is compared with labels and the matches
    counted over items (`(torch.argmax(logits) == labels).sum()`, `(pred == y).float().mean()`
    with `pred = logits.argmax()`, `np.mean(np.argmax(p) == y)`). With no axis the argmax is one
    index into the flattened array, not a prediction per row.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `acc = (torch.argmax(image_logits) == ground_truth).sum()` in a Lightning step (class) | yes | `torch.argmax(image_logits, 0)`, `image_logits.argmax(dim=1)` |
    | `pred = logits.argmax()` then `correct += (pred == y).float().sum()` (function) | yes | `pred = logits.argmax(-1)` |
    | `np.mean(np.argmax(probs) == labels)` (notebook) | yes | `np.mean(np.argmax(probs, axis=1) == labels)` |
    | a per-item comparison not counted (`if logits.argmax() == label:`), one row indexed (`out[i].argmax()`) | no | - |

    ## Why is this bad?
    `argmax` with no axis flattens the batch of scores and returns a single position, so the
    comparison asks whether that one index equals each label: the "accuracy" counts how many labels
    happen to equal the flat index of the largest score in the whole batch (usually 0 or 1 match),
    whatever the model predicts per item. The number is logged as the accuracy and nothing fails.

    ## Example
        logits = image_emb @ text_emb.t()
        truth = torch.arange(len(logits))
        acc = (torch.argmax(logits) == truth).sum() / len(logits)

    Use instead:
        acc = (torch.argmax(logits, dim=1) == truth).sum() / len(logits)
    """

    code = "EVAL058"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{pick}` takes no axis, so it is one index into the flattened scores, yet it is compared with "
               "`{labels}` and the matches are counted as per-item predictions")
    question = "Should `{pick}` take the class axis (`dim=1` / `axis=1`) before it is compared with `{labels}`?"
    triggers = ("argmax", "argmin")
    examples = [
        invalid("""
            import torch
            import pytorch_lightning as pl

            class CLIPWrapper(pl.LightningModule):
                def training_step(self, batch, idx):
                    image, text = batch
                    image_logits = self.model.encode_image(image) @ self.model.encode_text(text).t()
                    ground_truth = torch.arange(len(image_logits)).long()
                    loss = self.loss(image_logits, ground_truth)
                    acc_i = (torch.argmax(image_logits) == ground_truth).sum()  # expect: EVAL058
                    acc_t = (torch.argmax(image_logits.t()) == ground_truth).sum()  # expect: EVAL058
                    self.log_dict({"loss": loss, "acc": (acc_i + acc_t) / len(image) / 2})
                    return loss
        """, note="a class: the retrieval accuracy of a contrastive step"),
        valid("""
            import torch
            import pytorch_lightning as pl

            class CLIPWrapper(pl.LightningModule):
                def training_step(self, batch, idx):
                    image, text = batch
                    image_logits = self.model.encode_image(image) @ self.model.encode_text(text).t()
                    ground_truth = torch.arange(len(image_logits)).long()
                    acc = (torch.argmax(image_logits, 0) == ground_truth).sum()
                    acc_t = (image_logits.argmax(dim=1) == ground_truth).float().mean()
                    self.log_dict({"acc": acc / len(image), "acc_t": acc_t})
        """, note="near miss: the axis given by position and by keyword"),
        invalid("""
            def evaluate(model, loader):
                correct = total = 0
                for x, y in loader:
                    pred = model(x).argmax()
                    correct += (pred == y).float().sum().item()  # expect: EVAL058
                    total += len(y)
                return correct / total
        """, note="a function: the argmax bound to a name first"),
        valid("""
            def evaluate(model, loader):
                correct = total = 0
                for x, y in loader:
                    pred = model(x).argmax(-1)
                    correct += (pred == y).float().sum().item()
                    total += len(y)
                for scores, label in zip(all_scores, all_labels):
                    if scores.argmax() == label:
                        correct += 1
                    correct += int(outputs[0].argmax() == label)
                return correct / total
        """, note="near misses: the last axis; one item's scores compared with its own label, not counted"),
        invalid({"probe.ipynb": notebook(
            """
            import numpy as np
            probs = clf.predict_proba(X_test)
            print("accuracy", np.mean(np.argmax(probs) == y_test))  # expect: EVAL058
            """,
        )}, note="notebook: numpy's function form, counted by np.mean"),
        valid({"probe.ipynb": notebook(
            """
            import numpy as np
            probs = clf.predict_proba(X_test)
            print("accuracy", np.mean(np.argmax(probs, axis=1) == y_test))
            best = np.argmax(val_scores)
            print("best setting", settings[best])
            """,
        )}, note="near miss (notebook): the class axis; an argmax over a list of scores that picks one setting"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        parents: dict[int, ast.AST] = {}
        for parent in subtree(tree):
            for child in ast.iter_child_nodes(parent):
                parents[id(child)] = parent
        for scope in [tree, *(n for n in subtree(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))]:
            self._scope(scope, parents)

    def _scope(self, scope: ast.AST, parents: dict[int, ast.AST]) -> None:
        own = list(_own_nodes(scope))
        picked: dict[str, str] = {}  # a name bound only to an axis-less argmax -> the argmax's code
        other: set[str] = set()
        for n in own:
            if isinstance(n, ast.Assign):
                pick = _pick_without_axis(n.value)
                for target in n.targets:
                    if isinstance(target, ast.Name):
                        if pick:
                            picked[target.id] = pick
                        else:
                            other.add(target.id)
        for name in other:
            picked.pop(name, None)
        for n in own:
            if not (isinstance(n, ast.Compare) and len(n.ops) == 1 and isinstance(n.ops[0], ast.Eq)):
                continue
            sides = [n.left, n.comparators[0]]
            for i, side in enumerate(sides):
                pick = _pick_without_axis(side) or (picked.get(side.id, "") if isinstance(side, ast.Name) else "")
                labels = sides[1 - i]
                if not pick or isinstance(labels, ast.Constant) or _pick_without_axis(labels):
                    continue
                if _counted(n, parents):
                    self.ctx.report(type(self), None, line=n.lineno,
                                    fields={"pick": pick, "labels": ast.unparse(labels)})
                break


def _own_nodes(scope: ast.AST):
    """The nodes of `scope`, not those of the functions and classes defined in it."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        n = stack.pop()
        yield n
        if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(n))
