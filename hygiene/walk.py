"""One pass over a libcst tree that feeds every rule at once.

libcst's own visitor rebuilds each node's children as it goes, which costs about as much as
parsing (measured on transformers' src/: parse 9.1 s, `CSTVisitor` walk 7.9 s, our walk 0.8 s for
the same 63k lines). Rules only read the tree, so we walk the dataclass fields directly, skip pure
syntax (whitespace, commas, parentheses), and dispatch by node type through a table built once per
rule class, like libcst's batched visitors do.

Children are visited in source order: the few node types whose dataclass fields are not in source
order (decorators come first, the `except` type before its body) have their order written out.
"""
from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import libcst as cst

_SYNTAX_FIELDS = frozenset({
    "lpar", "rpar", "comma", "semicolon", "leading_lines", "lines_after_decorators", "header",
    "footer", "newline", "equal", "colon", "star", "dot", "lbrace", "rbrace", "lbracket",
    "rbracket", "trailing_whitespace", "asynchronous", "first_colon", "second_colon", "indent",
    "leading_whitespace", "walrus", "arrow", "encoding", "default_indent", "default_newline",
    "has_trailing_newline", "start", "end", "prefix", "posonly_ind",
})

_SOURCE_ORDER: dict[type[cst.CSTNode], tuple[str, ...]] = {
    cst.FunctionDef: ("decorators", "name", "type_parameters", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "type_parameters", "bases", "keywords", "body"),
    cst.ExceptHandler: ("type", "name", "body"),
    cst.IfExp: ("body", "test", "orelse"),
    cst.MatchCase: ("pattern", "guard", "body"),
    cst.Parameters: ("posonly_params", "params", "star_arg", "kwonly_params", "star_kwarg"),
}
if hasattr(cst, "ExceptStarHandler"):
    _SOURCE_ORDER[cst.ExceptStarHandler] = ("type", "name", "body")

_child_fields: dict[type, tuple[str, ...]] = {}
# Whether a type is a libcst node, by type: `isinstance` against libcst's ABC-based classes runs
# `ABCMeta.__instancecheck__` in Python for every value that is not one (issue 12).
_is_node: dict[type, bool] = {}


def is_node(value: object) -> bool:
    kind = value.__class__
    known = _is_node.get(kind)
    if known is None:
        known = _is_node[kind] = isinstance(value, cst.CSTNode)
    return known


def child_fields(node_type: type) -> tuple[str, ...]:
    fields = _child_fields.get(node_type)
    if fields is None:
        # A field declared `str` (`Name.value`, `SimpleString.value`) never holds a node: leaving it
        # out makes those nodes leaves, which the walk passes without looking below (issue 12).
        fields = _SOURCE_ORDER.get(node_type) or tuple(
            f.name for f in dataclasses.fields(node_type)
            if f.name not in _SYNTAX_FIELDS and not f.name.startswith("whitespace") and f.type is not str
        )
        _child_fields[node_type] = fields
    return fields


