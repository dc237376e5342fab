"""hygiene.analysis.integer_callers: which arguments hold integers, whose set keeps its order between runs."""
from __future__ import annotations

import ast

import pytest

from hygiene.analysis.integer_callers import _integers


def _holds_integers(code: str, before: str = "") -> bool:
    scope = ast.parse(before).body
    return _integers(ast.parse(code, mode="eval").body, scope, frozenset({"np"}), 0)


@pytest.mark.parametrize("code", [
    "np.where(mask)[0]", "np.nonzero(x)[1]", "np.flatnonzero(x)", "np.arange(5)", "range(n)", "np.argsort(x)",
    "np.argmax(x, axis=1)", "[0, 2, 5]", "(1, 2)", "np.where(mask)[0].tolist()", "list(range(3))", "sorted(np.arange(4))",
])
def test_integers(code):
    assert _holds_integers(code)


@pytest.mark.parametrize("code", [
    "np.where(mask, a, b)[0]", "torch.where(mask)[0]", "torch.arange(5)", "x.argsort()", "labels", "df['kind']",
    "['a', 'b']", "[]", "[1, 'a']", "np.unique(x)", "numpy.arange(3)",
])
def test_not_integers(code):
    assert not _holds_integers(code)


def test_names_bound_once_in_the_scope():
    assert _holds_integers("picked", "picked = np.where(mask)[0]")
    assert not _holds_integers("picked", "picked = np.where(mask)[0]\npicked = names")
    assert not _holds_integers("picked", "picked = np.where(mask)[0]\nfor picked in rows: pass")
