"""Small readings of subscripts and calls for `hygiene.analysis.predictions`: the key of `x["k"]`, the
integer of `x[0]`, whether `x[:, 1]` keeps the rows, whether `t.max(1)` returns (values, indices)."""
from __future__ import annotations

import libcst as cst


def subscript_key(expr: cst.Subscript) -> str | None:
    for element in expr.slice:
        if isinstance(element.slice, cst.Index) and isinstance(element.slice.value, cst.SimpleString):
            return element.slice.value.value.strip("'\"")
    return None


def max_indices(expr: cst.BaseExpression) -> bool:
    """`t.max(1)`, `torch.max(t, 1)`, `t.topk(k)`: (values, indices) pairs."""
    if not isinstance(expr, cst.Call):
        return False
    func = expr.func
    if isinstance(func, cst.Attribute) and func.attr.value in ("max", "topk"):
        return bool(expr.args)
    return False


def index_value(expr: cst.Subscript) -> str | None:
    first = expr.slice[0].slice if len(expr.slice) == 1 else None
    if isinstance(first, cst.Index) and isinstance(first.value, cst.Integer):
        return first.value.value
    return None


def keeps_rows(expr: cst.Subscript) -> bool:
    """`x[:, 1]` keeps the batch axis; `x[0]` or `x[i]` takes one row."""
    first = expr.slice[0].slice if expr.slice else None
    return isinstance(first, cst.Slice) or (isinstance(first, cst.Index) and isinstance(first.value, cst.SimpleString))
