"""What a rule sees: `FileContext` during a file's walk, `RepoContext` once per scan."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import libcst as cst
from libcst.metadata import CodeRange

from hygiene.config import Config
from hygiene.finding import Diagnostic, Finding, Location
from hygiene.analysis.names import NameResolver
from hygiene.rule import Rule, fill

if TYPE_CHECKING:
    from hygiene.discovery import SourceFile
    from hygiene.parsing.notebook import NotebookSource

MAX_SNIPPET = 800


# Nodes whose code, without parentheses, is their `value`: libcst's `_codegen_impl` of each adds
# that one token (issue 12: a rule asks for the code of every argument, most of them names).
_TOKENS = frozenset({cst.Name, cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString})


class FileContext:
    """One file being checked. Positions are computed lazily: only files with findings pay."""

    def __init__(self, path: str, kind: str, text: str, config: Config, module: cst.Module | None = None,
                 names: NameResolver | None = None, notebook: NotebookSource | None = None,
                 data: Any = None) -> None:
        self.path = path
        self.kind = kind
        self.text = text
        self.config = config
        self.module = module
        self.names = names  # type: ignore[assignment]
        self.notebook = notebook
        self.data = data  # the parsed form of a data or text file, for check_file()
        self.parents: list[cst.CSTNode] = []
        self.findings: list[Finding] = []
        self.diagnostics: list[Diagnostic] = []
        # JSON-able facts for the repo phase, keyed by whoever records them (a rule code or an
        # engine layer such as "io" or "dataflow").
        self.facts: dict[str, Any] = {}
        # Per-file memo for shared analyses (not cached, not JSON): see hygiene.analysis.apis.llm.
        self.memo: dict[str, Any] = {}
        self._positions: Any = None
        self._lines: list[str] | None = None

    # -- positions and code ---------------------------------------------------------------------
    def position(self, node: cst.CSTNode) -> CodeRange | None:
        if self.module is None:
            return None
        if self._positions is None:  # by statement, from the walk's ancestors (issue 12)
            from hygiene.parsing.positions import Positions

            self._positions = Positions(self.module, self.text, self.statement_lines)
        return self._positions.get(node, self.parents)

    @property
    def statement_lines(self) -> Any:
        """Statement lines from Python's `ast`, shared by every layer (`hygiene.analysis.dataflow.lines`)."""
        table = self.memo.get("lines")
        if table is None:
            from hygiene.analysis.dataflow.lines import Lines

            table = self.memo["lines"] = Lines(self.module, self.text)
        return table

    def raw_line_here(self, node: cst.CSTNode) -> int | None:
        """The line of `node` in the parsed text while the walk is at it (`self.parents` holds its
        ancestors), from its enclosing statement's line in Python's `ast`: no code generation of
        the file, which positions cost. Falls back to positions when the two trees disagree."""
        if self.module is None:
            return None
        table = self.statement_lines
        if isinstance(node, cst.SimpleStatementLine) and node.body:
            node = node.body[0]  # the line holds small statements; `ast` knows those
        if table.ok:
            statement = node if id(node) in table.statements else next(
                (p for p in reversed(self.parents) if id(p) in table.statements), None)
            if statement is not None:
                line = table.line(statement, node)
                if line:
                    return line
        pos = self.position(node)
        return pos.start.line if pos is not None else None

    def statement_source(self, node: cst.CSTNode) -> str | None:
        """The source lines of the statement around `node` (the walk's node, or a statement `ast` knows;
        a compound statement's whole block), None if unknown: the code libcst generates for any part of
        it is in them (an unchanged tree's code is its source), so a text they lack is not (issue 12)."""
        span = self.statement_lines.span(node, self.parents) if self.module is not None else None
        return None if span is None else "\n".join(self.lines[span[0] - 1:span[1]])

    def line_here(self, node: cst.CSTNode) -> int | None:
        """Like `line_of`, for the node the walk is at (see `raw_line_here`)."""
        line = self.raw_line_here(node)
        if line is None:
            return None
        return self.notebook.locate(line)[2] if self.notebook else line

    def line_of(self, node: cst.CSTNode) -> int | None:
        """The reported line of `node` (document-order joined line in a notebook)."""
        pos = self.position(node)
        if pos is None:
            return None
        return self.notebook.locate(pos.start.line)[2] if self.notebook else pos.start.line

    def code(self, node: cst.CSTNode) -> str:
        if self.module is None:
            return ""
        if node.__class__ in _TOKENS and not node.lpar and not node.rpar:  # type: ignore[attr-defined]
            return node.value  # type: ignore[attr-defined]  # what libcst generates for it, without a codegen state
        return self.module.code_for_node(node)

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    def scope_of(self, node: cst.CSTNode) -> str:
        """`Class.method` around `node`: from the walk while it runs, else (a rule reporting from
        `finish()`) from positions, descending through the statements that contain the node."""
        if self.names is not None and self.parents:
            return self.names.scope_path()
        pos = self.position(node)
        if pos is None or self.module is None:
            return ""
        line = pos.start.line
        names: list[str] = []
        current: cst.CSTNode = self.module
        while True:
            inner = None
            for child in current.children:
                if isinstance(child, (cst.BaseSmallStatement, cst.SimpleStatementLine, cst.BaseExpression)):
                    continue
                span = self.position(child)
                if span is not None and span.start.line <= line <= span.end.line:
                    inner = child
                    break
            if inner is None:
                return ".".join(names)
            if isinstance(inner, (cst.FunctionDef, cst.ClassDef)):
                names.append(inner.name.value)
            current = inner

    # -- reporting ------------------------------------------------------------------------------
    def report(self, rule: type[Rule], node: cst.CSTNode | None, *, line: int | None = None,
               related: tuple[Location, ...] = (), message: str | None = None,
               question: str | None = None, extra: dict[str, Any] | None = None,
               fields: dict[str, Any] | None = None, snippet: str | None = None) -> Finding:
        """A finding of `rule` at `node` (or at analysed `line`), with its templates filled in."""
        column = end_line = end_column = None
        if node is not None:
            pos = self.position(node)
            if pos is not None:
                line, column = pos.start.line, pos.start.column + 1
                end_line, end_column = pos.end.line, pos.end.column + 1
            if snippet is None:
                snippet = self.code(node).strip()
        elif line is not None and snippet is None and 0 < line <= len(self.lines):
            snippet = self.lines[line - 1].strip()
        cell = cell_line = None
        if self.notebook is not None and line is not None:
            span = (end_line - line) if end_line else 0
            cell, cell_line, line = self.notebook.locate(line)
            end_line = line + span if end_line else None
        finding = make_finding(rule, self.path, line, fields or {}, message=message, question=question,
                               related=related, snippet=snippet or "", column=column, end_line=end_line,
                               end_column=end_column, cell=cell, cell_line=cell_line,
                               context=self.scope_of(node) if node is not None else "",
                               extra=extra or {})
        self.findings.append(finding)
        return finding


    def report_cell(self, rule: type[Rule], cell: int, cell_line: int = 1, *, fields: dict[str, Any] | None = None,
                    related: tuple[Location, ...] = (), snippet: str | None = None,
                    message: str | None = None, question: str | None = None,
                    extra: dict[str, Any] | None = None) -> Finding:
        """A finding at line `cell_line` of notebook cell `cell` (0-based among all cells), for
        rules about cells themselves (outputs, execution counts) rather than a node."""
        assert self.notebook is not None
        cells = self.notebook.cells
        source_lines = cells[cell].source.split("\n") if 0 <= cell < len(cells) else []
        if snippet is None and 0 < cell_line <= len(source_lines):
            snippet = source_lines[cell_line - 1].strip()
        line = self.notebook.doc_offsets.get(cell, 1) + cell_line - 1
        finding = make_finding(rule, self.path, line, fields or {}, message=message, question=question,
                               related=related, snippet=snippet or "", cell=cell, cell_line=cell_line,
                               extra=extra or {})
        self.findings.append(finding)
        return finding


