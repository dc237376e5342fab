"""RESULT014: a column set from a filtered selection of the same frame: pandas aligns it, NaN elsewhere."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid
from hygiene.walk import iter_nodes


# Attributes of a selection that are not one of its columns.
_NOT_COLUMNS = frozenset({"values", "index", "shape", "size", "T", "iloc", "loc", "at", "iat", "array", "empty", "columns",
                          "dtypes", "str", "dt"})


def _name(expr: cst.BaseExpression) -> str | None:
    return expr.value if isinstance(expr, cst.Name) else None


def _mentions(expr: cst.CSTNode, frame: str) -> bool:
    return any(isinstance(n, cst.Name) and n.value == frame for n in iter_nodes(expr))


def _column_key(node: cst.Subscript) -> bool:
    """`[...]` with one string key: a column."""
    return (len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index)
            and string_value(node.slice[0].slice.value) is not None)


def _filtered_column(value: cst.BaseExpression, frame: str) -> bool:
    """`frame[mask]["col"]`, `frame[mask].col` or `frame.loc[mask, "col"]` with a mask that reads `frame`."""
    if isinstance(value, cst.Subscript) and _column_key(value):
        inner = value.value
    elif isinstance(value, cst.Attribute) and value.attr.value not in _NOT_COLUMNS:
        inner = value.value
    elif isinstance(value, cst.Subscript) and len(value.slice) == 2 and isinstance(value.value, cst.Attribute) \
            and value.value.attr.value == "loc" and _name(value.value.value) == frame:
        first, second = value.slice[0].slice, value.slice[1].slice
        return (isinstance(first, cst.Index) and isinstance(first.value, cst.Comparison) and _mentions(first.value, frame)
                and isinstance(second, cst.Index) and string_value(second.value) is not None)
    else:
        return False
    if not (isinstance(inner, cst.Subscript) and _name(inner.value) == frame and len(inner.slice) == 1):
        return False
    mask = inner.slice[0].slice
    return isinstance(mask, cst.Index) and isinstance(mask.value, cst.Comparison) and _mentions(mask.value, frame)


class FilteredRowsAsWholeColumn(Rule):
    """
    ## What it does
    Finds a whole column of a DataFrame assigned from a filtered selection of the same frame:
    `summary["ATE"] = summary[summary.alpha == 0]["New ATE"]` (also `summary[mask].col` and
    `summary.loc[mask, "col"]`). pandas aligns the assigned Series on the index, so the column
    holds the value only in the rows the filter kept and NaN in every other row. Taking one value
    (`.values[0]`, `.iloc[0]`, `.mean()`) and assigning into the filtered rows
    (`summary.loc[mask, "ATE"] = ...`) are left alone.

    ## Why is this bad?
    The intent is nearly always to broadcast one value (the estimate at alpha 0) to every row; the
    table that is reported or saved has NaN where the number should be, and any statistic over the
    column silently skips them.

    ## Example
        summary["ATE"] = summary[summary.alpha == 0]["New ATE"]

    Use instead:
        summary["ATE"] = summary.loc[summary.alpha == 0, "New ATE"].iloc[0]
    """

    code = "RESULT014"
    category = "RESULT-SUSPECT"
    severity = Severity.WARNING
    message = ("`{code}` sets the whole column {column} of `{frame}` from a filtered selection of its rows: pandas "
               "aligns on the index, so every row the filter dropped gets NaN")
    question = "Should every row of `{frame}` get the one value at {where} (`.iloc[0]`), or only the filtered rows?"
    triggers = ("[",)
    examples = [
        invalid("""
            def summary(self):
                sensitivity_summary = self.causalsens()[0]
                sensitivity_summary["ATE"] = sensitivity_summary[  # expect: RESULT014
                    sensitivity_summary.alpha == 0
                ]["New ATE"]
                return sensitivity_summary
        """),
        invalid("""
            import pandas as pd
            df = pd.read_csv("runs.csv")
            df["baseline"] = df.loc[df["model"] == "base", "accuracy"]  # expect: RESULT014
        """),
        valid("""
            import pandas as pd
            df = pd.read_csv("runs.csv")
            df["baseline"] = df.loc[df["model"] == "base", "accuracy"].iloc[0]
            df["ate"] = df[df.alpha == 0]["new_ate"].values[0]
            df.loc[df.alpha == 0, "ate"] = df["new_ate"]
            kept = df[df.alpha == 0]["new_ate"]
            other["ate"] = df[df.alpha == 0]["new_ate"]
        """, note="one value, the filtered rows assigned, no column set, or another frame"),
    ]

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        target = node.targets[0].target
        if not (isinstance(target, cst.Subscript) and _column_key(target)):
            return
        frame = _name(target.value)
        if frame is None or not _filtered_column(node.value, frame):
            return
        self.report(node, code=" ".join(self.ctx.code(node).split())[:100], frame=frame,
                    column=self.ctx.code(target.slice[0].slice.value))
