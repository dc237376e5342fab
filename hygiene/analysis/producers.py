"""Which code produces which file, and whether a committed file still matches its producers.

A file's *writers* are the code files whose `io` facts write a path that names it (literal,
f-string pattern, argparse or config default; see `hygiene.analysis.facts`), tried relative to the repo
root and to the writer's own folder. A writer's *producers* are the writer itself, the repo
modules it imports (transitively, `hygiene.analysis.modules`), and the data files it (or a module it
imports directly) reads. `io_attr` facts (`Path(cfg.out)`) are resolved here from the
`path_defaults` of the writer and the modules it imports.

`staleness(repo)` compares every tracked file that some code writes with its producers in git:
a producer is *changed* when its content in the file's last commit differs from HEAD (code is
compared as its syntax tree without docstrings, so comments and formatting do not count) and
*uncommitted* when its working copy differs from HEAD in the same sense. A file is stale only
when every writer that could have made it has a changed producer: with two scripts that write
`results/*.json`, one of them may be the one that ran.
"""
from __future__ import annotations

import bisect
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hygiene.discovery import is_test_path as is_test_code
from hygiene.finding import Location
from hygiene.analysis.pipeline_writes import pipeline_writes
from hygiene.analysis.history import Change, History, history_of
from hygiene.analysis.modules import import_graph
from hygiene.analysis.codesig import code_signature
from hygiene.analysis.repointed import repointed, same_records
from hygiene.analysis.notebook_slice import anchor_of
from hygiene.analysis.results import is_result_path
from hygiene.analysis.made_from import imported_modules as _imported, slice_names_of as _slice_names, unnamed as _unnamed

if TYPE_CHECKING:
    from hygiene.context import RepoContext

CODE_SUFFIXES = (".py", ".ipynb")
# What counts as a results file: tables, transcripts, reports, figures. Not configs, pickles or
# checkpoints, which code also writes but nobody reads numbers from.
RESULT_SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".parquet", ".feather", ".xlsx", ".txt",
                   ".md", ".tex", ".html", ".png", ".pdf", ".svg", ".npy", ".npz")
# YAML and TOML are mostly configuration, but one that code writes under a results folder
# (`results/metrics.yaml`, `runs/eval.toml`) or names for its numbers is a results file.
_SETTINGS_SUFFIXES = (".yaml", ".yml", ".toml")


def is_result_target(path: str) -> bool:
    """Whether a file code writes is a results file (its suffix, or a YAML/TOML file where results go)."""
    lowered = path.lower()
    return lowered.endswith(RESULT_SUFFIXES) or (lowered.endswith(_SETTINGS_SUFFIXES) and is_result_path(path))


@dataclass(frozen=True)
class Write:
    """One place where code writes a path pattern."""

    script: str
    line: int | None
    pattern: str  # relative to the repo root, `*` for unknown parts

    @property
    def exact(self) -> bool:
        return "*" not in self.pattern

    @property
    def site(self) -> str:
        return f"{self.script}:{self.line}" if self.line else self.script


@dataclass(frozen=True)
class Culprit:
    """A producer that changed after the file it produces was last committed."""

    path: str
    role: str  # "writer" | "import" | "input"
    change: Change | None  # its last commit; None when the change is only uncommitted
    uncommitted: bool
    read_at: str = ""  # for an input: where the writer reads it


@dataclass
class Verdict:
    """What git says about one file that code writes."""

    path: str
    change: Change
    writes: list[Write]
    culprits: list[Culprit] = field(default_factory=list)  # of the first writer, newest first
    stale: bool = False  # every writer has a committed change since the file's commit
    uncommitted: bool = False  # every writer has a change, some only uncommitted
    unknown: bool = False  # a shallow clone hides whether it is stale


