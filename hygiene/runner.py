"""A scan: discover files, check each once (in parallel, cached), then the repo-level phase.

File phase: every file is read once; a Python file or notebook is parsed once and walked once,
with the name resolver, the engine's fact extractors and every applicable rule sharing the walk.
Results are JSON-able `FileResult`s, cached by content. Repo phase: rules' `check_repo` see all
results and facts. Then configuration (per-file ignores, severities) and suppressions apply.
"""
from __future__ import annotations

import concurrent.futures as futures
import dataclasses
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hygiene.parsing.special import GROUPED, group_diagnostics
from hygiene.analysis import facts as engine_facts
from hygiene import suppress
from hygiene.cache import Cache, digest
from hygiene.config import Config
from hygiene.analysis.copies import fold_repeats, one_report_per_twin
from hygiene.analysis import periphery
from hygiene.context import FileContext, FileResult, RepoContext
from hygiene.discovery import SourceFile, discover, package_dirs
from hygiene.finding import Diagnostic, Finding, Severity, number_duplicates
from hygiene.gcpolicy import give_back, release
from hygiene.analysis.names import NameResolver, module_name_for
from hygiene.analysis.purpose import archived
from hygiene.analysis.reporting_filter import ask_outside_reporting
from hygiene.grouping import group_findings
from hygiene.parsing import notebook as notebook_parsing
from hygiene.parsing.profile import profile as profile_table
from hygiene.parsing.python import ParseError, decode, parse
from hygiene.pretest import applicable_rules
from hygiene.rule import Rule
from hygiene.ruleset import load_rules, ruleset_fingerprint
from hygiene.cache.statindex import CODE_KINDS, StatIndex, small_result, stored_result
from hygiene.walk import Dispatch, scopes_remembered, walk

PARALLEL_MIN_FILES = 24

# Most of a notebook's bytes are outputs (base64 plots): it may be this many times max-file-size.
NOTEBOOK_SIZE_FACTOR = 10


def oversized(source: SourceFile, config: Config) -> bool:
    limit = config.max_file_size * (NOTEBOOK_SIZE_FACTOR if source.kind == "notebook" else 1)
    return source.kind in CODE_KINDS and source.size > limit


@dataclass
class ScanResult:
    root: Path
    config: Config
    rules: list[type[Rule]]
    files: list[SourceFile]
    results: dict[str, FileResult]
    findings: list[Finding] = field(default_factory=list)
    # Findings of rules whose default is "question": optional checklist questions, not findings.
    questions: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one-line remarks for the user (LLM skipped, ...)
    stats: dict[str, float] = field(default_factory=dict)
    # The checklist's state (`Checklist.to_dict()`), when the command built one; reports show it.
    checklist: dict | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.kind == "error"]


def enabled_rules(config: Config, rules: Iterable[type[Rule]] | None = None) -> list[type[Rule]]:
    extra = [config.root / p for p in config.rules_paths]
    everything = list(rules) if rules is not None else load_rules(extra)
    return [r for r in everything if config.rule_enabled(r.code, r.category, r.default)]


# -- the file phase ---------------------------------------------------------------------------
def _culprit(exc: BaseException) -> type[Rule] | None:
    """The rule whose method raised `exc`, from the traceback."""
    tb = exc.__traceback__
    found = None
    while tb is not None:
        candidate = tb.tb_frame.f_locals.get("self")  # or an analysis rules share: its first rule's
        candidate = candidate if isinstance(candidate, Rule) else getattr(candidate, "walk_owner", None)
        if isinstance(candidate, Rule):
            found = type(candidate)
        tb = tb.tb_next
    return found


