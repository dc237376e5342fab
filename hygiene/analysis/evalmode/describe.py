"""Words for findings about evaluations: what was evaluated, and where a state came from."""
from __future__ import annotations

from typing import Any

from hygiene.analysis.evalmode.resolve import Verdict
from hygiene.finding import Location


def describe(verdict: Verdict) -> str:
    """`evaluate()`, `the loop over test_loader`, or the forward call itself."""
    if verdict.why == "loop" and verdict.about:
        return f"the loop over `{verdict.about}`"
    if verdict.why == "function" and verdict.function != "<module>":
        return f"`{verdict.function}()`"
    return f"`{verdict.code}`"


def place(where: dict[str, Any]) -> str:
    return f"{where['path']}:{where['line']}" if where.get("line") else where.get("path", "")


def related(where: dict[str, Any] | None, note: str) -> list[Location]:
    if not where or not where.get("path"):
        return []
    return [Location(where["path"], where.get("line"), note)]