# -- who writes what ------------------------------------------------------------------------------
def resolved_io(repo: RepoContext) -> dict[str, list[dict]]:
    """`io` records per code file, with `io_attr` records filled in from path defaults."""

    def compute() -> dict[str, list[dict]]:
        graph = import_graph(repo)
        defaults = dict(repo.facts("path_defaults"))
        records: dict[str, list[dict]] = defaultdict(list)
        for path, items in repo.facts("io"):
            records[path].extend(items)
        # `save_jsonl(rows, "results/x.jsonl")` where utils.save_jsonl opens its parameter: the
        # caller writes the file, at the call.
        openers: dict[str, list[dict]] = defaultdict(list)
        for _, items in repo.facts("io_params"):
            for item in items:
                openers[item["function"]].append(item)
        for path, calls in repo.facts("path_calls"):
            for call in calls:
                for opener in openers.get(call["callee"], ()):
                    value = call["kwargs"].get(opener["param"]) or (
                        call["args"][opener["index"]] if opener["index"] < len(call["args"]) else None)
                    if value:
                        records[path].append({"mode": opener["mode"], "path": value, "line": call["line"],
                                              "call": call["callee"]})
        for path, items in repo.facts("io_attr"):
            sources = [path, *sorted(graph.imported_by(path))]
            for item in items:
                values = {defaults[s][item["attr"]] for s in sources if item["attr"] in defaults.get(s, {})}
                if len(values) == 1:  # two modules disagree: which one `cfg` is, is unknown
                    filled = item["template"].replace("{" + item["attr"] + "}", values.pop().rstrip("/"))
                    records[path].append({**item, "path": filled})
        return dict(records)

    return repo.shared("resolved_io", compute)


def root_forms(pattern: str, script: str) -> list[str]:
    """Repo-root-relative forms of a path written in `script` (cwd = root, or the script's folder)."""
    if pattern.startswith(("/", "~")) or "://" in pattern:
        return []
    forms = []
    for base in ("", posixpath.dirname(script)):
        joined = posixpath.normpath(posixpath.join(base, pattern)) if base else posixpath.normpath(pattern)
        if not joined.startswith("..") and joined not in forms and joined != ".":
            forms.append(joined)
    return forms


def specific(pattern: str) -> bool:
    """Whether a pattern names files closely enough to link them (`*.json` does not, nor does a
    file-name pattern under a folder given at run time, `*/report_*.json`: any such file anywhere)."""
    if not pattern.startswith("*"):
        return True
    name = posixpath.basename(pattern)
    if "/" in pattern and "*" in name:
        return False
    stem = name.rsplit(".", 1)[0]
    return len(stem.replace("*", "")) >= 3


def _regex(pattern: str) -> re.Pattern[str]:
    # `*` stays within one folder: `f"{out}/metrics.json"` links `runs/metrics.json`, never every
    # metrics.json of the repository, since a wrong link is worse than a missing one.
    # `**/` (a library's file under a directory given at run time) stands for any folders.
    parts = pattern.split("**/")
    body = "(?:.*/)?".join("".join("[^/]*" if ch == "*" else re.escape(ch) for ch in part) for part in parts)
    return re.compile(body + r"\Z")


class FileMatcher:
    """Path patterns against the tracked files, with a sorted list for literal prefixes."""

    def __init__(self, paths: frozenset[str]) -> None:
        self.sorted = sorted(paths)

    def match(self, pattern: str) -> list[str]:
        if "*" not in pattern:
            i = bisect.bisect_left(self.sorted, pattern)
            return [pattern] if i < len(self.sorted) and self.sorted[i] == pattern else []
        prefix = pattern.split("*", 1)[0]
        start = bisect.bisect_left(self.sorted, prefix)
        regex = _regex(pattern)
        tail = pattern.rsplit("*", 1)[1]
        found = []
        for path in self.sorted[start:] if prefix else self.sorted:
            if prefix and not path.startswith(prefix):
                break
            if path.endswith(tail) and regex.match(path):
                found.append(path)
        return found


def writes_by_target(repo: RepoContext, tracked: frozenset[str]) -> dict[str, list[Write]]:
    """Tracked non-code files -> the writes that can make them (exact writes win over patterns)."""
    matcher = FileMatcher(tracked)
    targets: dict[str, list[Write]] = defaultdict(list)
    downloaded: set[str] = set()
    for script, records in resolved_io(repo).items():
        for record in records:
            if record.get("mode") == "download" and record.get("path"):
                for pattern in root_forms(record["path"], script):
                    if "*" not in pattern:
                        downloaded.update(matcher.match(pattern))
    for script, records in resolved_io(repo).items():
        if is_test_code(script):
            continue
        for record in records:
            if record.get("mode") != "write" or not record.get("path"):
                continue
            for pattern in root_forms(record["path"], script):
                if not specific(pattern):
                    continue
                for target in matcher.match(pattern):
                    if is_result_target(target) and target not in downloaded:
                        targets[target].append(Write(script, record.get("line"), pattern))
    for script, pattern, _ in pipeline_writes(repo):  # a Snakemake rule, a Makefile target
        if specific(pattern) and not is_test_code(script):
            for target in matcher.match(pattern):
                if is_result_target(target) and target not in downloaded:
                    targets[target].append(Write(script, None, pattern))
    for target, writes in targets.items():
        exact = [w for w in writes if w.exact]
        targets[target] = sorted(set(exact or writes), key=lambda w: (w.script, w.line or 0))
    return dict(targets)