def _check_code(source: SourceFile, text: str, config: Config, rules: list[type[Rule]],
                packages: frozenset[str], result: FileResult) -> None:
    nb = None
    if source.kind == "notebook":
        nb = notebook_parsing.load(text.encode("utf-8"))
        if nb.skipped:
            result.diagnostics.append(Diagnostic(source.path, notebook_parsing.skipped_note(nb.skipped), "note"))
        module, code_text = nb.module, nb.text
    else:
        module, code_text = parse(text), text
    result.lines = code_text.count("\n") + 1
    module_name = module_name_for(source.path, packages)
    applicable = applicable_rules(rules, source.kind, code_text)
    failed: set[type[Rule]] = set()
    with scopes_remembered():  # each scope's nodes walked once for every rule (hygiene.walk.walk_scope)
        while True:
            resolver = NameResolver(module, module_name, source.path.endswith("__init__.py"))
            ctx = FileContext(source.path, source.kind, code_text, config, module, resolver, nb)
            extractors = [make(ctx) for make in engine_facts.EXTRACTORS if source.kind in make.kinds]
            instances = [r(ctx) for r in applicable if r not in failed]
            try:
                walk(module, Dispatch([resolver, *extractors, *instances]), ctx.parents)
                for extractor in extractors:
                    extractor.finish()
                for instance in instances:
                    instance.finish()
                break
            except Exception as exc:  # a rule bug costs that rule on this file, not the scan
                rule = _culprit(exc)
                where = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                if rule is None or rule in failed:
                    result.diagnostics.append(Diagnostic(source.path, f"internal error while checking: {where}"))
                    return
                failed.add(rule)
                result.diagnostics.append(Diagnostic(source.path, f"internal error in rule {rule.code}, which was skipped for this file: {where}"))
    result.findings.extend(ctx.findings)
    result.diagnostics.extend(ctx.diagnostics)
    result.facts.update(ctx.facts)
    release(ctx, resolver, *extractors, *instances)  # cycles that hold the syntax tree (hygiene.gcpolicy)
    locate = (lambda n: nb.locate(n)[2]) if nb is not None else None
    result.suppressions = [s.to_dict() for s in suppress.parse(code_text.split("\n"), locate)]


def _profile_data(source: SourceFile, result: FileResult) -> dict | None:
    """The data file's profile, read once and cached as the fact `table` for rules, the repo
    phase and the checklist; its reading problems become the file's one diagnostic."""
    summary = profile_table(source.abspath)
    result.facts["table"] = summary
    if summary["problem"]:
        serious = summary["fatal"] and summary["problem"] not in ("empty file", *GROUPED)
        result.diagnostics.append(Diagnostic(source.path, summary["problem"], "error" if serious else "note"))
    return summary


def _check_other(source: SourceFile, config: Config, rules: list[type[Rule]], result: FileResult) -> None:
    data = _profile_data(source, result) if source.kind == "data" else None
    applicable = [r for r in rules if source.kind in r.kinds]
    if not applicable:
        return
    ctx = FileContext(source.path, source.kind, "", config, data=data)
    ctx.abspath = source.abspath  # type: ignore[attr-defined]
    for rule in applicable:
        try:
            rule(ctx).check_file()
        except Exception as exc:
            where = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            result.diagnostics.append(Diagnostic(source.path, f"internal error in rule {rule.code}: {where}"))
    result.findings.extend(ctx.findings)
    result.diagnostics.extend(ctx.diagnostics)
    result.facts.update(ctx.facts)


