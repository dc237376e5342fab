"""One evaluation's verdict (EVAL001 and EVAL002 report from them)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Verdict:
    """One evaluation (a function, a loop, or a call on evaluation data) and what reaches it."""

    path: str
    function: str          # `evaluate` or `<module>`
    target: str            # `net`
    why: str               # "function" | "loop" | "data"
    about: str             # the evaluation data of a loop (`test_loader`)
    line: int | None
    cell: int | None
    cell_line: int | None
    call_line: int | None
    code: str              # the forward call
    train: dict[str, Any] | None   # where training mode comes from, when it reaches the call
    grad_on: dict[str, Any] | None  # where gradients are on, when they are
    keeps: bool = False    # the evaluation adds up tensors across batches, keeping their graphs
    sibling: dict[str, Any] | None = None  # `model.eval()` before the call that leaves this network out


def kept_across(record: dict[str, Any], loops: list[int], target: str) -> bool:
    """Are tensors added up across the evaluation's data: in the loop of the forward call (`loops`, its stack of
    loop indices), or in a loop around it or inside it, when one of the loops around both goes over data? Not in
    another loop of the function (a later loop appending a metric's numbers, `aps.append(metrics.auc(r, p))`),
    nor in a loop over the models themselves (`for net in ensemble: outs.append(net(x))`) or over a fixed
    collection written in the code (`for attribute in ATTRIBUTES`, `range(10)`): one output each, however
    large the data. (`keeps`: the stacks of loops where something was added up; a bare True from an old
    summary counts everywhere.)"""
    keeps = record.get("keeps")
    if not isinstance(keeps, list):
        return bool(keeps)
    described = record.get("loops") or []
    model = target.split(".", 1)[0]

    def over_data(index: int) -> bool:
        loop = described[index] if index < len(described) else {}
        return not loop.get("const") and model not in loop.get("vars", ())

    return bool(loops) and any((loops[-1] in stack or (stack and stack[-1] in loops))
                               and any(over_data(i) for i in loops if i in stack) for stack in keeps)
