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


def kept_across(keeps: Any, loops: list[int]) -> bool:
    """Are tensors added up in the loop of the forward call (`loops`, its stack of loop indices), or in a loop
    around it or inside it? Not in another loop of the function: a later loop appending a metric's numbers
    (`aps.append(metrics.auc(r, p))`) keeps no graph of the evaluation's batches. (`keeps`: the stacks of
    loops where something was added up; a bare True from an old summary counts everywhere.)"""
    if not isinstance(keeps, list):
        return bool(keeps)
    return bool(loops) and any(loops[-1] in stack or (stack and stack[-1] in loops) for stack in keeps)
