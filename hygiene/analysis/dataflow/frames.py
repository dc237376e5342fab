"""Column expressions of polars (and Spark-style `select`): what they read and the columns they make.

pandas assigns a derived column with `df["ma7"] = df["units"].rolling(7).mean()`; polars builds an
expression that names its columns (`pl.col("units").rolling_mean(7).over("store").alias("ma7")`)
and adds it with `df.with_columns(...)`. Here `pl.col("units")` becomes a column read whose table
is filled in by the `with_columns` (or `select`, `filter`) it is handed to, and each expression
becomes a column assigned in that table, named by its `.alias(...)` or its keyword, so the rules
that follow pandas columns (a label in a window, a feature computed from the label) follow these.
"""
from __future__ import annotations

from typing import Any

import libcst as cst

from hygiene.analysis.strings import string_value

_ADDS = frozenset({"with_columns", "with_column", "with_columns_seq"})
_TAKES = frozenset({"select", "get_column"})
_NAMING = frozenset({"alias"})


def column_expression(ev: Any, expr: cst.Call, bare: str, positional: list) -> int | None:
    """`pl.col("units")`: a read of column `units` of a table not known yet (0 when not one)."""
    if bare not in ("polars.col", "pyspark.sql.functions.col") or len(positional) != 1:
        return None
    name = ev.literal(positional[0])
    if not isinstance(name, str):
        return None
    return ev.add("col", (), {"cols": [name], "expr": 1}, expr)


def frame_call(ev: Any, expr: cst.Call, method: str, recv: int, positional: list, keywords: dict) -> int | None:
    """`df.with_columns(...)` / `df.select(["a", "b"])` / `df.get_column("y")` on a table value."""
    if not recv or ev.kinds[recv] in ("const", "fn"):
        return None
    if method in _TAKES:
        names = [ev.literal(p) if ev.literal(p) is not None else ev.constant(a.value)
                 for p, a in zip(positional, [a for a in expr.args if a.keyword is None])]
        flat = [n for p in names for n in ([p] if isinstance(p, str) else list(p) if isinstance(p, (tuple, list)) else [None])]
        if flat and all(isinstance(n, str) for n in flat) and not keywords:
            return ev.add("col", (recv,), {"cols": flat}, expr)
        for p in [*positional, *keywords.values()]:
            _bind_reads(ev, p, recv) if isinstance(p, int) else None  # `df.select(pl.col("a") * 2)`
        return None
    if method == "assign" and any(k != "**" for k in keywords):
        # pandas `df.assign(ma7=lambda d: d["units"].rolling(7).mean())`: each keyword a column of df
        current, where = recv, {a.keyword.value: a for a in expr.args if a.keyword is not None}
        for name, value in keywords.items():
            if name != "**" and isinstance(value, int) and value:
                current = ev.add("setcol", (current, value), {"col": name}, _line_node(where.get(name), expr))
        return current if current != recv else None
    if method not in _ADDS:
        return None
    named = [(_alias(ev, p), p) for p in positional if isinstance(p, int) and p]
    named += [(k, v) for k, v in keywords.items() if k != "**" and isinstance(v, int) and v]
    if not any([_bind_reads(ev, value, recv) for _, value in named]):  # every expression, no short cut
        return None
    current = recv
    for name, value in named:
        info = {"col": name} if isinstance(name, str) else {}
        current = ev.add("setcol", (current, value), info, expr)
    return current


def _line_node(arg: cst.Arg | None, expr: cst.Call) -> cst.CSTNode:
    """The call that gives a keyword of `assign` its own line (graph lines are those of statements and calls)."""
    value = arg.value.body if arg is not None and isinstance(arg.value, cst.Lambda) else arg.value if arg else None
    return value if isinstance(value, cst.Call) else expr


def assigned_column(ev: Any, arg: cst.Arg, method: str, receiver: Any) -> int:
    """The value of `lambda d: d["y"].rolling(7).mean()` handed to pandas' `assign` (or `pipe`),
    with `d` the table it is called on (0 for any other argument)."""
    func = arg.value
    if method not in ("assign", "pipe") or not isinstance(func, cst.Lambda) or not func.params.params \
            or not isinstance(receiver, int) or not receiver or (method == "assign") != (arg.keyword is not None):
        return 0
    ev.scopes.append({p.name.value: (receiver if n == 0 else 0) for n, p in enumerate(func.params.params)})
    body = ev.value(func.body)
    ev.scopes.pop()
    return body if isinstance(body, int) else 0


def _alias(ev: Any, node: int) -> str | None:
    if ev.kinds[node] == "call" and ev.info(node).get("m") in _NAMING:
        name = ev.info(node).get("lits", {}).get("0")
        return name if isinstance(name, str) else None
    if ev.kinds[node] == "col" and ev.info(node).get("expr"):
        cols = ev.info(node).get("cols", [])
        return cols[0] if len(cols) == 1 else None  # `pl.col("x").fill_null(0)` keeps the name `x`
    return None


def _bind_reads(ev: Any, node: int, frame: int) -> bool:
    """Give the column reads of an expression their table; whether there were any."""
    found, stack, seen = False, [node], set()
    while stack and len(seen) < 200:
        current = stack.pop()
        if not current or current in seen:
            continue
        seen.add(current)
        if ev.kinds[current] == "col" and ev.info(current).get("expr") and not ev.inputs[current]:
            ev.inputs[current] = (frame,)
            found = True
            continue
        if ev.kinds[current] not in ("src", "param", "global", "import", "fit", "split", "part", "llm"):
            stack.extend(ev.inputs[current])
    return found


def first_rows(expr: cst.Call) -> bool:
    """`select(range(n))` / `select(range(0, n))`: indices that keep the first n rows."""
    arg = expr.args[0].value if expr.args and expr.args[0].keyword is None else None
    if not (isinstance(arg, cst.Call) and isinstance(arg.func, cst.Name) and arg.func.value == "range"):
        return False
    bounds = [a.value for a in arg.args]
    return len(bounds) == 1 or (len(bounds) == 2 and isinstance(bounds[0], cst.Integer) and bounds[0].value == "0")


def per_row(expr: cst.Call, method: bool = False) -> dict[str, bool]:
    """`df.max(axis=1)`, `np.max(p, axis=-1)`, `t.max(dim=1)`, `w.sum(1, keepdim=True)`: a statistic of each row
    (the largest predicted score of each unit across treatments or classes, the total weight of each box), not
    one value over the rows: `{"axis": True}`, else `{}`."""
    positional = [a for a in expr.args if a.keyword is None]
    for arg in expr.args:
        if arg.keyword is None and not (method and positional and arg is positional[0]):
            continue
        if arg.keyword is not None and arg.keyword.value not in ("axis", "dim"):
            continue
        value = arg.value
        if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus):
            return {"axis": isinstance(value.expression, cst.Integer) and value.expression.value == "1"}
        if (isinstance(value, cst.Integer) and value.value == "1") or string_value(value) == "columns":
            return {"axis": True}
    return {}
