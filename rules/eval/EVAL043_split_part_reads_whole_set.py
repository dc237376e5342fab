"""EVAL043: the parts of a `random_split` read back through `.dataset`, the whole set they were cut from."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.dataflow import knowledge as kb
from hygiene.analysis.names import call_tail
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import walk_scope

_SPLITTERS = frozenset({"random_split"})
# Calls that read a set's size, type or attributes, not its rows.
_NOT_ROWS = frozenset({"len", "type", "isinstance", "getattr", "hasattr", "print", "id", "repr", "str"})


def _part_names(node: cst.Assign) -> list[str]:
    if len(node.targets) != 1 or not isinstance(node.value, cst.Call):
        return []
    if call_tail(node.value) not in _SPLITTERS:
        return []
    target = node.targets[0].target
    if not isinstance(target, (cst.Tuple, cst.List)):
        return []
    return [e.value.value for e in target.elements if isinstance(e.value, cst.Name)]


def _whole(expr: cst.BaseExpression, parts: set[str]) -> str | None:
    """`part` when `expr` is `part.dataset`."""
    if isinstance(expr, cst.Attribute) and expr.attr.value == "dataset" and isinstance(expr.value, cst.Name) \
            and expr.value.value in parts:
        return expr.value.value
    return None


class SplitPartReadsWholeSet(Rule):
    """
    ## What it does
    Finds the parts of a `torch.utils.data.random_split` (`train_dataset, valid_dataset =
    random_split(data, [n_train, n_valid])`) whose rows are read back through their `.dataset`
    attribute: `train_dataset.dataset[:, :n_genes]`, `DataLoader(valid_dataset.dataset)`,
    `for x in valid_dataset.dataset`. A `Subset`'s `.dataset` is the whole set it was cut from, so
    the split has no effect. It is reported at the evaluation part's read when there is one (a
    validation or test figure on every row, the training rows among them), else at the first. Reading
    the whole set's size or attributes (`len(part.dataset)`, `part.dataset.classes`), and the parts
    themselves (`part[i]`, `DataLoader(part)`), are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `exp_valid = torch.from_numpy(valid_dataset.dataset[:, :n].astype(np.float32))` (function) | yes | `valid_dataset[:, :n]` on a materialised part |
    | `val_loader = DataLoader(val_set.dataset, batch_size=64)` (script) | yes | `DataLoader(val_set, batch_size=64)` |
    | `for x, y in test_part.dataset:` (notebook) | yes | `test_part.dataset.classes` |

    ## Why is this bad?
    Both "parts" are the full data: the model trains on every row, and the validation accuracy,
    the early stopping and the reported figure are computed on rows the model was trained on. The
    split line reads as if it held data out, so nothing looks wrong.

    ## Example
        train_dataset, valid_dataset = torch.utils.data.random_split(data, [n_train, len(data) - n_train])
        x_valid = valid_dataset.dataset[:, :-1]

    Use instead:
        x_valid = data[valid_dataset.indices, :-1]
    """

    code = "EVAL043"
    category = "EVAL-TRAIN"
    severity = Severity.ERROR
    message = ("`{text}` reads `{part}.dataset`, the whole set `{part}` was cut from by `random_split` at line {line}, "
               "not the part: the {what} rows include every other part's")
    question = "Should `{text}` at {where} read the rows of `{part}` (its `.indices`) rather than `{part}.dataset`, the whole set?"
    triggers = ("random_split",)
    examples = [
        invalid("""
            import numpy as np
            import torch

            def splitDataSet(adata, label_name="Celltype", tr_ratio=0.7):
                el_data = np.asarray(adata.X)
                n_genes = el_data.shape[1] - 1
                train_size = int(len(el_data) * tr_ratio)
                train_dataset, valid_dataset = torch.utils.data.random_split(el_data, [train_size, len(el_data) - train_size])
                exp_train = torch.from_numpy(train_dataset.dataset[:, :n_genes].astype(np.float32))
                label_train = torch.from_numpy(train_dataset.dataset[:, -1].astype(np.int64))
                exp_valid = torch.from_numpy(valid_dataset.dataset[:, :n_genes].astype(np.float32))  # expect: EVAL043
                label_valid = torch.from_numpy(valid_dataset.dataset[:, -1].astype(np.int64))
                return exp_train, label_train, exp_valid, label_valid
        """),
        valid("""
            import numpy as np
            import torch

            def splitDataSet(el_data, tr_ratio=0.7):
                train_size = int(len(el_data) * tr_ratio)
                train_dataset, valid_dataset = torch.utils.data.random_split(el_data, [train_size, len(el_data) - train_size])
                train_rows = np.asarray(train_dataset)
                valid_rows = el_data[valid_dataset.indices]
                print(len(train_dataset.dataset), train_dataset.dataset.shape)
                return train_rows, valid_rows
        """, note="near miss: the parts' own rows; the whole set's size printed"),
        invalid("""
            from torch.utils.data import DataLoader, random_split

            train_set, val_set = random_split(full, [50_000, 10_000])
            train_loader = DataLoader(train_set, batch_size=64, shuffle=True)
            val_loader = DataLoader(val_set.dataset, batch_size=64)  # expect: EVAL043
        """, note="a script: the validation loader over the whole set"),
        invalid({"explore.ipynb": notebook(
            """
            from torch.utils.data import random_split
            train_part, test_part = random_split(ds, [0.8, 0.2])
            """,
            """
            correct = 0
            for x, y in test_part.dataset:  # expect: EVAL043
                correct += int(model(x).argmax() == y)
            """,
        )}, note="notebook: the test part iterated through `.dataset`"),
        valid({"explore.ipynb": notebook(
            """
            from torch.utils.data import random_split
            train_part, test_part = random_split(ds, [0.8, 0.2])
            names = test_part.dataset.classes
            """,
            """
            for x, y in test_part:
                print(names[y])
            """,
        )}, note="near miss (notebook): the whole set's class names; the part iterated itself"),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scope(node.body)

    def visit_Module(self, node: cst.Module) -> None:
        self._scope(node)

    def _scope(self, root: cst.CSTNode) -> None:
        splits: dict[str, cst.Assign] = {}
        reads: list[tuple[cst.CSTNode, str]] = []
        for node in walk_scope(root):
            if isinstance(node, cst.Assign):
                for part in _part_names(node):
                    splits[part] = node
            parts = set(splits)
            if not parts:
                continue
            if isinstance(node, cst.Subscript):
                part = _whole(node.value, parts)
                if part:
                    reads.append((node, part))
            elif isinstance(node, cst.Call) and call_tail(node) not in _NOT_ROWS:
                for arg in node.args:
                    part = _whole(arg.value, parts)
                    if part:
                        reads.append((node, part))
            elif isinstance(node, cst.For):
                part = _whole(node.iter, parts)
                if part:
                    reads.append((node.iter, part))
        if not reads:
            return
        evaluation = [(n, p) for n, p in reads if kb.name_role(p) in ("test", "val")]
        node, part = (evaluation or reads)[0]
        split = splits[part]
        role = kb.name_role(part)
        self.report(node, related=[Location(self.ctx.path, self.ctx.line_of(split), "the split")],
                    text=self.ctx.code(node).strip().split("\n")[0][:80], part=part, line=self.ctx.line_of(split) or "?",
                    what={"test": "test", "val": "validation", "train": "training"}.get(role or "", "part's"))
