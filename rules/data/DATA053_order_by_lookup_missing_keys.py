"""DATA053: rows put in another source's order through a lookup that may miss some of them."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.names import dotted
from hygiene.analysis.order_syntax import _names_in
from hygiene.discovery import is_test_path
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook

# A later statement that checks the order or the lookup's misses.
CHECKS = re.compile(r"\bassert\b|\.isna\(|\.isnull\(|\.notna\(|\.notnull\(|\.dropna\(|\.hasnans\b|\braise\b")


class OrderByLookupMissingKeys(Rule):
    """
    ## What it does
    Finds a data frame sorted into the order of another source through a lookup table:
    `df.sort_values("question", key=lambda s: s.map({q: i for i, q in enumerate(other_order)}))`,
    or a column filled by `df["pos"] = df["question"].map(position)` and then sorted on, where the
    lookup is a dict built from another collection than the frame (a second copy of the dataset,
    the order activations were saved in), and nothing after the lookup in the same function checks
    the result or the misses (`assert list(df["question"]) == other_order`, `isna()`, `dropna()`, a `raise`).

    A lookup built from the frame's own column (every key is there), a lookup that raises on a
    missing key (`lambda s: s.map(order.index)`), and sorts followed by a check are not reported.

    ## Why is this bad?
    A key the lookup lacks (a question reworded between two versions of a dataset, a trailing
    space) maps to NaN, and pandas puts NaN keys last without a word. The frame keeps all its rows
    but no longer in the other source's order: every row after the first miss is paired by position
    with another item's activations, labels or predictions, and the scores are computed on
    mismatched pairs.

    ## Example
        order = {q: i for i, q in enumerate(hf_dataset["question"])}
        df = df.sort_values("Question", key=lambda s: s.map(order))
        folds = np.array_split(np.arange(len(df)), 2)

    Use instead:
        df = df.sort_values("Question", key=lambda s: s.map(order))
        assert list(df["Question"]) == list(hf_dataset["question"]), "csv and dataset differ"
    """

    code = "DATA053"
    category = "DATA-UNEXAMINED"
    severity = Severity.WARNING
    message = ("`{frame}` is sorted into the order of `{source}` through the lookup `{lookup}`: a row whose key "
               "the lookup lacks gets NaN and goes last silently, and rows paired by position no longer match")
    question = "Does every key of `{frame}` appear in `{source}` at {where}, or do some rows lose their place?"
    triggers = ("sort_values",)
    examples = [
        invalid("""
            import numpy as np
            import pandas as pd
            from datasets import load_dataset

            df = pd.read_csv("TruthfulQA.csv")
            hf = load_dataset("truthful_qa", "multiple_choice")["validation"]
            golden = list(hf["question"])
            df = df.sort_values(by="Question", key=lambda x: x.map({k: i for i, k in enumerate(golden)}))  # expect: DATA053
            folds = np.array_split(np.arange(len(df)), 2)
        """),
        invalid("""
            import pandas as pd

            def align(frame, saved_ids):
                position = {pid: i for i, pid in enumerate(saved_ids)}
                frame["pos"] = frame["prompt_id"].map(position)  # expect: DATA053
                frame = frame.sort_values("pos").reset_index(drop=True)
                return frame["label"].to_numpy()
        """, note="a position column, then a sort on it"),
        valid("""
            import pandas as pd
            from datasets import load_dataset

            df = pd.read_csv("TruthfulQA.csv")
            hf = load_dataset("truthful_qa", "multiple_choice")["validation"]
            golden = list(hf["question"])
            df = df.sort_values(by="Question", key=lambda x: x.map({k: i for i, k in enumerate(golden)}))
            assert list(df["Question"]) == golden
        """, note="near miss: the order is checked after the sort"),
        valid("""
            import pandas as pd

            def by_first_seen(frame):
                first = {k: i for i, k in enumerate(frame["topic"].unique())}
                return frame.sort_values("topic", key=lambda s: s.map(first))
        """, note="near miss: the lookup is built from the frame's own column"),
        valid("""
            import pandas as pd

            def in_saved_order(frame, saved_ids):
                return frame.sort_values("pid", key=lambda s: s.map(saved_ids.index))
        """, note="near miss: `list.index` raises on a missing key"),
        invalid({"align.ipynb": notebook(
            """
            import pandas as pd
            from datasets import load_dataset
            df = pd.read_csv("TruthfulQA.csv")
            order = list(load_dataset("truthful_qa", "generation")["validation"]["question"])
            """,
            """
            df = df.sort_values(by="Question", key=lambda s: s.map({q: i for i, q in enumerate(order)}))  # expect: DATA053
            acts = np.load("acts.npy")
            """,
        )}, note="notebook: the other order read in one cell, the frame sorted through it in the next"),
        valid({"align.ipynb": notebook(
            """
            import pandas as pd
            from datasets import load_dataset
            df = pd.read_csv("TruthfulQA.csv")
            order = list(load_dataset("truthful_qa", "generation")["validation"]["question"])
            """,
            """
            position = {q: i for i, q in enumerate(order)}
            assert df["Question"].isin(position).all(), "questions missing from the saved order"
            df = df.sort_values(by="Question", key=lambda s: s.map(position))
            """,
        )}, note="near miss: checked that every question is in the lookup"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.bound: dict[str, cst.BaseExpression] = {}
        self.mapped: dict[tuple[str, str], tuple[cst.CSTNode, str, str, str]] = {}

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.bound = {}
        self.mapped = {}

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        target = node.targets[0].target
        if isinstance(target, cst.Name):
            self.bound[target.value] = node.value
        elif isinstance(target, cst.Subscript) and isinstance(node.value, cst.Call):
            # `frame["pos"] = frame["prompt_id"].map(position)`
            column = _column(target)
            frame = dotted(target.value) if isinstance(target.value, (cst.Name, cst.Attribute)) else None
            lookup = self._lookup_of_map(node.value)
            if column and frame and lookup is not None:
                self.mapped[(frame, column)] = (node, *lookup)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not isinstance(func, cst.Attribute) or func.attr.value != "sort_values" \
                or not isinstance(func.value, (cst.Name, cst.Attribute)) or is_test_path(self.ctx.path):
            return
        frame = dotted(func.value) or ""
        found = None
        anchor: cst.CSTNode = node
        key = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "key"), None)
        table: cst.CSTNode | None = None
        if isinstance(key, cst.Lambda) and isinstance(key.body, cst.Call):
            found = self._lookup_of_map(key.body)
            handed = key.body.args[0].value if key.body.args else None
            table = self.bound.get(handed.value) if isinstance(handed, cst.Name) else None  # a lookup built earlier
        else:
            by = next((a.value for a in node.args if a.keyword is None or a.keyword.value == "by"), None)
            column = by.evaluated_value if isinstance(by, cst.SimpleString) else None
            entry = self.mapped.get((frame, column)) if isinstance(column, str) else None
            if entry is not None:
                anchor, found = entry[0], entry[1:]
        if found is None:
            return
        lookup, source, names = found
        if frame.split(".")[0] in {n.split(".")[0] for n in names.split()}:
            return  # built from the frame itself: every key is there
        if self._checked_after(anchor) or (table is not None and self._checked_after(table)):
            return  # checked after the sort, or after the lookup was built (`assert df.q.isin(position).all()`)
        self.report(anchor, frame=frame, lookup=lookup, source=source)

    def _lookup_of_map(self, call: cst.Call) -> tuple[str, str, str] | None:
        """`s.map(D)` with `D` a dict (a literal, a comprehension, or a name bound to one): (D's code,
        the collection it is built from, the names in that collection)."""
        if not isinstance(call.func, cst.Attribute) or call.func.attr.value != "map" or len(call.args) != 1:
            return None
        value = call.args[0].value
        table = self.bound.get(value.value) if isinstance(value, cst.Name) else value
        if isinstance(table, cst.DictComp):
            source = table.for_in.iter
            if isinstance(source, cst.Call) and source.args and dotted(source.func) in ("enumerate", "zip"):
                source = source.args[0].value
            names = " ".join(sorted({dotted(n) or "" for n in _names_in(source)}))
            return self.ctx.code(value), self.ctx.code(source), names
        return None

    def _checked_after(self, node: cst.CSTNode) -> bool:
        """Does a statement after the lookup (the sort, or the column it fills), in the same function
        (or module), check the result?"""
        function = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.FunctionDef)), None)
        scope_text = self.ctx.code(function) if function is not None else self.ctx.text
        call_text = self.ctx.code(node)
        at = scope_text.find(call_text)
        return at >= 0 and bool(CHECKS.search(scope_text[at + len(call_text):]))


def _column(target: cst.Subscript) -> str | None:
    if len(target.slice) != 1 or not isinstance(target.slice[0].slice, cst.Index):
        return None
    value = target.slice[0].slice.value
    return value.evaluated_value if isinstance(value, cst.SimpleString) else None
