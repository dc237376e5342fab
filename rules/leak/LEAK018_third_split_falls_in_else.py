"""LEAK018: a two-way choice of data by split name, inside a loop over three splits."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_nodes, module_tree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

VAL = frozenset({"val", "valid", "validation", "dev"})
TEST = frozenset({"test", "testing"})
SETTING_WORDS = frozenset({"transform", "transforms", "aug", "augs", "augment", "augmentation", "augmentations", "tf",
                           "tfm", "tfms", "batch", "bs", "size", "shuffle", "workers", "drop", "last", "sampler",
                           "collate", "fn", "mode", "training", "is"})


def _leaf_words(node: ast.AST) -> set[str]:
    while isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Attribute):
        return set(name_tokens(node.attr))
    if isinstance(node, ast.Name):
        return set(name_tokens(node.id))
    if isinstance(node, ast.BinOp):  # a path join, `root / "train"`
        return _leaf_words(node.right)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return set(name_tokens(node.value))
    return set()


def _split_literal(node: ast.AST) -> set[str]:
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return {e.value.lower() for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return set()


class ThirdSplitFallsInElse(Rule):
    """
    ## What it does
    Finds data chosen by a two-way test on the split's name, `cfg.train_view if view == "train" else
    cfg.val_view`, inside a loop or comprehension over three split names (`for view in ["train",
    "val", "test"]`), when the `else` names one held-out split and the loop also makes the other:
    the test loader gets the validation data (or the validation loader the test data). Choices of a
    setting (`train_augmentations if view == "train" else val_augmentations`: test may share the
    validation transforms), a three-way choice, and a loop over two splits are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `view=(cfg.train_view if view == "train" else cfg.val_view)` for `view in ["train", "val", "test"]` | yes | a dict of the three views |
    | `path = train_dir if split == "train" else test_dir` for `split in ("train", "valid", "test")` | yes | the same over `("train", "test")` |

    ## Why is this bad?
    The test figures are computed on the validation split, the one checkpoints and hyperparameters
    were chosen on, so the reported test score is a selection score; or the validation split that
    selects the checkpoint is the test split. Either way the number presented as held-out is not.

    ## Example
        loaders = {
            view: Loader(view=cfg.train_view if view == "train" else cfg.val_view)
            for view in ["train", "val", "test"]
        }

    Use instead:
        views = {"train": cfg.train_view, "val": cfg.val_view, "test": cfg.test_view}
        loaders = {view: Loader(view=views[view]) for view in ["train", "val", "test"]}
    """

    code = "LEAK018"
    category = "LEAK-SELECT"
    severity = Severity.ERROR
    message = ("`{text}` gives every split but {train!r} the {other} data, and the loop also makes the {third!r} "
               "split: its {third} data is the {other} data")
    question = "Should the {third!r} split get its own data? `{text}` gives it the {other} data"
    triggers = ("train",)
    examples = [
        invalid("""
            class Core:
                def __init__(self, cfg, LOADERS):
                    self.cfg = cfg
                    self.loaders = {
                        view: LOADERS.get(self.cfg.loader.name)(
                            augmentations=(
                                self.train_augmentations
                                if view == "train"
                                else self.val_augmentations
                            ),
                            view=(
                                self.cfg.loader.train_view  # expect: LEAK018
                                if view == "train"
                                else self.cfg.loader.val_view
                            ),
                        )
                        for view in ["train", "val", "test"]
                    }
        """),
        invalid("""
            def make(root, Dataset):
                sets = {}
                for split in ("train", "valid", "test"):
                    path = root / "train" if split == "train" else root / "test_images"  # expect: LEAK018
                    sets[split] = Dataset(path)
                return sets
        """, note="the validation split reads the test folder"),
        valid("""
            def make(cfg, Loader, train_tf, eval_tf):
                views = {"train": cfg.train_view, "val": cfg.val_view, "test": cfg.test_view}
                loaders = {v: Loader(views[v], tf=train_tf if v == "train" else eval_tf) for v in ["train", "val", "test"]}
                pairs = {s: (cfg.train_dir if s == "train" else cfg.test_dir) for s in ("train", "test")}
                three = {s: (cfg.train_dir if s == "train" else cfg.val_dir if s == "val" else cfg.test_dir)
                         for s in ("train", "val", "test")}
                return loaders, pairs, three
        """, note="near misses: a setting shared by the held-out splits, two splits, a three-way choice"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for n in module_nodes(self.ctx):
            if isinstance(n, (ast.For, ast.AsyncFor)) and isinstance(n.target, ast.Name):
                self._look(n.target.id, _split_literal(n.iter), n.body)
            elif isinstance(n, (ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp)):
                for gen in n.generators:
                    if isinstance(gen.target, ast.Name):
                        body = [n.key, n.value] if isinstance(n, ast.DictComp) else [n.elt]
                        self._look(gen.target.id, _split_literal(gen.iter), body)

    def _look(self, var: str, splits: set[str], body: list[ast.AST]) -> None:
        if "train" not in splits or not (splits & VAL) or not (splits & TEST):
            return
        for root in body:
            for n in ast.walk(root):
                if not (isinstance(n, ast.IfExp) and isinstance(n.test, ast.Compare) and len(n.test.ops) == 1
                        and isinstance(n.test.ops[0], ast.Eq) and isinstance(n.test.left, ast.Name)
                        and n.test.left.id == var and isinstance(n.test.comparators[0], ast.Constant)
                        and n.test.comparators[0].value == "train"):
                    continue
                if isinstance(n.orelse, ast.IfExp):
                    continue  # three-way
                body_words, else_words = _leaf_words(n.body), _leaf_words(n.orelse)
                if (body_words | else_words) & SETTING_WORDS or "train" not in body_words:
                    continue
                if else_words & VAL:
                    other, third = "validation", next(iter(sorted(splits & TEST)))
                elif else_words & TEST:
                    other, third = "test", next(iter(sorted(splits & VAL)))
                else:
                    continue
                self.ctx.report(type(self), None, line=n.body.lineno,
                                fields={"text": " ".join(ast.unparse(n).split()), "train": "train",
                                        "other": other, "third": third})
