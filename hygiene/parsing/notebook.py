"""Jupyter notebooks as one Python module, with every line mapped back to its cell.

The code cells are joined with a newline after each, which is also how finding lines are counted
in the JSON output (`../shared/bench/README.md`). When every code cell that has code was run, the
cells are analysed in the order they ran (the kernel's order), else in document order; either way
each analysed line knows its cell and its line in the cell.

IPython syntax is neutralised line by line so that line numbers never move: `%magic`, `!shell`
(with its backslash continuations), cells under a cell magic whose body is not Python (`%%sql`),
`x = !cmd` and `obj?` help become comments, `pass` or `x = None`; `%time stmt` keeps `stmt`. Only a
line that starts a logical line is IPython: `(a\n % b)` is Python's modulo.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from typing import Any

import libcst as cst

from hygiene.parsing.python import ParseError, parse

_MAGIC_LINE = re.compile(r"^(\s*)([%!].*)$")
_ASSIGN_MAGIC = re.compile(r"^(\s*)([A-Za-z_][\w, ]*?)\s*=\s*([%!].*)$")
# IPython's automagic: a line magic without its `%` (`cd ..`, `ls -la`, `pip install x`) when the cell is no Python.
_AUTOMAGIC = re.compile(r"^(\s*)((?:cd|ls|pwd|pip|conda|mkdir|cat|rm|cp|mv|load_ext|autoreload|matplotlib|env|who|whos)"
                        r"(?:\s+(?![=(\[,:+*/<>|&^]|-=|\w+\s*\()\S.*)?)\s*$")
_MAGIC_START = re.compile(r"^\s*[%!]|\?\s*$|=\s*[%!]|" + _AUTOMAGIC.pattern[1:])
_HELP_LINE = re.compile(r"^(\s*)([\w.\[\]\"']+\?\??)\s*$")
# `%time x = f()` runs (and binds) the statement after the magic.
_TIMED_LINE = re.compile(r"^(\s*)%(time|prun)\s+(?!-)(.+)$")
_CELL_MAGIC = re.compile(r"^\s*%%(\w+)")
# Cell magics whose body is Python run by this kernel; the body of any other (%%sql, %%bash, %%R,
# %%writefile, %%python3 in a subprocess...) is not Python, or binds nothing here.
_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "memit", "mprun"})
_BRACKETS = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}


@dataclass
class Cell:
    index: int  # among all cells
    cell_type: str
    source: str
    execution_count: int | None = None
    outputs: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class NotebookSource:
    text: str
    module: cst.Module
    # For analysed line n (1-based), line_map[n - 1] = (cell index, line in cell).
    line_map: list[tuple[int, int]]
    cells: list[Cell]
    execution_order: bool
    # Document-order joined line of the first line of each code cell, by cell index.
    doc_offsets: dict[int, int]
    skipped: list[tuple[int, str]] = field(default_factory=list)
    # The kernel the notebook was saved from (`kernelspec.name`, lower case: `python3`, `pysparkkernel`).
    kernel: str = ""

    def analysed_line(self, cell: int, cell_line: int) -> int | None:
        """The analysed line of line `cell_line` of cell `cell` (for `ctx.report(line=...)`)."""
        for number, (index, line) in enumerate(self.line_map, start=1):
            if index == cell and line == cell_line:
                return number
        return None

    def locate(self, line: int) -> tuple[int, int, int]:
        """(cell, line in cell, document-order joined line) of analysed line `line`."""
        if not self.line_map:
            return 0, line, line
        cell, cell_line = self.line_map[min(max(line, 1), len(self.line_map)) - 1]
        return cell, cell_line, self.doc_offsets.get(cell, 1) + cell_line - 1


def _text(source: Any) -> str:
    if isinstance(source, list):
        return "".join(str(part) for part in source)
    return source if isinstance(source, str) else ""


def neutralise(line: str) -> str:
    """One line of IPython as a line of Python with the same meaning for a static reader.

    A magic inside a block becomes `pass`, so that a block holding only `%pip install x` still
    parses."""
    match = _ASSIGN_MAGIC.match(line)
    if match and not line.lstrip().startswith(("%", "!")):
        return f"{match.group(1)}{match.group(2).strip()} = None  # ipython: {match.group(3)}"
    match = _TIMED_LINE.match(line)
    if match:
        return f"{match.group(1)}{match.group(3)}  # ipython: %{match.group(2)}"
    match = _MAGIC_LINE.match(line) or _HELP_LINE.match(line) or _AUTOMAGIC.match(line)
    if match:
        return f"{match.group(1)}{'pass  ' if match.group(1) else ''}# ipython: {match.group(2)}"
    return line


class _LineState:
    """Whether the next line starts a logical line: not inside brackets, a string or after `\\`.
    IPython only reads `%` and `!` as magics there; `(a\n % b)` is Python's modulo."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote = ""  # the open triple quote
        self.continued = False

    @property
    def at_start(self) -> bool:
        return self.depth == 0 and not self.quote and not self.continued

    def read(self, line: str) -> None:
        i, n = 0, len(line)
        while i < n:
            if self.quote:
                end = line.find(self.quote, i)
                while end > 0 and line[end - 1] == "\\" and not line[:end].endswith("\\\\"):
                    end = line.find(self.quote, end + 1)
                if end < 0:
                    break
                i, self.quote = end + 3, ""
                continue
            char = line[i]
            if char == "#":
                break
            if char in "'\"":
                if line.startswith(char * 3, i):
                    self.quote, i = char * 3, i + 3
                    continue
                i += 1
                while i < n and line[i] != char:
                    i += 2 if line[i] == "\\" else 1
            elif char in _BRACKETS:
                self.depth = max(0, self.depth + _BRACKETS[char])
            i += 1
        self.continued = not self.quote and line.endswith("\\")


