"""benchmarks/rulecost.py: which labels each rule finds, and which only it finds (pure functions)."""
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("rulecost", ROOT / "benchmarks" / "rulecost.py")
rulecost = importlib.util.module_from_spec(spec)
sys.modules["rulecost"] = rulecost
spec.loader.exec_module(rulecost)

LABEL = {"file": "train.py", "line": 10, "end_line": 12, "category": "LEAK-PREPROC"}


def finding(rule, line, category="LEAK-SPLIT", path="train.py"):
    return {"rule": rule, "line": line, "category": category, "path": path}


def test_a_label_is_credited_to_every_rule_whose_finding_matches_it():
    report = {"cases": [{"id": "c1", "labels": [LABEL, {**LABEL, "line": 40, "end_line": 40}],
                         "true_positives": [finding("LEAK001", 11)],
                         "duplicates": [finding("LEAK003", 14), finding("LEAK009", 15)],
                         "also_ok": [], "false_positives": [finding("LEAK002", 40)]}]}
    labels = rulecost.case_labels(report, "probe")
    # line 15 is past end_line + 2; a false positive is not a match even on the label's line
    assert labels == [("probe:c1:0", frozenset({"LEAK001", "LEAK003"})), ("probe:c1:1", frozenset())]


def test_family_and_path_must_agree_and_a_label_without_line_takes_any_line():
    assert not rulecost.matches(finding("EVAL020", 10, category="EVAL-TRAIN"), LABEL)
    assert not rulecost.matches(finding("LEAK001", 10, path="eval.py"), LABEL)
    assert rulecost.matches(finding("LEAK001", 300), {**LABEL, "line": None})


def test_real_bug_hits_name_their_rule():
    report = {"bugs": [{"id": "b1", "hits": ["SEED003 train.py:4", "SEED001 train.py:5"]}, {"id": "b2", "hits": []}]}
    assert rulecost.bug_labels(report, "rb") == [("rb:b1", frozenset({"SEED003", "SEED001"})), ("rb:b2", frozenset())]


def test_sole_counts_only_labels_no_other_rule_finds(tmp_path, capsys):
    report = tmp_path / "set.json"
    report.write_text('{"cases": [{"id": "c", "labels": [%s, %s], "true_positives": [%s, %s, %s]}]}' % (
        '{"file": "a.py", "line": 1, "category": "SEED-X"}', '{"file": "b.py", "line": 1, "category": "SEED-X"}',
        '{"rule": "SEED001", "path": "a.py", "line": 1, "category": "SEED-Y"}',
        '{"rule": "SEED003", "path": "a.py", "line": 2, "category": "SEED-Y"}',
        '{"rule": "SEED003", "path": "b.py", "line": 1, "category": "SEED-Y"}'), encoding="utf-8")
    assert rulecost.main(["--cases", str(report), "--rule", "SEED00"]) == 0
    rows = {line.split()[0]: line.split()[1:3] for line in capsys.readouterr().out.splitlines()
            if line.startswith("SEED00")}
    assert rows["SEED001"] == ["1", "0"] and rows["SEED003"] == ["2", "1"]
