"""LEAK073: an as-of join that attaches to each row the first record after its time (features from the future)."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.names import dotted
from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# The keyword that says which way an as-of join looks, per library: pandas `direction=`, polars `strategy=`.
_DIRECTION_KEYWORDS = {"merge_asof": "direction", "join_asof": "strategy"}
_AHEAD = frozenset({"forward", "nearest"})
# Frames (or results) named for what comes after a row on purpose: the outcome that becomes its label.
_OUTCOME = re.compile(r"(?i)(label|target|outcome|future|next|result|response|y$|^y_|event|resolution|settle)")


class AsofJoinLooksAhead(Rule):
    """
    ## What it does
    Finds an as-of join that takes, for each row, the first record of the other table at or after the row's
    time: pandas `pd.merge_asof(left, right, on="ts", direction="forward")` (or `"nearest"`, which takes a later
    record whenever it is closer) and polars `left.join_asof(right, on="ts", strategy="forward")`. The joined
    columns are then values the row could not have known at its time. A join whose other table, or whose result,
    is named for an outcome (`labels`, `outcomes`, `targets`, `future_returns`, `y`) attaches the label on
    purpose and is left alone, as is the default backward join.

    ## Why is this bad?
    Features built this way come from the future of each row: a model trained on them scores well because it
    reads what happened next, and the score does not survive deployment, where the next record does not exist yet.

    ## Example
        feats = pd.merge_asof(orders, snapshots, on="ts", by="symbol", direction="forward")

    Use instead:
        feats = pd.merge_asof(orders, snapshots, on="ts", by="symbol", direction="backward")
    """

    code = "LEAK073"
    category = "LEAK-TARGET"
    severity = Severity.ERROR
    message = ("`{call}` joins each row to the first record of `{right}` {how} its time (`{keyword}=\"{direction}\"`): "
               "the joined columns come from the row's future")
    question = "Could each row of the join at {where} have known the values of `{right}` it is given?"
    triggers = ("merge_asof", "join_asof")
    examples = [
        invalid("""
            import pandas as pd
            orders = pd.read_csv("data/orders.csv", parse_dates=["ts"]).sort_values("ts")
            snaps = pd.read_csv("data/snapshots.csv", parse_dates=["ts"]).sort_values("ts")
            feats = pd.merge_asof(orders, snaps, on="ts", by="symbol", direction="forward")  # expect: LEAK073
            feats.to_parquet("data/features.parquet")
        """, note="probe 24: market snapshots taken after each order become its features"),
        valid("""
            import pandas as pd
            orders = pd.read_csv("data/orders.csv", parse_dates=["ts"]).sort_values("ts")
            snaps = pd.read_csv("data/snapshots.csv", parse_dates=["ts"]).sort_values("ts")
            feats = pd.merge_asof(orders, snaps, on="ts", by="symbol", direction="backward")
        """, note="near miss: the last snapshot at or before the order"),
        valid("""
            import pandas as pd
            feats = pd.merge_asof(events, outcomes, on="ts", by="account", direction="forward")
        """, note="near miss: the outcome after each event is attached as its label"),
        invalid("""
            import polars as pl
            quotes = pl.read_parquet("quotes.parquet").sort("ts")
            rows = pl.read_parquet("trades.parquet").sort("ts").join_asof(quotes, on="ts", strategy="nearest")  # expect: LEAK073
        """, note="polars: the nearest quote is often a later one"),
        valid("""
            import polars as pl
            quotes = pl.read_parquet("quotes.parquet").sort("ts")
            rows = pl.read_parquet("trades.parquet").sort("ts").join_asof(quotes, on="ts")
        """, note="near miss: polars joins backward by default"),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        keyword = _DIRECTION_KEYWORDS.get(tail)
        if keyword is None:
            return
        direction = next((string_value(a.value) for a in node.args if a.keyword is not None
                          and a.keyword.value == keyword), None)
        if direction not in _AHEAD:
            return
        positional = [a.value for a in node.args if a.keyword is None]
        # pandas: `merge_asof(left, right, ...)`; polars: `left.join_asof(right, ...)`; or `right=` by keyword
        right = next((a.value for a in node.args if a.keyword is not None and a.keyword.value in ("right", "other")),
                     None) or (positional[1] if tail == "merge_asof" and len(positional) > 1 else
                               positional[0] if tail == "join_asof" and positional else None)
        right_name = (dotted(right) or "") if right is not None else ""
        assigned = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.Assign)), None)
        target = " ".join(dotted(t.target) or "" for t in assigned.targets) if assigned is not None else ""
        if _OUTCOME.search(right_name) or any(_OUTCOME.search(w) for w in target.split()):
            return  # the outcome after each row, attached as its label on purpose
        self.report(node, call=f"{tail}(...)", right=right_name or "the other table", keyword=keyword,
                    direction=direction, how="after" if direction == "forward" else "nearest to (often after)")