def check_file(source: SourceFile, config: Config, rules: list[type[Rule]], packages: frozenset[str],
               content_digest: str = "", data: bytes | None = None) -> FileResult:
    """The file phase for one file; never raises for a bad file."""
    result = FileResult(source.path, source.kind, content_digest)
    try:
        if source.kind in CODE_KINDS:
            if oversized(source, config):
                raise ParseError(f"skipped: {source.size:,} bytes is over max-file-size ({config.max_file_size:,}"
                                 + (f" times {NOTEBOOK_SIZE_FACTOR} for a notebook)" if source.kind == "notebook" else ")"))
            if data is None:  # read here: the digest is of the bytes checked, even if the file just changed
                data, content_digest = source.abspath.read_bytes(), ""
            if not content_digest:
                result.digest = digest(data)
            text = decode(data) if source.kind == "python" else data.decode("utf-8", errors="strict")
            _check_code(source, text, config, rules, packages, result)
        else:
            _check_other(source, config, rules, result)
    except ParseError as exc:  # a notebook in another language is a note (hygiene.parsing.notebook.NotPython)
        result.diagnostics.append(Diagnostic(source.path, str(exc), getattr(exc, "kind", "error")))
    except UnicodeDecodeError as exc:
        result.diagnostics.append(Diagnostic(source.path, f"not UTF-8 (byte {exc.start})"))
    except OSError as exc:
        result.diagnostics.append(Diagnostic(source.path, f"cannot read: {exc.strerror or exc}"))
    except Exception as exc:  # a bug of ours outside any rule: this file, one line, exit 2 (cli)
        where = " ".join("".join(traceback.format_exception_only(type(exc), exc)).split())
        result.diagnostics.append(Diagnostic(source.path, f"internal error while checking: {where}"))
    return result


_worker_state: dict[str, object] = {}  # worker processes keep the rules they loaded once


def _worker_init(config: Config, codes: list[str], packages: frozenset[str], cache: Cache) -> None:
    rules = enabled_rules(config)
    _worker_state.update(config=config, rules=[r for r in rules if r.code in set(codes)], packages=packages,
                         cache=cache)


def _worker_check(source: SourceFile, content_digest: str) -> tuple[FileResult, bool]:
    """The file's result and whether its facts were left in the cache: a worker stores the entry
    itself and sends back only the findings and the digests of the facts, so the main process
    neither unpickles nor holds every file's facts (issue 12)."""
    result = check_file(source, _worker_state["config"], _worker_state["rules"],  # type: ignore[arg-type]
                        _worker_state["packages"], content_digest)  # type: ignore[arg-type]
    cache: Cache = _worker_state["cache"]  # type: ignore[assignment]
    give_back()  # the file's freed syntax tree, back to the system (hygiene.gcpolicy)
    if not result.digest or cache.folder is None:
        return result, False
    cache.put(result)
    if cache.folder is None:
        return result, False
    result.facts = {}
    return result, True


# -- the whole scan ---------------------------------------------------------------------------
Progress = Callable[[int, int], None]


