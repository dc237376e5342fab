"""Keep the cache folder from growing without bound.

Every edit of a file adds a cache entry under its new content, and every new version of hygiene or
of the configuration starts new stores; nothing ever removed the old ones (one repository scanned
across many versions held 1.6 GB). After a scan of the whole repository, at most once a day, the
files nobody used for `KEEP_DAYS` days are deleted:

- a per-file entry (`files/ab/<key>.json` and its side files `<key>.<fact>.json`) is kept while a
  stat index used in that time names it (the index records the salt its keys are made with), or
  while it is itself younger than that;
- a store of the repository phase, a stat index or a cached LLM answer is kept while it was read or
  written in that time (a read refreshes its mtime: hygiene.cache.mark_used).

Deleting is safe at any time: a missing entry is a cache miss, and the file is checked again.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from hygiene.cache import entry_key

KEEP_DAYS = 14
EVERY_S = 86_400
MARK = "pruned"


def due(folder: Path, now: float | None = None) -> bool:
    """Whether the last pruning of `folder` is more than a day old (or never happened)."""
    now = time.time() if now is None else now
    try:
        return now - (folder / MARK).stat().st_mtime >= EVERY_S
    except OSError:
        return folder.is_dir()


def _live_keys(indexes: list[Path]) -> set[str]:
    keys: set[str] = set()
    for index in indexes:
        try:
            data = json.loads(index.read_text(encoding="utf-8"))
            salt, files = data["salt"], data["files"]
            for path, entry in files.items():
                kind, content_digest = entry[1], entry[2]
                keys.add(entry_key(salt, path, kind, content_digest))
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            continue  # an index of an older format names nothing: its entries age out
    return keys


def _remove(path: Path) -> int:
    try:
        size = path.stat().st_size
        path.unlink()
        return size
    except OSError:
        return 0


def prune(folder: Path, now: float | None = None, keep_days: float = KEEP_DAYS) -> tuple[int, int]:
    """Delete what no scan used in `keep_days` days; returns (files deleted, bytes freed)."""
    now = time.time() if now is None else now
    cutoff = now - keep_days * 86_400
    if not folder.is_dir():
        return 0, 0

    def old(path: Path) -> bool:
        try:
            return path.stat().st_mtime < cutoff
        except OSError:
            return False

    top = [p for p in folder.glob("*.json") if p.is_file()]
    live = _live_keys([p for p in top if p.name.startswith("index-") and not old(p)])
    count = freed = 0
    for path in top + [p for p in (folder / "blobs").glob("*.json") if p.is_file()]:
        if old(path):
            freed += _remove(path)
            count += 1
    files = folder / "files"
    if files.is_dir():
        for sub in files.iterdir():
            if not sub.is_dir():
                continue
            for entry in sub.iterdir():
                if entry.name.split(".", 1)[0] not in live and old(entry):
                    freed += _remove(entry)
                    count += 1
            try:
                sub.rmdir()  # only when empty
            except OSError:
                pass
    try:
        (folder / MARK).touch()
        os.utime(folder / MARK, (now, now))
    except OSError:
        pass
    return count, freed


def maybe_prune(folder: Path) -> tuple[int, int]:
    """`prune(folder)` when it is due; never raises (the cache only saves work)."""
    try:
        return prune(folder) if due(folder) else (0, 0)
    except OSError:
        return 0, 0
