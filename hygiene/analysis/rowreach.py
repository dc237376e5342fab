"""Helpers of `hygiene.analysis.rowflow`: whether an aggregate is reported, whether a merge loses rows, and
whether a read touches tainted names."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import libcst as cst

from hygiene.analysis.apis.rows import REPORTING_FUNCTION, Drop, base_name

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
    # Follow the score forward, event by event, and look at the reports made after it (a name
    # reused for another value before the score existed is not the score: `table` logged earlier).
    made = set(sink.stored)
    at = scope.events.index(sink) if sink in scope.events else len(scope.events)
    reports = [(count, names, figure) for count, names, figure in scope.reports if count > at]
    found = ""
    for index in range(at + 1, len(scope.events) + 1):
        for count, names, figure in reports:
            if count == index and touches(names, made):
                if not figure:
                    return "reported"
                found = "figure"
        for name, made_from in scope.events[index].defines if index < len(scope.events) else ():
            if touches(made_from, made):
                made.add(name)
            elif name in made and name not in sink.stored:
                made.discard(name)  # rebound to something else (the score's own assignment comes after the sink)
    return found


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


def mask_split(scope: Scope, drop: Drop, code: Callable[[cst.CSTNode], str]) -> bool:
    """`x[m]` with `x[~m]` in the same scope: the mask splits the rows in two parts (a calibration and
    a validation set), it drops none."""
    node = drop.node
    if drop.kind != "boolean mask" or not isinstance(node, cst.Subscript) or not node.slice:
        return False
    index = node.slice[0].slice
    if not isinstance(index, cst.Index):
        return False
    mask = index.value
    if isinstance(mask, cst.UnaryOperation) and isinstance(mask.operator, cst.BitInvert):
        mask = mask.expression
    key = " ".join(code(mask).split())
    if key in scope.masks and key in scope.inverted_masks:
        return True
    if any(other in scope.masks for other in _opposite_cuts(mask, code)):
        return True  # `df[df.ds <= cut]` with `df[df.ds > cut]`: the rows on either side of a cut point
    # `df[df.budget == lo]` and `df[df.budget == hi]`: each condition's rows, for a comparison between them
    condition = _condition(mask, code)
    return condition is not None and len(scope.conditions.get(condition[0], ())) >= 2


_OPPOSITE = {cst.LessThan: (">", ">="), cst.LessThanEqual: (">", ">="),
             cst.GreaterThan: ("<", "<="), cst.GreaterThanEqual: ("<", "<=")}


def _opposite_cuts(mask: cst.BaseExpression, code: Callable[[cst.CSTNode], str]) -> list[str]:
    """The masks that take the other side of a threshold mask's cut: `x <= c` -> `x > c`, `x >= c`; also
    written the other way round (`c < x`)."""
    if not (isinstance(mask, cst.Comparison) and len(mask.comparisons) == 1):
        return []
    sides = _OPPOSITE.get(type(mask.comparisons[0].operator))
    if sides is None:
        return []
    left = " ".join(code(mask.left).split())
    right = " ".join(code(mask.comparisons[0].comparator).split())
    flipped = {">": "<", ">=": "<=", "<": ">", "<=": ">="}
    return [f"{left} {op} {right}" for op in sides] + [f"{right} {flipped[op]} {left}" for op in sides]


def _condition(mask: cst.BaseExpression, code: Callable[[cst.CSTNode], str]) -> tuple[tuple[str, str], str] | None:
    """((frame, column), value) of an equality mask `df["col"] == value` / `df.col == value`."""
    if not (isinstance(mask, cst.Comparison) and len(mask.comparisons) == 1
            and isinstance(mask.comparisons[0].operator, cst.Equal)):
        return None
    left = mask.left
    if isinstance(left, cst.Subscript) and len(left.slice) == 1 and isinstance(left.slice[0].slice, cst.Index) \
            and isinstance(left.slice[0].slice.value, cst.SimpleString):
        frame, column = left.value, left.slice[0].slice.value.value.strip("'\"")
    elif isinstance(left, cst.Attribute):
        frame, column = left.value, left.attr.value
    else:
        return None
    return (" ".join(code(frame).split()), column), " ".join(code(mask.comparisons[0].comparator).split())


def note_parts(scope: Scope, node: cst.Subscript, code: Callable[[cst.CSTNode], str]) -> None:
    """Record the parts a subscript takes: `x[n:]` (the complement of `x[:n]`), a boolean mask `x[m]` and
    its complement `x[~m]`."""
    index = node.slice[0].slice if node.slice else None
    if isinstance(index, cst.Index):
        mask = index.value
        if isinstance(mask, cst.UnaryOperation) and isinstance(mask.operator, cst.BitInvert):
            scope.inverted_masks.add(" ".join(code(mask.expression).split()))
        else:
            scope.masks.add(" ".join(code(mask).split()))
            condition = _condition(mask, code)
            if condition is not None:
                scope.conditions.setdefault(condition[0], set()).add(condition[1])
    if isinstance(index, cst.Slice) and index.lower is not None and index.upper is None:
        base = base_name(node.value)
        if base:
            scope.complements.add(base)


def rows_kept(scope: Scope, index: int, drop: Drop, params: frozenset[str], code: Callable[[cst.CSTNode], str]) -> bool:
    """The drop at event `index` loses no row: a mask with its complement, or a merge of one frame's parts."""
    return mask_split(scope, drop, code) or same_rows(scope.events[:index], drop, params)