def scan(config: Config, paths: Iterable[Path] | None = None, *, focus: Iterable[Path] | None = None,
         rules: list[type[Rule]] | None = None, jobs: int | None = None, use_cache: bool = True,
         progress: Progress | None = None) -> ScanResult:
    """Scan `paths` (default: the config root). With `focus`, the whole root is read for context
    but only findings in the focus files (and repo-level findings about them) are reported."""
    started = time.perf_counter()
    rules = enabled_rules(config, rules)
    diagnostics: list[Diagnostic] = []  # what discovery could not read or skipped, then unreadable files
    sources = list(discover(config, None if focus is not None else paths, problems=diagnostics))
    packages = package_dirs(sources)
    cache = Cache(config.root / config.cache_dir if use_cache else None,  # facts name modules, which packages decide
                  f"{config.fingerprint()}:{ruleset_fingerprint(rules)}:{digest(chr(0).join(sorted(packages)).encode())}")
    index = StatIndex(cache.folder, cache.salt)
    started_ns = time.time_ns()
    results: dict[str, FileResult] = {}
    todo: list[tuple[SourceFile, str]] = []  # not their bytes: every file's at once (issue 12)
    for source in sources:
        try:
            hit, content_digest, _ = index.find(source, cache, oversized(source, config),
                                                   lambda s=source: check_file(s, config, rules, packages))
        except OSError as exc:
            diagnostics.append(Diagnostic(source.path, f"cannot read: {exc.strerror or exc}"))
            continue
        if hit is not None:
            results[source.path] = index.remember(source, hit)
        else:
            todo.append((source, content_digest))
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    done, total = len(results), len(sources)
    if progress:
        progress(done, total)
    if workers > 1 and len(todo) >= PARALLEL_MIN_FILES:
        with futures.ProcessPoolExecutor(
            max_workers=workers, initializer=_worker_init,
            initargs=(config, [r.code for r in rules], packages, cache),
        ) as pool:
            # Largest files first, so one big file does not finish the scan alone.
            ordered = sorted(todo, key=lambda t: -t[0].size)
            pending = {pool.submit(_worker_check, source, d): source for source, d in ordered}
            for future in futures.as_completed(pending):
                source = pending[future]
                try:
                    result, stored = future.result()
                except Exception as exc:  # a worker died (memory, signal): say so, go on
                    result, stored = FileResult(source.path, source.kind, "", diagnostics=[
                        Diagnostic(source.path, f"internal error: the worker checking it failed: {exc!r}")]), False
                if stored:
                    result = stored_result(source, result.digest, small_result(result), cache,
                                           lambda s=source: check_file(s, config, rules, packages), cached=False)
                elif result.digest:
                    cache.put(result)
                results[source.path] = index.remember(source, result)
                done += 1
                if progress:
                    progress(done, total)
    else:
        for source, content_digest in todo:
            result = check_file(source, config, rules, packages, content_digest)
            if result.digest:
                cache.put(result)
            if result.digest and cache.folder is not None:  # its facts live in the cache from now on
                result = stored_result(source, result.digest, small_result(result), cache,
                                       lambda s=source: check_file(s, config, rules, packages), cached=False)
            results[source.path] = index.remember(source, result)
            done += 1
            if progress:
                progress(done, total)

    try:
        cache.prepare()
    except OSError:  # a read-only checkout: no cache
        cache.folder = index.file = None
    partial = focus is None and paths is not None and any(Path(p).resolve() != config.root for p in paths)
    index.save(started_ns, partial=partial)
    scan_result = ScanResult(config.root, config, rules, sources, results, diagnostics=diagnostics)
    _repo_phase(scan_result, rules, cache)
    _finalise(scan_result, focus, whole=not partial)
    scan_result.stats.update(
        files=len(sources), lines=sum(r.lines for r in results.values()), cached=cache.hits,
        checked=len(todo), seconds=time.perf_counter() - started,
    )
    return scan_result


def _repo_phase(scan_result: ScanResult, rules: list[type[Rule]], cache: Cache | None = None) -> None:
    from hygiene.cache import repophase

    repo = RepoContext(scan_result.root, scan_result.config, scan_result.files, scan_result.results)
    counts = repophase.run(repo, rules, cache.folder if cache is not None else None,
                           cache.salt if cache is not None else "")
    scan_result.repo_rules = counts  # type: ignore[attr-defined]
    scan_result.findings.extend(repo.findings)
    scan_result.diagnostics.extend(repo.diagnostics)
    scan_result.repo = repo  # type: ignore[attr-defined]


