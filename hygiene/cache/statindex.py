"""The stat fast path of the cache (issue 12), as git's index does it.

A scan records, per file, its stat (size, mtime, ctime, inode), its content digest and the small
part of its result (findings, suppressions, the digests of its facts). The next scan trusts a
file whose stat is unchanged without reading it, except a racily clean one: a file whose mtime or
ctime is not older than the index itself could have changed again within the same clock tick
after it was hashed, so its content is hashed again (git's racy-git rule, Documentation/technical/
racy-git.txt). A content change that restores size and mtime still changes the ctime.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hygiene.cache import Cache, LazyFacts, digest, mark_used, serialize_facts, write_atomic
from hygiene.context import FileResult
from hygiene.discovery import SourceFile
from hygiene.finding import Diagnostic, Finding

CODE_KINDS = frozenset({"python", "notebook"})

Stat = tuple[int, int, int, int]
# File systems keep times in ticks (FAT: 2 s, ext4 on some kernels: a jiffy): a file changed this
# long before the scan began is treated as racily clean too.
RACY_MARGIN_NS = 2_000_000_000


def stat_of(path: Path) -> Stat:
    st = os.stat(path)
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


class StatIndex:
    """path -> (stat, kind, content digest, small result) of the last scan with the same salt."""

    def __init__(self, folder: Path | None, salt: str) -> None:
        self.file = folder / f"index-{hashlib.sha256(salt.encode()).hexdigest()[:16]}.json" if folder else None
        self.salt = salt
        self.entries: dict[str, list[Any]] = {}
        self.written_ns = 0
        self.fresh: dict[str, list[Any]] = {}
        self.stats: dict[str, Stat] = {}
        if self.file is None:
            return
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            self.written_ns = int(data["written_ns"])
            self.entries = dict(data["files"])
            mark_used(self.file)
        except (OSError, ValueError, KeyError, TypeError):
            self.entries = {}

    def lookup(self, path: str, kind: str, stat: Stat) -> tuple[str, dict[str, Any]] | None:
        """(digest, small result) when the file is known unchanged by its stat alone."""
        entry = self.entries.get(path)
        if not entry or len(entry) != 4 or entry[1] != kind or tuple(entry[0]) != stat:
            return None
        if stat[1] >= self.written_ns or stat[2] >= self.written_ns:
            return None  # racily clean: hash it again
        return entry[2], entry[3]

    def find(self, source: SourceFile, cache: Cache, skip: bool, recheck: Callable[[], FileResult]
             ) -> tuple[FileResult | None, str, bytes | None]:
        """(the cached result, or None with the content digest and the bytes read to check it).
        `skip`: the file is not read (oversized). OSError when it cannot be read."""
        if skip:
            return None, "", None
        self.stats[source.path] = stat = stat_of(source.abspath)
        known = self.lookup(source.path, source.kind, stat)
        if known is not None:
            cache.hits += 1
            return stored_result(source, known[0], known[1], cache, recheck), known[0], None
        content_digest, data = file_digest(source)
        return cache.get(source.path, source.kind, content_digest), content_digest, data

    def remember(self, source: SourceFile, result: FileResult) -> FileResult:
        """Record `result` for the next scan's index; returns it."""
        if result.digest and source.path in self.stats and self.file is not None:
            self.fresh[source.path] = [list(self.stats[source.path]), source.kind, result.digest, small_result(result)]
        return result

    def save(self, started_ns: int, partial: bool = False) -> None:
        """Write the index of this scan. `started_ns`: when the scan began reading files, so a
        file changed during the scan is racily clean next time. A `partial` scan (a folder of the
        repository) keeps the other files' entries that the old index could trust."""
        if self.file is None:
            return
        if partial:
            kept = {path: entry for path, entry in self.entries.items() if path not in self.fresh
                    and len(entry) == 4 and max(entry[0][1], entry[0][2]) < self.written_ns}
            self.fresh = {**kept, **self.fresh}
        if self.fresh == self.entries:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            written = started_ns - RACY_MARGIN_NS
            write_atomic(self.file, json.dumps({"written_ns": written, "salt": self.salt, "files": self.fresh},
                                               separators=(",", ":")), durable=False)
        except OSError:
            pass


def file_digest(source: SourceFile) -> tuple[str, bytes | None]:
    """(content hash, the bytes when they are small enough to keep for the check)."""
    if source.kind in CODE_KINDS:
        data = source.abspath.read_bytes()
        return digest(data), data
    h = hashlib.sha256()
    with source.abspath.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest(), None


def small_result(result: FileResult) -> dict:
    """What the stat index keeps of a result: all but the facts, which stay in the cache entry."""
    return {"lines": result.lines, "findings": [f.to_dict() for f in result.findings],
            "diagnostics": [d.to_dict() for d in result.diagnostics], "suppressions": result.suppressions,
            "fact_digests": result.fact_digests}


def stored_result(source: SourceFile, content_digest: str, small: dict, cache: Cache,
                  recheck: Callable[[], FileResult], cached: bool = True) -> FileResult:
    """A result whose facts are read from the cache only when the repo phase asks for them (a
    vanished or corrupt entry: the file is checked again for them)."""
    result = FileResult(source.path, source.kind, content_digest, lines=small["lines"],
                        findings=[Finding.from_dict(f) for f in small["findings"]],
                        diagnostics=[Diagnostic.from_dict(d) for d in small["diagnostics"]],
                        suppressions=small["suppressions"], cached=cached,
                        fact_digests=dict(small["fact_digests"]))

    def again() -> dict[str, str]:
        return serialize_facts(dict(recheck().facts))[0]

    def load() -> dict[str, str]:
        try:
            raw = cache.facts_raw(source.path, source.kind, content_digest, sides=False)
        except KeyError:
            return again()
        raw.fallback = again  # type: ignore[attr-defined]  # a side file gone since
        return raw
    result.facts = LazyFacts(result.fact_digests, load)
    return result
