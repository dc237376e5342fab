"""EVAL040: a test or validation set built by the training set's builder while the test builder is at hand."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.dataflow import knowledge as kb
from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes
from hygiene.analysis.names import call_tail

TRAIN_WORDS = frozenset({"train", "training", "trn"})
EVAL_WORDS = frozenset({"test", "testing", "val", "valid", "validation", "dev", "eval", "evaluation"})


def _siblings(name: str) -> set[tuple[str, ...]]:
    """The token sequences of `name` with its training word swapped for each evaluation word."""
    tokens = name_tokens(name)
    found = set()
    for i, token in enumerate(tokens):
        if token in TRAIN_WORDS:
            for word in EVAL_WORDS:
                found.add(tuple(tokens[:i] + [word] + tokens[i + 1:]))
    return found


_TRAIN_FLAGS = frozenset({"train", "is_train", "training", "is_training"})
_SPLIT_KEYWORDS = frozenset({"split", "subset", "mode", "phase", "kind", "stage"})
# Calls that carve a part out of a set: a validation set built from the training data and then cut is fine.
_CUTTERS = ("subset", "split", "sampler", "select", "shard", "take", "skip", "filter", "sample", "index", "indices")


def _says_train(call: cst.Call) -> bool:
    """Does the call say it builds the training split (`train=True`, `split="train"`)?"""
    for arg in call.args:
        if arg.keyword is None:
            continue
        key = arg.keyword.value
        if key in _TRAIN_FLAGS and isinstance(arg.value, cst.Name) and arg.value.value == "True":
            return True
        text = string_value(arg.value)
        if key in _SPLIT_KEYWORDS and text and kb.literal_role(text) == "train":
            return True
    return False


def _train_twins(name: str) -> set[tuple[str, ...]]:
    """The token sequences of an evaluation name with its evaluation word swapped for a training word."""
    tokens = name_tokens(name)
    found = set()
    for i, token in enumerate(tokens):
        if token in EVAL_WORDS:
            for word in TRAIN_WORDS:
                found.add(tuple(tokens[:i] + [word] + tokens[i + 1:]))
    return found


def _target_name(target: cst.BaseExpression) -> str | None:
    if isinstance(target, cst.Name):
        return target.value
    if isinstance(target, cst.Attribute):
        return target.attr.value
    return None


class EvalSetFromTrainBuilder(Rule):
    """
    ## What it does
    Finds a test or validation set, loader or split (`cifar100_test_loader`, `val_ds`, `X_dev`)
    assigned the result of the repo's builder for the training data (`get_training_dataloader(...)`,
    `make_train_dataset(cfg)`) when the same file also names the builder for the evaluation data,
    which differs from it only in that word (`get_test_dataloader`, imported or defined there): the
    call was copied from the training line and its function never changed. Calls that say which
    split they build (`split="test"`, `train=False`, a literal naming the test file) and builders
    without an evaluation twin in the file are left alone. The converse copy is found too: an
    evaluation set built by the very call that builds the training set, a call that says so
    (`val_dataset = constructor(train=True)` under `train_dataset = constructor(train=True)`, or under
    `full = constructor(train=True)` that `random_split` cuts into `train_set, val_set`,
    `split="train"`), when nothing in the file cuts it down afterwards (indexed, passed to a subset,
    split, sampler or `select`, or bound again: the usual way to carve a validation part out of the
    training data).

    | spelling | found | near miss left alone |
    |---|---|---|
    | `test_loader = get_training_dataloader(mean, std, ...)` with `get_test_dataloader` imported (script) | yes | `get_test_dataloader(...)` |
    | `self.val_ds = build_train_dataset(cfg)` with `build_val_dataset` defined (class) | yes | `build_train_dataset(cfg, split="val")` |
    | `dev = load_training_split(path)` with `load_dev_split` in the file (notebook) | yes | no evaluation twin in the file |
    | `self.val_dataset = constructor(train=True)`, the same call as `self.train_dataset`'s (class) | yes | `constructor(train=False)` |
    | `val_ds = load_dataset(name, split="train")` as `train_ds`'s (script) | yes | `Subset(val_ds, val_idx)` / `val_ds.select(...)` afterwards |

    ## Why is this bad?
    The "test" accuracy is measured on the training images, with training augmentation and
    shuffling: it climbs with the training accuracy, the best checkpoint is chosen on it, and the
    table reports how well the model fits its own training set.

    ## Example
        from utils import get_training_dataloader, get_test_dataloader
        train_loader = get_training_dataloader(TRAIN_MEAN, TRAIN_STD, batch_size=128)
        test_loader = get_training_dataloader(TEST_MEAN, TEST_STD, batch_size=128)

    Use instead:
        from utils import get_training_dataloader, get_test_dataloader
        train_loader = get_training_dataloader(TRAIN_MEAN, TRAIN_STD, batch_size=128)
        test_loader = get_test_dataloader(TEST_MEAN, TEST_STD, batch_size=128)
    """

    code = "EVAL040"
    category = "EVAL-TRAIN"
    severity = Severity.ERROR
    message = ("`{target}` is built by `{builder}(...)`, the training data's builder, while `{twin}` is named in this "
               "file: the {what} figures are computed on the training data")
    question = "Should `{target}` at {where} be built by `{twin}` rather than `{builder}`?"
    copied_message = ("`{target}` is built by `{builder}`, the very call that builds `{twin}`, and nothing cuts it down "
                      "afterwards: the {what} figures are computed on the training data")
    triggers = ("train",)
    examples = [
        invalid("""
            from conf import settings
            from utils import get_network, get_training_dataloader, get_test_dataloader

            net = get_network("resnet18")
            cifar100_training_loader = get_training_dataloader(settings.TRAIN_MEAN, settings.TRAIN_STD, batch_size=128)
            cifar100_test_loader = get_training_dataloader(  # expect: EVAL040
                settings.TEST_MEAN,
                settings.TEST_STD,
                batch_size=128,
            )
        """),
        valid("""
            from conf import settings
            from utils import get_network, get_training_dataloader, get_test_dataloader

            net = get_network("resnet18")
            cifar100_training_loader = get_training_dataloader(settings.TRAIN_MEAN, settings.TRAIN_STD, batch_size=128)
            cifar100_test_loader = get_test_dataloader(settings.TEST_MEAN, settings.TEST_STD, batch_size=128)
        """, note="near miss: the test loader from the test builder"),
        invalid("""
            def build_train_dataset(cfg):
                return load(cfg.root, "train.jsonl")

            def build_val_dataset(cfg):
                return load(cfg.root, "val.jsonl")

            class Runner:
                def __init__(self, cfg):
                    self.train_ds = build_train_dataset(cfg)
                    self.val_ds = build_train_dataset(cfg)  # expect: EVAL040
        """, note="a class: the twin builder defined in the same module"),
        valid("""
            def build_train_dataset(cfg, split="train"):
                return load(cfg.root, f"{split}.jsonl")

            def build_val_dataset(cfg):
                return load(cfg.root, "val.jsonl")

            class Runner:
                def __init__(self, cfg):
                    self.val_ds = build_train_dataset(cfg, split="val")
                    self.test_set = make_train_set(cfg)
        """, note="near miss: the call says its split; a builder with no evaluation twin in the file"),
        invalid({"explore.ipynb": notebook(
            """
            from data import load_training_split, load_dev_split
            """,
            """
            train = load_training_split("corpus/")
            dev = load_training_split("corpus/")  # expect: EVAL040
            """,
        )}, note="notebook: the dev split loaded by the training loader"),
        invalid("""
            from torch.utils.data import DataLoader
            from torchvision import datasets

            class TrainingExperiment:
                def build_dataloader(self, dataset, **dl_kwargs):
                    constructor = getattr(datasets, dataset)
                    self.train_dataset = constructor(train=True)
                    self.val_dataset = constructor(train=True)  # expect: EVAL040
                    self.train_dl = DataLoader(self.train_dataset, shuffle=True, **dl_kwargs)
                    self.val_dl = DataLoader(self.val_dataset, shuffle=False, **dl_kwargs)
        """, note="a class: the validation set built by the training line's own call (`train=True`)"),
        invalid("""
            import torch
            from torch.utils.data import random_split
            from torchvision import datasets

            class CIFAR10DataModule:
                def setup(self, stage=None):
                    full = datasets.CIFAR10(self.root, train=True, transform=self.tf)
                    self.train_set, self.val_set = random_split(full, [45000, 5000], generator=torch.Generator().manual_seed(0))
                    self.test_set = datasets.CIFAR10(self.root, train=True, transform=self.tf)  # expect: EVAL040
        """, note="held-out probe 19: the test set built by the call whose result is split into the training set"),
        valid("""
            import torch
            from torch.utils.data import random_split
            from torchvision import datasets

            class CIFAR10DataModule:
                def setup(self, stage=None):
                    full = datasets.CIFAR10(self.root, train=True, transform=self.tf)
                    self.train_set, self.val_set = random_split(full, [45000, 5000], generator=torch.Generator().manual_seed(0))
                    self.test_set = datasets.CIFAR10(self.root, train=False, transform=self.tf)
        """, note="near miss: the test set says train=False"),
        valid("""
            from torch.utils.data import DataLoader
            from torchvision import datasets

            class TrainingExperiment:
                def build_dataloader(self, dataset, **dl_kwargs):
                    constructor = getattr(datasets, dataset)
                    self.train_dataset = constructor(train=True)
                    self.val_dataset = constructor(train=False)
                    self.val_dl = DataLoader(self.val_dataset, shuffle=False, **dl_kwargs)
        """, note="near miss: the validation set from the held-out split"),
        invalid("""
            from datasets import load_dataset

            train_ds = load_dataset("ag_news", split="train")
            val_ds = load_dataset("ag_news", split="train")  # expect: EVAL040
            trainer = make_trainer(train_dataset=train_ds, eval_dataset=val_ds)
            print(trainer.evaluate())
        """, note="a script: the split named by a literal"),
        valid("""
            from datasets import load_dataset
            from torch.utils.data import Subset
            from torchvision.datasets import CIFAR10

            train_ds = load_dataset("ag_news", split="train")
            val_ds = load_dataset("ag_news", split="train")
            val_ds = val_ds.select(range(100_000, 120_000))
            train_set = CIFAR10(root, train=True, transform=train_tf)
            val_set = CIFAR10(root, train=True, transform=train_tf)
            val_part = Subset(val_set, val_idx)
        """, note="near miss: the copy is cut down afterwards (a validation part carved out of the training data)"),
    ]

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not isinstance(node.value, cst.Call):
            return
        target = node.targets[0].target
        name = target.value if isinstance(target, cst.Name) else target.attr.value if isinstance(target, cst.Attribute) else None
        if not name or kb.name_role(name) not in ("test", "val"):
            return
        call = node.value
        if _says_train(call):
            self._copied_training_call(node, name, call)
            return
        builder = call_tail(call)
        if not builder or kb.name_role(builder) != "train":
            return
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in ("split", "train", "subset", "mode", "phase", "is_train",
                                                                     "training", "kind", "stage"):
                return  # the call says which split it builds
            text = string_value(arg.value)
            if text and kb.literal_role(text) in ("test", "val"):
                return
        twins = _siblings(builder)
        twin = next((n for n in self._names() if tuple(name_tokens(n)) in twins), None)
        if not twin:
            return
        self.report(call, target=name, builder=builder, twin=twin,
                    what="test" if kb.name_role(name) == "test" else "validation")

    def _copied_training_call(self, node: cst.Assign, name: str, call: cst.Call) -> None:
        """`val_dataset = constructor(train=True)` under `train_dataset = constructor(train=True)`: the
        training line copied, its split never changed, and the copy never cut down afterwards."""
        code = self.ctx.code(call).strip()
        twins = _train_twins(name)
        twin = next((t for t, c in self._assigned_calls() if c == code and tuple(name_tokens(t)) in twins), None)
        if twin is None:
            # `full = CIFAR10(root, train=True)` split into `train_set, val_set`, and the test set built by that call too
            twin = next((t for t, c in self._assigned_calls() if c == code and t != name and self._split_into_training(t)), None)
        if twin is None or self._cut_later(name):
            return
        self.report(call, target=name, builder=code, twin=twin, what="test" if kb.name_role(name) == "test" else "validation",
                    message=self.copied_message)

    def _assigned_calls(self) -> list[tuple[str, str]]:
        """Every `name = call(...)` / `self.name = call(...)` of the file, with the call's code."""
        memo = self.ctx.memo.get("EVAL040.calls")
        if memo is None:
            memo = []
            if self.ctx.module is not None:
                for n in iter_nodes(self.ctx.module):
                    if isinstance(n, cst.Assign) and len(n.targets) == 1 and isinstance(n.value, cst.Call):
                        name = _target_name(n.targets[0].target)
                        if name:
                            memo.append((name, self.ctx.code(n.value).strip()))
            self.ctx.memo["EVAL040.calls"] = memo
        return memo

    def _split_into_training(self, name: str) -> bool:
        """Is `name` cut into parts one of which is bound to a training name
        (`self.train_set, self.val_set = random_split(full, [45000, 5000])`)?"""
        for n in iter_nodes(self.ctx.module) if self.ctx.module is not None else ():
            if not (isinstance(n, cst.Assign) and len(n.targets) == 1 and isinstance(n.value, cst.Call)
                    and isinstance(n.targets[0].target, (cst.Tuple, cst.List))):
                continue
            tail = (call_tail(n.value) or "").lower()
            if any(word in tail for word in _CUTTERS) and any(_target_name(a.value) == name for a in n.value.args) \
                    and any(kb.name_role(_target_name(e.value) or "") == "train" for e in n.targets[0].target.elements):
                return True
        return False

    def _cut_later(self, name: str) -> bool:
        """Is the evaluation set bound again, indexed, or handed to a subset, split or sampler anywhere in
        the file (the usual way to carve a validation part out of the training set)?"""
        if self.ctx.module is None:
            return True
        bound = 0
        for n in iter_nodes(self.ctx.module):
            if isinstance(n, (cst.Assign, cst.AugAssign)):
                targets = [t.target for t in n.targets] if isinstance(n, cst.Assign) else [n.target]
                bound += sum(1 for t in targets if _target_name(t) == name)
            elif isinstance(n, cst.Subscript) and _target_name(n.value) == name:
                return True
            elif isinstance(n, cst.Call):
                tail = (call_tail(n) or "").lower()
                if any(word in tail for word in _CUTTERS) and any(
                        name in self.ctx.code(a.value) for a in n.args):
                    return True
        return bound > 1

    def _names(self) -> set[str]:
        memo = self.ctx.memo.get("EVAL040.names")
        if memo is None:
            memo = set()
            if self.ctx.module is not None:
                for n in iter_nodes(self.ctx.module):
                    if isinstance(n, cst.FunctionDef):
                        memo.add(n.name.value)
                    elif isinstance(n, cst.ImportAlias):
                        alias = n.asname.name if n.asname is not None else n.name
                        if isinstance(alias, cst.Name):
                            memo.add(alias.value)
                        elif isinstance(alias, cst.Attribute):
                            memo.add(alias.attr.value)
            self.ctx.memo["EVAL040.names"] = memo
        return memo
