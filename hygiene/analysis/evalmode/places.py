"""The place that explains a model's state: the code that set it, where it is, and what follows."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hygiene.analysis.evalmode.resolve import _Frame


def _where(frame: _Frame, event: dict[str, Any], text: str, ctor: str | None = None, then: str = "") -> dict[str, Any]:
    """A place that explains a state: `text` names the code, with its place, then `then`."""
    line = event.get("line")
    place = f"{frame.path}:{line}" if line else frame.path
    described = f"{text} ({place}){then}" if text else ""
    return {"path": frame.path, "line": line, "text": described, "ctor": ctor, "function": frame.name,
            "target": event.get("t")}


def _touches(event_target: str, target: str) -> bool:
    return event_target == target or target.startswith(event_target + ".") or event_target.startswith(target + ".")


def _rebinds(event_target: str, target: str) -> bool:
    return event_target == target or target.startswith(event_target + ".")
