"""Line numbers for graph nodes, without libcst's PositionProvider.

Resolving positions costs about twice the parse on a large tree (transformers' modeling files:
parse 32 s, positions 60 s), which every file with a dataflow graph would pay. Python's own `ast`
parses the same text some twenty times faster and knows every statement's line: the statements of
both trees are listed in the same order (pre-order, source order) and paired up. A call inside a
statement that spans several lines gets its own line by pairing the statement's calls the same
way. When the two trees disagree (they never should), the caller falls back to positions.
"""
from __future__ import annotations

import ast
from collections.abc import Iterator

import libcst as cst

from hygiene.gcpolicy import building
from hygiene.walk import iter_nodes

_AST_BLOCKS = ("body", "orelse", "finalbody")


def _ast_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    for stmt in body:
        yield stmt
        for name in ("body", "handlers", "orelse", "finalbody", "cases"):
            block = getattr(stmt, name, None)
            if not isinstance(block, list):
                continue
            if name in ("handlers", "cases"):
                for item in block:
                    yield from _ast_statements(item.body)
            else:
                yield from _ast_statements(block)


def _cst_block(block: cst.BaseSuite | None) -> Iterator[cst.CSTNode]:
    if isinstance(block, cst.IndentedBlock):
        yield from _cst_statements(block.body)
    elif isinstance(block, cst.SimpleStatementSuite):
        yield from block.body


def _cst_statements(body: tuple | list) -> Iterator[cst.CSTNode]:
    for stmt in body:
        if isinstance(stmt, cst.SimpleStatementLine):
            yield from stmt.body
            continue
        yield stmt
        if isinstance(stmt, cst.If):
            yield from _cst_block(stmt.body)
            orelse = stmt.orelse
            if isinstance(orelse, cst.If):
                yield from _cst_statements([orelse])
            elif isinstance(orelse, cst.Else):
                yield from _cst_block(orelse.body)
        elif isinstance(stmt, (cst.Try, getattr(cst, "TryStar", cst.Try))):
            yield from _cst_block(stmt.body)
            for handler in stmt.handlers:
                yield from _cst_block(handler.body)
            if stmt.orelse is not None:
                yield from _cst_block(stmt.orelse.body)
            if stmt.finalbody is not None:
                yield from _cst_block(stmt.finalbody.body)
        elif isinstance(stmt, cst.Match):
            for case in stmt.cases:
                yield from _cst_block(case.body)
        else:
            yield from _cst_block(getattr(stmt, "body", None))
            orelse = getattr(stmt, "orelse", None)
            if isinstance(orelse, cst.Else):
                yield from _cst_block(orelse.body)


def _ast_calls(root: ast.AST, wanted: type = ast.Call) -> list[ast.Call]:
    """The calls under `root`, in no particular order (sorted by place after): `ast.walk` without its
    two layers of generators, which cost more than the pairing (issue 12)."""
    calls: list[ast.Call] = []
    stack: list[ast.AST] = [root]
    node_type = ast.AST
    while stack:
        node = stack.pop()
        if node.__class__ is wanted:
            calls.append(node)  # type: ignore[arg-type]
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, node_type):
                stack.append(value)
            elif value.__class__ is list:
                stack.extend(item for item in value if isinstance(item, node_type))
    return calls


_KIND_PAIRS = {cst.If: ast.If, cst.For: (ast.For, ast.AsyncFor), cst.While: ast.While,
               cst.FunctionDef: (ast.FunctionDef, ast.AsyncFunctionDef), cst.ClassDef: ast.ClassDef,
               cst.Return: ast.Return, cst.Assign: ast.Assign, cst.AugAssign: ast.AugAssign}


class Lines:
    """`line(statement, node)`: the first line of `node`, a part of `statement`."""

    def __init__(self, module: cst.Module, text: str) -> None:
        self.ok = False
        self.statements: dict[int, tuple[int, int, ast.stmt]] = {}
        self._calls: dict[int, dict[int, int]] = {}
        self.tree: ast.Module | None = None  # the file's `ast`, also read whole by rules (hygiene.analysis.stdast)
        try:
            with building():
                tree = self.tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return
        ours = list(_cst_statements(module.body))
        theirs = list(_ast_statements(tree.body))
        if len(ours) != len(theirs):
            return
        for mine, other in zip(ours, theirs):
            expected = _KIND_PAIRS.get(type(mine))
            if expected is not None and not isinstance(other, expected):
                return
            self.statements[id(mine)] = (other.lineno, getattr(other, "end_lineno", None) or other.lineno, other)
        self.ok = True

    def span(self, node: cst.CSTNode, parents: list[cst.CSTNode]) -> tuple[int, int] | None:
        """First and last line of `node` if `ast` knows it as a statement, else of its innermost
        ancestor in `parents` that it knows; None when the two trees disagree."""
        if not self.ok:
            return None
        found = self.statements.get(id(node))
        if found is None:
            statement = next((p for p in reversed(parents) if id(p) in self.statements), None)
            if statement is None:
                return None
            found = self.statements[id(statement)]
        return found[0], found[1]

    def line(self, statement: cst.CSTNode | None, node: cst.CSTNode | None) -> int:
        if statement is None:
            return 0
        found = self.statements.get(id(statement))
        if found is None:
            return 0
        first, last, theirs = found
        if node is None or node is statement or first == last \
                or isinstance(statement, (cst.If, cst.For, cst.While, cst.FunctionDef, cst.ClassDef, cst.With, cst.Try)):
            return first
        if not isinstance(node, cst.Call):
            # `d.groupby("site")["y"]` starts where its call starts; `d["y"]` (a lambda's table) has a line of its own
            call = _leftmost_call(node)
            if call is None and isinstance(node, cst.Subscript):
                subs = self._calls.get(-id(statement))
                if subs is None:
                    subs = self._calls[-id(statement)] = self._pair_calls(statement, theirs, cst.Subscript, ast.Subscript)
                return subs.get(id(node), first)
            if call is None:
                return first
            node = call
        calls = self._calls.get(id(statement))
        if calls is None:
            calls = self._pair_calls(statement, theirs)
            self._calls[id(statement)] = calls
        return calls.get(id(node), first)

    @staticmethod
    def _pair_calls(statement: cst.CSTNode, theirs: ast.stmt, mine_type: type = cst.Call,
                    their_type: type = ast.Call) -> dict[int, int]:
        mine = [n for n in iter_nodes(statement) if isinstance(n, mine_type)]
        other = sorted(_ast_calls(theirs, their_type),
                       key=lambda n: (n.lineno, n.col_offset, -(n.end_lineno or 0), -(n.end_col_offset or 0)))
        if len(mine) != len(other):
            return {}
        return {id(m): o.lineno for m, o in zip(mine, other)}


def _leftmost_call(node: cst.CSTNode) -> cst.Call | None:
    """The call a subscript, attribute or operation starts with (`f(x)["a"].b`: `f(x)`), which
    begins on the node's own first line."""
    for _ in range(20):
        if isinstance(node, cst.Call):
            return node
        if isinstance(node, (cst.Subscript, cst.Attribute)):
            node = node.value
        elif isinstance(node, cst.BinaryOperation):
            node = node.left
        else:
            return None
    return None
