"""EVAL010: a split's transform set on a dataset wrapper that ignores it, or on the dataset the other split shares."""
from __future__ import annotations

import json
from dataclasses import dataclass

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid

# torch's wrappers that take their items from another dataset and never read a `transform` of their own.
_SUBSET = frozenset({"torch.utils.data.Subset", "torch.utils.data.dataset.Subset"})
_RANDOM_SPLIT = frozenset({"torch.utils.data.random_split", "torch.utils.data.dataset.random_split"})
_CONCAT = frozenset({"torch.utils.data.ConcatDataset", "torch.utils.data.dataset.ConcatDataset"})
# The attributes a torchvision-style dataset applies to each item.
_TRANSFORM_ATTRIBUTES = frozenset({"transform", "target_transform", "transforms"})


def _notebook(cells: list[str]) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "execution_count": i + 1, "outputs": [], "source": c}
        for i, c in enumerate(cells)]})


@dataclass
class _Part:
    """A name bound to a wrapper: `val_ds` of `train_ds, val_ds = random_split(ds, ...)`."""
    name: str
    wrapper: str  # `Subset`, `random_split`, `ConcatDataset`
    base: str  # the code of the wrapped dataset
    group: tuple[str, str]  # parts of one group share their dataset
    line: int | None
    own_copy: bool = False  # `val_ds.dataset = copy.deepcopy(...)`: no longer shared


