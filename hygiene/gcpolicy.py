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

Freed objects do not make a process smaller: glibc's allocator keeps the pages of a released
syntax tree for later, so a worker that checked one large file stays as big as that file made it
(about 130 MB for a 280 kB module) for the rest of the scan. `give_back` hands free pages back to
the system (`malloc_trim`) when the process has grown by more than `GIVE_BACK_MB` since it last
did; a worker then returns to about 75 MB between files (issue 12: the peak of the process tree).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# Young objects between collections (CPython's default: 700). With the cycles broken, the
# garbage a young collection finds is small; the peak memory of a scan is unchanged.
THRESHOLDS = (20_000, 10, 10)


_freeze_trees = False  # set by `tune`: a library caller's collector is left as it is

GIVE_BACK_MB = 24
_trim: Any = None  # glibc's malloc_trim, looked up once; False where there is none
_kept_mb = 0.0  # the process's size after it last gave pages back


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


def _resident_mb() -> float:
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def give_back() -> bool:
    """Return the pages of freed objects to the system when the process has grown by more than
    GIVE_BACK_MB since the last time (glibc on Linux; elsewhere nothing). Whether it did."""
    global _trim, _kept_mb
    if not _freeze_trees:
        return False
    if _trim is None:
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            _trim = libc.malloc_trim
            _trim.argtypes, _trim.restype = [ctypes.c_size_t], ctypes.c_int
        except (OSError, AttributeError):
            _trim = False
    size = _resident_mb()
    if not _trim or not size or size - _kept_mb <= GIVE_BACK_MB:
        return False
    _trim(0)
    _kept_mb = _resident_mb()
    return True
