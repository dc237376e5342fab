"""Per-cell scope analysis for notebook rules."""
from __future__ import annotations

from hygiene.parsing.cells import cell_scope, is_predefined, output_text
from hygiene.parsing.notebook import Cell


def scope(source: str):
    return cell_scope(Cell(0, "code", source))


def test_binds_and_uses_at_the_top_level() -> None:
    s = scope("import numpy as np\nfrom x import y as z\nfor i, j in pairs:\n    total = i + j\n"
              "with open(p) as fh:\n    text = fh.read()\ndef f(a):\n    return hidden + a\nclass C(Base):\n    k = 1\n")
    assert {"np", "z", "i", "j", "total", "fh", "text", "f", "C"} <= s.binds
    assert "k" not in s.binds and "a" not in s.binds
    used = {name for name, _ in s.uses}
    assert {"pairs", "p", "Base"} <= used and "hidden" not in used


def test_comprehension_variables_are_not_uses() -> None:
    s = scope("squares = [x * x for x in values if x > limit]")
    assert {name for name, _ in s.uses} == {"values", "limit"}


def test_magics_and_star_imports_make_a_cell_dynamic() -> None:
    assert scope("%run setup.py").dynamic
    assert scope("from helpers import *").dynamic
    assert not scope("x = 1").dynamic


def test_expressions_and_unparsable_cells() -> None:
    assert scope("x = 1\nx").has_expression and not scope("x = 1").has_expression
    assert not scope("def broken(:\n").parsed


def test_predefined_names() -> None:
    assert is_predefined("print") and is_predefined("display") and is_predefined("_12")
    assert not is_predefined("model")


def test_output_text_of_errors_streams_and_results() -> None:
    error = {"output_type": "error", "ename": "KeyError", "evalue": "'x'", "traceback": ["\x1b[31mKeyError\x1b[0m"]}
    assert output_text(error) == "KeyError: 'x'\nKeyError"
    assert output_text({"output_type": "stream", "text": ["a\n", "b"]}) == "a\nb"
    assert output_text({"output_type": "execute_result", "data": {"text/plain": "0.9"}}) == "0.9"


def test_reads_are_known_unless_the_cell_runs_other_code():
    from hygiene.parsing.cells import reads_are_known

    assert reads_are_known("from fastai.vision.all import *\nprint(learn)")  # binds unknown names only
    assert not reads_are_known("%run train.py")
    assert not reads_are_known("from a import *\nexec(code)")
    assert not reads_are_known("print(globals())")
