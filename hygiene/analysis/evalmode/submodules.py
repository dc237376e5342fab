"""A submodule picked out of a model (`list(net.children())[i]`, `next(net.modules())`): it is in
the mode of the model it belongs to, so the analysis follows that model's `.eval()` for it."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.names import dotted


def submodule_of(expr: cst.BaseExpression) -> str | None:
    """`list(net.children())[i]`, `next(net.modules())`: a submodule of `net`, in `net`'s mode."""
    while True:
        if isinstance(expr, cst.Subscript):
            expr = expr.value
        elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value in ("list", "tuple", "next") \
                and len(expr.args) == 1:
            expr = expr.args[0].value
        else:
            break
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and not expr.args \
            and expr.func.attr.value in ("children", "modules") and isinstance(expr.func.value, (cst.Name, cst.Attribute)):
        return dotted(expr.func.value)
    return None