def make_finding(rule: type[Rule], path: str, line: int | None, fields: dict[str, Any], *,
                 message: str | None = None, question: str | None = None, related: tuple[Location, ...] = (),
                 snippet: str = "", column: int | None = None, end_line: int | None = None,
                 end_column: int | None = None, cell: int | None = None, cell_line: int | None = None,
                 context: str = "", extra: dict[str, Any] | None = None, source: str = "static") -> Finding:
    where = f"{path}:{line}" if line else path
    if cell is not None and cell_line is not None:
        where = f"{path} cell {cell}, line {cell_line}"
    values = {"where": where, "path": path, "line": line, **fields}
    return Finding(
        rule=rule.code, category=rule.category, severity=rule.severity,
        message=fill(message or rule.message, values), path=path, line=line, column=column,
        end_line=end_line, end_column=end_column, source=source, snippet=snippet[:MAX_SNIPPET],
        question=fill(question or rule.question, values), related=related, cell=cell,
        cell_line=cell_line, context=context, extra=extra or {},
    )


@dataclass
class FileResult:
    """Everything the file phase learnt about one file; JSON-able, so it can be cached."""

    path: str
    kind: str
    digest: str
    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    suppressions: list[dict[str, Any]] = field(default_factory=list)
    lines: int = 0
    cached: bool = False
    # A short digest of each fact's JSON (set when the result is cached): what the repo phase's
    # cache is keyed by (hygiene.cache.repophase).
    fact_digests: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "kind": self.kind, "digest": self.digest, "lines": self.lines,
            "findings": [f.to_dict() for f in self.findings],
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "facts": dict(self.facts), "suppressions": self.suppressions,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileResult:
        return cls(
            path=data["path"], kind=data["kind"], digest=data["digest"], lines=data.get("lines", 0),
            findings=[Finding.from_dict(f) for f in data.get("findings", [])],
            diagnostics=[Diagnostic.from_dict(d) for d in data.get("diagnostics", [])],
            facts=data.get("facts", {}), suppressions=data.get("suppressions", []),
        )


