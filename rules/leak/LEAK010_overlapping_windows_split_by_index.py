"""LEAK010: a dataset of overlapping windows split into training and evaluation parts by item index."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.modules import locate_defined
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid
from hygiene.walk import iter_nodes
from hygiene.analysis.names import call_tail

SPLITTERS = frozenset({"Subset", "random_split", "split_with_sizes", "train_test_split"})


def _text(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _terms(expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _terms(expr.left) + _terms(expr.right)
    return [expr]


def _window_slice(method: cst.FunctionDef) -> str | None:
    """`self.tokens[idx : idx + self.timeline_size + 1]` in `__getitem__(self, idx)`: the window's length
    (`self.timeline_size + 1`), when it is more than one row."""
    params = [p.name.value for p in method.params.params]
    if len(params) < 2:
        return None
    index = params[1]
    for node in iter_nodes(method.body):
        if not isinstance(node, cst.Subscript):
            continue
        for element in node.slice:
            piece = element.slice
            if not (isinstance(piece, cst.Slice) and isinstance(piece.lower, cst.Name) and piece.lower.value == index
                    and piece.upper is not None):
                continue
            terms = _terms(piece.upper)
            rest = [t for t in terms if not (isinstance(t, cst.Name) and t.value == index)]
            if len(rest) == len(terms) or not rest or all(isinstance(t, cst.Integer) for t in rest):
                continue
            return " + ".join(_text(t) for t in rest)
    return None


# Wrappers that keep the items of the arrays they are given.
_WRAPPERS = frozenset({"TensorDataset", "tensor", "as_tensor", "from_numpy", "array", "stack", "StackDataset"})


def _length_name(length: str) -> str:
    """`self.timeline_size + 1` -> "timeline_size": the name a split that leaves a gap mentions."""
    for part in length.split("+"):
        part = part.strip()
        if part and not part.isdigit():
            return part.rsplit(".", 1)[-1]
    return ""


class OverlappingWindowsSplitByIndex(Rule):
    """
    ## What it does
    Finds a dataset class whose item `i` is a window of consecutive rows starting at `i`
    (`__getitem__(self, idx)` returns `self.tokens[idx : idx + self.timeline_size + 1]`), so that
    neighbouring items share all but one row, split into training and validation or test parts by
    item index (`Subset(ds, indices)` over `split_with_sizes(arange(len(ds)), ...)`,
    `random_split(ds, [...])`) here or in another module, with no gap of a window's length between
    the parts (the split does not mention the window length). Datasets of separate records, and
    splits that leave the gap (`len(ds) - n_val - self.timeline_size`), are left alone. Windows stacked
    into arrays (`np.stack([series[i:i + w] for i in range(0, n - w, stride)])`, wrapped in a
    `TensorDataset`) with a stride shorter than the window, split with `random_split`, are the same.

    ## Why is this bad?
    Windows on either side of the cut share their rows: the last training windows contain the
    first validation rows (all of them when the split is random), so the validation loss, early
    stopping and the model chosen by it have seen the data they are judged on.

    ## Example
        class TimelineDataset(Dataset):
            def __getitem__(self, idx):
                return self.tokens[idx : idx + self.timeline_size + 1]

        dataset = TimelineDataset(path, timeline_size=2048)
        n_val = int(0.05 * len(dataset))
        train, val = (Subset(dataset, part) for part in
                      torch.split_with_sizes(torch.arange(len(dataset)), [len(dataset) - n_val, n_val]))

    Use instead:
        gap = dataset.timeline_size
        train = Subset(dataset, torch.arange(len(dataset) - n_val - gap))
        val = Subset(dataset, torch.arange(len(dataset) - n_val, len(dataset)))
    """

    code = "LEAK010"
    category = "LEAK-OVERLAP"
    severity = Severity.WARNING
    message = ("`{split}` splits `{dataset}` by item index, but its item `i` is the window starting at row `i` "
               "(`{window}` rows, {defined}): windows on both sides of the cut share rows, so the evaluation part "
               "holds rows the training part trains on")
    question = "Does the split at {where} leave a gap of a window's length between the parts of `{dataset}`?"
    triggers = ("__getitem__", "Subset", "random_split", "split_with_sizes")
    examples = [
        invalid("""
            import numpy as np
            import torch
            from torch.utils.data import TensorDataset, random_split

            series = np.load("accel.npy")
            starts = range(0, len(series) - 257, 32)
            X = torch.tensor(np.stack([series[i:i + 256] for i in starts]))
            y = torch.tensor(np.stack([series[i + 256] for i in starts]))
            ds = TensorDataset(X, y)
            train_ds, test_ds = random_split(ds, [0.8, 0.2])  # expect: LEAK010
        """, note="probe 13: windows of 256 rows every 32 rows, stacked into a dataset and split at random"),
        valid("""
            import numpy as np
            import torch
            from torch.utils.data import TensorDataset, random_split

            series = np.load("accel.npy")
            starts = range(0, len(series) - 257, 256)
            X = torch.tensor(np.stack([series[i:i + 256] for i in starts]))
            y = torch.tensor(np.stack([series[i + 256] for i in starts]))
            ds = TensorDataset(X, y)
            train_ds, test_ds = random_split(ds, [0.8, 0.2])
        """, note="near miss: the windows sit side by side (the stride is the window's length)"),
        invalid({
            "ehr/__init__.py": "",
            "ehr/datasets.py": """
                import torch
                from torch.utils.data import Dataset

                class TimelineDataset(Dataset):
                    def __init__(self, path, timeline_size=2048):
                        self.tokens = torch.load(path)
                        self.timeline_size = timeline_size

                    def __len__(self):
                        return len(self.tokens) - self.timeline_size

                    def __getitem__(self, idx):
                        timeline = self.tokens[idx : idx + self.timeline_size + 1]
                        return timeline[:-1], timeline[1:]
            """,
            "ehr/train.py": """
                import torch
                from torch.utils.data import Subset
                from .datasets import TimelineDataset

                def build(cfg):
                    dataset = TimelineDataset(cfg.data, cfg.timeline_size)
                    n_val = int(cfg.val_share * len(dataset))
                    train_set, val_set = (
                        Subset(dataset, indices=part)  # expect: LEAK010
                        for part in torch.split_with_sizes(torch.arange(len(dataset)), [len(dataset) - n_val, n_val])
                    )
                    return train_set, val_set
            """,
        }, note="held-out 7 (an EHR foundation model): the token windows split by contiguous index ranges"),
        valid({
            "ehr/__init__.py": "",
            "ehr/datasets.py": """
                import torch
                from torch.utils.data import Dataset

                class TimelineDataset(Dataset):
                    def __init__(self, path, timeline_size=2048):
                        self.tokens = torch.load(path)
                        self.timeline_size = timeline_size

                    def __len__(self):
                        return len(self.tokens) - self.timeline_size

                    def __getitem__(self, idx):
                        timeline = self.tokens[idx : idx + self.timeline_size + 1]
                        return timeline[:-1], timeline[1:]
            """,
            "ehr/train.py": """
                import torch
                from torch.utils.data import Subset
                from .datasets import TimelineDataset

                def build(cfg):
                    dataset = TimelineDataset(cfg.data, cfg.timeline_size)
                    n_val = int(cfg.val_share * len(dataset))
                    train_set = Subset(dataset, torch.arange(len(dataset) - n_val - dataset.timeline_size))
                    val_set = Subset(dataset, torch.arange(len(dataset) - n_val, len(dataset)))
                    return train_set, val_set
            """,
        }, note="the twin: a gap of one window's length between the parts"),
        invalid("""
            import numpy as np
            from torch.utils.data import Dataset, random_split

            class SensorWindows(Dataset):
                def __init__(self, signal, length=256):
                    self.signal = signal
                    self.length = length

                def __len__(self):
                    return len(self.signal) - self.length

                def __getitem__(self, i):
                    return self.signal[i:i + self.length]

            windows = SensorWindows(np.load("signal.npy"))
            train, test = random_split(windows, [0.8, 0.2])  # expect: LEAK010
        """, note="one module, a random split: almost every test window overlaps training windows"),
        valid("""
            import numpy as np
            from torch.utils.data import Dataset, random_split

            class Recordings(Dataset):
                def __init__(self, clips):
                    self.clips = clips

                def __len__(self):
                    return len(self.clips)

                def __getitem__(self, i):
                    return self.clips[i], self.clips[i + 1][:0]

            clips = Recordings(np.load("clips.npy", allow_pickle=True))
            train, test = random_split(clips, [0.8, 0.2])
        """, note="near miss: items are separate records"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._windows: dict[str, list] = {}  # class name -> [window length, line]
        self._made: dict[str, str] = {}  # variable -> qualified name of the call that made it
        self._making: dict[str, cst.Assign] = {}  # variable -> the assignment that made it
        self._splits: list[dict] = []
        self._ranges: dict[str, cst.Call] = {}  # `starts = range(0, n - w, stride)`
        self._stacked: dict[str, str] = {}  # variable -> window length: `np.stack([s[i:i + w] for i in starts])`

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        for statement in node.body.body:
            if isinstance(statement, cst.FunctionDef) and statement.name.value == "__getitem__":
                length = _window_slice(statement)
                if length is not None:
                    self._windows[node.name.value] = [length, self.ctx.line_of(node)]

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            target = node.targets[0].target.value
            if isinstance(node.value, cst.Call) and call_tail(node.value) == "range":
                self._ranges[target] = node.value
            length = self._stacked_windows(node.value)
            if length is not None:
                self._stacked[target] = length
            elif isinstance(node.value, cst.Call) and call_tail(node.value) in _WRAPPERS and any(
                    isinstance(a.value, cst.Name) and a.value.value in self._stacked for a in node.value.args):
                first = next(a.value.value for a in node.value.args if isinstance(a.value, cst.Name) and a.value.value in self._stacked)
                self._stacked[target] = self._stacked[first]  # `ds = TensorDataset(X, y)`
            else:
                self._stacked.pop(target, None)
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) and isinstance(node.value, cst.Call):
            callee = self.qualified_name(node.value.func)
            if callee and "()" not in callee:
                self._made[node.targets[0].target.value] = callee
                self._making[node.targets[0].target.value] = node

    def _stacked_windows(self, value: cst.BaseExpression) -> str | None:
        """The window length when `value` stacks overlapping windows of one sequence:
        `[series[i:i + w] for i in range(0, n - w, stride)]` (inside `np.stack`, `torch.tensor`, ...) whose
        stride is shorter than the window (or not the window's own length)."""
        for comp in iter_nodes(value):
            if not isinstance(comp, (cst.ListComp, cst.GeneratorExp)) or not isinstance(comp.for_in.target, cst.Name):
                continue
            index = comp.for_in.target.value
            source = comp.for_in.iter
            ranged = self._ranges.get(source.value) if isinstance(source, cst.Name) else source
            if not (isinstance(ranged, cst.Call) and call_tail(ranged) == "range"):
                continue
            for sub in iter_nodes(comp.elt):
                if not isinstance(sub, cst.Subscript):
                    continue
                piece = sub.slice[0].slice if len(sub.slice) == 1 else None
                if not (isinstance(piece, cst.Slice) and isinstance(piece.lower, cst.Name) and piece.lower.value == index
                        and piece.upper is not None):
                    continue
                rest = [t for t in _terms(piece.upper) if not (isinstance(t, cst.Name) and t.value == index)]
                if len(rest) != 1:
                    continue
                window = _text(rest[0])
                step = _text(ranged.args[2].value) if len(ranged.args) >= 3 else "1"
                if step == window or (step.isdigit() and window.isdigit() and int(step) >= int(window)):
                    continue  # windows side by side, no overlap
                return window
        return None

    def visit_Call(self, node: cst.Call) -> None:
        name = call_tail(node)
        if name not in ("Subset", "random_split") or not node.args or not isinstance(node.args[0].value, cst.Name):
            return
        dataset = node.args[0].value.value
        if name == "random_split" and dataset in self._stacked:
            self.report(node, split=name, dataset=dataset, window=self._stacked[dataset],
                        message="`{split}` splits `{dataset}` at random, but its items are overlapping windows of one "
                                "sequence (`{window}` rows each, starting a stride shorter than that apart): windows on "
                                "both sides of the split share rows, so the evaluation part was seen in training")
            return
        if dataset not in self._made or len(self._splits) >= 20:
            return
        function = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.FunctionDef)), None)
        scope = [function] if function is not None else [
            s for s in self.ctx.module.body if not isinstance(s, (cst.ClassDef, cst.FunctionDef))]
        made = self._making.get(dataset)
        skip = {id(n) for n in iter_nodes(made)} if made is not None else set()
        words = sorted({n.value for part in scope for n in iter_nodes(part)
                        if isinstance(n, cst.Name) and id(n) not in skip})[:400]
        own = self.ctx.names.module_name
        callee = self._made[dataset]
        local = callee[len(own) + 1:] if own and callee.startswith(own + ".") else callee if "." not in callee else None
        self._splits.append({"callee": callee, "local": local, "dataset": dataset, "line": self.ctx.line_of(node),
                             "split": name, "words": words})

    def finish(self) -> None:
        if self._windows or self._splits:
            self.ctx.facts[self.code] = {"windows": self._windows, "splits": self._splits}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        windows = {(path, name): w for path, facts in repo.facts(cls.code) for name, w in facts.get("windows", {}).items()}
        for path, facts in repo.facts(cls.code):
            for split in facts.get("splits", []):
                local = split.get("local")
                defined = (path, local) if local and (path, local) in windows else locate_defined(repo, split["callee"], path)
                if defined not in windows:  # re-exported by a package's `__init__`: the one class of that name
                    same = [k for k in windows if k[1] == split["callee"].rsplit(".", 1)[-1]]
                    defined = same[0] if len(same) == 1 else None
                if defined is None:
                    continue
                length, line = windows[defined]
                if _length_name(length) in split.get("words", ()):
                    continue  # the split's code reads the window's length: it leaves a gap
                repo.report(cls, path, split["line"], split=split["split"], dataset=split["dataset"], window=length,
                            defined=f"`{defined[1]}.__getitem__`",
                            related=[Location(defined[0], line, f"`{defined[1]}` windows its rows here")])
