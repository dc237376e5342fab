"""Small per-file summaries of one fact, cached across scans by the fact's digest (issue 12).

A repository-level analysis that must know something of every file (which functions it defines,
what they call) but reads the whole fact of only a few files builds its indexes from summaries:
a file's summary is made from its fact once, stored beside the cache with the fact's digest, and
made again only when that digest changes. A scan then decodes the facts of the changed files and
of the files the analysis reads, not every file's, and never holds every file's fact at once.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hygiene.cache import load_store, store_json


def summaries(repo: Any, key: str, summarise: Callable[[Any], Any], version: str = "1") -> list[tuple[str, Any]]:
    """(path, summary of its fact `key`) for every file with that fact, in `repo.facts(key)` order.
    The store is `repo.summary_store` (the cache folder and its salt, set by the repository
    phase); without one every summary is made from the fact."""
    repo._read(f"fact:{key}")
    folder, salt = getattr(repo, "summary_store", (None, ""))
    store = None
    if folder is not None:
        store = Path(folder) / f"{key}-{hashlib.sha256(f'{salt}:{version}'.encode()).hexdigest()[:16]}.json"
    known = load_store(store)
    out: list[tuple[str, Any]] = []
    fresh: dict[str, Any] = {}
    changed = False
    for path, result in repo.results.items():
        if key not in result.facts:
            continue
        digest = (getattr(result, "fact_digests", None) or {}).get(key) if store is not None else None
        stored = known.get(path)
        if digest and isinstance(stored, list) and len(stored) == 2 and stored[0] == digest:
            summary = stored[1]
        else:
            summary = summarise(result.facts[key])  # this file's fact only, dropped after
            changed = True
        if digest:
            fresh[path] = [digest, summary]
        out.append((path, summary))
    if store is not None and (changed or len(fresh) != len(known)):
        store_json(store, fresh)
    return out
