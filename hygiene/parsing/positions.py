"""libcst positions of one statement instead of the whole module (issue 12).

`PositionProvider` generates the code of the whole module to learn where each node is: about
twice a parse on a large file, paid by every file where a rule asks for one node's line. The code
of one statement gives the same positions when its code generation starts where the module's does:
on the line where the statement's leading blank and comment lines begin, at column 0, with the
indentation of the blocks around it. That line comes from Python's `ast` (the first token's line,
a decorator's for a decorated definition) minus the statement's leading lines, and is checked: the
generated code must equal the file's text at that line, or the whole module is resolved as before.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider
from libcst.metadata.position_provider import PositionProvidingCodegenState

from hygiene.walk import iter_children

_NEWLINE = re.compile(r"\r\n?|\n")  # libcst's own line breaks


def _path(root: cst.CSTNode, node: cst.CSTNode) -> list[cst.CSTNode] | None:
    """`root`, the nodes between, and `node`, when `node` is among `root`'s meaningful descendants."""
    path: list[cst.CSTNode] = []
    stack: list[tuple[cst.CSTNode, int]] = [(root, 0)]
    while stack:
        current, depth = stack.pop()
        del path[depth:]
        path.append(current)
        if current is node:
            return path
        kids = list(iter_children(current))
        kids.reverse()
        stack.extend((kid, depth + 1) for kid in kids)
    return None


class Positions:
    """`get(node, parents)`: the node's CodeRange as the module's PositionProvider gives it."""

    def __init__(self, module: cst.Module, text: str, lines: Any) -> None:
        self.module = module
        self.text = text
        self.lines = lines  # hygiene.analysis.dataflow.lines.Lines (statements' `ast` lines)
        self.whole: Any = None  # the module's mapping, once resolved
        self.found: dict[cst.CSTNode, CodeRange] = {}
        self.done: set[int] = set()  # ids of the statements generated
        self._starts: list[int] | None = None

    def get(self, node: cst.CSTNode, parents: Sequence[cst.CSTNode] = ()) -> CodeRange | None:
        if self.whole is not None:
            return self.whole.get(node)
        found = self.found.get(node)
        if found is not None:
            return found
        units = self._units(self._chain(node, parents))
        for unit, blocks in (units[-1:] + units[:1]) if len(units) > 1 else units:
            if id(unit) not in self.done and not self._generate(unit, blocks):
                break  # the statement's code is not where `ast` says: resolve the module
            found = self.found.get(node)
            if found is not None:
                return found
        self.whole = MetadataWrapper(self.module, unsafe_skip_copy=True).resolve(PositionProvider)
        self.found = {}
        return self.whole.get(node)

    def _chain(self, node: cst.CSTNode, parents: Sequence[cst.CSTNode]) -> list[cst.CSTNode]:
        """The node's ancestors from the module, and the node. The walk's `parents` when the node is
        a child of the last; else found by a search under the last parent, then under the module (a
        node reported from `finish()`, or a part of the node the walk is at): so the statement
        generated is the node's own, not the top-level one around it (issue 12)."""
        if parents and any(child is node for child in iter_children(parents[-1])):
            return [*parents, node]
        if parents:
            below = _path(parents[-1], node)
            if below is not None:
                return [*parents[:-1], *below]
        return _path(self.module, node) or [*parents, node]

    @staticmethod
    def _units(parents: Sequence[cst.CSTNode]) -> list[tuple[cst.CSTNode, list[cst.IndentedBlock]]]:
        """The statements among `parents` that begin a line of a block (outermost first), each with
        the indented blocks around it."""
        units: list[tuple[cst.CSTNode, list[cst.IndentedBlock]]] = []
        blocks: list[cst.IndentedBlock] = []
        for parent, child in zip(parents, parents[1:]):
            if isinstance(parent, cst.IndentedBlock):
                blocks.append(parent)
            if isinstance(parent, (cst.Module, cst.IndentedBlock)) and isinstance(
                    child, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
                units.append((child, list(blocks)))
        return units

    def _first_line(self, unit: cst.CSTNode) -> int | None:
        """The line of the statement's first token, from `ast`."""
        table = self.lines
        if not table.ok:
            return None
        key = unit.body[0] if isinstance(unit, cst.SimpleStatementLine) and unit.body else unit
        found = table.statements.get(id(key))
        if found is None:
            return None
        decorators = getattr(found[2], "decorator_list", None)
        return min([found[0], *(d.lineno for d in decorators)]) if decorators else found[0]

    def _generate(self, unit: cst.CSTNode, blocks: list[cst.IndentedBlock]) -> bool:
        first = self._first_line(unit)
        if first is None:
            return False
        start = first - len(getattr(unit, "leading_lines", ()))
        provider = PositionProvider()
        module = self.module
        state = PositionProvidingCodegenState(default_indent=module.default_indent,
                                              default_newline=module.default_newline, provider=provider)
        state.line = start
        state.indent_tokens = [module.default_indent if b.indent is None else b.indent for b in blocks]
        unit._codegen(state)
        code = "".join(state.tokens)
        starts = self._line_starts()
        if not 0 < start <= len(starts) or self.text[starts[start - 1]:starts[start - 1] + len(code)] != code:
            return False
        self.found.update(provider._computed)
        self.done.add(id(unit))
        return True

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]
        return self._starts
