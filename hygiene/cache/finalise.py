"""What the end of a scan asks of the whole repository, kept across scans (issue 12).

After the repository phase, `runner._finalise` asks two repository-wide questions about the
findings it is about to report:

- the periphery's (`hygiene.analysis.periphery`): does any file refer to the definition a finding
  is in, and is its module imported? That read every file's text on every scan (0.15 s of a warm
  scan of transformers' `src/`, with the definitions' syntax trees 0.25 s). `ReferenceMemo` keeps,
  per scanned file and by its content digest, what the last scans found in it: which of the names
  asked occur in it, which modules it imports for the set of modules asked, and its top-level
  definitions. A file whose digest is unchanged is not read again; an edited one is.
- the reporting filter's (`hygiene.analysis.reporting_filter`): do the programs that run a
  finding's file report a number? That built every program of the repository (0.45 s).
  `reporting_kinds` keeps the answer per file, keyed, like a replayed repository rule, by the
  digests of everything the answer read (`RepoContext.reads`: the facts of every file, the file
  list, the run scripts): an edit that changes a fact it read computes it again, so the answer is
  always the one a cold scan gives.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hygiene.cache import load_store, store_json

# A file's entry keeps the answers for at most this many names and sets of modules: the names asked
# are the definitions findings are in, a few per repository; a longer list is of definitions long gone.
_MOST_NAMES = 512
_MOST_QUERIES = 8


def _store(repo: Any, name: str) -> Path | None:
    folder, salt = getattr(repo, "summary_store", (None, ""))
    if folder is None:
        return None
    return Path(folder) / f"{name}-{hashlib.sha256(salt.encode()).hexdigest()[:16]}.json"


class ReferenceMemo:
    """Per scanned file, by its content digest: `{"d": digest, "n": {name: occurs}, "m": {modules
    asked: the ones imported}, "skip": too large to name code, "t": its top-level definitions}`
    (see `hygiene.analysis.periphery._referenced`)."""

    def __init__(self, store: Path | None, digests: dict[str, str]) -> None:
        self.store = store
        self.digests = digests
        self._files: dict[str, Any] | None = None  # read when first asked: most scans ask nothing
        self.changed = False

    @property
    def files(self) -> dict[str, Any]:
        if self._files is None:
            loaded = load_store(self.store).get("files")
            self._files = loaded if isinstance(loaded, dict) else {}
        return self._files

    @classmethod
    def of(cls, repo: Any, results: dict[str, Any]) -> "ReferenceMemo | None":
        store = _store(repo, "periphery")
        if store is None:
            return None
        return cls(store, {path: r.digest for path, r in results.items() if r.digest})

    def _entry(self, path: str) -> dict[str, Any] | None:
        content = self.digests.get(path)
        if not content:
            return None  # not a scanned file (a config, a launch script): read every time
        entry = self.files.get(path)
        if not isinstance(entry, dict) or entry.get("d") != content or not isinstance(entry.get("n"), dict) \
                or not isinstance(entry.get("m"), dict) or len(entry["n"]) > _MOST_NAMES or len(entry["m"]) > _MOST_QUERIES:
            entry = self.files[path] = {"d": content, "n": {}, "m": {}}
            self.changed = True
        return entry

    def references(self, path: str) -> dict[str, Any] | None:
        """The entry of `path` for its digest now (a new one when it changed); None when the file
        was not scanned."""
        return self._entry(path)

    def definitions(self, path: str) -> list[tuple[str, int, int, bool]] | None:
        entry = self._entry(path)
        tops = entry.get("t") if entry is not None else None
        if not isinstance(tops, list):
            return None
        return [(name, first, last, bool(decorated)) for name, first, last, decorated in tops]

    def keep_definitions(self, path: str, tops: list[tuple[str, int, int, bool]]) -> None:
        entry = self._entry(path)
        if entry is not None:
            entry["t"] = [list(t) for t in tops]
            self.changed = True

    def save(self) -> None:
        """Write the memo when something was added, without the files no longer scanned."""
        if self._files is None:
            return  # nothing was asked
        gone = [path for path in self.files if path not in self.digests]
        if self.store is None or not (self.changed or gone):
            return
        for path in gone:
            del self.files[path]
        store_json(self.store, {"files": self.files})


def reporting_kinds(repo: Any, paths: list[str], compute: Callable[[], dict[str, str]]) -> dict[str, str]:
    """`compute()` (`hygiene.analysis.reporting_filter.path_kinds`: the kind of each of `paths`),
    replayed from the last scan's answer when everything it read is unchanged (see the module docstring)."""
    store = _store(repo, "reporting")
    inputs = getattr(repo, "replay_inputs", None)
    if not paths or store is None or inputs is None:
        return compute()
    known = load_store(store)
    try:
        same = bool(known) and known["key"] == inputs.key(known["reads"])
        if same and all(path in known["kinds"] for path in paths):
            return {path: known["kinds"][path] for path in paths}
    except (KeyError, TypeError, ValueError, AttributeError):
        same = False
    repo.reads.append(set())
    try:
        kinds = compute()
    finally:
        reads = sorted(repo.reads.pop())
    key = inputs.key(reads)
    kept = dict(known["kinds"]) if same and known.get("reads") == reads and known.get("key") == key else {}
    store_json(store, {"reads": reads, "key": key, "kinds": {**kept, **kinds}})
    return kinds
