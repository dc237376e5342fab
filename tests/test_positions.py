"""Positions of one statement (hygiene.parsing.positions) equal the whole module's PositionProvider."""
from __future__ import annotations

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from hygiene.analysis.dataflow.lines import Lines
from hygiene.parsing.positions import Positions
from hygiene.walk import iter_children

TRICKY = '''# header comment

import os  ; import sys
@decorator  # c
# between
@other(
    1)

def f(a,
      b):  # trailing
    # leading comment
    if a:
        x = [1,
             2]
    elif b: y = 2; z = 3
    else:
        pass
        # footer comment of the else block
    # footer of f
class C:
\tdef g(self):
\t\treturn self.temperature  # tabs
\tasync def h(self):
\t\tasync with x as y:
\t\t\tawait y.temperature
try:
    pass
except (A,
        B) as e:
    raise
finally:
    q = 1
while True:
    break
else:
    pass
match x:
    case [1, 2]:
        pass
x = """multi
line""" + f"""{
  a }"""
if True:
    def nested():

        return 1
last = 1
'''


def _with_ancestors(module: cst.Module) -> list[tuple[cst.CSTNode, list[cst.CSTNode]]]:
    out, stack = [], [(module, [])]
    while stack:
        node, ancestors = stack.pop()
        out.append((node, ancestors))
        stack.extend((child, [*ancestors, node]) for child in iter_children(node))
    return out


@pytest.mark.parametrize("text", [TRICKY, TRICKY.replace("\n", "\r\n"), "def f():\n    return 1"],
                         ids=["tricky", "crlf", "no-final-newline"])
def test_every_node_gets_the_module_position(text: str) -> None:
    module = cst.parse_module(text)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    positions = Positions(module, text, Lines(module, text))
    nodes = _with_ancestors(module)[1:]  # the module itself last
    for node, ancestors in nodes:
        assert positions.get(node, ancestors) == expected[node], (type(node).__name__, module.code_for_node(node))
    # One statement at a time, except where the statement's code is not the file's text at its
    # line: a last line without a newline (the module drops it) is resolved with the whole module.
    assert (positions.whole is not None) == (not text.endswith("\n"))
    assert positions.get(module, []) == expected[module]


def test_a_node_outside_the_ancestors_statements_is_still_found() -> None:
    module = cst.parse_module(TRICKY)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    positions = Positions(module, TRICKY, Lines(module, TRICKY))
    nodes = _with_ancestors(module)
    inner = next((n, a) for n, a in nodes if isinstance(n, cst.Return))
    elsewhere = next(n for n, _ in nodes if isinstance(n, cst.Name) and n.value == "last")
    assert positions.get(elsewhere, inner[1]) == expected[elsewhere]
    assert positions.get(inner[0], inner[1]) == expected[inner[0]]
