"""SEED014: two unsorted directory listings paired item by item by their positions."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes

LISTINGS = frozenset({"listdir", "glob", "iglob", "iterdir", "rglob", "scandir"})


def _tail(call: cst.Call) -> str:
    func = call.func
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


def _listing(expr: cst.BaseExpression) -> cst.Call | None:
    """The listing call whose order `expr` keeps: `os.listdir(d)`, `list(p.iterdir())`,
    `[f for f in os.listdir(d) if f.endswith(".npy")]`; None when it is sorted (`sorted(...)`)."""
    if isinstance(expr, cst.Call):
        tail = _tail(expr)
        if tail in LISTINGS:
            return expr
        if tail == "list" and len(expr.args) == 1:
            return _listing(expr.args[0].value)
        return None
    if isinstance(expr, (cst.ListComp, cst.GeneratorExp)) and isinstance(expr.for_in, cst.CompFor) \
            and expr.for_in.inner_for_in is None:
        return _listing(expr.for_in.iter)
    return None


class ListingsPairedByPosition(Rule):
    """
    ## What it does
    Finds two directory listings (`os.listdir`, `glob.glob`, `Path.iterdir`/`glob`) of different
    folders, neither sorted, whose items are then paired by position: read with the same index
    (`self.features_files[idx]` and `self.labels_files[idx]` in a dataset's `__getitem__`) or
    zipped (`zip(images, masks)`). A listing sorted where it is made (`sorted(os.listdir(d))`) or
    later (`names.sort()`, `names = sorted(names)`), two listings of the same folder, and one
    listing whose file names are mapped to the other folder (`os.path.join(mask_dir, name)`), and
    constant positions (`subtask_logs[0]` after checking that one file matched) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `self.features_files = os.listdir(features_dir)`, `self.labels_files = os.listdir(labels_dir)`, both `[idx]` (class) | yes | `sorted(os.listdir(...))` |
    | `imgs = glob.glob("img/*.png")`, `masks = glob.glob("mask/*.png")`, `zip(imgs, masks)` (script) | yes | `masks = [p.replace("img", "mask") for p in imgs]` |
    | `xs = list(Path("x").iterdir())`, `ys = list(Path("y").iterdir())`, `xs[i]`, `ys[i]` (notebook) | yes | `xs.sort(); ys.sort()` |

    ## Why is this bad?
    A listing's order is whatever the file system returns: it differs between machines, file
    systems and copies of the data, and two folders need not list in the same order even with the
    same file names. Features are trained with another item's label, images scored against another
    image's mask; the code runs, the loss falls a little, and the numbers are wrong or change when
    the data is copied.

    ## Example
        self.features_files = os.listdir(features_dir)
        self.labels_files = os.listdir(labels_dir)
        ...
        feature_file = self.features_files[idx]
        label_file = self.labels_files[idx]

    Use instead:
        self.features_files = sorted(os.listdir(features_dir))
        self.labels_files = sorted(os.listdir(labels_dir))
    """

    code = "SEED014"
    category = "SEED-ORDER"
    severity = Severity.ERROR
    message = ("`{first}` and `{second}` are two unsorted listings of different folders, paired by position at line "
               "{pair}: which item goes with which depends on the order the file system lists them in")
    question = "Do `{first}` and `{second}` (paired at line {pair}) list their folders in the same order on every machine?"
    triggers = ("listdir", "glob", "iterdir", "scandir")
    requires = LISTINGS  # a listing is a call whose last part is one of these names (`_listing`)
    examples = [
        invalid("""
            import os
            import numpy as np
            import torch
            from torch.utils.data import Dataset

            class CustomDataset(Dataset):
                def __init__(self, features_dir, labels_dir):
                    self.features_dir = features_dir
                    self.labels_dir = labels_dir
                    self.features_files = os.listdir(features_dir)  # expect: SEED014
                    self.labels_files = os.listdir(labels_dir)

                def __len__(self):
                    return len(self.features_files)

                def __getitem__(self, idx):
                    feature_file = self.features_files[idx]
                    label_file = self.labels_files[idx]
                    features = np.load(os.path.join(self.features_dir, feature_file))
                    labels = np.load(os.path.join(self.labels_dir, label_file))
                    return torch.from_numpy(features), torch.from_numpy(labels)
        """),
        valid("""
            import os
            import numpy as np
            from torch.utils.data import Dataset

            class CustomDataset(Dataset):
                def __init__(self, features_dir, labels_dir):
                    self.features_files = sorted(os.listdir(features_dir))
                    self.labels_files = sorted(os.listdir(labels_dir))
                    self.dirs = (features_dir, labels_dir)

                def __getitem__(self, idx):
                    return (np.load(os.path.join(self.dirs[0], self.features_files[idx])),
                            np.load(os.path.join(self.dirs[1], self.labels_files[idx])))
        """, note="near miss: both listings sorted"),
        invalid("""
            import glob
            import numpy as np

            images = glob.glob("data/images/*.png")  # expect: SEED014
            masks = glob.glob("data/masks/*.png")
            scores = [dice(predict(load(i)), load(m)) for i, m in zip(images, masks)]
            print(np.mean(scores))
        """, note="a script: the listings zipped"),
        valid("""
            import glob
            import os

            images = glob.glob("data/images/*.png")
            masks = [os.path.join("data/masks", os.path.basename(p)) for p in images]
            scores = [dice(predict(load(i)), load(m)) for i, m in zip(images, masks)]
            a = glob.glob("runs/*.json")
            b = glob.glob("runs/*.json")
            pairs = list(zip(a, b))
            seed_logs = glob.glob("logs/seed*/samples_*.jsonl")
            task_logs = glob.glob("logs/task*/samples_*.jsonl")
            assert len(seed_logs) == len(task_logs) == 1
            paths = [seed_logs[0], task_logs[0]]
        """, note="near miss: the second list derived from the first by name; one folder listed twice"),
        invalid({"pairs.ipynb": notebook(
            """
            from pathlib import Path
            xs = list(Path("x").iterdir())  # expect: SEED014
            ys = list(Path("y").iterdir())
            """,
            """
            for i in range(len(xs)):
                show(xs[i], ys[i])
            """,
        )}, note="notebook: `Path.iterdir`, indexed in a later cell"),
        valid({"pairs.ipynb": notebook(
            """
            from pathlib import Path
            xs = list(Path("x").iterdir())
            ys = list(Path("y").iterdir())
            xs.sort()
            ys = sorted(ys)
            """,
            """
            for i in range(len(xs)):
                show(xs[i], ys[i])
            """,
        )}, note="near miss (notebook): both sorted afterwards"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        listings: dict[str, tuple[cst.CSTNode, str]] = {}  # target code -> (assignment, listed folder code)
        sorted_later: set[str] = set()
        for n in iter_nodes(node):
            if isinstance(n, cst.Assign) and len(n.targets) == 1 and isinstance(n.targets[0].target, (cst.Name, cst.Attribute)):
                key = self.ctx.code(n.targets[0].target).strip()
                call = _listing(n.value)
                if call is not None:
                    if key not in listings:
                        listings[key] = (n, self.ctx.code(call).strip())
                elif key in listings and isinstance(n.value, cst.Call) and _tail(n.value) == "sorted":
                    sorted_later.add(key)
            elif isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value == "sort":
                sorted_later.add(self.ctx.code(n.func.value).strip())
        keys = {k for k in listings if k not in sorted_later}
        if len(keys) < 2:
            return
        pair = self._pairing(node, keys, listings)
        if pair is None:
            return
        first, second, where = pair
        a, b = sorted((first, second), key=lambda k: self.ctx.line_of(listings[k][0]) or 0)
        self.report(listings[a][0], related=[Location(self.ctx.path, self.ctx.line_of(listings[b][0]), "the other listing"),
                                             Location(self.ctx.path, self.ctx.line_of(where), "where they are paired")],
                    first=a, second=b, pair=self.ctx.line_of(where) or "?")

    def _pairing(self, module: cst.Module, keys: set[str],
                 listings: dict[str, tuple[cst.CSTNode, str]]) -> tuple[str, str, cst.CSTNode] | None:
        def differ(a: str, b: str) -> bool:
            return listings[a][1] != listings[b][1]

        by_function: list[cst.CSTNode] = [n for n in iter_nodes(module) if isinstance(n, cst.FunctionDef)] + [module]
        for scope in by_function:
            indexed: dict[str, list[tuple[str, cst.CSTNode]]] = {}
            for n in iter_nodes(scope):
                if isinstance(n, cst.Call) and isinstance(n.func, cst.Name) and n.func.value == "zip":
                    zipped = [self.ctx.code(a.value).strip() for a in n.args]
                    hits = [z for z in zipped if z in keys]
                    for i, a in enumerate(hits):
                        for b in hits[i + 1:]:
                            if a != b and differ(a, b):
                                return a, b, n
                elif isinstance(n, cst.Subscript) and len(n.slice) == 1 and isinstance(n.slice[0].slice, cst.Index):
                    key = self.ctx.code(n.value).strip()
                    value = n.slice[0].slice.value
                    literal = isinstance(value, (cst.Integer, cst.SimpleString)) or (
                        isinstance(value, cst.UnaryOperation) and isinstance(value.expression, cst.Integer))
                    if key in keys and not literal:  # `logs[0]` of a one-file listing pairs nothing
                        index = self.ctx.code(value).strip()
                        indexed.setdefault(index, []).append((key, n))
            for index, uses in indexed.items():
                names = []
                for key, n in uses:
                    if key not in names:
                        names.append(key)
                for i, a in enumerate(names):
                    for b in names[i + 1:]:
                        if differ(a, b):
                            return a, b, next(n for k, n in uses if k == b)
        return None