def cell_python(source: str) -> str:
    lines = source.split("\n")
    cell_magic = _CELL_MAGIC.match(lines[0]) if lines else None
    if cell_magic and cell_magic.group(1) not in _PYTHON_CELL_MAGICS:
        return "\n".join("# ipython: " + ln if ln.strip() else ln for ln in lines)
    if not any(_MAGIC_START.match(ln) for ln in lines):
        return source
    try:
        ast.parse(source)
        return source  # plain Python: a `%` or `!` at the start of a line is an operator here
    except (SyntaxError, ValueError):
        pass
    out: list[str] = []
    state = _LineState()
    in_magic = False  # a magic line continued with a backslash
    for line in lines:
        if in_magic:
            out.append("# ipython: " + line.strip())
            in_magic = line.endswith("\\")
            continue
        if state.at_start:
            python = neutralise(line)
            if python != line and "# ipython: " in python:
                out.append(python)
                in_magic = line.endswith("\\") and not _TIMED_LINE.match(line)
                continue
        state.read(line)
        out.append(line)
    return "\n".join(out)


# Languages of notebook kernels that are not Python (IRkernel, IJulia, Spark's Scala kernel, SQL
# kernels...): their cells are not read as Python, and the notebook is said once as skipped.
_OTHER_LANGUAGES = frozenset({
    "r", "julia", "scala", "java", "javascript", "typescript", "c", "c++", "c#", "f#", "go", "rust", "ruby",
    "haskell", "matlab", "octave", "sas", "stata", "sql", "bash", "sh", "powershell", "kotlin", "lua", "perl",
    "php", "groovy", "clojure", "ocaml", "elixir", "erlang", "swift", "wolfram language", "fortran", "prolog",
    "sparql", "cypher", "maxima", "gnuplot", "idl", "q",
})


class NotPython(ParseError):
    """A notebook whose kernel runs another language: nothing in it to check, a note, not an error."""
    kind = "note"


def kernel_language(doc: Any) -> str:
    """The language a notebook's kernel runs, lower case, as its metadata says (`language_info.name`,
    else `kernelspec.language`); "" when it does not say."""
    meta = doc.get("metadata") if isinstance(doc, dict) else None
    if not isinstance(meta, dict):
        return ""
    for part, key in (("language_info", "name"), ("kernelspec", "language")):
        value = meta.get(part).get(key) if isinstance(meta.get(part), dict) else None
        if isinstance(value, str) and value.strip():
            return value.strip().lower()
    return ""


def read_cells(data: bytes) -> list[Cell]:
    return _cells(_document(data))


