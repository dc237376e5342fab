"""Helpers of `hygiene.analysis.rowflow`: whether an aggregate is reported, whether a merge loses rows, and
whether a read touches tainted names."""
from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from hygiene.analysis.apis.rows import REPORTING_FUNCTION, Drop

if TYPE_CHECKING:
    from hygiene.analysis.rowevents import Event, Scope


def same_rows(before: list[Event], drop: Drop, params: frozenset[str] = frozenset()) -> bool:
    """An inner merge of two frames made from one frame (`a.merge(b, left_index=True, ...)` where both are
    groupbys of `df`): the keys are the same, and no row is lost."""
    if drop.kind not in ("inner merge", "inner join") or len(drop.sources) != 2:
        return False
    roots = []
    for source in drop.sources:
        seen, todo = set(), [source]
        while todo:
            name = todo.pop()
            made = next((m for e in reversed(before) for n, m in e.defines if n == name), None)
            if made is None and name in params:
                seen.add(name)  # a frame passed in
            if made is None or name in seen:
                continue  # a module (`pd`): not a frame
            seen.add(name)
            todo.extend(made - seen)
        roots.append(seen - {source})
    return bool(roots[0] & roots[1])


def reaches_report(scope: Scope, sink: Event, events: list[Event]) -> bool:
    """An aggregate stored in `outputs`: reported when those names, or names made from them, are."""
    made = set(sink.outputs or ())
    for event in events[events.index(sink) + 1:] if sink in events else ():
        for name, made_from in event.defines:
            if touches(made_from, made):
                made.add(name)
    return bool(made & scope.shown)


def metric_destination(scope: Scope, sink: Event) -> str:
    """Where the number a metric computes goes: "reported" (printed, logged, written, shown by a notebook,
    returned by a main/eval function), "figure" (only drawn in a chart) or "" (stored or returned
    where this scope does not show it: a helper whose caller decides)."""
    if sink.stored is None:
        return "reported"
    made = set(sink.stored)
    events = scope.events
    for event in events[events.index(sink) + 1:] if sink in events else ():
        for name, made_from in event.defines:
            if touches(made_from, made):
                made.add(name)
    if touches(frozenset(scope.shown), made):
        return "reported"
    return "figure" if touches(frozenset(scope.plotted), made) else ""


def aggregate_outputs(frames: list, scope_node: cst.CSTNode, targets_of) -> frozenset[str] | None:  # type: ignore[no-untyped-def,type-arg]
    """Where an average that is not named a score goes: None when it is reported where it is made
    (inside a print, a write, a dict, the return of a main/eval function), the names of the assignment
    it is stored in (reported when they are), or an empty set (neither). `frames` are the open frames
    around it."""
    for frame in frames:
        if frame.kind == "report" and not frame.figure and not (isinstance(frame.node, cst.Return) and not reporting_function(scope_node)):
            return None
    outer = next((f for f in reversed(frames) if f.kind in ("assign", "mutate")), None)
    if outer is None:
        return frozenset()
    if outer.kind == "mutate":  # `aucs.append(roc_auc_score(...))`: stored in the list
        return frozenset({outer.node.func.value.value})
    targets = outer.node.targets if isinstance(outer.node, cst.Assign) else [outer.node]
    return frozenset(n for t in targets for n in targets_of(t.target))


def reporting_function(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.FunctionDef) and bool(REPORTING_FUNCTION.search(node.name.value))


def touches(reads: frozenset[str], tainted: set[str]) -> bool:
    for read in reads:
        if read in tainted:
            return True
        base = read.split("[", 1)[0]
        if base != read and base in tainted:
            return True
        if base == read and any(t.startswith(read + "[") for t in tainted):
            return True
    return False