def reads_of(repo: RepoContext, script: str, tracked: frozenset[str]) -> dict[str, str]:
    """Tracked data files `script` (or a module it imports directly) reads -> where it reads them."""
    matcher = FileMatcher(tracked)
    io = resolved_io(repo)
    found: dict[str, str] = {}
    for source in [script, *sorted(import_graph(repo).imported_by(script))]:
        for record in io.get(source, []):
            if record.get("mode") != "read" or not record.get("path"):
                continue
            for pattern in root_forms(record["path"], source):
                if specific(pattern):
                    for path in matcher.match(pattern):
                        if not path.endswith(CODE_SUFFIXES):
                            line = record.get("line")
                            found.setdefault(path, f"{source}:{line}" if line else source)
    return found


# -- comparing versions ----------------------------------------------------------------------------
class _Versions:
    """Content comparisons between commits and the working tree, each computed once."""

    def __init__(self, repo: RepoContext, history: History) -> None:
        self.repo = repo
        self.history = history
        self._signatures: dict[tuple[str, str], str | None] = {}

    def _signature(self, commit: str, path: str, names: frozenset[str] | None = None,
                   anchor: str | None = None) -> str | None:
        key = (self.history.blob_id(commit, path) or "", path, names, anchor)
        if key not in self._signatures:
            self._signatures[key] = code_signature(path, self.history.content_at(commit, path), names, anchor) \
                if key[0] else None
        return self._signatures[key]

    def changed_since(self, commit: str, path: str, names: frozenset[str] | None = None,
                      anchor: str | None = None) -> bool:
        """Whether HEAD's `path` differs in substance from its version at `commit` (or, when it
        did not exist then, from its first version after `commit`)."""
        if path not in self.history.changed_since(commit):
            return False  # one diff per commit answers most questions without reading blobs
        then = self.history.blob_id(commit, path)
        if then is None:
            first = self.history.first_version_after(commit, path)
            if first is None:
                return False
            commit, then = first, self.history.blob_id(first, path)
        now = self.history.blob_id("HEAD", path)
        if then == now or now is None:
            return False
        if not path.endswith(CODE_SUFFIXES):  # a data file only re-serialised holds the same records
            return not same_records(path, self.history.content_at(commit, path), self.history.content_at("HEAD", path))
        return self._signature(commit, path, names, anchor) != self._signature("HEAD", path, names, anchor)

    def uncommitted(self, path: str, names: frozenset[str] | None = None, anchor: str | None = None) -> bool:
        state = self.history.uncommitted(path)
        if state is None:
            return False
        if state != "modified" or not path.endswith(CODE_SUFFIXES):
            return state in ("modified", "deleted")
        try:
            data = self.repo.read_bytes(path)
        except OSError:
            return True
        return code_signature(path, data, names, anchor) != self._signature("HEAD", path, names, anchor)


# -- the verdicts ------------------------------------------------------------------------------------
def staleness(repo: RepoContext) -> list[Verdict]:
    """A verdict for every tracked, unmodified file that code in the repo writes."""
    return repo.shared("staleness", lambda: _judge_all(repo))


