"""Per-file results cached by content, so a re-run on an unchanged repo parses nothing.

The key is the file's content hash, its repo path and kind, the tool version, the configuration
and the source of every rule, so a cached result can never outlive what produced it. Entries are
JSON, not pickle: the cache lives inside the scanned repo, and a pickle from a repo someone else
wrote would be code we run. A corrupt or unreadable entry is a miss, never an error.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

from hygiene import __version__
from hygiene.context import FileResult

FORMAT = "2"
# A cache file read by a scan gets a fresh mtime when its last one is older than this.
USED_REFRESH_S = 86_400


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry_key(salt: str, path: str, kind: str, content_digest: str) -> str:
    """The name of a file's cache entry (`files/<key[:2]>/<key>.json`); pruning recomputes it from a stat index."""
    return hashlib.sha256(f"{salt}\0{path}\0{kind}\0{content_digest}".encode()).hexdigest()


def serialize_facts(facts: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """Each fact as its own JSON text, and a short digest of each: the repo phase keys its cached
    results by the digests of the facts it read, and decodes only the facts it reads."""
    raw = {key: json.dumps(value, separators=(",", ":")) for key, value in facts.items()}
    return raw, {key: hashlib.sha256(text.encode()).hexdigest()[:20] for key, text in raw.items()}


# A fact whose JSON is longer than this is stored in a file of its own beside the entry, so that a
# repo rule reading one small fact of every file (`io`, `imports`) does not parse every file's
# dataflow graph too (issue 12: `--focus` on an edited file re-runs such rules).
SIDE_MIN = 2048


class _Raw(dict):
    """A cache entry's facts as JSON texts: the small ones in the entry, the large ones read from
    their own files when asked for (their paths made then: most reads want one small fact).
    `fallback`, when set, gives every fact again when a side file has gone (the file is checked
    again: `hygiene.cache.statindex`)."""

    def __init__(self, small: dict[str, str], target: Path, side: list[str]) -> None:
        super().__init__(small)
        self.target = target
        self.side = frozenset(side)
        self.fallback: Callable[[], dict[str, str]] | None = None

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or key in self.side

    def __getitem__(self, key: str) -> str:
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        if key not in self.side:
            raise KeyError(key)
        try:
            return Cache._side(self.target, key).read_text(encoding="utf-8")
        except OSError:
            if self.fallback is None:
                raise KeyError(key) from None
            return self.fallback()[key]


class LazyFacts(MutableMapping):
    """A cached file's facts, decoded key by key each time something reads them. Which keys
    exist (and their digests) is known without reading the entry. Nothing decoded is kept: the
    repo phase builds what it needs from them (the dataflow program) and drops it when no rule
    uses it any more, so the whole repository's facts are never in memory at once (issue 12)."""

    def __init__(self, digests: dict[str, str], load: Callable[[], dict[str, str]],
                 raw: dict[str, str] | None = None) -> None:
        self.digests = dict(digests)
        self._load = load
        self._raw = raw
        self._values: dict[str, Any] = {}  # only what was set in memory

    def __contains__(self, key: object) -> bool:
        return key in self.digests

    def __getitem__(self, key: str) -> Any:
        if key not in self.digests:
            raise KeyError(key)
        if key in self._values:
            return self._values[key]
        raw = self._raw if self._raw is not None and key in self._raw else self._load()
        self._raw = None  # the file's other facts are read again from the cache if asked for
        return json.loads(raw[key])

    def __setitem__(self, key: str, value: Any) -> None:
        self._values[key] = value
        self.digests[key] = serialize_facts({key: value})[1][key]

    def __delitem__(self, key: str) -> None:
        del self.digests[key]
        self._values.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.digests))

    def __len__(self) -> int:
        return len(self.digests)


_engine: list[str] = []


def engine_sources() -> list[Path]:
    """The files whose content the engine fingerprint covers: all of hygiene/ and the rules (a
    source checkout keeps them in rules/, a wheel in hygiene/catalogue/)."""
    package = Path(__file__).resolve().parent.parent  # hygiene/cache/ is a subpackage
    roots = [package, package.parent / "rules"]
    return [path for root in roots if root.is_dir() for path in sorted(root.rglob("*.py"))]


def engine_fingerprint() -> str:
    """A hash of hygiene's own source, so a changed engine (an editable install, a patch) never
    reads results the old engine wrote. About a millisecond; computed once per process."""
    if not _engine:
        h = hashlib.sha256()
        base = Path(__file__).resolve().parents[2]
        for path in engine_sources():
            h.update(path.relative_to(base).as_posix().encode())
            h.update(path.read_bytes())
        _engine.append(h.hexdigest()[:16])
    return _engine[0]