class RepoContext:
    """The whole scan, for rules' `check_repo`: every file's results, facts and the repo itself."""

    def __init__(self, root: Path, config: Config, sources: list[SourceFile],
                 results: dict[str, FileResult], partial: bool = False) -> None:
        self._root = root
        self.config = config
        self._sources = sources
        # In path order, whatever order the worker processes finished in: analyses that resolve a
        # name defined in several files (`mlp.train` in sibling folders) must not depend on `-j`.
        ordered = sorted(results.items())
        results.clear()
        results.update(ordered)
        self.results = results
        # What the rule running now has read (`hygiene.cache.repophase` keys its cached findings by it):
        # "fact:KEY", "sources" (the files and their contents), "paths" (the file list), "external"
        # (the file system or git via `root`), "git" (git's state), "file:PATH" (one file's content).
        self.reads: list[set[str]] = []
        self._shared_reads: dict[str, set[str]] = {}
        self.used: set[str] = set()  # shared values read since the last `forget_unused`
        # True when only some files were scanned (pre-commit, pull requests): repo-level rules
        # then still see every file's facts only if they were scanned; see runner.
        self.partial = partial
        self.findings: list[Finding] = []
        self.diagnostics: list[Diagnostic] = []
        self._cache: dict[str, Any] = {}
        self._kept: set[str] = set()  # shared with `keep`: never dropped by `forget_unused`
        self._computing: list[str] = []  # the shared values being computed, outermost first
        self._shared_deps: dict[str, set[str]] = {}  # value -> the shared values it was built from

    def _read(self, *what: str) -> None:
        if self.reads:
            self.reads[-1].update(what)

    @property
    def root(self) -> Path:
        self._read("external")
        return self._root

    @property
    def sources(self) -> list[SourceFile]:
        self._read("sources")
        return self._sources

    def paths(self) -> list[SourceFile]:
        """The scanned files, for their paths and kinds only: an edit inside a file does not change
        what a rule that read only these needs (a rule that reads a file's content through
        `abspath` uses `sources`, whose replay key covers every file's content)."""
        self._read("paths")
        return self._sources

    def git_root(self) -> Path:
        """The scan root, for git (hygiene.analysis.history): the replay key covers the git state
        (HEAD, refs, the index, ignore files), not the working tree; a reader of a working-tree
        file's state records it with `read_bytes` or `consult`."""
        self._read("git")
        return self._root

    def consult(self, path: str) -> None:
        """Record that the answer of the rule running now depends on the content of `path`
        (relative to the root), as `git status` sees it."""
        self._read(f"file:{path}")

    def read_bytes(self, path: str) -> bytes:
        """The content of `path` (relative to the root); the replay key then covers that file only."""
        self.consult(path)
        return (self._root / path).read_bytes()

    def code_text(self, path: str) -> str | None:
        """The Python code of `path` as the rules' line numbers count it (a notebook's code cells joined),
        read through `read_bytes`; None when it cannot be read or decoded."""
        from hygiene.parsing import notebook as notebook_parsing
        from hygiene.parsing.python import ParseError, decode

        try:
            data = self.read_bytes(path)
            return notebook_parsing.load(data).text if path.endswith(".ipynb") else decode(data)
        except (OSError, UnicodeDecodeError, ValueError, ParseError):
            return None

    def files(self, kind: str | None = None) -> Iterator[SourceFile]:
        return (s for s in self.sources if kind is None or s.kind == kind)

    def facts(self, key: str) -> Iterator[tuple[str, Any]]:
        """(path, value) for every file that recorded facts under `key`."""
        self._read(f"fact:{key}")
        for path, result in self.results.items():
            if key in result.facts:
                yield path, result.facts[key]

    def shared(self, key: str, compute: Any, keep: bool = False) -> Any:
        """Memoised repo-wide computation shared by several rules (git history, data profiles);
        what it read counts as read by every rule that uses it. `keep`: a value small for what it
        costs to build (the import graph, the programs), kept for the whole scan instead of being
        dropped after a rule that did not use it (`forget_unused`)."""
        if key not in self._cache:
            self.reads.append(set())
            self._computing.append(key)
            try:
                self._cache[key] = compute()
            finally:
                self._computing.pop()
                self._shared_reads[key] = self.reads.pop()
            if keep:
                self._kept.add(key)
        for outer in self._computing:  # a value built from this one: using it uses this one too
            self._shared_deps.setdefault(outer, set()).add(key)
        self._read(*self._shared_reads.get(key, ()))
        self.used.add(key)
        self.used.update(self._shared_deps.get(key, ()))
        return self._cache[key]

    def forget_unused(self) -> None:
        """Drop the shared values the rule that just ran did not use, directly or through a value
        built from them (a later rule that needs one computes it again): the next rules of a family
        share them, and memory holds one family's. Values shared with `keep` stay."""
        for key in [k for k in self._cache if k not in self.used and k not in self._kept]:
            value = self._cache.pop(key)
            # A value whose parts refer to each other (the dataflow program and its views) waits
            # for the cycle collector: `release` frees what it holds now, not a family later.
            release = getattr(value, "release", None)
            if callable(release):
                release()
        self.used = set()

    def report(self, rule: type[Rule], path: str, line: int | None = None, **kwargs: Any) -> Finding:
        fields = kwargs.pop("fields", None) or {}
        known = {"message", "question", "related", "snippet", "column", "end_line", "end_column",
                 "cell", "cell_line", "context", "extra"}
        fields.update({k: kwargs.pop(k) for k in list(kwargs) if k not in known})
        # A place keyword that the templates also name (`{column}` of a transcript) fills them
        # too; a column that is not a number is only a field, never a position.
        templates = f"{kwargs.get('message') or rule.message} {kwargs.get('question') or rule.question}"
        for key in known & set(kwargs):
            if "{" + key in templates:
                fields.setdefault(key, kwargs[key])
        if "column" in kwargs and not isinstance(kwargs["column"], int):
            del kwargs["column"]
        finding = make_finding(rule, path, line, fields, **kwargs)
        self.findings.append(finding)
        return finding

    def diagnostic(self, path: str, message: str, kind: str = "note") -> None:
        self.diagnostics.append(Diagnostic(path, message, kind))
