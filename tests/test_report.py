"""The report formats are views over one scan result."""
from __future__ import annotations

import json

from sarif_pydantic import Sarif

from hygiene.config import Config
from hygiene.report import render
from hygiene.runner import scan

# A program that draws without a seed (the draw on line 4).
UNSEEDED = "import random\n\ndef pick(items):\n    return random.sample(items, 3)\n\nprint(accuracy(pick(range(5))))\n"


def result_for(tmp_path, files):
    for rel, text in files.items():
        (tmp_path / rel).write_text(text)
    return scan(Config(root=tmp_path), jobs=1, use_cache=False)


def test_sarif_is_valid_2_1_0_with_rules_help_and_fingerprints(tmp_path):
    result = result_for(tmp_path, {"a.py": UNSEEDED, "bad.py": "def f(:\n"})
    data = json.loads(render(result, "sarif"))
    Sarif.model_validate(data)
    run = data["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    (res,) = run["results"]
    assert res["ruleId"] == "SEED001" and "## Why is this bad?" in rules["SEED001"]["help"]["markdown"]
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "SEED001"
    assert res["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert res["partialFingerprints"]["hygieneFingerprint/v1"]
    assert run["invocations"][0]["executionSuccessful"] is False  # bad.py could not be checked


def test_sarif_fingerprint_survives_code_moving(tmp_path):
    before = json.loads(render(result_for(tmp_path, {"a.py": UNSEEDED}), "sarif"))
    moved = "import random\n\n\nCONSTANT = 1  # new code above\n\n\n" + UNSEEDED.split("\n", 1)[1]
    after = json.loads(render(result_for(tmp_path, {"a.py": moved}), "sarif"))
    fp = lambda d: d["runs"][0]["results"][0]["partialFingerprints"]  # noqa: E731
    line = lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]  # noqa: E731
    assert line(before) != line(after)
    assert fp(before) == fp(after)


def test_github_annotations_escape_messages(tmp_path):
    result = result_for(tmp_path, {"a,b.py": UNSEEDED})
    out = render(result, "github")
    assert out.startswith("::warning file=a%2Cb.py,line=4,col=12,title=SEED001 SEED-UNSEEDED::")
    assert "\n" not in out.strip()


def test_text_summary_counts(tmp_path):
    out = render(result_for(tmp_path, {"a.py": UNSEEDED}), "text")
    assert "a.py:4:12 SEED001" in out and "1 finding (1 file checked)" in out


def test_text_report_folds_many_python2_files_into_one_line_and_keeps_other_notes(tmp_path):
    # A folder of Python 2 tutorials gave ~40 notes, one per file, burying the findings; the JSON
    # report still lists each file, the text report says it once.
    files = {f"old{i}.py": "print 'hello'\n" for i in range(6)}
    files["broken.py"] = "def f(:\n"
    result = result_for(tmp_path, files)
    text = render(result, "text")
    python2 = [line for line in text.splitlines() if "Python 2" in line]
    assert len(python2) == 1
    assert python2[0].startswith("error: 6 files look like Python 2, which hygiene does not read: old0.py, old1.py, old2.py")
    assert "and 3 more" in python2[0]
    assert "error: broken.py: syntax error" in text          # one of its kind: said as it is
    assert len(json.loads(render(result, "json"))["diagnostics"]) == 7


def test_text_report_lists_three_notes_of_a_kind_one_by_one(tmp_path):
    result = result_for(tmp_path, {f"old{i}.py": "print 'hello'\n" for i in range(3)})
    assert sum("Python 2" in line for line in render(result, "text").splitlines()) == 3


def test_other_notes_that_say_skipped_are_not_folded_as_unparsable_cells():
    # Regression: the fold matched any note containing "skipped", so four folders skipped as copies
    # of other projects would have been said as "notebooks have cells that do not parse".
    from hygiene.finding import Diagnostic
    from hygiene.report.text import diagnostic_lines

    copies = [Diagnostic(f"vendor{i}", "skipped: a copy of another project (its own LICENSE and setup.py)", "note")
              for i in range(4)]
    cells = [Diagnostic(f"n{i}.ipynb", f"cell {i} skipped: syntax error at line 1, column 1: invalid syntax", "note")
             for i in range(4)]
    lines = diagnostic_lines(copies + cells)
    assert lines[:4] == [("note", f"vendor{i}: skipped: a copy of another project (its own LICENSE and setup.py)")
                         for i in range(4)]
    assert len(lines) == 5 and lines[4][1].startswith("4 notebooks have cells that do not parse")


def _kernel_notebook(language: str, kernel: str) -> str:
    # R code that also parses as Python (`x = sample(10)` and friends): read as Python it was checked.
    cells = ["library(catboost)\nset.seed(1)", "import random\nx = random.random()\nprint(x)"]
    return json.dumps({"nbformat": 4, "nbformat_minor": 5,
                       "metadata": {"kernelspec": {"name": kernel, "language": language, "display_name": language},
                                    "language_info": {"name": language}},
                       "cells": [{"cell_type": "code", "metadata": {}, "execution_count": i + 1, "outputs": [],
                                  "source": c} for i, c in enumerate(cells)]})


def test_a_notebook_of_another_language_is_one_note_and_not_read_as_python(tmp_path):
    # Held-out 14: catboost's R tutorial (kernel `ir`) was read as Python: "7 cells skipped, they do
    # not parse", and the cells that happened to parse were analysed.
    result = result_for(tmp_path, {"r_tutorial.ipynb": _kernel_notebook("R", "ir")})
    notes = [d for d in result.diagnostics if d.path == "r_tutorial.ipynb"]
    assert [(d.kind, d.message) for d in notes] == [
        ("note", "skipped: a notebook in R (its kernel's language), not Python")]
    assert not [f for f in result.findings if f.path == "r_tutorial.ipynb"]
    assert "could not be checked" not in render(result, "text")
    assert json.loads(render(result, "json"))["summary"]["lines"] == 0


def test_a_python_notebook_with_its_kernel_named_is_read(tmp_path):
    for language, kernel in (("python", "python3"), ("pyspark", "pysparkkernel")):
        (tmp_path / kernel).mkdir()
        result = result_for(tmp_path / kernel, {"nb.ipynb": _kernel_notebook(language, kernel)})
        assert not [d for d in result.diagnostics if d.path == "nb.ipynb" and "not Python" in d.message]
        assert json.loads(render(result, "json"))["summary"]["lines"] == 5  # its cells were read


def test_notes_of_one_kind_fold_when_the_repository_has_more_than_three(tmp_path):
    # Held-out 14: six data files of JSON lines named `.json` gave six identical notes; three
    # notebooks with Python 2 cells beside a fourth note gave four lines.
    from hygiene.finding import Diagnostic
    from hygiene.report.text import diagnostic_lines

    jsonl = [Diagnostic(f"data/{n}.json", "JSON lines in a `.json` file: read one value per line", "note")
             for n in ("a_train", "a_test", "b_train", "b_test", "c_train", "c_test")]
    lines = diagnostic_lines(jsonl)
    assert len(lines) == 1 and lines[0][1].startswith("6 `.json` files hold JSON lines, read one value per line")
    py2 = [Diagnostic(f"n{i}.ipynb", f"cell {i} skipped: syntax error at line 1, column 1: Missing parentheses in call "
                                     "to 'print'. (this looks like Python 2, which hygiene does not read)", "note")
           for i in range(3)]
    other = Diagnostic("r.ipynb", "skipped: a notebook in R (its kernel's language), not Python", "note")
    lines = diagnostic_lines([*py2, other])
    assert len(lines) == 2 and lines[0][1].startswith("3 notebooks have Python 2 cells") and lines[1][1].startswith("r.ipynb")
    # Three alone are still said one by one.
    assert len(diagnostic_lines(py2)) == 3
