"""What one notebook cell binds and uses at the top level, and what its outputs hold.

Rules about a notebook's saved state (execution order, stored outputs) reason cell by cell, in
document order, which the joined module of `hygiene.parsing.notebook` does not give: a name
bound in a later cell is visible to an earlier one there. Python's `ast` is enough for this small
per-cell pass (notebooks are small); cells that do not parse on their own are skipped.
"""
from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass, field
from typing import Any

from hygiene.parsing.notebook import Cell, cell_python

# Names IPython (and the common hosted kernels) define in every session.
IPYTHON_NAMES = frozenset({"In", "Out", "get_ipython", "display", "exit", "quit", "_", "__", "___",
                           "_i", "_ii", "_iii", "_ih", "_oh", "_dh"})
_IPY_HISTORY = re.compile(r"^_(i?\d+|i{1,3})$")
# Cell content after which any name may exist: star imports, scripts run into the namespace,
# restored variables, exec and namespace writes.
_DYNAMIC = re.compile(r"^\s*%(run|load|store|restore|autoreload|macro)\b|import\s+\*|\bexec\s*\(|"
                      r"\b(globals|locals|vars)\s*\(\s*\)|\b__builtins__\b|\bsetattr\s*\(\s*builtins", re.M)
_STAR_IMPORT = re.compile(r"import\s+\*")


def reads_are_known(source: str) -> bool:
    """Whether a cell's reads are all in its code: it may bind unknown names (`from x import *`),
    but runs no other file or string (`%run`, `exec(...)`) and reads no namespace as a whole."""
    return not any(m.group(0) and not _STAR_IMPORT.fullmatch(m.group(0)) for m in _DYNAMIC.finditer(source))


@dataclass
class CellScope:
    index: int
    binds: set[str] = field(default_factory=set)
    uses: list[tuple[str, int]] = field(default_factory=list)  # (name, line in cell), in order
    has_expression: bool = False    # a top-level expression statement (what Jupyter displays)
    dynamic: bool = False           # after this cell any name may exist
    parsed: bool = True


class _Scope(ast.NodeVisitor):
    def __init__(self, scope: CellScope) -> None:
        self.scope = scope
        self.hidden: list[set[str]] = []  # comprehension variables in force

    def _bind_target(self, target: ast.AST) -> None:
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                self.scope.binds.add(node.id)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            if not any(node.id in hidden for hidden in self.hidden):
                self.scope.uses.append((node.id, node.lineno))
        else:
            self.scope.binds.add(node.id)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        # The body runs when called, which may be after later cells ran; only what is evaluated
        # at definition time counts here.
        for expr in [*node.decorator_list, *node.args.defaults, *node.args.kw_defaults]:
            if expr is not None:
                self.visit(expr)
        self.scope.binds.add(node.name)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for expr in [*node.args.defaults, *node.args.kw_defaults]:
            if expr is not None:
                self.visit(expr)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for expr in [*node.decorator_list, *node.bases]:
            self.visit(expr)
        # A class body runs now, but its names are the class's; only what it reads counts.
        outer = set(self.scope.binds)
        for stmt in node.body:
            self.visit(stmt)
        self.scope.binds = outer | {node.name}

    def _comprehension(self, node: Any, elements: list[ast.AST]) -> None:
        generators = node.generators
        self.visit(generators[0].iter)  # evaluated in the enclosing scope
        names: set[str] = set()
        for gen in generators:
            for sub in ast.walk(gen.target):
                if isinstance(sub, ast.Name):
                    names.add(sub.id)
        self.hidden.append(names)
        for index, gen in enumerate(generators):
            if index:
                self.visit(gen.iter)
            for cond in gen.ifs:
                self.visit(cond)
        for element in elements:
            self.visit(element)
        self.hidden.pop()

    def visit_ListComp(self, node: ast.ListComp) -> None:
        self._comprehension(node, [node.elt])

    visit_SetComp = visit_GeneratorExp = visit_ListComp  # type: ignore[assignment]

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self._comprehension(node, [node.key, node.value])

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name == "*":
                self.scope.dynamic = True
            else:
                self.scope.binds.add(alias.asname or alias.name.split(".")[0])

    visit_ImportFrom = visit_Import  # type: ignore[assignment]

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.scope.binds.add(node.name)
        self.generic_visit(node)

    def visit_Global(self, node: ast.Global) -> None:
        self.scope.binds.update(node.names)

    def visit_MatchAs(self, node: Any) -> None:
        if node.name:
            self.scope.binds.add(node.name)
        self.generic_visit(node)


def cell_scope(cell: Cell) -> CellScope:
    scope = CellScope(cell.index, dynamic=bool(_DYNAMIC.search(cell.source)))
    try:
        tree = ast.parse(cell_python(cell.source))
    except (SyntaxError, ValueError, RecursionError):
        scope.parsed = False
        return scope
    scope.has_expression = any(isinstance(stmt, ast.Expr) for stmt in tree.body)
    visitor = _Scope(scope)
    for stmt in tree.body:
        visitor.visit(stmt)
    return scope


def is_predefined(name: str) -> bool:
    return hasattr(builtins, name) or name in IPYTHON_NAMES or bool(_IPY_HISTORY.match(name))


def output_text(output: dict[str, Any]) -> str:
    """The text of one stored output: stream text, plain-text data, or an error's traceback."""
    if output.get("output_type") == "error":
        parts = [f"{output.get('ename', '')}: {output.get('evalue', '')}"]
        trace = output.get("traceback")
        if isinstance(trace, list):
            parts.extend(str(t) for t in trace)
        return strip_ansi("\n".join(parts))
    text = output.get("text")
    if text is None:
        data = output.get("data")
        text = data.get("text/plain") if isinstance(data, dict) else None
    if isinstance(text, list):
        text = "".join(str(t) for t in text)
    return strip_ansi(text) if isinstance(text, str) else ""


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)
