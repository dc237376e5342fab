"""What code does, without comments, docstrings, annotations and formatting: the signature two
versions of a file are compared by when `hygiene.analysis.producers` asks whether results are stale."""
from __future__ import annotations

import ast

from hygiene.analysis.notebook_slice import slice_text


def code_signature(path: str, data: bytes | None, names: frozenset[str] | None = None,
                   anchor: str | None = None) -> str | None:
    """What the code does, without comments, docstrings and formatting; None when absent.

    With `names`, only those top-level definitions count, with every top-level definition and
    assignment they use (transitively): `from utils import write_jsonl` does not care about the
    rest of utils.py."""
    if data is None:
        return None
    text = data.decode("utf-8", errors="replace")
    sliced = slice_text(data, anchor, path) if anchor and path.endswith((".ipynb", ".py")) else None
    if sliced is not None:
        text = sliced  # only the cells that make the file (hygiene.analysis.notebook_slice)
    elif path.endswith(".ipynb"):
        try:
            from hygiene.parsing.notebook import load
            text = load(data).text
        except Exception:  # noqa: BLE001 - a broken notebook is compared as text
            pass
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return "\n".join(line.strip() for line in text.splitlines()
                         if line.strip() and not line.strip().startswith("#"))
    tree = _Normalise().visit(tree)
    if names is not None:
        kept = _used_definitions(tree, names)
        if kept is not None:
            return "\n".join(ast.dump(node) for node in kept)
    # isort and friends reorder imports without changing what the code does.
    imports = sorted(ast.dump(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)))
    rest = [ast.dump(n) for n in tree.body if not isinstance(n, (ast.Import, ast.ImportFrom))]
    return "\n".join([*imports, *rest])


def _defined_names(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in node.names]
    return []


def _used_definitions(tree: ast.Module, names: frozenset[str]) -> list[ast.stmt] | None:
    """The top-level statements that define `names` and what they use, in file order; None
    when a name is not defined at the top level (re-exported, made by a loop, ...)."""
    definitions: dict[str, list[int]] = {}
    for index, node in enumerate(tree.body):
        for name in _defined_names(node):
            definitions.setdefault(name, []).append(index)
    if not all(name in definitions for name in names):
        return None
    wanted: set[int] = set()
    todo = list(names)
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen or name not in definitions:
            continue
        seen.add(name)
        for index in definitions[name]:
            wanted.add(index)
            todo.extend(n.id for n in ast.walk(tree.body[index]) if isinstance(n, ast.Name))
    return [tree.body[i] for i in sorted(wanted)]


class _Normalise(ast.NodeTransformer):
    """Drops what linters and type checkers change: docstrings and annotations."""

    def _strip_docstring(self, node: ast.AST) -> ast.AST:
        body = getattr(node, "body", None)
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]  # type: ignore[attr-defined]
        return node

    def visit_Module(self, node: ast.Module) -> ast.AST:
        self.generic_visit(node)
        return self._strip_docstring(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        self.generic_visit(node)
        return self._strip_docstring(node)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.AST:
        self.generic_visit(node)
        node.returns = None
        return self._strip_docstring(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_arg(self, node: ast.arg) -> ast.AST:
        node.annotation = None
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST | None:
        if node.value is None:
            return None  # `x: int` declares, it does nothing
        return ast.Assign(targets=[node.target], value=node.value)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.AST | None:
        # `typing` names serve the annotations dropped above (pyupgrade's `Dict` -> `dict`).
        if node.module in ("__future__", "typing", "typing_extensions"):
            return None
        return node
