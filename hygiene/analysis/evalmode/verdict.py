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
