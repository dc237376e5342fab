"""What the reviewer reads: research-relevant code in request-sized parts, plus shared context.

Whole-repo mode ranks code files by research relevance (model calls, splits, fits, metrics,
grading, prompts, data loading, results writing; the `io` facts; static findings) and packs them,
most relevant first, into parts that fit the per-request budget; a file too large for one part is
cut to its relevant blocks. Pull-request mode (`--focus`) reviews the focused files and adds, as
context, the repo modules they import and the files that write what they read or read what they
write. Every part shares one context block: the README's claims, short samples of the data and
result files the code touches, and the static findings. Test files, tooling and files that look
like secrets are never sent.
"""
from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hygiene.llm.redact import redact
from hygiene.llm.sources import (SentFile, hot_lines, is_test_or_tooling, load_code, readme_claims, redacted,
                                 sample_data, text_relevance, window, withheld)
from hygiene.analysis.names import module_name_for

if TYPE_CHECKING:
    from hygiene.runner import ScanResult

CODE_KINDS = ("python", "notebook")
SHARED_SHARE = 0.25  # of a request's budget, at most, for the README, samples and static findings
MAX_STATIC_LINES = 80
_RESULT_DIRS = re.compile(r"(^|/)(results?|outputs?|runs|eval[s]?|reports?|metrics|logs)/", re.I)


@dataclass
class Part:
    index: int
    files: list[SentFile]

    @property
    def paths(self) -> list[str]:
        return [f.path for f in self.files]

    def lines_of_code(self) -> int:
        return sum(len(f.lines) for f in self.files if f.role in ("code", "context"))

    def tokens(self) -> int:
        return sum(f.tokens() for f in self.files)


@dataclass
class Selection:
    parts: list[Part]
    shared: list[SentFile]
    static_findings: list[str]
    focus: frozenset[str] | None  # pull-request mode: findings only in these files
    withheld: list[str] = field(default_factory=list)  # secret-looking files, never sent
    left_out: list[str] = field(default_factory=list)  # relevant files over the total budget
    redactions: int = 0

    def reviewed_lines(self) -> int:
        return sum(p.lines_of_code() for p in self.parts)

    def sent_file(self, part: Part, path: str) -> SentFile | None:
        for f in (*part.files, *self.shared):
            if f.path == path:
                return f
        return None