def _document(data: bytes) -> Any:
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ParseError(f"notebook is not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid notebook JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    return doc


def _cells(doc: Any) -> list[Cell]:
    if not isinstance(doc, dict):
        raise ParseError("not a notebook: the top level is not a JSON object")
    if "cells" not in doc:
        if "worksheets" in doc:
            raise ParseError("nbformat 3 notebook; convert it with `jupyter nbconvert --to notebook`")
        raise ParseError("not a notebook: no \"cells\" list")
    if not isinstance(doc["cells"], list):
        raise ParseError("not a notebook: \"cells\" is not a list")
    cells = []
    for index, raw in enumerate(doc["cells"]):
        if not isinstance(raw, dict):
            raise ParseError(f"cell {index} is not a JSON object")
        count = raw.get("execution_count")
        outputs = raw.get("outputs")
        cells.append(Cell(
            index=index,
            cell_type=str(raw.get("cell_type", "")),
            source=_text(raw.get("source", "")),
            execution_count=count if isinstance(count, int) and not isinstance(count, bool) else None,
            outputs=[o for o in outputs if isinstance(o, dict)] if isinstance(outputs, list) else [],
        ))
    return cells


def load(data: bytes) -> NotebookSource:
    doc = _document(data)
    language = kernel_language(doc)
    if language in _OTHER_LANGUAGES:
        raise NotPython(f"skipped: a notebook in {language.upper() if len(language) <= 3 else language.title()} "
                        "(its kernel's language), not Python")
    cells = _cells(doc)
    code = [c for c in cells if c.cell_type == "code"]
    doc_offsets: dict[int, int] = {}
    line = 1
    for c in code:
        doc_offsets[c.index] = line
        line += len(c.source.split("\n"))
    ran = [c for c in code if c.source.strip()]
    counts = [c.execution_count for c in ran]
    in_run_order = (bool(ran) and all(n is not None for n in counts)
                    and len(set(counts)) == len(counts) and counts != sorted(counts))  # type: ignore[type-var]
    # Cells that ran out of document order are analysed in the order the kernel saw them.
    order = sorted(ran, key=lambda c: c.execution_count or 0) if in_run_order else code
    skipped: list[tuple[int, str]] = []
    pieces = {c.index: cell_python(c.source) for c in order}
    while True:
        text = "\n".join(pieces[c.index] for c in order)
        try:
            module = parse(text)
            break
        except ParseError as exc:
            found = _cell_with_error(order, pieces)
            if found is None:
                raise ParseError(f"no cell parses on its own, and together: {exc}") from None
            bad, own = found
            skipped.append((bad.index, own))  # the cell's own error, its line counted in the cell
            # Keep the line count, drop the code: the rest of the notebook is still checked.
            pieces[bad.index] = "\n".join("# hygiene: unparsable cell" if i == 0 else ""
                                          for i, _ in enumerate(pieces[bad.index].split("\n")))
    line_map = [(c.index, n + 1) for c in order for n in range(len(pieces[c.index].split("\n")))]
    spec = doc.get("metadata", {}).get("kernelspec") if isinstance(doc.get("metadata"), dict) else None
    kernel = str(spec.get("name") or "").lower() if isinstance(spec, dict) else ""
    return NotebookSource(text, module, line_map, cells, in_run_order, doc_offsets, skipped, kernel)


def _cell_with_error(order: list[Cell], pieces: dict[int, str]) -> tuple[Cell, str] | None:
    """The first cell that does not parse on its own, with its own error."""
    for c in order:
        if pieces[c.index].startswith("# hygiene: unparsable cell"):
            continue
        try:
            parse(pieces[c.index])
        except ParseError as exc:
            return c, str(exc)
    return None


def skipped_note(skipped: list[tuple[int, str]], shown: int = 5) -> str:
    """One line for every cell of a notebook that was left out: which, and each one's own error."""
    if len(skipped) == 1:
        index, reason = skipped[0]
        return f"cell {index} skipped: {reason}"
    where = [f"cell {index} ({reason.removeprefix('syntax error at ')})" for index, reason in skipped[:shown]]
    more = f"; and {len(skipped) - shown} more" if len(skipped) > shown else ""
    return f"{len(skipped)} cells skipped, they do not parse on their own: " + "; ".join(where) + more


def raw_lines(data: bytes) -> dict[tuple[int, int], int]:
    """(cell, line in cell) -> line of the .ipynb file that holds it, for annotations on the raw
    file (GitHub, SARIF). A source stored as one string maps all its lines to that string's line."""
    from hygiene.parsing.jsonpos import leaves_with_lines

    try:
        text = data.decode("utf-8")
        doc = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return {}
    cells = doc.get("cells") if isinstance(doc, dict) else None
    if not isinstance(cells, list):
        return {}
    where: dict[tuple[int, int], int] = {}
    next_line: dict[int, int] = {}
    pattern = re.compile(r"^cells\[(\d+)\]\.source(?:\[\d+\])?$")
    for leaf in leaves_with_lines(text, doc, 10**7)[0]:
        match = pattern.match(leaf.path)
        if not match or not isinstance(leaf.value, str):
            continue
        cell = int(match.group(1))
        # A list item is normally one line ending in "\n"; a single string holds them all.
        start = next_line.get(cell, 1)
        breaks = leaf.value.count("\n")
        for k in range(breaks + 1):
            if k < breaks or not leaf.value.endswith("\n"):
                where[(cell, start + k)] = leaf.line
            else:  # the empty line after a final newline, unless the next item starts there
                where.setdefault((cell, start + k), leaf.line)
        next_line[cell] = start + breaks
    return where
