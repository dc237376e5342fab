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
