"""hygiene.parsing.python.parse skips libcst's per-node validation while it parses, and only then."""
from __future__ import annotations

import libcst as cst
import pytest

from hygiene.parsing.python import ParseError, parse
from tests.test_positions import TRICKY


def test_the_tree_is_the_one_libcst_builds_with_validation() -> None:
    assert parse(TRICKY).deep_equals(cst.parse_module(TRICKY))
    assert parse(TRICKY).code == TRICKY


def test_nodes_built_after_a_parse_are_validated_again() -> None:
    parse(TRICKY)
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")
    with pytest.raises(ParseError):
        parse("def f(:\n")
    with pytest.raises(cst.CSTValidationError):  # also after a parse that failed
        cst.Name("1x")


def test_node_classes_answer_isinstance_as_their_hierarchy_does_without_abcmeta():
    """hygiene.parsing.fastnodes: libcst's node classes lose ABCMeta's Python-level instance
    check (6% of a cold scan); every answer is the class hierarchy's, as ABCMeta's was (no class
    has a virtual subclass or a subclass hook), and abstract classes still refuse instances."""
    import abc

    import libcst as cst
    import pytest

    from hygiene.parsing.fastnodes import NodeMeta, node_classes, plain_metaclass

    plain_metaclass()  # the command line applies it at start; a second call changes nothing
    assert plain_metaclass() == 0
    classes = node_classes()
    assert len(classes) > 300 and all(type(c) is not abc.ABCMeta for c in classes)
    assert type(cst.Name) is NodeMeta and type(cst.BaseExpression) is NodeMeta
    for sub in classes:
        for base in classes:
            assert issubclass(sub, base) == (base in sub.__mro__)
    name = cst.Name("x")
    assert isinstance(name, (cst.BaseExpression, cst.BaseAssignTargetExpression)) and not isinstance(name, cst.Attribute)
    with pytest.raises(TypeError):
        cst.BaseExpression()  # type: ignore[abstract]

def test_async_as_a_keyword_argument_of_old_pytorch_code_is_read() -> None:
    # `.cuda(async=True)` was valid before Python 3.7 (PyTorch's old spelling of non_blocking).
    text = ('def load(x, async=False):\n    s = "async=1"  # async=2\n'
            '    return x.cuda(async=True)\n\nasync def f():\n    await g(async_=1)\n')
    module = parse(text)
    assert module.code.count("async_=") == 3 and 's = "async=1"  # async=2' in module.code
    assert "async def f" in module.code
    with pytest.raises(ParseError, match="syntax error at line 1"):
        parse("x = (1,\n")
