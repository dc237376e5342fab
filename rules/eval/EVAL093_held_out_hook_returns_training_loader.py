"""EVAL093: a data module's validation or test loader hook returns the same data as its training hook."""
from __future__ import annotations

import ast

from hygiene.analysis.stdast import module_nodes, module_tree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

HELD_OUT_HOOKS = ("val_dataloader", "test_dataloader")
TRAIN_HOOK = "train_dataloader"
LOADERS = frozenset({"DataLoader", "StatefulDataLoader", "DataLoaderShard"})


def _returns(f: ast.AST) -> list[ast.AST]:
    return [n.value for n in ast.walk(f) if isinstance(n, ast.Return) and n.value is not None]


def _source(expr: ast.AST) -> str:
    """What a loader is built from: the dataset of `DataLoader(ds, ...)`, else the whole expression
    without its keyword settings (`self._dataloader(num_workers=...)` -> `self._dataloader()`)."""
    if isinstance(expr, ast.Call):
        func = expr.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in LOADERS:
            if expr.args:
                return ast.unparse(expr.args[0])
            data = next((k.value for k in expr.keywords if k.arg == "dataset"), None)
            return ast.unparse(data) if data is not None else ast.unparse(expr)
        return ast.unparse(ast.Call(func=func, args=expr.args, keywords=[]))
    return ast.unparse(expr)


class HeldOutHookReturnsTrainingLoader(Rule):
    """
    ## What it does
    Finds a data module (a class with `train_dataloader` and `val_dataloader` / `test_dataloader`
    methods, as in PyTorch Lightning) whose validation or test hook returns the training data:
    `return self.train_dataloader()`, the same expression as the training hook
    (`return self._dataloader(num_workers=num_workers)` in all three), or a `DataLoader` over the
    same dataset. Hooks that build their loaders from different splits (`self._dataloader(self.test_set)`,
    `DataLoader(self.val_ds)`) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `def test_dataloader(self): return self._dataloader(num_workers=n)` like `train_dataloader` | yes | `return self._dataloader(self.test_set)` |
    | `def val_dataloader(self): return self.train_dataloader()` | yes | `return DataLoader(self.val_ds, batch_size=64)` |
    | `DataLoader(self.dataset, shuffle=True)` for training and `DataLoader(self.dataset)` for test | yes | `DataLoader(self.train_ds)` / `DataLoader(self.test_ds)` |

    ## Why is this bad?
    The trainer's `validate` and `test` run on the sequences the model was trained on, and the
    figures they log under `val_` and `test_` measure fit, not generalisation: early stopping and
    checkpoint choice follow training loss, and the reported test score is a training score.

    ## Example
        def train_dataloader(self):
            return self._dataloader()

        def test_dataloader(self):
            return self._dataloader()

    Use instead:
        def test_dataloader(self):
            return DataLoader(self.test_dataset, batch_size=self.batch_size)
    """

    code = "EVAL093"
    category = "EVAL-TRAIN"
    severity = Severity.WARNING
    message = ("`{hook}` returns `{text}`, the same data as `train_dataloader` (`{train}`): the {split} figures "
               "are computed on the training data")
    question = "Which held-out data should `{hook}` at {where} load instead of the training data?"
    triggers = ("train_dataloader",)
    examples = [
        invalid("""
            from datasets import load_dataset
            from lightning.pytorch import LightningDataModule
            from torch.utils.data import DataLoader

            class DataModule(LightningDataModule):
                def setup(self, stage="fit"):
                    self.dataset = load_dataset(self.path, split="train", streaming=True)

                def _dataloader(self, num_workers=None):
                    return DataLoader(self.dataset, batch_size=self.batch_size, num_workers=num_workers or 4)

                def train_dataloader(self, num_workers=None):
                    return self._dataloader(num_workers=num_workers)

                def test_dataloader(self, num_workers=None):
                    return self._dataloader(num_workers=num_workers)  # expect: EVAL093
        """),
        invalid("""
            import pytorch_lightning as pl
            from torch.utils.data import DataLoader

            class MNISTData(pl.LightningDataModule):
                def train_dataloader(self):
                    return DataLoader(self.mnist_train, batch_size=64, shuffle=True)

                def val_dataloader(self):
                    return self.train_dataloader()  # expect: EVAL093

                def test_dataloader(self):
                    return DataLoader(self.mnist_train, batch_size=256)  # expect: EVAL093
        """, note="the training hook called; a DataLoader over the training dataset"),
        valid("""
            import pytorch_lightning as pl
            from torch.utils.data import DataLoader

            class MNISTData(pl.LightningDataModule):
                def _loader(self, ds, shuffle=False):
                    return DataLoader(ds, batch_size=64, shuffle=shuffle)

                def train_dataloader(self):
                    return self._loader(self.mnist_train, shuffle=True)

                def val_dataloader(self):
                    return self._loader(self.mnist_val)

                def test_dataloader(self):
                    return DataLoader(self.mnist_test, batch_size=256)
        """, note="near miss: each hook loads its own split"),
    ]

    def visit_Module(self, node) -> None:
        if module_tree(self.ctx) is None:
            return
        for cls in module_nodes(self.ctx):
            if not isinstance(cls, ast.ClassDef):
                continue
            methods = {f.name: f for f in cls.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
            train = methods.get(TRAIN_HOOK)
            if train is None:
                continue
            train_returns = _returns(train)
            if len(train_returns) != 1:
                continue
            train_source = _source(train_returns[0])
            for hook in HELD_OUT_HOOKS:
                f = methods.get(hook)
                if f is None:
                    continue
                returns = _returns(f)
                if len(returns) != 1:
                    continue
                ret = returns[0]
                calls_train = isinstance(ret, ast.Call) and isinstance(ret.func, ast.Attribute) \
                    and ret.func.attr == TRAIN_HOOK and isinstance(ret.func.value, ast.Name) \
                    and ret.func.value.id == "self"
                if calls_train or _source(ret) == train_source:
                    self.ctx.report(type(self), None, line=ret.lineno, fields={
                        "hook": hook, "text": ast.unparse(ret), "train": ast.unparse(train_returns[0]),
                        "split": "validation" if hook.startswith("val") else "test"})
