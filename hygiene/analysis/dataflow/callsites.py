"""The call sites of a repo function in the linked program (`Linked.callers`), decoding only the
calling files an answer needs.

A walk that reaches a parameter with no call on its stack follows the first few callers
(`MAX_CALLERS`); asking for all of them decoded every calling file of a function that many files
call (a model class of transformers: 40 files) to keep 16. With a limit the files are decoded in
program order until that many calls are found: the answer is `callers(key)[:limit]`, and the
run's trace holds the files read for it (the caller index comes from the files' interfaces,
whose changes `hygiene.cache.startphase` checks for every function a run asked about).
"""
from __future__ import annotations

from typing import Any

from hygiene.analysis.dataflow.graph import SHIFT, Ref, ref_of


def resolve(functions: dict[str, tuple[int, int]], name: str) -> tuple[int, int] | None:
    """The function a call of `name` calls (`plain` name; a class instance called: `__call__`)."""
    return dict.get(functions, name) or dict.get(functions, f"{name}.__call__")


class CallSites:
    _calls_index: dict[tuple[int, int], list[int]] | None
    _callers: dict[tuple[int, int], tuple[list[Ref], list[int]]]
    _run: list[Any]
    trace: Any
    source: Any
    functions: Any

    def callers(self, key: tuple[int, int], limit: int | None = None) -> list[Ref]:
        """The call nodes of the program that call the repo function `key` (the first `limit`)."""
        self.trace.callers.add(ref_of(*key))
        found = self._callers.get(key)
        if found is not None:
            refs, files = found
            if limit is not None and len(refs) > limit:
                last = refs[limit - 1] >> SHIFT
                refs, files = refs[:limit], files[:files.index(last) + 1]
            for file in files:
                if self._run[file] is None:
                    self.graph(file)  # type: ignore[attr-defined]  # the run reads it: its trace says so
            return refs
        files = self._calling_files(key)
        refs = []
        for number, file in enumerate(files):
            refs.extend(r for r in self.nodes_in(file, "call") if self.callee(r) == key)  # type: ignore[attr-defined]
            if limit is not None and len(refs) >= limit and number + 1 < len(files):
                return refs[:limit]  # the rest not decoded: not kept as the whole answer
        self._callers[key] = (refs, files)
        return refs[:limit] if limit is not None else refs

    def _calling_files(self, key: tuple[int, int]) -> list[int]:
        if self._calls_index is None:
            index: dict[tuple[int, int], list[int]] = {}
            for file, iface in enumerate(self.source.ifaces):
                for target in {resolve(self.functions, name) for name in iface["c"].split()}:
                    if target is not None:
                        index.setdefault(target, []).append(file)
            self._calls_index = index
        return self._calls_index.get(key, [])