class TransformSetOnSplitWrapper(Rule):
    """
    ## What it does
    Finds a transform meant for one split that does not do what the code expects. (1) It is set as
    an attribute of a torch `Subset`, a `random_split` part or a `ConcatDataset`
    (`val_ds.transform = test_transform`): these wrappers never read a `transform` of their own,
    so the items still go through the wrapped dataset's transform. (2) It is set on the wrapped
    dataset of one split (`val_ds.dataset.transform = ...`) while another split made from the same
    dataset (the other `random_split` part, a second `Subset` of it, also parts returned by a helper of
    another module that returns `random_split(...)`) shares that object: both splits now use the
    transform set last. A split whose `.dataset` is first replaced by its own
    copy (`val_ds.dataset = copy.deepcopy(ds)`), a dataset class of the repository, and a wrapper
    that is given the transform (`TransformedDataset(val_ds, transform)`) are not reported.

    ## Why is this bad?
    In (1) the validation or test items are evaluated with the training transform, random crops
    and flips included, so the score changes from run to run and is not the score of the clean
    images; in (2) the training split silently loses its augmentation (or the evaluation split
    gains it). Nothing fails and the numbers look plausible.

    ## Example
        train_ds, val_ds = random_split(CIFAR10(root, transform=train_transform), [45000, 5000])
        val_ds.transform = test_transform

    Use instead:
        full = CIFAR10(root, transform=train_transform)
        plain = CIFAR10(root, transform=test_transform)
        idx = torch.randperm(len(full), generator=torch.Generator().manual_seed(seed))
        train_ds, val_ds = Subset(full, idx[:45000]), Subset(plain, idx[45000:])
    """

    code = "EVAL010"
    category = "EVAL-MODE"
    severity = Severity.ERROR
    message = "{what}"
    question = "Which transform do the items of `{name}` go through at {where}: the one set here, or another?"
    triggers = ("transform", "random_split")  # a helper returning random_split parts may name no transform
    examples = [
        invalid("""
            import random
            import torch
            from data import all_datasets

            def main(final_model):
                input_size, num_classes, dataset, test_dataset = all_datasets["CIFAR10"]()
                idx = list(range(len(dataset)))
                random.shuffle(idx)
                if final_model:
                    train_dataset, val_dataset = dataset, test_dataset
                else:
                    val_size = int(len(dataset) * 0.8)
                    train_dataset = torch.utils.data.Subset(dataset, idx[:val_size])
                    val_dataset = torch.utils.data.Subset(dataset, idx[val_size:])
                    val_dataset.transform = test_dataset.transform  # expect: EVAL010
                return train_dataset, val_dataset
        """, note="a Subset never reads `.transform`: validation keeps the training augmentation"),
        invalid("""
            from torch.utils.data import random_split
            from torchvision import datasets
            from transforms import build_train_transforms, build_val_transforms

            def make_splits(cfg):
                full_ds = datasets.ImageFolder(cfg.dataset_dir, transform=build_train_transforms(cfg.size))
                n_val = int(len(full_ds) * 0.1)
                train_ds, val_ds = random_split(full_ds, [len(full_ds) - n_val, n_val])
                val_ds.dataset.transform = build_val_transforms(cfg.size)  # expect: EVAL010
                return train_ds, val_ds
        """, note="both parts share `full_ds`: the training split loses its augmentation"),
        invalid({"prep.ipynb": _notebook([
            "import torch.utils.data as tud\nfrom torchvision import datasets, transforms as T",
            "aug = T.Compose([T.RandomResizedCrop(224), T.ToTensor()])\nplain = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor()])\n"
            "ds = datasets.ImageFolder('images', transform=aug)\nkeep = list(range(len(ds)))",
            "tr = tud.Subset(ds, keep[:800])\nte = tud.Subset(ds, keep[800:])",
            "te.dataset.transform = plain",
        ])}, expect=[("prep.ipynb", 9, "EVAL010")], note="notebook cells; two Subsets of one dataset"),
        valid({"prep.ipynb": _notebook([
            "import copy\nimport torch.utils.data as tud\nfrom torchvision import datasets, transforms as T",
            "aug = T.Compose([T.RandomResizedCrop(224), T.ToTensor()])\nplain = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor()])\n"
            "ds = datasets.ImageFolder('images', transform=aug)\nkeep = list(range(len(ds)))",
            "tr = tud.Subset(ds, keep[:800])\nte = tud.Subset(copy.deepcopy(ds), keep[800:])",
            "te.dataset.transform = plain",
        ])}, note="near miss: the same cells, the test Subset wraps its own copy of the dataset"),
        invalid({
            "data/__init__.py": "",
            "data/splits.py": """
                from torch.utils.data import random_split

                def split(full_ds, n_val):
                    return random_split(full_ds, [len(full_ds) - n_val, n_val])
            """,
            "train.py": """
                from torchvision import datasets, transforms as T
                from data.splits import split

                train_tf = T.Compose([T.RandomHorizontalFlip(), T.ToTensor()])
                eval_tf = T.ToTensor()
                full = datasets.CIFAR10("cifar", train=True, download=True, transform=train_tf)
                train_ds, val_ds = split(full, 5000)
                val_ds.dataset.transform = eval_tf  # expect: EVAL010
            """,
        }, note="across modules: the split made by a helper of a data module; the caller sets the validation "
                "transform on the shared dataset"),
        valid({
            "data/__init__.py": "",
            "data/splits.py": """
                import copy
                from torch.utils.data import random_split

                def split(full_ds, n_val, eval_tf):
                    train_ds, val_ds = random_split(full_ds, [len(full_ds) - n_val, n_val])
                    val_ds.dataset = copy.deepcopy(full_ds)
                    val_ds.dataset.transform = eval_tf
                    return train_ds, val_ds
            """,
            "train.py": """
                from torchvision import datasets, transforms as T
                from data.splits import split

                train_tf = T.Compose([T.RandomHorizontalFlip(), T.ToTensor()])
                eval_tf = T.ToTensor()
                full = datasets.CIFAR10("cifar", train=True, download=True, transform=train_tf)
                train_ds, val_ds = split(full, 5000, eval_tf)
            """,
        }, note="near miss of the same layout: the helper gives the validation part its own copy first"),
        valid("""
            import copy
            from torch.utils.data import random_split

            def make_splits(full_ds, val_transform, n_val):
                train_ds, val_ds = random_split(full_ds, [len(full_ds) - n_val, n_val])
                val_ds.dataset = copy.deepcopy(full_ds)
                val_ds.dataset.transform = val_transform
                return train_ds, val_ds
        """, note="the validation part gets its own copy of the dataset first"),
        valid("""
            from torch.utils.data import Subset
            from torchvision import datasets

            def splits(root, idx, train_tf, test_tf):
                train = Subset(datasets.CIFAR10(root, transform=train_tf), idx[:45000])
                val = Subset(datasets.CIFAR10(root, transform=test_tf), idx[45000:])
                test = datasets.CIFAR10(root, train=False)
                test.transform = test_tf
                ood = datasets.SVHN(root, split="test")
                ood.transform = test.transform
                return train, val, test, ood
        """, note="the transform is set on the dataset objects themselves, one per split"),
        valid("""
            from torch.utils.data import Subset
            from mydata import Subset as OwnSubset

            def only_val(ds, idx, tf):
                val = Subset(ds, idx)
                val.dataset.transform = tf
                mine = OwnSubset(ds, idx)
                mine.transform = tf
                print(val.transform if hasattr(val, "transform") else None)
                return val, mine
        """, note="one split of `ds` only (nothing shares it), and a repository class that may read its own transform"),
        valid("""
            from torch.utils.data import random_split
            from wrappers import TransformedDataset

            def make(ds, n, train_tf, val_tf):
                train_ds, val_ds = random_split(ds, [len(ds) - n, n])
                train_ds = TransformedDataset(train_ds, train_tf)
                val_ds = TransformedDataset(val_ds, val_tf)
                val_ds.transform = val_tf
                return train_ds, val_ds
        """, note="the parts are wrapped by a class that applies the transform"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._parts: dict[tuple[str, str], _Part] = {}
        self._unpacked: dict[tuple[str, str], tuple[str, list[str]]] = {}  # name -> (function called, its siblings)
        self._splitters: list[str] = []  # functions of this module that return the parts of one random_split
        self._pending: list[dict] = []

    def visit_Return(self, node: cst.Return) -> None:
        """`return random_split(ds, ...)` (or its parts, unchanged) in a module-level function: callers in
        other modules get parts that share one dataset."""
        function = self.ctx.names.function
        if function is None or node.value is None or any(isinstance(p, cst.ClassDef) for p in self.ctx.parents):
            return
        value = node.value
        shared = isinstance(value, cst.Call) and _wrapper(self.qualified_name(value.func)) == "random_split"
        if isinstance(value, cst.Tuple) and len(value.elements) > 1:
            scope = self.ctx.names.scope_path()
            parts = [self._parts.get((scope, _dotted(e.value) or "")) for e in value.elements]
            shared = all(p is not None and p.wrapper == "random_split" and not p.own_copy for p in parts) \
                and len({p.group for p in parts if p is not None}) == 1
        module = self.ctx.names.module_name
        if shared:
            self._splitters.append(f"{module}.{function.name.value}" if module else function.name.value)

    def finish(self) -> None:
        if self._splitters or self._pending:
            self.ctx.facts[self.code] = {"splitters": self._splitters, "pending": self._pending[:20]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """`train_ds, val_ds = split(full, n)` with `split` in another module returning `random_split(...)`,
        then `val_ds.dataset.transform = ...`: both parts share the dataset."""
        splitters = {fn for _, facts in repo.facts(cls.code) for fn in facts.get("splitters", [])}
        for path, facts in repo.facts(cls.code):
            for site in facts.get("pending", []):
                if site["fn"] not in splitters:
                    continue
                others = ", ".join(f"`{o}`" for o in site["others"])
                what = (f"`{site['code']} = ...` replaces the transform of the dataset that {others} shares "
                        f"(`{site['fn'].rsplit('.', 1)[-1]}` returns the parts of one `random_split`): the items "
                        f"of {others} go through this transform too")
                repo.report(cls, path, site["line"], what=what, name=site["name"])

    def visit_Assign(self, node: cst.Assign) -> None:
        scope = self.ctx.names.scope_path()
        for target in node.targets:
            self._check_target(node, scope, target.target)
        self._bind(node, scope)

    def _bind(self, node: cst.Assign, scope: str) -> None:
        """Record (or forget) the names the assignment binds to wrappers."""
        value = node.value
        name = self.qualified_name(value.func) if isinstance(value, cst.Call) else None
        wrapper = _wrapper(name)
        line = None  # a position generates the statement's code: only for an assignment kept (issue 12)
        for target in node.targets:
            names = _names(target.target)
            for bound in names:
                self._parts.pop((scope, bound), None)
                self._unpacked.pop((scope, bound), None)
            if not wrapper and name and isinstance(value, cst.Call) and len(names) > 1 \
                    and isinstance(target.target, (cst.Tuple, cst.List)):
                for bound in names:  # parts returned by a function of the repo, maybe of one random_split
                    self._unpacked[(scope, bound)] = (name, [n for n in names if n != bound])
            if not wrapper or not isinstance(value, cst.Call) or not value.args or value.args[0].keyword:
                continue
            base = self.ctx.code(value.args[0].value)
            if wrapper == "random_split" and len(names) > 1 and isinstance(target.target, (cst.Tuple, cst.List)):
                line = self.ctx.line_of(node) if line is None else line
                group = ("split", f"{line}:{base}")
            elif wrapper != "random_split" and len(names) == 1 and not isinstance(target.target, (cst.Tuple, cst.List)):
                group = ("base", base)
            else:
                continue
            if line is None:
                line = self.ctx.line_of(node)
            for bound in names:
                self._parts[(scope, bound)] = _Part(bound, wrapper, base, group, line)

    def _check_target(self, node: cst.Assign, scope: str, target: cst.BaseAssignTargetExpression) -> None:
        if not isinstance(target, cst.Attribute):
            return
        attribute = target.attr.value
        holder = target.value
        part = self._parts.get((scope, _dotted(holder) or ""))
        if part is not None:
            if attribute == "dataset":
                part.own_copy = True
            elif attribute in _TRANSFORM_ATTRIBUTES:
                self._report_ignored(node, target, part)
            return
        if attribute in _TRANSFORM_ATTRIBUTES and isinstance(holder, cst.Attribute) and holder.attr.value == "dataset":
            part = self._parts.get((scope, _dotted(holder.value) or ""))
            unpacked = self._unpacked.get((scope, _dotted(holder.value) or ""))
            if part is None and unpacked is not None:
                self._pending.append({"fn": unpacked[0], "others": unpacked[1], "name": _dotted(holder.value),
                                      "code": self.ctx.code(target), "line": self.ctx.line_of(node)})
            if part is None or part.own_copy or part.wrapper == "ConcatDataset":
                return
            siblings = [p for (where, _), p in self._parts.items()
                        if where == scope and p.group == part.group and p.name != part.name and not p.own_copy]
            if siblings:
                self._report_shared(node, target, part, siblings)

    def _report_ignored(self, node: cst.Assign, target: cst.Attribute, part: _Part) -> None:
        code = self.ctx.code(target)
        wrapper = "`Subset` (a part of `random_split`)" if part.wrapper == "random_split" else f"`{part.wrapper}`"
        what = (f"`{code} = ...` sets an attribute that a torch {wrapper} never reads: the items of "
                f"`{part.name}` still go through the transform of `{part.base}`, and the one set here is never applied")
        self.report(node, what=what, name=part.name,
                    related=[Location(self.ctx.path, part.line, f"`{part.name}` made by `{part.wrapper}` here")])

    def _report_shared(self, node: cst.Assign, target: cst.Attribute, part: _Part, siblings: list[_Part]) -> None:
        code = self.ctx.code(target)
        others = ", ".join(f"`{p.name}`" for p in siblings)
        what = (f"`{code} = ...` replaces the transform of `{part.base}`, which {others} shares "
                f"(`{part.wrapper}` at line {part.line}): the items of {others} go through this transform too")
        self.report(node, what=what, name=part.name,
                    related=[Location(self.ctx.path, part.line, f"the splits of `{part.base}` are made here")])


def _wrapper(name: str | None) -> str | None:
    if name in _SUBSET:
        return "Subset"
    if name in _RANDOM_SPLIT:
        return "random_split"
    if name in _CONCAT:
        return "ConcatDataset"
    return None


def _names(target: cst.BaseAssignTargetExpression) -> list[str]:
    """The names (`val_ds`) and attribute chains (`self.val_ds`) an assignment binds."""
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements if (name := _dotted(element.value))]
    name = _dotted(target)
    return [name] if name else []


def _dotted(expr: cst.BaseExpression) -> str | None:
    """`val_ds` or `self.val_ds`; None for anything else (a subscript, a call)."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        inner = _dotted(expr.value)
        return f"{inner}.{expr.attr.value}" if inner else None
    return None
