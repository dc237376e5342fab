"""Python's own `ast` of the file a rule is walking, parsed once per file and shared.

Rules that reason about statements and loops as a whole (which names a loop adds to, what a branch
holds) read this tree in `visit_Module` instead of walking libcst nodes; their findings are
reported by line (`ctx.report(rule, None, line=...)`), the parsed text's line, which the context
maps to a notebook's joined line.
"""
from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def module_tree(ctx: Any) -> ast.Module | None:
    """The file's `ast.Module`, or None when Python's parser refuses the text: the tree the statement-line
    table already parsed (`ctx.statement_lines`), not a second parse of the file."""
    memo = ctx.memo
    if "stdast" not in memo:
        if ctx.module is not None:
            memo["stdast"] = ctx.statement_lines.tree
        else:
            try:
                memo["stdast"] = ast.parse(ctx.text)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                memo["stdast"] = None
    return memo["stdast"]


def scopes(tree: ast.Module) -> Iterator[ast.AST]:
    """The module and every function in it (each a scope whose statements a rule reads)."""
    yield tree
    for node in ast.walk(tree):
        if isinstance(node, FUNCTIONS):
            yield node


def own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """The nodes of `scope`'s body, not descending into nested functions, classes or lambdas."""
    stack = list(reversed(getattr(scope, "body", [])))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (*FUNCTIONS, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def dotted(node: ast.AST) -> str:
    """`a.b.c` for a chain of attributes on a name, '' otherwise."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""