_READS = re.compile(r"\b(read_csv|read_table|read_excel|read_parquet|read_stata|read_spss|read_sas|read_fwf|read_feather|"
                    r"read_sql\w*|loadtxt|genfromtxt|fetch_openml|load_\w+)\s*\(")
# A file of outputs (predictions, replies, judgements, results) holds what a system produced; its
# missing values may be failures.
_OUTPUT_FILE = re.compile(r"(?i)result|output|pred|generat|respons|repl|answer|complet|judg|eval|score|run|log")
_PRODUCED = re.compile(r"\.(predict\w*|generate|complete|create|invoke|chat|evaluate|score\w*|infer\w*|classify|forward)\s*\(|"
                       r"\b(model|judge|client|pipe|llm|agent)\w*\s*\(")


def survey_rows(events: list[Event], index: int, drop: Drop, code: Callable[[cst.CSTNode], str]) -> bool:
    """Are the rows `drop` removes (at `events[index]`) data read from an input file, with nothing produced by
    a model or a client along the way (`da = pd.read_csv("nhanes.csv")`, `dx = da[cols].dropna()`)? Complete
    cases of measured data are how a descriptive statistic is taken, not failures left out."""
    # (name, the events before which its value was made): `df = df.loc[mask]` is made from the earlier `df`.
    todo, seen, reads = [(name, index) for name in drop.sources], set(), 0
    while todo:
        name, before = todo.pop()
        if (name, before) in seen:
            continue
        seen.add((name, before))
        if "[" in name:  # `df[price]`: a column of `df`
            todo.append((name.split("[", 1)[0], before))
        # Its columns set on their own (`df["reply"] = [...]`) count with it.
        columns = [(i, m) for i, e in enumerate(events[:before]) for n, m in e.defines if n.startswith(name + "[")]
        made = next(((i, m) for i in range(before - 1, -1, -1) for n, m in events[i].defines if n == name), None)
        for at, made_from in [*columns, *([made] if made else [])]:
            text = code(events[at].node)
            if _PRODUCED.search(text):
                return False
            read = _READS.search(text)
            if read and _OUTPUT_FILE.search(text[read.end():]):
                return False
            if read and made is not None and at == made[0]:
                reads += 1
            else:
                todo.extend((m, at) for m in made_from)
    return reads > 0


_FIT = re.compile(r"\.fit\w*\s*\(|\bfit\w*\s*\(")


def fits(code: str) -> bool:
    """Does this statement fit a model (`model = SARIMAX(y, order=o).fit()`, `clf.fit(X, y)`)?"""
    return bool(_FIT.search(code))


def cleaning(events: list[Event], index: int, drop: Drop, aggregate: bool, fitted: bool,
             code: Callable[[cst.CSTNode], str]) -> bool:
    """Is the drop at `events[index]` the cleaning of input data rather than rows lost before a score: rows
    read from an input file (`survey_rows`) that a model is then fit on, so the training and the scored
    data are the same cleaned population (`df = df.loc[df.revenue >= 0]` before a forecast is fit and
    scored); or complete cases (`dropna`) of such data averaged for a description."""
    return (fitted or (aggregate and drop.kind == "dropna")) and survey_rows(events, index, drop, code)
