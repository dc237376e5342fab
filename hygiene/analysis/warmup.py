"""Rows a lag or a rolling window leaves without a value, dropped by construction.

`df["lag_7"] = df.groupby(k)["y"].shift(7)` leaves the first seven rows of each series empty, and
`df.dropna(subset=["lag_7"])` (or `df.dropna()` after such columns are made) removes exactly those
warm-up rows: the number is fixed by the window, not by anything that failed. A `dropna` whose
columns (all of them, when it names some) were made by `shift`, `rolling`, `diff` or `pct_change`
on the same frame earlier in the scope is that; one that names a judge score or a label is not.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import libcst as cst

from hygiene.analysis.strings import string_value
from hygiene.walk import iter_nodes

if TYPE_CHECKING:
    from hygiene.analysis.rowevents import Event

WARM_UP_METHODS = frozenset({"shift", "rolling", "diff", "pct_change"})


def _makes_warm_up(value: cst.CSTNode) -> bool:
    return any(isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value in WARM_UP_METHODS
               for n in iter_nodes(value))


def _column_pattern(target: cst.Subscript) -> str | None:
    """The column a `df[...] = ` target names, as a regular expression (`f"lag_{k}"` -> `lag_.*`)."""
    if len(target.slice) != 1 or not isinstance(target.slice[0].slice, cst.Index):
        return None
    key = target.slice[0].slice.value
    literal = string_value(key)
    if literal is not None:
        return re.escape(literal)
    if isinstance(key, cst.FormattedString):
        return "".join(re.escape(p.value) if isinstance(p, cst.FormattedStringText) else ".*" for p in key.parts)
    return None


def _dropna_columns(node: cst.CSTNode) -> list[str] | None:
    """The columns a `dropna(subset=[...])` names; [] for every column; None when not literal."""
    call = node
    while isinstance(call, (cst.Call, cst.Subscript, cst.Attribute)):
        if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) \
                and call.func.attr.value in ("dropna", "drop_nulls"):
            break
        call = call.func if isinstance(call, cst.Call) else call.value
    else:
        return None
    keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    positional = [a.value for a in call.args if a.keyword is None]  # polars' `drop_nulls("col")`; pandas' is the axis
    given = keywords.get("subset") or (positional[0] if positional and call.func.attr.value == "drop_nulls" else None)
    if given is None:
        return []
    values = [e.value for e in given.elements] if isinstance(given, (cst.List, cst.Tuple)) else [given]
    columns = [string_value(v) for v in values]
    return None if any(c is None for c in columns) else columns  # type: ignore[return-value]


def warm_up_drop(events: list[Event], drop_event: Event) -> bool:
    """Does `drop_event` (a `dropna`) drop only the rows that lag or window columns, made on the same
    frame earlier in the scope, leave empty?"""
    drop = drop_event.drop
    if drop is None or drop.kind != "dropna":
        return False
    columns = _dropna_columns(drop.node)
    if columns is None:
        return False
    made: list[str] = []
    for event in events:
        if event is drop_event:
            break
        node = event.node
        if not isinstance(node, cst.Assign) or not _makes_warm_up(node.value):
            continue
        for target in node.targets:
            t = target.target
            if isinstance(t, cst.Subscript) and isinstance(t.value, cst.Name) and t.value.value in drop.sources:
                pattern = _column_pattern(t)
                if pattern is not None:
                    made.append(pattern)
    if not made:
        return False
    return all(any(re.fullmatch(p, c) for p in made) for c in columns)