def _judge_all(repo: RepoContext) -> list[Verdict]:
    if not any(r.get("mode") == "write" for records in resolved_io(repo).values() for r in records) \
            and not pipeline_writes(repo):
        return []  # nothing writes files: no history needed, and no note about its absence
    history = history_of(repo)
    if not history.available:
        return []
    tracked = history.tracked_paths()
    targets = {t: w for t, w in writes_by_target(repo, tracked).items() if history.uncommitted(t) is None}
    if not targets:
        return []
    graph = import_graph(repo)
    producers: dict[str, list[_Producer]] = {}
    for writes in targets.values():
        for write in writes:
            if write.script in producers:
                continue
            chain = [_Producer(write.script, "writer")]
            chain += [_Producer(p, "import", names=names, via=via) for p, (names, via) in _imported(graph, write.script).items()
                      if p in tracked and not p.endswith("__init__.py") and not is_test_code(p)]
            chain += [_Producer(p, "input", read_at=at) for p, at in reads_of(repo, write.script, tracked).items()]
            producers[write.script] = chain
    wanted = set(targets) | {p.path for chain in producers.values() for p in chain}
    changes = history.last_changes(sorted(wanted))
    versions = _Versions(repo, history)
    readers: dict[str, dict[str, str]] = {}
    sliced_names: dict[tuple[str, str], set[str] | None] = {}
    verdicts = []
    for target, writes in sorted(targets.items()):
        change = changes.get(target)
        if change is None:
            continue
        verdict = Verdict(target, change, writes)
        scripts = list(dict.fromkeys(w.script for w in writes))
        if any(target in readers.setdefault(s, reads_of(repo, s, tracked)) for s in scripts):
            continue  # code that reads what it writes keeps a cache or a ledger, not a result
        per_writer = []
        for script in scripts:
            culprits = []
            # Only the cells (a script's statements) that make the file count (hygiene.analysis.notebook_slice),
            # and of the modules it imports only those whose definitions that code names.
            made_by = anchor_of(target, next(w.pattern for w in writes if w.script == script))
            names_used = _slice_names(repo, script, made_by, sliced_names)
            taken = {p.path: p.names for p in producers[script] if p.role == "import" and p.via == p.path}
            for producer in producers[script]:
                path = producer.path
                if path == target or (producer.role == "input" and history.blob_id(change.commit, path) is None):
                    continue  # an input added after the results is not one they could have used
                if producer.role == "import" and names_used is not None and _unnamed(taken.get(producer.via), names_used):
                    continue  # `check_packages(d)`, a version checker's printout: nothing the file is made from
                anchor = made_by if producer.role == "writer" else None
                committed = path in changes and versions.changed_since(change.commit, path, producer.names, anchor)
                if committed and producer.role == "writer" and path.endswith(".py") and repointed(  # another experiment
                        history.content_at(change.commit, path), history.content_at("HEAD", path), target,
                        [t for t in tracked if posixpath.dirname(t) == posixpath.dirname(target)][:200]):
                    committed = False
                dirty = versions.uncommitted(path, producer.names, anchor)
                if committed or dirty:
                    culprits.append(Culprit(path, producer.role, changes.get(path) if committed else None, dirty,
                                            producer.read_at))
            per_writer.append(culprits)
        if all(any(c.change for c in culprits) for culprits in per_writer):
            verdict.stale = True
        elif all(culprits for culprits in per_writer):
            verdict.uncommitted = True
        elif change.boundary:
            verdict.unknown = True
        verdict.culprits = sorted(per_writer[0], key=_newest_first)
        verdicts.append(verdict)
    return verdicts


@dataclass(frozen=True)
class _Producer:
    path: str
    role: str  # "writer" | "import" | "input"
    read_at: str = ""
    names: frozenset[str] | None = None  # for an import: the definitions taken from it
    via: str = ""  # for an import: the module `script` imports itself that leads to it


def _newest_first(culprit: Culprit) -> tuple:
    # The writer itself first, then what it imports, then its inputs; newest first within each.
    rank = {"writer": 0, "import": 1, "input": 2}[culprit.role]
    stamp = culprit.change.date.timestamp() if culprit.change else float("inf")
    return (rank, -stamp, culprit.path)


def describe(verdict: Verdict, culprit: Culprit) -> tuple[dict[str, str], list[Location]]:
    """Template fields and related places for a verdict about `culprit`."""
    write = next((w for w in verdict.writes), None)
    site = write.site if write else "?"
    # In a shallow clone the boundary commit only bounds the date from above.
    result_date = f"on or before {verdict.change.day}" if verdict.change.boundary else verdict.change.day
    fields = {"result": verdict.path, "result_date": result_date, "producer": culprit.path,
              "producer_date": culprit.change.day if culprit.change else "uncommitted",
              "site": site, "reader": culprit.read_at}
    related = [Location(culprit.path, None, f"changed {fields['producer_date']}")]
    if write:
        related.append(Location(write.script, write.line, "writes it here"))
    return fields, related
