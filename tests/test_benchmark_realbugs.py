"""The matching and scoring of benchmarks/realbugs.py (pure functions; no mirror, no scan)."""
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("realbugs", ROOT / "benchmarks" / "realbugs.py")
realbugs = importlib.util.module_from_spec(spec)
sys.modules["realbugs"] = realbugs
spec.loader.exec_module(realbugs)

LABEL = {"file": "train.py", "line": 10, "end_line": 12, "category": "LEAK-PREPROC"}


def finding(line, category="LEAK-SPLIT", path="train.py", rule="LEAK001", fingerprint="f1"):
    return {"path": path, "line": line, "category": category, "rule": rule, "fingerprint": fingerprint}


@pytest.mark.parametrize("line, found", [(7, False), (8, True), (10, True), (14, True), (15, False), (None, False)])
def test_a_finding_of_the_family_matches_within_two_lines(line, found):
    assert realbugs.matches(LABEL, finding(line)) is found


def test_other_family_or_file_does_not_match():
    assert not realbugs.matches(LABEL, finding(10, category="EVAL-TRAIN"))
    assert not realbugs.matches(LABEL, finding(10, path="eval.py"))


def test_a_copy_named_by_the_finding_matches_but_another_related_place_does_not():
    from hygiene.analysis.copies import COPY_NOTE, SAME_NOTE

    copy = {**finding(3, path="copy/train.py"), "related": [{"path": "train.py", "line": 10, "note": COPY_NOTE}]}
    same = {**finding(3, path="copy/train.py"), "related": [{"path": "train.py", "line": 10, "note": SAME_NOTE}]}
    assert realbugs.matches(LABEL, same)
    other = {**finding(3, path="copy/train.py"), "related": [{"path": "train.py", "line": 10, "note": "evaluated here"}]}
    assert realbugs.matches(LABEL, copy)
    assert not realbugs.matches(LABEL, other)


def test_the_same_code_again_in_one_file_matches_at_its_folded_place():
    # hygiene.grouping folds one rule's findings on the same code in one file into the first, naming
    # the others: the bug at a named place is reported (held-out set 17, DME's second `F.dropout`).
    from hygiene.grouping import HABIT_NOTE

    habit = {**finding(3), "related": [{"path": "train.py", "line": 10, "note": HABIT_NOTE}]}
    assert realbugs.matches(LABEL, habit)


def test_a_label_without_line_matches_anywhere_in_its_file():
    assert realbugs.matches({**LABEL, "line": None, "end_line": None}, finding(400))


def test_notebook_line_counts_code_cells_only():
    notebook = {"cells": [
        {"cell_type": "code", "source": ["import numpy as np\n", "x = 1"]},   # 2 lines
        {"cell_type": "markdown", "source": ["# a heading\n", "text"]},       # not counted
        {"cell_type": "code", "source": "a = 1\nb = 2\n"},                     # 3 lines (trailing newline)
        {"cell_type": "code", "source": ["y = f(x)\n", "z = 2"]},
    ]}
    assert realbugs.notebook_line(notebook, 0, 2) == 2
    assert realbugs.notebook_line(notebook, 3, 2) == 2 + 3 + 2
    with pytest.raises(ValueError):
        realbugs.notebook_line(notebook, 9, 1)


def test_resolve_label_counts_notebook_cells_in_the_checkout(tmp_path):
    notebook = {"cells": [{"cell_type": "code", "source": ["a\n", "b"]},
                          {"cell_type": "code", "source": ["c\n", "d\n", "e"]}]}
    (tmp_path / "nb.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    label = realbugs.resolve_label({"file": "nb.ipynb", "cell": 1, "cell_line": 2, "cell_end_line": 3,
                                    "category": "PROMPT-FSTRING"}, tmp_path)
    assert (label["line"], label["end_line"]) == (4, 5)


def test_gone_after_fix_compares_rule_and_fingerprint_on_the_fixed_file():
    hits = [finding(10, fingerprint="abc")]
    assert realbugs.gone_after_fix(hits, [finding(30, fingerprint="other")], "train.py")
    assert not realbugs.gone_after_fix(hits, [finding(30, fingerprint="abc")], "train.py")  # moved, not fixed
    assert realbugs.gone_after_fix(hits, [finding(30, fingerprint="abc", path="eval.py")], "train.py")


def test_summarise_reports_recall_overall_per_family_and_plain():
    results = [
        {"category": "LEAK-PREPROC", "plain": True, "found": True, "gone_after_fix": True},
        {"category": "LEAK-SELECT", "plain": False, "found": False, "gone_after_fix": None},
        {"category": "SEED-ORDER", "plain": True, "found": False, "gone_after_fix": None},
        {"category": "EVAL-TRAIN", "plain": True, "found": True, "gone_after_fix": False},
    ]
    summary = realbugs.summarise(results)
    assert summary["overall"] == {"bugs": 4, "found": 2, "recall": 0.5}
    assert summary["plain"]["recall"] == pytest.approx(2 / 3)
    assert summary["context"] == {"bugs": 1, "found": 0, "recall": 0.0}
    assert summary["families"]["LEAK"] == {"bugs": 2, "found": 1, "recall": 0.5}
    assert summary["gone_after_fix"] == {"found": 2, "gone": 1}


def test_the_labelled_set_is_well_formed():
    bugs = realbugs.load_bugs()
    assert len(bugs) >= 25
    families = {realbugs.family(b["category"]) for b in bugs}
    assert families == {"LEAK", "SEED", "DATA", "EVAL", "PROMPT", "RESULT"}
    for bug in bugs:
        assert len(bug["fix"]) == 40 and len(bug["buggy"]) == 40, bug["id"]
        assert isinstance(bug["plain"], bool) and bug["why"], bug["id"]
        assert ("cell" in bug) or (bug["line"] <= bug["end_line"]), bug["id"]


def test_every_bug_set_loads_with_complete_labels():
    # Each set names the fix, its parent and a labelled place of a taxonomy category.
    for path in sorted((ROOT / "benchmarks" / "realbugs").glob("*.json")):
        bugs = realbugs.load_bugs(path)
        assert bugs, path
        for bug in bugs:
            assert len(bug["fix"]) == len(bug["buggy"]) == 40, bug["id"]
            assert bug["category"].split("-")[0] in {"DATA", "EVAL", "LEAK", "PROMPT", "RESULT", "SEED"}
            assert ("cell" in bug) or ("line" in bug), bug["id"]
            assert isinstance(bug["plain"], bool) and bug["why"]
