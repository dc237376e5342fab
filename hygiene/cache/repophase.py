"""The repository phase, cached rule by rule by the digests of what each rule read (issue 12).

While a rule's `check_repo` runs, `RepoContext` records what it reads: the facts under a key
(`fact:KEY`), the files and their contents (`sources`), the file list alone (`paths`), git's state
(`git`), one file's content (`file:PATH`, what `git status` says of it), or the repository itself
through `root` (`external`: git, config files no scan reads). A rule is a function of what it read, so when those inputs are
unchanged at the next scan (the same digests of those facts in the same files, the same files,
the same git state and file times) its findings and diagnostics are replayed without running it,
and without decoding any file's facts. An unchanged tree links nothing; an edit re-runs only the
rules whose inputs it changed.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from hygiene.cache import load_store, run_repo_rule, serialize_facts, store_json
from hygiene.context import FileResult, RepoContext
from hygiene.finding import Diagnostic, Finding
from hygiene.rule import Rule


def _fact_digest(result: FileResult, key: str) -> str | None:
    if key in result.fact_digests:
        return result.fact_digests[key]
    if key in result.facts:  # a result kept in memory only (not cached)
        return serialize_facts({key: result.facts[key]})[1][key]
    return None


def _git_dir(root: Path) -> Path | None:
    for folder in (root, *root.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():  # a worktree or submodule: "gitdir: <path>"
            text = dot.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                return (folder / text.split(":", 1)[1].strip()).resolve()
    return None


def _git_state(h: Any, root: Path) -> None:
    """Hash what git answers from besides the working tree: where its folder is, HEAD, the ref it
    names, the packed refs, the index's stat, the shallow boundary and the exclude files."""
    h.update(f"GIT_DIR={os.environ.get('GIT_DIR', '')}\0".encode())
    git = _git_dir(root)
    h.update(f"{git}\0".encode())
    if git is None:
        return
    common = git
    try:  # a worktree keeps its HEAD and index, and shares the refs of the main repository
        common = (git / (git / "commondir").read_text(encoding="utf-8").strip()).resolve()
    except OSError:
        pass
    for folder, name in ((git, "HEAD"), (common, "packed-refs"), (git, "index"), (common, "shallow"),
                         (git, "shallow"), (common, "info/exclude"), (common, "config")):
        try:
            st = os.stat(folder / name)
            h.update(f"{folder}/{name}:{st.st_size}:{st.st_mtime_ns}\0".encode())
        except OSError:
            pass
    try:
        head = (git / "HEAD").read_text(encoding="utf-8", errors="replace").strip()
        h.update(head.encode())
        if head.startswith("ref:"):
            ref = head[4:].strip()
            for folder in dict.fromkeys((git, common)):
                try:
                    h.update((folder / ref).read_bytes())
                except OSError:
                    pass
    except OSError:
        pass


def _walk(repo: RepoContext):
    """(relative path, full path) of every file of the tree, outside dot-folders and the cache."""
    root = repo._root
    cache_dir = (root / repo.config.cache_dir).resolve()
    try:
        cache_stat: os.stat_result | None = os.stat(cache_dir)
    except OSError:
        cache_stat = None
    top = os.fspath(root)
    for dirpath, dirnames, filenames in os.walk(root):
        # The cache is the folder that is the cache folder (one stat, not a resolve of every folder's path).
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not _same_folder(os.path.join(dirpath, d), cache_stat, cache_dir))
        prefix = os.path.relpath(dirpath, top).replace(os.sep, "/") + "/" if dirpath != top else ""
        for name in sorted(filenames):
            yield prefix + name, os.path.join(dirpath, name)


def _same_folder(folder: str, cache_stat: os.stat_result | None, cache_dir: Path) -> bool:
    if cache_stat is None:
        return Path(folder).resolve() == cache_dir
    try:
        return os.path.samestat(os.stat(folder), cache_stat)
    except OSError:
        return Path(folder).resolve() == cache_dir


