"""`obj.attr` read from an instance of a class of the repo: the values its methods bind to `self.attr`.

`splits = ReviewSplits(path)` then `splits.test` (in the same module or another) holds what
`ReviewSplits.__init__` (or another method) stored in `self.test`, e.g. the test part of a split.
"""
from __future__ import annotations

from typing import Any

from hygiene.analysis.apis import plain
from hygiene.analysis.dataflow.graph import Ref, ref_of

_MAX_HOPS = 4


def instance_attribute(prog: Any, ref: Ref) -> list[Ref]:
    """What `ref` (an `op` node `obj.attr`) reads when `obj` was made by a call of a repo class; [] else."""
    info = prog.info(ref)
    attr = info.get("a")
    if info.get("op") != "attr" or not attr:
        return []
    made = prog.input(ref, 0)
    for _ in range(_MAX_HOPS):  # a module-level instance read in a function, or imported
        if not made or prog.kind(made) not in ("global", "import"):
            break
        bound = prog.bound(made)
        made = bound[0] if len(bound) == 1 else 0
    if not made or prog.kind(made) != "call" or not prog.info(made).get("fn"):
        return []
    cls = plain(prog.info(made)["fn"])
    init = prog.functions.get(f"{cls}.__init__")
    if init is None:
        return []
    stored = prog.graph(init[0]).attributes.get(cls.rpartition(".")[2], {}).get(attr, [])
    return [ref_of(init[0], n) for n in stored]


def element_method(prog: Any, ref: Ref) -> str | None:
    """`item.render()` where `item` runs over a list or comprehension of one repo class's instances
    (`[Item(**row) for row in rows]`): `Class().render`, the name the call resolves by (None else)."""
    method = prog.info(ref).get("m")
    receiver = prog.input(ref, 0)
    if not method or not receiver or prog.kind(receiver) != "elem":
        return None
    container = prog.input(receiver, 0)
    if not container or prog.kind(container) not in ("comp", "op"):
        return None
    made = {prog.info(i).get("fn") for i in prog.inputs(container) if i and prog.kind(i) == "call"}
    return f"{made.pop()}().{method}" if len(made) == 1 and None not in made else None
