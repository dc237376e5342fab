"""How a scan uses Python's cycle collector (issue 12: cold CPU).

A file's check leaves its objects in reference cycles: a rule's helper refers back to the rule
and to the file's context, which holds the whole syntax tree. Unbroken, every file's tree waited
for a full collection, and with the default thresholds a cold scan ran about one full collection
per five files, each traversing everything alive: a fifth of the file phase's CPU on a 143k-line
subtree of transformers. `release` breaks those cycles when a file is done, so its objects go
when the last reference does; then the collector can run less often (`tune`) without holding
more memory.

A syntax tree being built (libcst's parse, `ast`'s for statement lines) is new objects and no
garbage: young collections during the build traverse each node, and the next ones traverse it
again before it reaches the old generation. Under `tune`, a build runs with the collector off and
its objects are frozen after it (`gc.freeze`: never traversed), until the file is released.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# Young objects between collections (CPython's default: 700). With the cycles broken, the
# garbage a young collection finds is small; the peak memory of a scan is unchanged.
THRESHOLDS = (20_000, 10, 10)


_freeze_trees = False  # set by `tune`: a library caller's collector is left as it is


def tune() -> None:
    """Collect less often, for the rest of this process (the command line's, or a worker's)."""
    global _freeze_trees
    gc.set_threshold(*THRESHOLDS)
    _freeze_trees = True


@contextmanager
def building() -> Iterator[None]:
    """A tree is built inside: no collection while it grows, and its objects frozen when it is
    built (not when the build fails), until `release` thaws them."""
    if not _freeze_trees or not gc.isenabled():
        yield
        return
    gc.disable()
    built = False
    try:
        yield
        built = True
    finally:
        if built:
            gc.freeze()
        gc.enable()


def release(*objects: Any) -> None:
    """Drop the attributes of objects a file's check no longer needs (its context, the rules'
    visitors), which breaks the cycles through them; trees frozen while built are thawed."""
    if _freeze_trees:
        gc.unfreeze()
    for done in objects:
        if hasattr(done, "__dict__"):
            vars(done).clear()
