"""The eval-mode facts of a repository as the analysis reads them: light frames, whole records
read on demand (issue 12).

The analysis indexes every function of the repository (its qualified name, its class, the names
its calls call) but follows the events of only the few functions an evaluation reaches. Each
file's fact is therefore read as a small summary (`summarise`, cached across scans by the fact's
digest: `hygiene.cache.summaries`), and a file's whole records are decoded when the analysis first
reads a record of one of its functions. All of transformers' eval-mode facts held about 200 MB.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hygiene.analysis.evalmode.words import FACT_KEY

SUMMARY_VERSION = "4"


def summarise(fact: dict[str, Any]) -> dict[str, Any]:
    """What the analysis needs of every file: its module, classes and flags, and per function its
    qualified name, name, class, whether it evaluates a model, and its calls (event index, callee);
    the whole record of a function that evaluates a model."""
    functions = []
    for record in fact.get("frames", []):
        events = record["events"]
        calls: list[Any] = []
        for index, event in enumerate(events):
            if event["k"] == "call":
                calls += [index, event["f"]]
        evaluates = any(e["k"] == "fwd" and e.get("why") for e in events)
        # an evaluation's whole record too: every run of the analysis starts there (a few per repository)
        functions.append([record["q"], record["name"], record["cls"], evaluates, calls, *([record] if evaluates else [])])
    return {"m": fact.get("module", ""), "p": bool(fact.get("partial")), "mm": fact.get("module_methods", []),
            "c": fact.get("classes", []), "pl": fact.get("plain", []), "f": functions}


class _File:
    """One file's records, decoded when first read."""

    __slots__ = ("load", "records")

    def __init__(self, load: Callable[[], dict[str, Any]]) -> None:
        self.load = load
        self.records: list[dict[str, Any]] | None = None

    def record(self, at: int) -> dict[str, Any]:
        if self.records is None:
            self.records = self.load().get("frames", [])
        return self.records[at]


class _Frame:
    """One function (or module body) of the repository: `q`, `name`, `cls` and its calls from the
    summary; `record`, `events` and `params` from the file's fact, read on first use."""

    __slots__ = ("path", "module", "q", "name", "cls", "evaluates", "calls", "_own", "_file", "_at")

    def __init__(self, path: str, module: str, row: list[Any], file: _File, at: int) -> None:
        self.path, self.module = path, module
        self.q, self.name, self.cls, self.evaluates, self.calls = row[:5]
        self._own: dict[str, Any] | None = row[5] if len(row) > 5 else None
        self._file, self._at = file, at

    @property
    def record(self) -> dict[str, Any]:
        return self._own if self._own is not None else self._file.record(self._at)

    @property
    def events(self) -> list[dict[str, Any]]:
        return self.record["events"]

    @property
    def params(self) -> list[str]:
        return self.record["params"]


def read(analysis: Any, repo: Any) -> None:
    """Fill `analysis.frames`, `classes`, `module_methods`, `partial` and `plain` from the files'
    summaries (in the order of `repo.facts`)."""
    from hygiene.cache.summaries import summaries

    for path, summary in summaries(repo, FACT_KEY, summarise, SUMMARY_VERSION):
        file = _File(lambda path=path: repo.results[path].facts[FACT_KEY])
        for at, row in enumerate(summary["f"]):
            analysis.frames.append(_Frame(path, summary["m"], row, file, at))
        for cls in summary["c"]:
            analysis.classes.setdefault(cls["q"], cls)
        analysis.module_methods[path] = set(summary["mm"])
        if summary["p"]:
            analysis.partial.add(path)
        for cls in summary["pl"]:
            analysis.plain[cls["q"]] = cls
