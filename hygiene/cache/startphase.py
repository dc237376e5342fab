"""Dataflow rules run per start file and replayed per start file (issue 12).

A rule that declares `dataflow_starts` (the kinds of node its `check_repo` starts from) runs once
for each file having such a node, with `prog.nodes()` giving that file's nodes only; the program
traces what the run read (`hygiene.analysis.dataflow.linking`): the files whose graphs it
touched, the function names it looked up, the functions whose callers it asked for and the kinds
it searched the whole program for, and what else of the repository it read (`RepoContext.reads`).
The run's findings are stored with that trace. At the next scan, against the digests and
interfaces of the files then, a run is replayed unless:

- its start file changed, or any file whose graph it touched did;
- it looked up a function name whose definition a changed file added, removed or renumbered, or
  whose parameters named for a truth and a prediction it changed (`Linked.sided`: read from the
  interface, not the graph);
- it asked for the callers of a function that a changed file now calls and did not, or the
  reverse, or that such a name resolved to before or now (a file that calls it both before and
  after was read by the run, so the first point covers it);
- it searched the whole program for a kind of node that a changed file gained or lost (a file
  keeping it was read by the run);
- what else it read (facts of other keys, the repository) is not the same.

Files added, removed or moved to another module re-run everything. The cold scan runs the same
way, so a replayed scan reports exactly what a cold one does.
"""
from __future__ import annotations

import hashlib
import os
import re
import time
import zlib
from pathlib import Path
from typing import Any

from hygiene.analysis.dataflow.callsites import resolve
from hygiene.analysis.dataflow.linking import Trace, function_table, module_aliases
from hygiene.analysis.dataflow.program import SHIFT, Program, program
from hygiene.cache import load_store, run_repo_rule, store_json
from hygiene.context import RepoContext
from hygiene.finding import Diagnostic, Finding
from hygiene.rule import Rule


# The store's parts (`Starts.save`): the start files' interfaces and entries by path, the names by chunk.
PARTS = 32
NAMES_CHUNK = 16_384


def _part(path: str) -> int:
    return zlib.crc32(path.encode("utf-8")) % PARTS


def _any_number(numbers: set[str]) -> Any:
    """A test of whether a string of numbers separated by spaces holds one of `numbers` (None: never)."""
    if not numbers:
        return None
    return re.compile(r"(?<!\S)(?:" + "|".join(sorted(numbers)) + r")(?!\S)").search


def _callable_names(qualnames: set[str]) -> set[str]:
    """The names a call may be looked up by to reach one of `qualnames` (`x` reaches `x.__call__`)."""
    return qualnames | {q[: -len(".__call__")] for q in qualnames if q.endswith(".__call__")}