def iter_children(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The meaningful children of `node`, in source order."""
    for name in _child_fields.get(node.__class__) or child_fields(node.__class__):
        value = getattr(node, name, None)
        if is_node(value):
            yield value
        elif isinstance(value, (tuple, list)):
            for item in value:
                if is_node(item):
                    yield item


def iter_nodes(root: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Every meaningful node under `root` (inclusive), pre-order, source order. During a file's
    check, a module's nodes are listed once and shared: a dozen rules and analyses walk the whole
    module (issue 12)."""
    memo = _scope_memo
    if memo is not None and root.__class__ is cst.Module:
        key = ("module", id(root))
        known = memo.get(key)  # type: ignore[call-overload]
        if known is None:
            known = memo[key] = (root, list(_iter_nodes(root)))  # type: ignore[index]
        return iter(known[1])
    return _iter_nodes(root)


def _iter_nodes(root: cst.CSTNode) -> Iterator[cst.CSTNode]:
    stack: list[cst.CSTNode] = [root]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        yield node
        _push_children(node, push)


def _push_children(node: cst.CSTNode, push: Callable[[Any], Any]) -> None:
    """`iter_children(node)` pushed last one first, so that they pop in source order: the fields
    read as `walk` reads them, without a generator and a list per node (issue 12: rules walk
    every function's scope)."""
    names = _backward_fields.get(node.__class__)
    if names is None:
        names = backward_fields(node.__class__)
    nodes = _is_node
    for name in names:
        value = getattr(node, name, None)
        kind = value.__class__
        known = nodes.get(kind)
        if known is None:
            known = is_node(value)
        if known:
            push(value)
        elif kind is tuple or kind is list or isinstance(value, (tuple, list)):
            for item in reversed(value):
                known = nodes.get(item.__class__)
                if known or (known is None and is_node(item)):
                    push(item)


_NESTED_SCOPES = frozenset({cst.FunctionDef, cst.ClassDef, cst.Lambda})


# During one file's check (`hygiene.runner`), the nodes of each scope walked, by the scope's id
# (with the scope, so that the id stays its own): ten rules walk every function's scope, and a
# scope's nodes are the same list for each (issue 12). None outside a file's check.
_scope_memo: dict[object, tuple[cst.CSTNode, list[cst.CSTNode]]] | None = None


def remember_scopes(on: bool) -> None:
    """Start (True) or end (False) one file's memo of `walk_scope`'s answers."""
    global _scope_memo
    _scope_memo = {} if on else None


@contextlib.contextmanager
def scopes_remembered() -> Iterator[None]:
    """One file's check: `walk_scope`'s answers kept until it ends, however it ends."""
    remember_scopes(True)
    try:
        yield
    finally:
        remember_scopes(False)


def walk_scope(root: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Every node under `root` in source order, not entering nested functions, classes or lambdas."""
    memo = _scope_memo
    if memo is None:
        return _walk_scope(root)
    known = memo.get(id(root))
    if known is None:
        known = memo[id(root)] = (root, list(_walk_scope(root)))
    return iter(known[1])


def scope_nodes(root: cst.CSTNode, kinds: tuple[type[cst.CSTNode], ...]) -> list[cst.CSTNode]:
    """The nodes of `walk_scope(root)` whose class is one of `kinds` (concrete node classes, which
    libcst never subclasses), in source order: a rule looking for assignments in every function
    reads those, not every node of the scope (issue 12). Do not change the list."""
    memo = _scope_memo
    if memo is None:
        return [n for n in _walk_scope(root) if n.__class__ in kinds]
    key = (id(root), kinds)
    known = memo.get(key)  # type: ignore[call-overload]
    if known is None:
        nodes = memo.get(id(root))
        if nodes is None:
            nodes = memo[id(root)] = (root, list(_walk_scope(root)))
        known = memo[key] = (root, [n for n in nodes[1] if n.__class__ in kinds])  # type: ignore[index]
    return known[1]


def _walk_scope(root: cst.CSTNode) -> Iterator[cst.CSTNode]:
    stack: list[cst.CSTNode] = []
    pop, push = stack.pop, stack.append
    _push_children(root, push)
    nested = _NESTED_SCOPES
    while stack:
        node = pop()
        yield node
        if node.__class__ in nested:  # not `isinstance`: see is_node
            continue
        _push_children(node, push)  # source order


def nodes_outside_functions(root: cst.CSTNode, kind: type[cst.CSTNode] | tuple[type[cst.CSTNode], ...]) -> list[Any]:
    """The nodes of `kind` under `root` (inclusive), not inside a lambda or function defined there
    (its body runs elsewhere, later, or not at all)."""
    found: list[Any] = []
    stack: list[cst.CSTNode] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, kind):
            found.append(node)
        if isinstance(node, (cst.Lambda, cst.FunctionDef)):
            continue
        stack.extend(node.children)
    return found


Handler = Callable[[Any], Any]


def node_types_named(name: str) -> type[cst.CSTNode] | None:
    node_type = getattr(cst, name, None)
    if isinstance(node_type, type) and issubclass(node_type, cst.CSTNode):
        return node_type
    return None


_handler_names: dict[type, tuple[dict[type, str], dict[type, str]]] = {}


def handler_names(cls: type) -> tuple[dict[type, str], dict[type, str]]:
    """`visit_<Node>` / `leave_<Node>` methods that `cls` defines, keyed by node type (once per
    class: `dir` on every rule of every file cost 2% of a scan, issue 12)."""
    known = _handler_names.get(cls)
    if known is None:
        known = _handler_names[cls] = _find_handler_names(cls)
    return known


def _find_handler_names(cls: type) -> tuple[dict[type, str], dict[type, str]]:
    visits: dict[type, str] = {}
    leaves: dict[type, str] = {}
    for attr in dir(cls):
        for prefix, table in (("visit_", visits), ("leave_", leaves)):
            if attr.startswith(prefix):
                node_type = node_types_named(attr[len(prefix):])
                if node_type is None:
                    raise TypeError(f"{cls.__name__}.{attr}: libcst has no node type {attr[len(prefix):]!r}")
                table[node_type] = attr
    return visits, leaves


class Dispatch:
    """The handlers of many visitors, merged into one table per node type."""

    def __init__(self, visitors: Iterable[object]) -> None:
        self.visit: dict[type, list[Handler]] = {}
        self.leave: dict[type, list[Handler]] = {}
        added: set[int] = set()
        for visitor in visitors:
            # An analysis several rules share (`walkers`: `hygiene.analysis.rowflow.shared_rows`) is
            # visited once, just before the first of them.
            for shared in getattr(visitor, "walkers", ()):
                if id(shared) not in added:
                    added.add(id(shared))
                    self._add(shared)
            if not getattr(visitor, "rides_along", False):  # else another visitor does its walking
                self._add(visitor)

    def _add(self, visitor: object) -> None:
        visits, leaves = handler_names(type(visitor))
        for node_type, attr in visits.items():
            self.visit.setdefault(node_type, []).append(getattr(visitor, attr))
        for node_type, attr in leaves.items():
            self.leave.setdefault(node_type, []).append(getattr(visitor, attr))


def walk(root: cst.CSTNode, dispatch: Dispatch, parents: list[cst.CSTNode]) -> None:
    """Visit every node under `root` in source order, keeping `parents` as the ancestor stack.

    Iterative, because generated code and long operator chains nest deeper than Python's
    recursion limit.
    """
    visit, leave = dispatch.visit, dispatch.leave
    backwards = _backward_fields
    nodes = _is_node
    leaving = object()
    stack: list[Any] = [root]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        if node is leaving:
            done = parents.pop()
            handlers = leave.get(type(done))
            if handlers:
                for handler in handlers:
                    handler(done)
            continue
        node_type = type(node)
        handlers = visit.get(node_type)
        if handlers:
            for handler in handlers:
                handler(node)
        names = backwards.get(node_type)
        if names is None:
            names = backward_fields(node_type)
        if not names:  # a leaf (a name, a literal, an operator): left at once, as it would be next
            handlers = leave.get(node_type)
            if handlers:
                for handler in handlers:
                    handler(node)
            continue
        parents.append(node)
        push(leaving)
        # Children pushed last one first, so they pop in source order.
        for name in names:
            value = getattr(node, name, None)
            kind = value.__class__
            known = nodes.get(kind)
            if known is None:
                known = is_node(value)
            if known:
                push(value)
            elif kind is tuple or kind is list:
                for item in reversed(value):
                    known = nodes.get(item.__class__)
                    if known or (known is None and is_node(item)):
                        push(item)


_backward_fields: dict[type, tuple[str, ...]] = {}


def backward_fields(node_type: type) -> tuple[str, ...]:
    """`child_fields` last one first: the order `walk` pushes them."""
    fields = _backward_fields[node_type] = tuple(reversed(child_fields(node_type)))
    return fields


def comprehension_fors(node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp) -> Iterator[cst.CompFor]:
    """The `for ... in ...` clauses of a comprehension, outermost first. A walk visits the element before
    them (`[ask(q) for q in rows]`: `ask(q)` first), so a visitor that tracks names binds their targets
    from here, when it reaches the comprehension."""
    for_in: cst.CompFor | None = node.for_in
    while for_in is not None:
        yield for_in
        for_in = for_in.inner_for_in
