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

from hygiene import walk as _walk

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


def walk_list(root: ast.AST) -> list[ast.AST]:
    """`list(ast.walk(root))`, in the same order (breadth first, each node's fields in `_fields`
    order), without `ast.walk`'s deque and two layers of generators per node (issue 12)."""
    found: list[ast.AST] = [root]
    node_type = ast.AST
    append = found.append
    fields = _FIELDS
    i = 0
    while i < len(found):
        node = found[i]
        i += 1
        names = fields.get(node.__class__)
        if names is None:
            names = fields[node.__class__] = node._fields
        for name in names:
            value = getattr(node, name, None)
            if isinstance(value, node_type):
                append(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, node_type):
                        append(item)
    return found


_FIELDS: dict[type, tuple[str, ...]] = {}


def subtree(root: ast.AST) -> list[ast.AST]:
    """`walk_list(root)`, listed once per file's check (`hygiene.walk.scopes_remembered`) however many
    rules walk the same statement, loop or function (issue 12: thirty rules call `ast.walk` on them).
    Do not change the list."""
    memo = _walk._scope_memo
    if memo is None:
        return walk_list(root)
    key = ("stdast", id(root))
    known = memo.get(key)  # type: ignore[call-overload]
    if known is None:
        known = memo[key] = (root, walk_list(root))  # type: ignore[index]
    return known[1]


def module_nodes(ctx: Any) -> list[ast.AST]:
    """Every node of `module_tree(ctx)` in `ast.walk`'s order, listed once per file for every rule
    that reads the whole tree (issue 12: eleven rules each walked it); [] without a tree. Do not
    change the list."""
    memo = ctx.memo
    nodes = memo.get("stdast-nodes")
    if nodes is None:
        tree = module_tree(ctx)
        nodes = memo["stdast-nodes"] = [] if tree is None else subtree(tree)
    return nodes


def module_functions(ctx: Any) -> list[ast.AST]:
    """The functions of `module_nodes(ctx)`, in its order. Do not change the list."""
    memo = ctx.memo
    found = memo.get("stdast-functions")
    if found is None:
        found = memo["stdast-functions"] = [n for n in module_nodes(ctx) if isinstance(n, FUNCTIONS)]
    return found


def module_scopes(ctx: Any) -> list[ast.AST]:
    """`list(scopes(module_tree(ctx)))`, shared; [] without a tree."""
    tree = module_tree(ctx)
    return [] if tree is None else [tree, *module_functions(ctx)]


def scope_nodes(ctx: Any, scope: ast.AST) -> list[ast.AST]:
    """`list(own_nodes(scope))` for a scope of this file's tree, listed once per file. Do not change the list."""
    memo = ctx.memo.setdefault("stdast-scopes", {})
    known = memo.get(id(scope))
    if known is None:
        known = memo[id(scope)] = (scope, list(own_nodes(scope)))
    return known[1]


def scopes(tree: ast.Module) -> Iterator[ast.AST]:
    """The module and every function in it (each a scope whose statements a rule reads)."""
    yield tree
    for node in subtree(tree):
        if isinstance(node, FUNCTIONS):
            yield node


def own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """The nodes of `scope`'s body, not descending into nested functions, classes or lambdas."""
    stack = list(reversed(getattr(scope, "body", [])))
    node_type = ast.AST
    nested = _NESTED
    fields = _FIELDS
    while stack:
        node = stack.pop()
        yield node
        if node.__class__ in nested:
            continue
        children: list[ast.AST] = []  # `ast.iter_child_nodes(node)`, pushed last one first
        names = fields.get(node.__class__)
        if names is None:
            names = fields[node.__class__] = node._fields
        for name in names:
            value = getattr(node, name, None)
            if isinstance(value, node_type):
                children.append(value)
            elif isinstance(value, list):
                children.extend(item for item in value if isinstance(item, node_type))
        children.reverse()
        stack.extend(children)


_NESTED = frozenset({*FUNCTIONS, ast.ClassDef, ast.Lambda})


def names_in(node: ast.AST) -> set[str]:
    return {n.id for n in subtree(node) if isinstance(n, ast.Name)}


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