def _finalise(scan_result: ScanResult, focus: Iterable[Path] | None, whole: bool = True) -> None:
    config = scan_result.config
    findings: list[Finding] = list(scan_result.findings)
    sups: dict[str, list[suppress.Suppression]] = {}
    for path, result in sorted(scan_result.results.items()):
        findings.extend(result.findings)
        scan_result.diagnostics.extend(result.diagnostics)
        if result.suppressions:
            sups[path] = [suppress.Suppression.from_dict(s) for s in result.suppressions]
    findings = [f for f in findings if not config.ignored_in_file(f.path, f.rule, f.category)]
    enabled = {r.code for r in scan_result.rules}
    kept, suppressed, problems = suppress.apply(findings, sups, enabled)
    kept.extend(p for p in problems if not config.ignored_in_file(p.path, p.rule, p.category))
    kept = [dataclasses.replace(f, severity=config.severity_for(f.rule, f.category, f.severity)) for f in kept]
    # Test suites and definitions nothing refers to (which a scan of part of the tree cannot tell) ask.
    wanted = _focus_paths(config.root, focus) if focus is not None else None
    kept = periphery.mark(kept, config.root, [s.path for s in scan_result.files] if whole else None,
                          None if wanted is None else (lambda f: _in_focus(f, wanted)), getattr(scan_result, "repo", None))
    # One decision, one finding: a group is reported at its first program, or its first in focus.
    kept = group_findings(kept, scan_result.rules, None if wanted is None else (lambda p: _within(p, wanted)))
    if wanted is not None:
        kept = [f for f in kept if _in_focus(f, wanted)]
        suppressed = [f for f in suppressed if _within(f.path, wanted)]
        # A file outside the focus that cannot be read is not this commit's or pull request's
        # problem; repo-level problems (path ".") still are.
        scan_result.diagnostics = [d for d in scan_result.diagnostics if d.path == "." or _within(d.path, wanted)]
    unique: dict[tuple, Finding] = {}
    for f in fold_repeats(one_report_per_twin(_one_report_per_bug(kept, scan_result.rules))):
        unique.setdefault((f.rule, f.path, f.line, f.column, f.message), f)
    final = list(unique.values())
    if whole and getattr(scan_result, "repo", None) is not None:  # code only non-reporting programs run asks
        final = ask_outside_reporting(scan_result.repo, final)  # (hygiene.analysis.reporting_filter; all programs seen)
    demoted = {r.code for r in scan_result.rules if config.demoted(r.code, r.default)}
    selected = set(config.select)

    def asks(f: Finding) -> bool:
        # A rule's own default, one finding a rule marks as a question (`extra["ask"]`: e.g. code whose
        # output is committed data), or code in an archive folder; `select` naming the rule makes them findings.
        return f.rule in demoted or ((bool(f.extra.get("ask")) or archived(f.path)) and f.rule not in selected)
    scan_result.questions = number_duplicates(sorted(
        (dataclasses.replace(f, severity=Severity.INFO) for f in final if asks(f)),
        key=Finding.sort_key))
    scan_result.findings = number_duplicates(sorted(
        (f for f in final if not asks(f)), key=Finding.sort_key))
    scan_result.suppressed = sorted(suppressed, key=Finding.sort_key)
    scan_result.diagnostics = group_diagnostics(scan_result.diagnostics, Diagnostic)
    scan_result.diagnostics.sort(key=lambda d: (d.path, d.message))


def _one_report_per_bug(findings: list[Finding], rules: list[type[Rule]]) -> list[Finding]:
    """One bug, one finding: a rule that `supersedes` other codes says the more specific thing
    about the same line (EVAL022's "only one condition loses rows" over DATA040's "rows are
    dropped uncounted"), so their findings on that line go."""
    covering = {r.code: frozenset(r.supersedes) for r in rules if r.supersedes}
    if not covering:
        return findings
    sites = {(f.path, f.line, code) for f in findings for code in covering.get(f.rule, ())}
    return [f for f in findings if f.line is None or (f.path, f.line, f.rule) not in sites]


def _in_focus(f: Finding, wanted: set[str]) -> bool:
    return _within(f.path, wanted) or any(_within(r.path, wanted) for r in f.related)


def _within(path: str, wanted: set[str]) -> bool:
    return any(path == w or path.startswith(w + "/") or w == "" for w in wanted)


def _focus_paths(root: Path, focus: Iterable[Path]) -> set[str]:
    wanted = set()
    for p in focus:
        try:
            rel = p.resolve().relative_to(root).as_posix()
            wanted.add("" if rel == "." else rel)
        except ValueError:
            print(f"hygiene: {p} is outside {root}; ignored", file=sys.stderr)
    return wanted