class Cache:
    def __init__(self, folder: Path | None, salt: str) -> None:
        self.folder = folder
        self.salt = f"{FORMAT}:{__version__}:{engine_fingerprint()}:{salt}"
        self.hits = 0
        self.misses = 0
        self._ready = False

    def _key(self, path: str, kind: str, content_digest: str) -> str:
        return entry_key(self.salt, path, kind, content_digest)

    def _file(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / "files" / key[:2] / f"{key}.json"

    @staticmethod
    def _side(target: Path, fact: str) -> Path:
        return target.with_name(f"{target.stem}.{hashlib.sha256(fact.encode()).hexdigest()[:12]}.json")

    def _entry(self, path: str, kind: str, content_digest: str, sides: bool = True) -> dict[str, Any] | None:
        """The stored entry of a file, its facts as a `_Raw`; None when absent, of another file or
        (`sides`) missing a side file. The repository phase reads one fact of an entry at a time
        and leaves the check of a side file to its read (`_Raw.fallback`)."""
        if self.folder is None:
            return None
        target = self._file(self._key(path, kind, content_digest))
        try:
            data = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("path") != path or data.get("digest") != content_digest:
            return None
        side = data.get("facts_side", [])
        if not isinstance(data.get("facts_raw"), dict) or not isinstance(side, list) or \
                (sides and not all(self._side(target, fact).exists() for fact in side)):
            return None
        data["facts_raw"] = _Raw(data["facts_raw"], target, side)
        return data

    def get(self, path: str, kind: str, content_digest: str) -> FileResult | None:
        data = self._entry(path, kind, content_digest)
        try:
            if data is None:
                raise ValueError
            raw = data["facts_raw"]
            result = FileResult.from_dict({**data, "facts": {}})
            result.facts = LazyFacts(data["fact_digests"], lambda: self.facts_raw(path, kind, content_digest), raw)
            result.fact_digests = dict(data["fact_digests"])
        except (ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        result.cached = True
        self.hits += 1
        return result

    def facts_raw(self, path: str, kind: str, content_digest: str, sides: bool = True) -> dict[str, str]:
        """The stored facts of one file, each still JSON text; KeyError when the entry is gone
        (or, with `sides`, a side file: without, reading that fact raises KeyError or calls the
        returned `_Raw`'s `fallback`)."""
        data = self._entry(path, kind, content_digest, sides)
        if data is None:
            raise KeyError(path)
        return data["facts_raw"]

    def put(self, result: FileResult) -> None:
        """Store `result`; its `fact_digests` are set (the repo phase keys on them)."""
        raw, result.fact_digests = serialize_facts(dict(result.facts))
        if self.folder is None:
            return
        side = sorted(key for key, text in raw.items() if len(text) > SIDE_MIN)
        entry = {"path": result.path, "kind": result.kind, "digest": result.digest, "lines": result.lines,
                 "findings": [f.to_dict() for f in result.findings],
                 "diagnostics": [d.to_dict() for d in result.diagnostics],
                 "suppressions": result.suppressions, "fact_digests": result.fact_digests,
                 "facts_raw": {key: text for key, text in raw.items() if key not in side}, "facts_side": side}
        try:
            self.prepare()
            target = self._file(self._key(result.path, result.kind, result.digest))
            target.parent.mkdir(parents=True, exist_ok=True)
            for key in side:  # before the entry that names them
                write_atomic(self._side(target, key), raw[key], durable=False)
            write_atomic(target, json.dumps(entry, separators=(",", ":")), durable=False)
        except OSError:
            # A read-only checkout still gets a scan, just not a cache.
            self.folder = None

    def prepare(self) -> None:
        """The cache folder, with its .gitignore and CACHEDIR.TAG (OSError when it cannot be made)."""
        if self._ready or self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by hygiene: the cache is never committed.\n*\n")
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# hygiene's cache; see https://bford.info/cachedir/\n")
        self._ready = True

    def get_blob(self, name: str) -> Any:
        """A cached JSON value for a repo-level computation (LLM answers, data profiles)."""
        if self.folder is None:
            return None
        target = self.folder / "blobs" / f"{name}.json"
        try:
            value = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        mark_used(target)
        return value

    def put_blob(self, name: str, value: Any) -> None:
        if self.folder is None:
            return
        try:
            self.prepare()
            target = self.folder / "blobs" / f"{name}.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, json.dumps(value), durable=False)
        except OSError:
            pass


def write_atomic(target: Path, text: str, durable: bool = True) -> None:
    """Write `text` to `target` so that a reader sees the old or the new file, never half of one.

    `durable` also flushes it to disk before the rename (for files a person wrote into); cache
    entries skip that, since a lost entry is only a miss.
    """
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        try:
            os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        except OSError:
            pass
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def store_json(target: Path, data: Any) -> None:
    """Write a cache store (compact JSON, atomic, not flushed). A store only saves work: when it
    cannot be written (a read-only checkout) the next scan recomputes what it held."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, json.dumps(data, separators=(",", ":")), durable=False)
    except OSError:
        pass


def load_store(target: Path | None) -> dict[str, Any]:
    """A cache store written by `store_json` ({} when absent, unreadable or not an object), marked
    as used so that pruning (hygiene.cache.prune) keeps it."""
    if target is None:
        return {}
    try:
        loaded = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    mark_used(target)
    return loaded if isinstance(loaded, dict) else {}


def mark_used(target: Path) -> None:
    """Refresh the mtime of a cache file read by this scan, at most once a day (a store that is only
    read, never rewritten, would otherwise look abandoned to hygiene.cache.prune)."""
    try:
        now = time.time()
        if now - target.stat().st_mtime > USED_REFRESH_S:
            os.utime(target, (now, now))
    except OSError:
        pass


def run_repo_rule(repo: Any, rule: Any) -> None:
    """`rule.check_repo(repo)`; an exception in it is a diagnostic naming the rule, and the scan goes on."""
    try:
        rule.check_repo(repo)
    except Exception as exc:
        where = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        if os.environ.get("HYGIENE_DEBUG"):  # the whole traceback, as the command line gives for its own errors
            traceback.print_exc()
        repo.diagnostic(".", f"internal error in rule {rule.code} (repo checks): {where}", "error")
