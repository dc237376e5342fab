"""What `hygiene.analysis.rowflow` records per scope, in source order: events (assignments, drops,
splits, metrics), the frames of the expressions being walked, and the flows it finds from a drop
to a metric.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from hygiene.analysis.apis.rows import Drop


@dataclass
class Event:
    kind: str  # "assign" | "sink"
    node: cst.CSTNode
    reads: frozenset[str]
    defines: tuple[tuple[str, frozenset[str]], ...] = ()  # (name, names it is made from)
    drop: Drop | None = None
    split: bool = False
    label: str = ""  # for a sink: the metric
    aggregate: bool = False  # an average not named a score: a sink for lossy drops, when reported
    outputs: frozenset[str] | None = None  # an aggregate: the names it is stored in (None: reported where made)
    stored: frozenset[str] | None = frozenset()  # a metric: the names it is stored in (None: reported where made)


@dataclass
class Frame:
    kind: str  # "assign" | "sink" | "report" | "mean" | "mutate"
    node: cst.CSTNode
    reads: list[tuple[str, cst.CSTNode]] = field(default_factory=list)
    equality: bool = False
    split: bool = False
    sizes: set[str] = field(default_factory=set)  # names whose size is taken inside
    label: str = ""
    figure: bool = False  # a report that draws a chart (`run.log({"auc": wandb.plot.line(...)})`)


@dataclass
class Scope:
    node: cst.CSTNode
    events: list[Event] = field(default_factory=list)
    reported: set[str] = field(default_factory=set)  # names whose size is reported
    count_vars: dict[str, set[str]] = field(default_factory=dict)  # `n = len(x)`: n -> {x}
    reported_vars: set[str] = field(default_factory=set)
    calls: set[str] = field(default_factory=set)  # names of the functions and methods it calls
    complements: set[str] = field(default_factory=set)  # names also sliced `[n:]`: `[:n]` of them is a split
    masks: set[str] = field(default_factory=set)  # boolean masks indexed with: `x[m]`
    inverted_masks: set[str] = field(default_factory=set)  # and with their complement: `x[~m]`
    # `df[df[col] == v]` per (frame, column): the values selected; two or more are the groups of a comparison
    conditions: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    shown: set[str] = field(default_factory=set)  # names printed, written, or returned by a main/eval function
    reported_keys: set[str] = field(default_factory=set)  # columns read inside a report: `print(df["failed"].sum())`
    plotted: set[str] = field(default_factory=set)  # names only drawn in a chart that is logged or shown
    # every report in order: (how many events came before it, the names it reads, whether it is a chart)
    reports: list[tuple[int, frozenset[str], bool]] = field(default_factory=list)


@dataclass
class Flow:
    drop: Drop
    event: Event
    sink: Event
    path: frozenset[str]  # every name the dropped rows passed through
    counted: bool


# -- syntax helpers of the walk ------------------------------------------------------------------
def index_of(parents: list[cst.CSTNode], node: cst.CSTNode) -> int:
    return next((i for i in range(len(parents) - 1, -1, -1) if parents[i] is node), -1)


def within_tolerance(node: cst.Comparison) -> bool:
    """`abs(pred - gold) < 1e-6` (or `<=`): a numeric answer matched within a tolerance, an equality."""
    left = node.left
    return (len(node.comparisons) == 1 and isinstance(node.comparisons[0].operator, (cst.LessThan, cst.LessThanEqual))
            and isinstance(left, cst.Call) and isinstance(left.func, cst.Name) and left.func.value == "abs"
            and len(left.args) == 1 and isinstance(left.args[0].value, cst.BinaryOperation)
            and isinstance(left.args[0].value.operator, cst.Subtract))


def one_item(drop: Drop, loop_targets: set[str]) -> bool:
    """A `[:n]` that cuts one item's own sequence, not the rows: the item is a loop target (`for gold,
    pred in ...: gold[:n]`), the bound is the item's length the loop hands out (`for i, n in enumerate(lengths)`), or the same bound cuts several axes
    (`m[:n, :n]`: a padded square trimmed to its true size)."""
    if drop.kind != "slice to n":
        return False
    node = drop.node
    if drop.sources <= loop_targets or (drop.bounds and drop.bounds <= loop_targets):
        return True
    if isinstance(node, cst.Subscript) and len(node.slice) > 1:
        uppers = [cst.Module([]).code_for_node(s.slice.upper) for s in node.slice
                  if isinstance(s.slice, cst.Slice) and s.slice.upper is not None]
        return len(uppers) > 1 and len(set(uppers)) == 1
    return False


def params_of(node: cst.CSTNode) -> frozenset[str]:
    if not isinstance(node, cst.FunctionDef):
        return frozenset()
    return frozenset(p.name.value for p in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params))