def git_fingerprint(repo: RepoContext) -> str:
    """Git's state (`_git_state`) and the stat of every `.gitignore` (whether an untracked file is
    ignored); what git says about one working-tree file is keyed by that file (`file:PATH`)."""
    h = hashlib.sha256()
    _git_state(h, repo._root)
    if _git_dir(repo._root) is not None:
        for rel, full in _walk(repo):
            if rel.rsplit("/", 1)[-1] == ".gitignore":
                try:
                    st = os.stat(full)
                    h.update(f"{rel}:{st.st_size}:{st.st_mtime_ns}\0".encode())
                except OSError:
                    pass
    return h.hexdigest()


def external_fingerprint(repo: RepoContext) -> str:
    """The git state and the stat of every file of the tree that the scan does not read (those it
    reads are in the sources' digests)."""
    h = hashlib.sha256()
    _git_state(h, repo._root)
    scanned = {s.path for s in repo._sources}
    for rel, full in _walk(repo):
        if rel in scanned:
            continue
        try:
            st = os.stat(full)
        except OSError:
            continue
        h.update(f"{rel}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def file_fingerprint(repo: RepoContext, path: str) -> str:
    """One file's content digest when the scan read it, else its stat (or that it is missing)."""
    result = repo.results.get(path)
    if result is not None and result.digest:
        return result.digest
    try:
        st = os.stat(repo._root / path)
        return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"
    except OSError:
        return "missing"


class _Inputs:
    """Digests of what a rule may read, computed once per scan and per kind of read."""

    def __init__(self, repo: RepoContext) -> None:
        self.repo = repo
        self.memo: dict[str, str] = {}
        # The key of a list of reads, by the list: the runs of one rule per start file mostly read the
        # same things (EVAL022's 2,766 entries of transformers share one list of 101 reads).
        self.keys: dict[tuple[str, ...], str] = {}
        self._fact_lines: dict[str, list[str]] | None = None

    def part(self, read: str) -> str:
        if read not in self.memo:
            repo = self.repo
            h = hashlib.sha256(read.encode())
            if read.startswith("fact:"):
                h.update("".join(self._facts().get(read[len("fact:"):], ())).encode())
            elif read == "paths":
                for source in sorted(repo._sources, key=lambda s: s.path):
                    h.update(f"{source.path}\0{source.kind}\0".encode())
            elif read == "git":
                h.update(git_fingerprint(repo).encode())
            elif read.startswith("file:"):
                h.update(file_fingerprint(repo, read[len("file:"):]).encode())
            elif read in ("sources", "external"):
                for source in sorted(repo._sources, key=lambda s: s.path):
                    result = repo.results.get(source.path)
                    h.update(f"{source.path}\0{source.kind}\0{result.digest if result else ''}\0".encode())
                if read == "external":
                    h.update(external_fingerprint(repo).encode())
            else:
                h.update(os.urandom(16))  # unknown: never equal
            self.memo[read] = h.hexdigest()
        return self.memo[read]

    def _facts(self) -> dict[str, list[str]]:
        """Every fact key -> "path\0digest\0" of each file holding it, in path order: built in one
        pass over the files when a rule's reads first name a fact (a pass per key cost 0.3 s of an
        edited `--focus` on transformers, whose runs read 57 keys)."""
        if self._fact_lines is None:
            lines: dict[str, list[str]] = {}
            for path in sorted(self.repo.results):
                result = self.repo.results[path]
                digests = result.fact_digests
                keys = list(digests)
                keys.extend(k for k in result.facts if k not in digests)
                for key in keys:
                    found = _fact_digest(result, key)
                    if found is not None:
                        lines.setdefault(key, []).append(f"{path}\0{found}\0")
            self._fact_lines = lines
        return self._fact_lines

    def key(self, reads: list[str]) -> str:
        known = tuple(reads)
        found = self.keys.get(known)
        if found is None:
            found = self.keys[known] = hashlib.sha256(
                "".join(f"{r}={self.part(r)};" for r in sorted(reads)).encode()).hexdigest()
        return found


def run(repo: RepoContext, rules: list[type[Rule]], folder: Path | None, salt: str) -> dict[str, int]:
    """Every rule's `check_repo`, replayed from the cache in `folder` when its inputs are unchanged.
    Returns how many rules ran and how many were replayed."""
    store = folder / f"repo-{hashlib.sha256(salt.encode()).hexdigest()[:16]}.json" if folder else None
    known = load_store(store)
    inputs = _Inputs(repo)
    repo.summary_store = (folder, salt)  # type: ignore[attr-defined]  # hygiene.cache.summaries
    repo.replay_inputs = inputs  # type: ignore[attr-defined]  # hygiene.cache.evalreplay keys its other reads
    fresh: dict[str, Any] = {}
    counts = {"ran": 0, "replayed": 0}
    from hygiene.cache.startphase import Starts  # the dataflow rules, run and replayed per start file

    starts = Starts(folder, salt)
    dataflow = [r for r in rules if r.has_repo_phase() and r.dataflow_starts]
    seconds: dict[str, float] = {}  # CPU seconds of each rule that ran (`HYGIENE_REPO_TIMES`)
    began = time.process_time()
    for rule in rules:
        if not rule.has_repo_phase():
            continue
        if rule.dataflow_starts:  # all of them together, at the first one's turn
            if rule is dataflow[0]:
                for ran in starts.run(repo, dataflow, inputs).values():
                    counts["ran" if ran else "replayed"] += 1
                repo.forget_unused()
            continue
        entry = known.get(rule.code) if isinstance(known, dict) else None
        if store is not None and isinstance(entry, dict):
            try:
                if entry["key"] == inputs.key(entry["reads"]):
                    repo.findings.extend(Finding.from_dict(f) for f in entry["findings"])
                    repo.diagnostics.extend(Diagnostic.from_dict(d) for d in entry["diagnostics"])
                    fresh[rule.code] = entry
                    counts["replayed"] += 1
                    continue
            except (KeyError, TypeError, ValueError):
                pass
        findings, diagnostics = len(repo.findings), len(repo.diagnostics)
        repo.reads.append(set())
        clock = time.process_time()
        try:
            run_repo_rule(repo, rule)
        finally:
            reads = sorted(repo.reads.pop())
        repo.forget_unused()
        seconds[rule.code] = time.process_time() - clock
        counts["ran"] += 1
        if store is not None:
            fresh[rule.code] = {"reads": reads, "key": inputs.key(reads),
                                "findings": [f.to_dict() for f in repo.findings[findings:]],
                                "diagnostics": [d.to_dict() for d in repo.diagnostics[diagnostics:]]}
    starts.save()
    if store is not None and fresh != known:
        store_json(store, fresh)
    _write_times(os.environ.get("HYGIENE_REPO_TIMES"), time.process_time() - began, seconds, starts)
    return counts


def _write_times(target: str | None, total: float, seconds: dict[str, float], starts: Any) -> None:
    """With `HYGIENE_REPO_TIMES=FILE`, the repository phase's CPU seconds as JSON: in all, per
    repository rule that ran, and for the dataflow rules run per start file (`startphase`): the
    program's link, each rule's runs and replays (a graph is decoded, and its factories resolved,
    by the first rule of a start file that reads it: that rule pays for it). So a rule that grows
    the repository phase shows up where it is merged (`benchmarks/scan_speed.py` prints them)."""
    if not target:
        return
    data = {"total": round(total, 3), "repo": {k: round(v, 3) for k, v in seconds.items()},
            "start": {k: round(v, 3) for k, v in starts.seconds.items()},
            "start_runs": starts.counts, "link": round(starts.link_seconds, 3),
            "start_replays": round(starts.replay_seconds, 3)}
    try:
        Path(target).write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    except OSError:
        pass
