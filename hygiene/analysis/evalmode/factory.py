"""Factories: a repo function that returns a module it built (`def make_net(): return
nn.Sequential(...)`, or builds, loads weights into and returns `model`) hands its caller a model in
training mode, as the constructor would."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hygiene.analysis.evalmode.events import RETURN
from hygiene.analysis.evalmode.places import _where

if TYPE_CHECKING:
    from hygiene.analysis.evalmode.resolve import Analysis, States, _Frame

MAX_DEPTH = 6


def factory_made(analysis: Analysis, frame: _Frame, event: dict[str, Any], depth: int) -> States | None:
    """`event` binds `net = make_net(...)`: training mode, explained, if `make_net` is a repo
    function whose last `return` gives a module in training mode (and nothing else)."""
    ctor = event.get("ctor") or ""
    callees = analysis.lookup(ctor)
    if len(callees) != 1 or depth > MAX_DEPTH:
        return None
    callee = callees[0]
    last = next((i for i in range(len(callee.events) - 1, -1, -1)
                 if callee.events[i]["k"] in ("new", "alias", "mode") and callee.events[i]["t"] == RETURN), None)
    if last is None:
        return None
    found = analysis.effect(callee, last, RETURN, depth + 1)
    if not found or set(found) != {"train"}:
        return None
    made = found["train"]
    where = _where(frame, event, f"`{event['t']} = {ctor.rsplit('.', 1)[-1]}(...)`", made.get("ctor"),
                           ", which returns a new " + made["text"].replace(f"`{RETURN} = ", "`"))
    return {"train": {**where, "fresh": True, "dep": made.get("dep"), "trains": frame.record.get("train")}}
