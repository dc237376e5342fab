"""Small per-file summaries of one fact, cached across scans by the fact's digest (issue 12).

A repository-level analysis that must know something of every file (which functions it defines,
what they call) but reads the whole fact of only a few files builds its indexes from summaries:
a file's summary is made from its fact once, stored beside the cache with the fact's digest, and
made again only when that digest changes (the store is split by path, and only the parts holding
a changed summary are written again). A scan then decodes the facts of the changed files and
of the files the analysis reads, not every file's, and never holds every file's fact at once.
"""
from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hygiene.cache import load_store, store_json


# The store is split by path into this many files: an edit rewrites the one that holds the edited
# file's summary (about 0.5 MB on transformers), not all of them (15.7 MB).
SHARDS = 32


def _shard(path: str) -> int:
    return zlib.crc32(path.encode("utf-8")) % SHARDS


def summaries(repo: Any, key: str, summarise: Callable[[Any], Any], version: str = "1") -> list[tuple[str, Any]]:
    """(path, summary of its fact `key`) for every file with that fact, in `repo.facts(key)` order.
    The store is `repo.summary_store` (the cache folder and its salt, set by the repository
    phase); without one every summary is made from the fact."""
    repo._read(f"fact:{key}")
    folder, salt = getattr(repo, "summary_store", (None, ""))
    stores: list[Path] = []
    if folder is not None:
        base = f"{key}-{hashlib.sha256(f'{salt}:{version}'.encode()).hexdigest()[:16]}"
        stores = [Path(folder) / f"{base}-{n:02d}.json" for n in range(SHARDS)]
    known: list[dict[str, Any]] = [load_store(store) for store in stores]
    out: list[tuple[str, Any]] = []
    fresh: list[dict[str, Any]] = [{} for _ in stores]
    changed: set[int] = set()
    for path, result in repo.results.items():
        if key not in result.facts:
            continue
        digest = (getattr(result, "fact_digests", None) or {}).get(key) if stores else None
        shard = _shard(path) if stores else 0
        stored = known[shard].get(path) if stores else None
        if digest and isinstance(stored, list) and len(stored) == 2 and stored[0] == digest:
            summary = stored[1]
        else:
            summary = summarise(result.facts[key])  # this file's fact only, dropped after
            changed.add(shard)
        if digest:
            fresh[shard][path] = [digest, summary]
        out.append((path, summary))
    for shard, store in enumerate(stores):
        if shard in changed or len(fresh[shard]) != len(known[shard]):
            store_json(store, fresh[shard])
    return out


def stored_summary(repo: Any, key: str, version: str, path: str, digest: str) -> Any:
    """The summary of `path`'s fact `key` that the store holds for the fact's `digest`; None when
    it holds another (or none)."""
    folder, salt = getattr(repo, "summary_store", (None, ""))
    if folder is None:
        return None
    base = f"{key}-{hashlib.sha256(f'{salt}:{version}'.encode()).hexdigest()[:16]}"
    stored = load_store(Path(folder) / f"{base}-{_shard(path):02d}.json").get(path)
    return stored[1] if isinstance(stored, list) and len(stored) == 2 and stored[0] == digest else None


def _same(value: Any) -> Any:
    return value


def packed(repo: Any, key: str) -> list[tuple[str, Any]]:
    """(path, fact `key`) for every file with that fact, in `repo.facts(key)` order, the facts of
    files unchanged since the last scan read from the summary store (the fact is its own summary):
    a repository-wide pass over a fact of every file (the import graph's `imports`, the programs'
    `rng`) reads a few store files, not every file's cache entry
    and the side files of the large ones. For facts that every value of is kept anyway."""
    return summaries(repo, key, _same, "fact")