def select(result: ScanResult, focus: Iterable[Path] | None, request_budget: int, total_budget: int,
           fixed_tokens: int, output_tokens: int) -> Selection:
    """Parts for `result`'s repo: each under `request_budget` input tokens with `fixed_tokens`
    (the instructions) and the shared block; all of them, with `output_tokens` per request,
    under `total_budget`."""
    config = result.config
    sources = {s.path: s for s in result.files}
    focus_paths = _focus(result.root, focus, sources) if focus is not None else None
    selection = Selection([], [], _static_lines(result), focus_paths)

    code: dict[str, SentFile] = {}
    for path, source in sources.items():
        if source.kind not in CODE_KINDS or path not in result.results:
            continue
        if focus_paths is None and is_test_or_tooling(path):
            continue
        if withheld(path, source.abspath):
            selection.withheld.append(path)
            continue
        sent = load_code(path, source.kind, source.abspath)
        if sent is not None and sent.lines:
            code[path] = sent

    # The shared block: claims, samples of the data the code touches, static findings.
    shared_budget = int(request_budget * SHARED_SHARE)
    selection.shared = _shared(result, code, shared_budget, selection.withheld)
    shared_tokens = sum(f.tokens() for f in selection.shared) + sum(len(s) // 3 for s in selection.static_findings)
    part_budget = max(request_budget - fixed_tokens - shared_tokens - 400, 1_000)

    ranked = _rank(result, code, focus_paths)
    spent = 0
    current: list[SentFile] = []
    for path, score in ranked:
        raw = code[path]
        # What this file costs at least; files past the total budget are not even cut to size.
        floor = min(raw.tokens(), part_budget) + (0 if current else fixed_tokens + shared_tokens + output_tokens)
        if spent + floor > total_budget:
            selection.left_out.append(path)
            continue
        sent = redacted(raw)
        if sent.tokens() > part_budget:
            sent = window(sent, part_budget, _line_weights(sent, raw, result, config))
        if current and sum(f.tokens() for f in current) + sent.tokens() > part_budget:
            selection.parts.append(Part(len(selection.parts) + 1, current))
            current = []
        cost = sent.tokens() + (0 if current else fixed_tokens + shared_tokens + output_tokens)
        if spent + cost > total_budget:
            selection.left_out.append(path)
            continue
        spent += cost
        current.append(sent)
    if current:
        selection.parts.append(Part(len(selection.parts) + 1, current))
    selection.redactions = sum(f.redactions for p in selection.parts for f in p.files) + sum(
        f.redactions for f in selection.shared)
    return selection


def _focus(root: Path, focus: Iterable[Path], sources: dict[str, object]) -> frozenset[str]:
    wanted: set[str] = set()
    for p in focus:
        try:
            rel = p.resolve().relative_to(root).as_posix()
        except ValueError:
            continue
        rel = "" if rel == "." else rel
        wanted.update(path for path in sources if rel == "" or path == rel or path.startswith(rel + "/"))
    return frozenset(wanted)


def _rank(result: ScanResult, code: dict[str, SentFile], focus: frozenset[str] | None) -> list[tuple[str, int]]:
    """(path, score), most relevant first; files with no research signal are left out."""
    findings_by_path: dict[str, int] = {}
    for f in result.findings:
        findings_by_path[f.path] = findings_by_path.get(f.path, 0) + 1
    io = {path: facts for path, r in result.results.items() if (facts := r.facts.get("io"))}
    context = _context_files(result, code, focus) if focus is not None else set()
    ranked = []
    for path, sent in code.items():
        if focus is not None and path not in focus and path not in context:
            continue
        score = text_relevance(sent.text())
        score += 2 * len({r.get("mode") for r in io.get(path, [])})
        score += 2 * min(findings_by_path.get(path, 0), 3)
        if focus is not None:
            if path in focus:
                score += 100
            else:
                sent.role = "context"
        if score > 0:
            ranked.append((path, score))
    ranked.sort(key=lambda item: (-item[1], item[0]))
    return ranked


def _context_files(result: ScanResult, code: dict[str, SentFile], focus: frozenset[str]) -> set[str]:
    """Repo modules the focused files import, and files joined to them through the files they
    read and write."""
    packages = frozenset(s.path.rsplit("/", 1)[0] for s in result.files if s.path.endswith("/__init__.py"))
    by_module = {module_name_for(p, packages): p for p in code if p.endswith(".py")}
    linked: set[str] = set()
    for path in focus & set(code):
        for line in code[path].lines.values():
            match = re.match(r"\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+))", line)
            if match:
                name = match.group(1) or match.group(2)
                for candidate in (name, name.rsplit(".", 1)[0]):
                    if candidate in by_module:
                        linked.add(by_module[candidate])
    io = {path: r.facts.get("io", []) for path, r in result.results.items()}
    focus_io = {(rec.get("mode"), rec.get("path")) for p in focus for rec in io.get(p, [])}
    for path, records in io.items():
        if path in focus:
            continue
        for rec in records:
            other = "read" if rec.get("mode") == "write" else "write"
            if any(mode == other and _same_file(rec.get("path", ""), target) for mode, target in focus_io):
                linked.add(path)
    return linked - focus


def _same_file(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return a == b or fnmatch.fnmatch(a, b) or fnmatch.fnmatch(b, a)


def _line_weights(sent: SentFile, raw: SentFile, result: ScanResult, config: object) -> dict[int, int]:
    """Per-line relevance for cutting a large file: text signals, the engine's hot lines (from
    the file as written, `raw`), the io facts and the static findings."""
    weights: dict[int, int] = {}
    for n, line in sent.lines.items():
        w = text_relevance(line)
        if w:
            weights[n] = w
    for n, w in hot_lines(raw, config).items():  # type: ignore[arg-type]
        weights[n] = weights.get(n, 0) + w
    file_result = result.results.get(sent.path)
    for rec in (file_result.facts.get("io", []) if file_result else []):
        if isinstance(rec.get("line"), int):
            weights[rec["line"]] = weights.get(rec["line"], 0) + 3
    for f in result.findings:
        if f.path == sent.path and f.line:
            weights[f.line] = weights.get(f.line, 0) + 5
    return weights


def _shared(result: ScanResult, code: dict[str, SentFile], budget: int, withheld_paths: list[str]) -> list[SentFile]:
    config = result.config.llm
    shared: list[SentFile] = []
    used = 0
    readmes = [s for s in result.files if s.kind == "text" and "/" not in s.path
               and s.path.lower().split(".")[0] in ("readme", "results", "report")]
    for source in sorted(readmes, key=lambda s: (not s.path.lower().startswith("readme"), s.path)):
        claims = readme_claims(source.path, source.abspath)
        if claims is not None and claims.lines and used + claims.tokens() <= budget // 2:
            shared.append(claims)
            used += claims.tokens()
    touched = _touched_data(result, code)
    data = [s for s in result.files if s.kind == "data"]
    # Results first (they back the claims), then the data the selected code reads.
    ordered = sorted(data, key=lambda s: (not _RESULT_DIRS.search(s.path), s.path not in touched, s.path))
    for source in ordered:
        if len([f for f in shared if f.role == "sample"]) >= config.data_samples:
            break
        if source.path not in touched and not _RESULT_DIRS.search(source.path):
            continue
        if withheld(source.path, source.abspath):
            withheld_paths.append(source.path)
            continue
        data_result = result.results.get(source.path)
        table = data_result.facts.get("table") if data_result is not None else None
        sample = sample_data(source.path, source.abspath, config.sample_lines, table)
        if sample is not None and (sample.lines or sample.notes) and used + sample.tokens() <= budget:
            shared.append(sample)
            used += sample.tokens()
    return shared


def _touched_data(result: ScanResult, code: dict[str, SentFile]) -> set[str]:
    data_paths = [s.path for s in result.files if s.kind == "data"]
    touched: set[str] = set()
    for path in code:
        file_result = result.results.get(path)
        for rec in (file_result.facts.get("io", []) if file_result else []):
            target = str(rec.get("path", ""))
            base = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
            for candidate in data_paths:
                if _same_file(candidate, target) or _same_file(candidate, base + target):
                    touched.add(candidate)
    return touched


def _static_lines(result: ScanResult) -> list[str]:
    lines = []
    for f in result.findings:
        if f.source != "static":
            continue
        lines.append(redact(f"{f.where()} {f.rule} {f.category}: {f.message}")[0])
    if len(lines) > MAX_STATIC_LINES:
        lines = lines[:MAX_STATIC_LINES] + [f"... and {len(lines) - MAX_STATIC_LINES} more"]
    return lines