class Starts:
    """The per-start runs of one scan: the store of the last scan's, and what changed since."""

    def __init__(self, folder: Path | None, salt: str) -> None:
        key = hashlib.sha256(salt.encode()).hexdigest()[:16]
        self.store = folder / f"starts-{key}.json" if folder else None
        self._parts = (folder, f"startparts-{key}")
        self._tokens: dict[str, str] = {}  # each part's token in the store read
        self._part_sizes: dict[int, int] = {}  # how many entries each part held
        self._names_read = 0  # names in the store read (the table grows in place)
        self.ran_paths: set[str] = set()  # start files with an entry run (not replayed) by this scan
        self.old: dict[str, Any] = self._load()
        # The lists of reads the stored entries name by position (`save`): the runs of a rule mostly
        # read the same things, and one list per entry was most of the store (EVAL022's 101
        # run-script reads in each of 2,766 entries: 12.6 of 27.8 MB on transformers).
        reads = self.old.get("reads")
        self.old_reads: list[list[str]] = reads if isinstance(reads, list) else []
        self.fresh: dict[str, dict[str, Any]] = {}
        self.files: tuple[list[str], list[str], list[dict[str, Any]]] | None = None
        self.replayable = False
        self.changed: set[int] = set()
        self.table: list[str] = []  # names, stored once: entries and interfaces hold their positions
        self.numbers: dict[str, int] | None = None
        self.dirty = False
        # CPU seconds per rule over its runs and replays, and of linking the program; runs per
        # rule as [ran, replayed] (`repophase._write_times`).
        self.seconds: dict[str, float] = {}
        self.counts: dict[str, list[int]] = {}
        self.link_seconds = 0.0
        self._files_hit = self._names_hit = self._callers_hit = None
        self._read_keys: dict[int, str] = {}
        self.replay_seconds = 0.0  # CPU seconds of all replays

    def _part_file(self, name: str) -> Path:
        folder, base = self._parts
        assert folder is not None
        return folder / f"{base}-{name}.json"

    def _load(self) -> dict[str, Any]:
        """The store as one object (see `save`): {} when absent, of another form, or when a part is
        not the one the head names (a scan stopped while writing: nothing is replayed)."""
        head = load_store(self.store)
        if not head:
            return {}
        try:
            tokens, paths = head["tokens"], head["paths"]
            where = {path: i for i, path in enumerate(paths)}
            ifaces: list[Any] = [None] * len(paths)
            rules: dict[str, dict[str, Any]] = {}
            for n in range(PARTS):
                part = load_store(self._part_file(f"p{n:02d}"))
                if part.get("token") != tokens[f"p{n:02d}"]:
                    return {}
                for path, iface in part["ifaces"].items():
                    ifaces[where[path]] = iface
                size = 0
                for code, entries in part["rules"].items():
                    rules.setdefault(code, {}).update(entries)
                    size += len(entries)
                self._part_sizes[n] = size
            names: list[str] = []
            for n in range(head["chunks"]):
                chunk = load_store(self._part_file(f"n{n:03d}"))
                if chunk.get("token") != tokens[f"n{n:03d}"]:
                    return {}
                names.extend(chunk["names"])
            if any(iface is None for iface in ifaces):
                return {}
        except (KeyError, TypeError, ValueError, AttributeError):
            self._part_sizes = {}
            return {}
        self._tokens = dict(tokens)
        self._names_read = len(names)
        return {"paths": paths, "digests": head["digests"], "ifaces": ifaces, "names": names, "reads": head["reads"],
                "rules": rules}

    def _prepare(self, repo: RepoContext) -> Program:
        if not hasattr(repo, "dataflow_interfaces"):
            old = self.old
            self.table = old.get("names") if isinstance(old.get("names"), list) else []
            known = {}
            if isinstance(old.get("paths"), list):
                known = {p: [d, i] for p, d, i in zip(old["paths"], old.get("digests", []), old.get("ifaces", []))}
            repo.dataflow_interfaces = known  # type: ignore[attr-defined]
        prog = program(repo)
        if self.files is not None:
            return prog  # the same files, whether or not another family dropped the program since
        # Only what `save` needs is kept: holding the program would keep every graph alive through
        # the repository rules that follow (the cold scan's peak).
        self.files = (prog.source.paths, prog.source.digests, prog.source.ifaces)
        try:
            self._changes(prog)
        except (AttributeError, KeyError, TypeError, IndexError, ValueError):  # a store of another form
            self.replayable = False
        return prog

    def _changes(self, prog: Program) -> None:
        """What changed since the stored scan (see the module docstring)."""
        source = prog.source
        old = self.old
        self.replayable = old.get("paths") == source.paths and all(source.digests) and isinstance(old.get("rules"), dict)
        if not self.replayable:
            return
        old_ifaces = old["ifaces"]
        changed = {i for i, (a, b) in enumerate(zip(old["digests"], source.digests)) if a != b}
        if any(old_ifaces[i]["m"] != source.ifaces[i]["m"] for i in changed):
            self.replayable = False
            return
        defined: set[str] = set()
        sided: set[str] = set()  # functions whose parameters named for a truth and a prediction changed
        calls: set[str] = set()
        kinds: set[str] = set()
        for i in changed:
            before, now = old_ifaces[i], source.ifaces[i]
            entries = [{e[0]: e for e in iface.get("p", ())} for iface in (before, now)]
            numbers = {n for n in entries[0].keys() | entries[1].keys() if entries[0].get(n) != entries[1].get(n)}
            for iface in (before, now):
                for module in module_aliases(iface["m"], source.paths[i]):
                    defined.update(f"{module}.{q}" if module else q for q in iface["f"][1:])
                    sided.update(f"{module}.{iface['f'][n]}" if module else iface["f"][n]
                                 for n in numbers if 0 < n < len(iface["f"]))
            calls.update(set(before["c"].split()) ^ set(now["c"].split()))  # calls to a name kept: the file is in the reader's trace
            kinds.update(set(before["k"]) ^ set(now["k"]))
        old_functions, _ = function_table(old_ifaces, source.paths)
        new_functions = dict(prog.functions)
        # A run read a function's sided parameters (`Linked.sided`) through the name it looked up:
        # that name counts as changed when they did, as when it resolves elsewhere.
        names = _callable_names({q for q in defined if old_functions.get(q) != new_functions.get(q)} | sided)
        callers: set[int] = set()
        for name in names | calls:
            for table in (old_functions, new_functions):
                target = resolve(table, name)
                if target is not None:
                    callers.add((target[0] << SHIFT) | target[1])
        # Entries hold their files, names and callers as numbers in one string each (one object
        # per entry when the store is read, split only when something changed).
        numbers = {name: n for n, name in enumerate(self.table)}
        self.names = {str(numbers[name]) for name in names if name in numbers}
        self.changed, self.kinds = changed, kinds
        self.changed_text, self.callers = {str(i) for i in changed}, {str(c) for c in callers}
        # Whether an entry's numbers (one string, separated by spaces) hold one of these: searched in
        # the string, not split into a list per entry (18,862 entries on transformers).
        self._files_hit, self._names_hit, self._callers_hit = (_any_number(numbers) for numbers in (
            self.changed_text, self.names, self.callers))

    def _valid(self, entry: Any, start: int, inputs: Any) -> bool:
        if not self.replayable or start in self.changed or not isinstance(entry, dict):
            return False
        if self.changed and ((self._files_hit is not None and self._files_hit(entry["f"]))
                             or (self._names_hit is not None and self._names_hit(entry["n"]))
                             or not self.kinds.isdisjoint(entry["k"])
                             or (self._callers_hit is not None and self._callers_hit(entry["c"]))):
            return False
        reads = entry["r"]
        if isinstance(reads, int):  # a list of the store's table: its key once per list, not per entry
            key = self._read_keys.get(reads)
            if key is None:
                listed = self.old_reads[reads]
                key = self._read_keys[reads] = inputs.key(listed) if listed else ""
            return not key or entry["key"] == key
        return not reads or entry["key"] == inputs.key(reads)

    def run(self, repo: RepoContext, rules: list[type[Rule]], inputs: Any) -> dict[str, bool]:
        """Run or replay each of `rules` for each start file; {code: whether any run was needed}.
        Start file by start file, all rules of one before the next: the graphs a file's walks
        read are decoded once for every rule, and dropped when the program holds too many
        (`linking.GRAPH_BUDGET`). Findings come out rule by rule, in start order, as before."""
        clock = time.process_time()
        prog = self._prepare(repo)
        self.link_seconds += time.process_time() - clock
        stored = self.old.get("rules", {}) if self.replayable else {}
        known = {r.code: stored.pop(r.code, {}) for r in rules}  # read once: dropped
        allowed = {r.code: frozenset(r.dataflow_starts) for r in rules}
        fresh: dict[str, dict[str, Any]] = {r.code: {} for r in rules}
        found: dict[str, tuple[list[Finding], list[Diagnostic]]] = {r.code: ([], []) for r in rules}
        ran = dict.fromkeys(fresh, False)
        seconds = dict.fromkeys(fresh, 0.0)
        counts = {code: [0, 0] for code in fresh}
        clock = time.process_time
        plan = [(rule, rule.code, allowed[rule.code], known[rule.code], found[rule.code], fresh[rule.code], counts[rule.code])
                for rule in rules]
        valid = self._valid
        began = clock()
        for start, present in enumerate(prog.source.kinds):
            path = prog.paths[start]
            for rule, code, starts_from, entries, out, done, count in plan:
                if starts_from.isdisjoint(present):
                    continue
                entry = entries.get(path)
                try:
                    if valid(entry, start, inputs):
                        if entry["F"]:
                            out[0].extend(Finding.from_dict(f) for f in entry["F"])
                        if entry["D"]:
                            out[1].extend(Diagnostic.from_dict(d) for d in entry["D"])
                        done[path] = entry
                        count[1] += 1
                        continue
                except (KeyError, TypeError, ValueError):
                    pass
                ran[code] = True
                self.ran_paths.add(path)
                clock_before = clock()
                findings, diagnostics = len(repo.findings), len(repo.diagnostics)
                done[path] = self._run_one(repo, rule, prog, start, starts_from, inputs)
                out[0].extend(repo.findings[findings:])
                out[1].extend(repo.diagnostics[diagnostics:])
                del repo.findings[findings:], repo.diagnostics[diagnostics:]
                count[0] += 1
                seconds[code] += clock() - clock_before
        # The replays are timed together (a clock read per replay was a tenth of their cost).
        self.replay_seconds += clock() - began - sum(seconds.values())
        for code in fresh:
            self.seconds[code] = self.seconds.get(code, 0.0) + seconds[code]
            self.counts[code] = counts[code]
        for rule in rules:
            repo.findings.extend(found[rule.code][0])
            repo.diagnostics.extend(found[rule.code][1])
        self.fresh.update(fresh)
        # Nothing ran and no file changed: the store already says all this (a warm scan does not
        # write it again).
        self.dirty = self.dirty or not self.replayable or bool(self.changed) or any(ran.values())
        return ran

    def _run_one(self, repo: RepoContext, rule: type[Rule], prog: Program, start: int,
                 allowed: frozenset[str], inputs: Any) -> dict[str, Any]:
        findings, diagnostics = len(repo.findings), len(repo.diagnostics)
        repo.reads.append(set())
        prog.begin(start, allowed)
        trace = Trace()
        try:
            run_repo_rule(repo, rule)
        finally:
            trace = prog.end()
            reads = sorted(repo.reads.pop() - {"fact:dataflow"})
        return {"f": " ".join(map(str, sorted(trace.files))), "n": self._numbers(trace.names),
                "c": " ".join(map(str, sorted(trace.callers))), "k": sorted(trace.kinds),
                "r": reads, "key": inputs.key(reads) if reads else "",
                "F": [f.to_dict() for f in repo.findings[findings:]],
                "D": [d.to_dict() for d in repo.diagnostics[diagnostics:]]}

    def _numbers(self, names: set[str]) -> str:
        """`names` as positions in the store's table of names (extended as needed: the entries
        replayed keep theirs)."""
        if self.numbers is None:
            self.numbers = {name: n for n, name in enumerate(self.table)}
        for name in names:
            if name not in self.numbers:
                self.numbers[name] = len(self.table)
                self.table.append(name)
        return " ".join(map(str, sorted(self.numbers[name] for name in names)))

    def save(self) -> None:
        """Write the store in parts, rewriting only the parts that changed: a head (the files, their
        digests, the lists of reads), the interfaces and entries of the start files in `PARTS`
        parts by path, and the table of names in chunks of `NAMES_CHUNK` (it only grows). An edit
        rewrites the head and a part or two, not the whole store (15 MB on transformers: 0.1 s of an
        edited `--focus`). The head names each part's token and is written last: a part written by
        a scan that stopped before its head is not the one the head names, and nothing replays."""
        if self.store is None or self.files is None or not self.dirty:
            return
        paths, digests, ifaces = self.files
        if not all(digests):
            return
        # The lists of reads in order of first use: a replayed entry names the list it named in the
        # store read (by the same position when the lists before it are the same, as in a scan that
        # re-ran a few entries), so it is written as it was read, not copied.
        table: list[list[str]] = []
        positions: dict[tuple[str, ...], int] = {}
        moved: dict[int, int] = {}
        parts: list[dict[str, dict[str, Any]]] = [{} for _ in range(PARTS)]
        sizes = [0] * PARTS
        dirty = {_part(path) for path in self.ran_paths}
        for code, entries in self.fresh.items():
            for path, entry in entries.items():
                reads = entry["r"]
                if isinstance(reads, int):
                    at = moved.get(reads)
                    if at is None:
                        listed = tuple(self.old_reads[reads])
                        at = positions.get(listed)
                        if at is None:
                            at = positions[listed] = len(table)
                            table.append(list(listed))
                        moved[reads] = at
                else:
                    listed = tuple(reads)
                    at = positions.get(listed)
                    if at is None:
                        at = positions[listed] = len(table)
                        table.append(list(listed))
                n = _part(path)
                if not (reads == at and isinstance(reads, int)):
                    entry = {**entry, "r": at}
                    dirty.add(n)
                parts[n].setdefault(code, {})[path] = entry
                sizes[n] += 1
        old = self.old
        before = {p: (d, i) for p, d, i in zip(old.get("paths", ()), old.get("digests", ()), old.get("ifaces", ()))}
        part_ifaces: list[dict[str, Any]] = [{} for _ in range(PARTS)]
        for path, content, iface in zip(paths, digests, ifaces):
            n = _part(path)
            part_ifaces[n][path] = iface
            known = before.pop(path, None)
            if known is None or known[0] != content or known[1] != iface:
                dirty.add(n)
        dirty.update(_part(path) for path in before)  # files gone
        tokens = dict(self._tokens)
        for n in range(PARTS):
            name = f"p{n:02d}"
            if n in dirty or sizes[n] != self._part_sizes.get(n, -1) or name not in tokens:
                tokens[name] = os.urandom(8).hex()
                store_json(self._part_file(name), {"token": tokens[name], "ifaces": part_ifaces[n], "rules": parts[n]})
        known_names = self._names_read if self._tokens else 0
        chunks = (len(self.table) + NAMES_CHUNK - 1) // NAMES_CHUNK
        for n in range(chunks):
            name = f"n{n:03d}"
            if name not in tokens or (len(self.table) > known_names and (n + 1) * NAMES_CHUNK > known_names):
                tokens[name] = os.urandom(8).hex()
                store_json(self._part_file(name), {"token": tokens[name],
                                                   "names": self.table[n * NAMES_CHUNK:(n + 1) * NAMES_CHUNK]})
        store_json(self.store, {"paths": paths, "digests": digests, "reads": table, "chunks": chunks,
                                "tokens": {k: v for k, v in tokens.items() if k[0] == "p" or int(k[1:]) < chunks}})
