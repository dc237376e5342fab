"""The place that explains a model's state: the code that set it, where it is, and what follows."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hygiene.analysis.apis.torch import CONTAINERS

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


def made_here(events: list[dict[str, Any]], target: str) -> str | None:
    """The class the last binding of `target` in `events` constructs, when its layers are known: a
    container (`nn.Sequential`) counts only when what it holds is known to be mode-free (`dep` False),
    since `nn.Sequential(..., nn.Dropout(0.5))` changes with the mode (probe 8)."""
    new = next((e for e in reversed(events) if e["k"] == "new" and _rebinds(e["t"], target)), {})
    return None if new.get("ctor") in CONTAINERS and new.get("dep") is not False else new.get("ctor")


def made_where(frames: list[_Frame], where: dict[str, Any]) -> str | None:
    """The class that `where`'s target (`model` of a `model.train()` in a caller) was made from in
    that function before that line (`model = MetaPath2Vec(...)`), as `made_here` tells it."""
    for frame in frames:
        if frame.path == where.get("path") and frame.name == where.get("function"):
            line = where.get("line") or 0
            return made_here([e for e in frame.events if (e.get("line") or 0) <= line], where.get("target") or "")
    return None


def aliased(events: list[dict[str, Any]], name: str, target: str) -> bool:
    """Is `name` bound to `target` or to a module holding it by the last binding of `name` in `events`
    (`model = self.model`, also under `if model is None:`)? Then `model.eval()` switches `target`
    (`self.model`, `self.model.base`) too (held-out 12, PFLlib)."""
    for event in reversed(events):
        if event["k"] in ("new", "alias") and _rebinds(event["t"], name):
            if event["k"] != "alias" or not event.get("src"):
                return False
            switched = event["src"] + name[len(event["t"]):]  # `model.eval()` switches `self.model` and its parts
            return target == switched or target.startswith(switched + ".")
    return False


def sibling_eval(events: list[dict[str, Any]], target: str) -> dict[str, Any] | None:
    """The last `other.eval()` before a forward call of `target` that leaves `target` out: the function
    shows its intent to evaluate on one network and forgets this one (`model.eval()` without
    `predictor.eval()`); the fix goes next to that switch. None when `target` was switched itself."""
    for event in reversed(events):
        if event["k"] == "mode" and _touches(event["t"], target):
            return None
        if event["k"] == "mode" and event.get("s") == "eval" and event.get("line"):
            return {"t": event["t"], "line": event["line"]}
    return None
