"""EVAL056: a table from split names to data sources whose held-out entry repeats the training source."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_nodes, module_tree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

TRAIN_KEYS = frozenset({"train", "training"})
HELD_OUT_KEYS = frozenset({"val", "valid", "validation", "dev", "test", "eval", "evaluation", "testing", "holdout"})
# Settings that a validation split may share with the training one on purpose.
SETTING_WORDS = frozenset({"transform", "transforms", "aug", "augs", "augment", "augmentation", "augmentations", "tf",
                           "tfm", "tfms", "batch", "bs", "size", "shuffle", "workers", "lr", "epochs", "steps", "config",
                           "cfg", "args", "collate", "fn", "sampler", "tokenizer", "processor"})


def _entries(node: ast.AST) -> dict[str, ast.AST]:
    if isinstance(node, ast.Dict):
        return {k.value: v for k, v in zip(node.keys, node.values)
                if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
        return {k.arg: k.value for k in node.keywords if k.arg}
    return {}


def _key_text(node: ast.AST | None) -> str:
    """A table key's split name: a string (`"val"`) or an enum member's last part (`DatasetPhase.Val`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.lower()
    if isinstance(node, ast.Attribute):
        return node.attr.lower()
    return ""


def _repeated_held_out(node: ast.AST) -> list[tuple[str, ast.AST]]:
    """(key, value) of a held-out key written twice in one dict literal whose winning (last) value names
    the training data: `{Phase.Val: 'val.txt', Phase.Val: 'trainval.txt'}` reads train+val for Val."""
    if not isinstance(node, ast.Dict):
        return []
    seen: dict[str, list[ast.AST]] = {}
    for k, v in zip(node.keys, node.values):
        text = _key_text(k)
        if text in HELD_OUT_KEYS:
            seen.setdefault(ast.unparse(k), []).append(v)
    found = []
    for key, values in seen.items():
        words = _words(values[-1])
        if len(values) > 1 and any(w.startswith("train") for w in words) and not words & SETTING_WORDS:
            found.append((key, values[-1]))
    return found


def _words(node: ast.AST) -> set[str]:
    """The words of the entry's own name: the last attribute (`cfg.loader.train_view` -> train, view), the
    name, or a string's words; a call's function name is not the data's."""
    while isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Attribute):
        return set(name_tokens(node.attr))
    if isinstance(node, ast.Name):
        return set(name_tokens(node.id))
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return set(name_tokens(node.value))
    return set()


class SplitTableHeldOutReadsTrain(Rule):
    """
    ## What it does
    Finds a table from split names to their data (`{"train": cfg.loader.train_view, "val":
    cfg.loader.train_view, "test": cfg.loader.test_view}`, `dict(train=train_path,
    valid=train_path)`) whose validation or test entry is the very expression of the training
    entry and names the training data. The line was copied from the training entry and its
    attribute never changed. A held-out key written twice in one table whose later entry (the one
    Python keeps) names the training data (`{DatasetPhase.Val: 'val.txt', DatasetPhase.Val:
    'trainval.txt'}`) is the same mistake. Entries that differ (`"val": cfg.val_view`), a repeated key
    whose kept entry is a held-out file, and settings a held-out split may share with training (a
    transform, a batch size, a tokenizer) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `{"train": cfg.train_view, "val": cfg.train_view}[view]` | yes | `"val": cfg.val_view` |
    | `dict(train=train_files, test=train_files)` | yes | `dict(train=train_tf, val=train_tf)` |
    | `{Phase.Train: 'train.txt', Phase.Val: 'val.txt', Phase.Val: 'trainval.txt'}` | yes | `Phase.TrainVal: 'trainval.txt'` |

    ## Why is this bad?
    The validation (or test) loader reads the training data. Every validation score is a training
    score, the checkpoint picked as "best on validation" is the one that fits the training data
    best, and the reported figures say nothing about generalisation.

    ## Example
        self.loaders[view] = Loader(view={"train": cfg.loader.train_view,
                                          "val": cfg.loader.train_view,
                                          "test": cfg.loader.test_view}[view])

    Use instead:
        self.loaders[view] = Loader(view={"train": cfg.loader.train_view,
                                          "val": cfg.loader.val_view,
                                          "test": cfg.loader.test_view}[view])
    """

    code = "EVAL056"
    category = "EVAL-TRAIN"
    severity = Severity.ERROR
    message = ("the {key!r} entry of this split table is `{value}`, {why}, so the {key} data is the training data")
    question = "Should the {key!r} entry read its own data instead of `{value}` (the training entry's)?"
    triggers = ("train",)
    examples = [
        invalid("""
            class LuxonisModel:
                def __init__(self, cfg, Loader):
                    self.cfg = cfg
                    self.loaders = {}
                    for view in ("train", "val", "test"):
                        self.loaders[view] = Loader(
                            view={
                                "train": self.cfg.loader.train_view,
                                "val": self.cfg.loader.train_view,  # expect: EVAL056
                                "test": self.cfg.loader.test_view,
                            }[view],
                            image_source=self.cfg.loader.image_source,
                        )
        """),
        invalid("""
            class ScannetVoxelizationDataset:
                DATA_PATH_FILE = {
                    DatasetPhase.Train: 'train.txt',
                    DatasetPhase.Val: 'val.txt',
                    DatasetPhase.Val: 'trainval.txt',  # expect: EVAL056
                    DatasetPhase.Test: 'test.txt'
                }
        """, note="the repeated key keeps its last entry: validation reads train+val"),
        valid("""
            class ScannetVoxelizationDataset:
                DATA_PATH_FILE = {
                    DatasetPhase.Train: 'scannetv2_train.txt',
                    DatasetPhase.Val: 'scannetv2_val.txt',
                    DatasetPhase.TrainVal: 'scannetv2_trainval.txt',
                    DatasetPhase.Test: 'scannetv2_test.txt'
                }
                SPLITS = {"train": "train.txt", "val": "val_old.txt", "val": "val.txt"}
        """, note="near misses: a TrainVal phase of its own, a repeated key that keeps a held-out file"),
        invalid("""
            def files(train_files, test_files):
                return dict(train=train_files, test=train_files)  # expect: EVAL056
        """),
        valid("""
            def tables(cfg, train_tf, test_tf, train_files, test_files):
                views = {"train": cfg.train_view, "val": cfg.val_view, "test": cfg.test_view}
                transforms = dict(train=train_tf, val=train_tf)
                sizes = {"train": cfg.train_batch_size, "test": cfg.train_batch_size}
                files = {"train": train_files, "test": test_files}
                return views, transforms, sizes, files
        """, note="near misses: distinct entries, shared settings"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for n in module_nodes(self.ctx):
            for key, value in _repeated_held_out(n):
                self.ctx.report(type(self), None, line=value.lineno,
                                fields={"key": key, "value": ast.unparse(value),
                                        "why": "which replaces the key's earlier entry and names the training data"})
            entries = _entries(n)
            train = next((entries[k] for k in entries if k.lower() in TRAIN_KEYS), None)
            if train is None:
                continue
            text = ast.unparse(train)
            words = _words(train)
            if "train" not in words and "training" not in words or words & SETTING_WORDS:
                continue
            for key, value in entries.items():
                if key.lower() in HELD_OUT_KEYS and ast.unparse(value) == text:
                    self.ctx.report(type(self), None, line=value.lineno,
                                    fields={"key": key, "value": text, "why": "the training entry's own value"})
