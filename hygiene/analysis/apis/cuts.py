"""Is a cut of evaluation data (`ds.select(range(n))`, `rows[:n]`, `df.head(n)`) an intended size?

A size written in the code or set by a configuration knob is chosen on purpose; data cut to the
length of another sequence (the outputs of a `--limit`ed run) pairs rows with outputs. Neither
loses rows along the way, unlike a cut to the length of what survived a filter.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import libcst as cst

from hygiene.walk import iter_nodes

if TYPE_CHECKING:
    from hygiene.context import FileContext


def base_name(expr: cst.BaseExpression) -> str | None:
    """`df` for `df`, `df.x`, `df["a"][0]`, `df.dropna()`."""
    while isinstance(expr, (cst.Attribute, cst.Subscript, cst.Call)):
        expr = expr.func if isinstance(expr, cst.Call) else expr.value
    return expr.value if isinstance(expr, cst.Name) else None


def mapped_sources(call: cst.BaseExpression) -> frozenset[str]:
    """The collections a mapper runs a function over (`pool.map(transcribe, rows)` -> rows): what the results of
    the mapped function stand for, one per row (`[p for p in pool.map(f, rows) if p is not None]` drops rows);
    empty for anything else."""
    from hygiene.analysis.mappers import handed_function
    if not isinstance(call, cst.Call) or not handed_function(call):
        return frozenset()
    return frozenset(b for a in call.args[1:] if a.keyword is None and (b := base_name(a.value)))



# A cap set by a configuration knob (`select(range(args.max_train_samples))`, `head(cfg.limit)`)
# or to a number written in the code (`select(range(500))`, `df[:1000]`): a visible, intended
# size, not rows lost along the way.
_CAP_NAME = re.compile(r"(?i)^(max|limit|num|n)_\w+$|^(max|limit)\w*$|\w*_(limit|max|samples|examples|size)$")


def aligned_to_outputs(bound: cst.BaseExpression | None, data: frozenset[str],
                       ctx: FileContext | None = None) -> bool:
    """`len(outputs)` bounding `ds.select(range(...))` / `refs[:...]`: the data is cut to the length
    of another sequence (the outputs of a `--limit`ed run), pairing each output with its row; no
    output is dropped. `len(ds) // 2` of the data itself, or a number, is a subset; the length of a
    list filtered in the same file (`[a for a in xs if a is not None]`) hides what failed."""
    if not (isinstance(bound, cst.Call) and isinstance(bound.func, cst.Name) and bound.func.value == "len"
            and len(bound.args) == 1):
        return False
    other = base_name(bound.args[0].value)
    return other is not None and other not in data and not (ctx is not None and _filtered_in(other, ctx))


def _filtered_in(name: str, ctx: FileContext) -> bool:
    """`len(answers)` where `answers` is bound in this file by a filtering comprehension or
    `filter(...)`: the length of what survived, so the cut hides the rows that failed."""
    if ctx.module is None:
        return False
    for node in iter_nodes(ctx.module):
        if not (isinstance(node, cst.Assign)
                and any(isinstance(t.target, cst.Name) and t.target.value == name for t in node.targets)):
            continue
        value = node.value
        if isinstance(value, (cst.ListComp, cst.GeneratorExp)) and _filters(value.for_in):
            return True
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "filter":
            return True
    return False


def _filters(clause: cst.CompFor | None) -> bool:
    while clause is not None:
        if clause.ifs:
            return True
        clause = clause.inner_for_in
    return False


def configured_cap(bound: cst.BaseExpression | None) -> bool:
    if isinstance(bound, cst.Integer):
        return True
    if isinstance(bound, cst.Attribute):
        bound = bound.attr
    return isinstance(bound, cst.Name) and bool(_CAP_NAME.match(bound.value))
