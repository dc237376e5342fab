"""The eval-mode verdicts (EVAL001, EVAL002) replayed when the files that changed cannot reach them
(issue 12).

`hygiene.analysis.evalmode.resolve.Analysis` reads a summary of every file's eval-mode fact and
follows the functions a few evaluations reach. While it decides, it notes what its answer
depended on: the files whose functions it read or reached (`touched`), the names it asked its
indexes for (qualified names and their last parts, called names, class names: `asked`) and the
class-name tails it searched all classes for (`suffixes`). Asked only whether one function has a
last part (whether a caller may name it by that part alone), it notes how many had (`unique`).
The verdicts are stored with those notes and with the fact's digest in every file.

At the next scan, when files' facts changed, the stored verdicts are the answer unless one of the
changed files, as it was at the stored run or as it is now (its summary), was touched, has a
function that evaluates a model, or defines or calls a name that was asked (or a class a searched
tail matches), or has a function with a last part of `unique` that fewer than two functions of the
unchanged files have. Then no lookup, caller search or class search the analysis made can answer
differently, and no evaluation is added or lost. Files added or removed, a stored summary that is
gone, or any other read of the analysis that changed: the analysis runs again. Appending a
function nothing calls to a large model file (the `--focus` benchmark's edit) replays.
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hygiene.cache import load_store, store_json

VERSION = "1"


def _tail2(name: str) -> str:
    return ".".join(name.split(".")[-2:])


def _tails(q: str) -> tuple[str, str]:
    """The keys a function is indexed by besides its name (`Analysis.by_tail`)."""
    return _tail2(q), q.rsplit(".", 1)[-1]


def _conflicts(summary: Any, asked: set[str], suffixes: set[str]) -> bool:
    """Can a file with this summary change an answer that depended on `asked` and `suffixes`?"""
    if not isinstance(summary, dict):
        return True
    for row in summary.get("f", ()):
        q, calls = row[0], row[4]
        if row[3] or q in asked or not asked.isdisjoint(_tails(q)):
            return True
        for name in calls[1::2]:
            if name in asked or _tail2(name) in asked:
                return True
    for cls in [*summary.get("c", ()), *summary.get("pl", ())]:
        q = cls["q"]
        if q in asked or q.rsplit(".", 1)[-1] in asked or any(q == t or q.endswith("." + t) for t in suffixes):
            return True
    return False


def _still_shared(before: list[Any], now: list[Any], unique: dict[str, int]) -> bool:
    """Does every last part that the analysis asked only whether one function has (`unique`: how
    many had) and that a changed file has (`before`, `now`: their summaries) stay on two functions
    or more of the files that did not change? Then that answer is no, before and now."""
    mine: set[str] = set()
    removed: dict[str, int] = {}
    for summary in (*before, *now):
        for row in summary.get("f", ()):
            mine.update(_tails(row[0]))
    for summary in before:
        for row in summary.get("f", ()):
            for tail in _tails(row[0]):  # `by_tail` holds a function once under each (twice when they are one)
                removed[tail] = removed.get(tail, 0) + 1
    return all(unique[tail] - removed.get(tail, 0) >= 2 for tail in mine if tail in unique)


def _store(repo: Any, fact_key: str) -> Path | None:
    folder, salt = getattr(repo, "summary_store", (None, ""))
    if folder is None or getattr(repo, "replay_inputs", None) is None:
        return None
    return Path(folder) / f"verdicts-{fact_key}-{hashlib.sha256(f'{salt}:{VERSION}'.encode()).hexdigest()[:16]}.json"


def _digests(repo: Any, fact_key: str) -> dict[str, str] | None:
    """The fact's digest in every file holding it, in path order; None when one is not known."""
    out: dict[str, str] = {}
    for path, result in repo.results.items():
        digests = getattr(result, "fact_digests", None) or {}
        if fact_key in digests:
            out[path] = digests[fact_key]
        elif fact_key in result.facts:
            return None
    return out


def verdicts(repo: Any, fact_key: str, analyse: Callable[[], Any], summarise: Callable[[Any], Any],
             summary_version: str, make: Callable[..., Any]) -> list[Any]:
    """The verdicts `analyse()` returns (with the analysis, whose `touched`, `asked` and `suffixes`
    say what they depended on), replayed from the store when no changed file can reach them.
    `make` turns a stored verdict (a dict) back into one."""
    from hygiene.cache.summaries import stored_summary

    store = _store(repo, fact_key)
    digests = _digests(repo, fact_key) if store is not None else None
    inputs = getattr(repo, "replay_inputs", None)
    if store is not None and digests is not None:
        old = load_store(store)
        try:
            if old and list(old["digests"]) == list(digests) and \
                    (not old["reads"] or old["key"] == inputs.key(old["reads"])):
                asked, suffixes, touched = set(old["asked"]), set(old["suffixes"]), set(old["touched"])
                changed = [(path, old["digests"][path]) for path, digest in digests.items() if digest != old["digests"][path]]
                replay = not any(path in touched for path, _ in changed)
                befores: list[Any] = []
                nows: list[Any] = []
                for path, digest in changed if replay else ():
                    then = stored_summary(repo, fact_key, summary_version, path, digest)
                    now = summarise(repo.results[path].facts[fact_key])
                    if then is None or _conflicts(then, asked, suffixes) or _conflicts(now, asked, suffixes):
                        replay = False
                        break
                    befores.append(then)
                    nows.append(now)
                if replay and _still_shared(befores, nows, old["unique"]):
                    repo._read(f"fact:{fact_key}", *old["reads"])
                    return [make(**v) for v in old["verdicts"]]
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            pass
    before = set(repo.reads[-1]) if repo.reads else set()
    analysis, found = analyse()
    reads = sorted((set(repo.reads[-1]) - before - {f"fact:{fact_key}"}) if repo.reads else ())
    if store is not None and digests is not None:
        store_json(store, {"digests": digests, "reads": reads, "key": inputs.key(reads) if reads else "",
                           "touched": sorted(analysis.touched), "asked": sorted(analysis.asked),
                           "suffixes": sorted(analysis.suffixes), "unique": analysis.unique,
                           "verdicts": [dataclasses.asdict(v) for v in found]})
    return found
