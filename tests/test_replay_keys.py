"""The repository phase's replay keys are as narrow as the answers (issue 12: `--focus` on an
edited file): the stale-results rules read git's state, the file list and the content of the
files git is asked about, not every file's content, so an edit elsewhere replays them; and every
edit that changes their answer still re-runs them."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from hygiene.config import load
from hygiene.ruleset import load_rules
from hygiene.runner import scan
from hygiene.testing import git

from tests.test_history import commit

SCORE = ("import json\nfrom grade import ok\nrows = open('preds.jsonl').read().split()\n"
         "json.dump(sum(ok(r) for r in rows), open('results/s.json', 'w'))\n")  # the results use the grader
GRADE = "def ok(a):\n    return a\n"
OTHER = "def helper():\n    return 1\n"


@pytest.fixture
def runs(monkeypatch) -> list[str]:
    """The codes of RESULT020 and RESULT021 each time their `check_repo` runs (not replayed)."""
    ran: list[str] = []
    for rule in load_rules():
        if rule.code in ("RESULT020", "RESULT021"):
            real = rule.check_repo.__func__
            monkeypatch.setattr(rule, "check_repo", classmethod(lambda cls, repo, real=real: ran.append(cls.code) or real(cls, repo)))
    return ran


def _scan(root: Path):
    return scan(dataclasses.replace(load(root), exclude=(".git/",)), jobs=1)


def _rules(result) -> set[tuple[str, str]]:
    return {(f.rule, f.path) for f in result.findings if f.rule.startswith("RESULT02")}


def _fresh_repo(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    commit(root, "2025-01-10T00:00:00", {"score.py": SCORE, "grade.py": GRADE, "other.py": OTHER,
                                         "preds.jsonl": "1\n", "results/s.json": "{\"acc\": 0.5}\n"})


def test_an_edit_elsewhere_replays_the_stale_results_rules(tmp_path: Path, runs: list[str]) -> None:
    _fresh_repo(tmp_path)
    first = _scan(tmp_path)
    assert runs == ["RESULT020", "RESULT021"] and _rules(first) == set()
    runs.clear()
    (tmp_path / "other.py").write_text(OTHER + "\n\ndef appended():\n    return 2\n")  # no io, no import changed
    again = _scan(tmp_path)
    assert runs == [] and _rules(again) == set()


def test_an_uncommitted_edit_of_a_producer_reruns_and_is_reported(tmp_path: Path, runs: list[str]) -> None:
    _fresh_repo(tmp_path)
    _scan(tmp_path)
    runs.clear()
    (tmp_path / "grade.py").write_text("def ok(a):\n    return not a\n")  # its facts are unchanged: only its content
    edited = _scan(tmp_path)
    assert "RESULT021" in runs and _rules(edited) == {("RESULT021", "results/s.json")}
    runs.clear()
    commit(tmp_path, "2025-02-03T00:00:00", {})  # git's state alone changes the answer
    committed = _scan(tmp_path)
    assert "RESULT020" in runs and _rules(committed) == {("RESULT020", "results/s.json")}


def test_an_edited_input_that_the_scan_does_not_read_reruns(tmp_path: Path, runs: list[str]) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    score = SCORE.replace("preds.jsonl", "preds.bin")
    commit(tmp_path, "2025-01-10T00:00:00", {"score.py": score, "grade.py": GRADE, "preds.bin": "1\n",
                                             "results/s.json": "{\"acc\": 0.5}\n"})
    _scan(tmp_path)
    runs.clear()
    (tmp_path / "preds.bin").write_text("22\n")  # not a scanned file: its stat keys the answer
    edited = _scan(tmp_path)
    assert "RESULT021" in runs and _rules(edited) == {("RESULT021", "results/s.json")}


def test_the_start_phase_store_is_written_only_when_something_changed(tmp_path: Path) -> None:
    from tests.test_repophase import FEATURES, TRAIN, _repo

    config = _repo(tmp_path, {"features.py": FEATURES, "train.py": TRAIN})
    scan(config, jobs=1)
    [store] = (tmp_path / ".hygiene_cache").glob("starts-*.json")
    written = store.stat().st_mtime_ns
    warm = scan(config, jobs=1)
    assert warm.repo_rules["ran"] == 0 and store.stat().st_mtime_ns == written
    (tmp_path / "train.py").write_text((tmp_path / "train.py").read_text() + "\nmore = preprocess(table)\n")
    scan(config, jobs=1)
    assert store.stat().st_mtime_ns != written


def test_an_edit_rewrites_one_part_of_the_summaries_store(tmp_path: Path) -> None:
    from hygiene.config import Config
    from tests.test_summaries import FILES, ZOO, _found, _write

    for rel, text in FILES.items():
        _write(tmp_path, rel, text)
    config = Config(root=tmp_path)
    before = _found(scan(config, jobs=1))
    parts = sorted((tmp_path / ".hygiene_cache").glob("evalmode-*.json"))
    assert len(parts) > 1
    stamps = {p.name: p.stat().st_mtime_ns for p in parts}
    # the file of the class the evaluation reaches: the analysis runs again (an edit of a file it
    # cannot reach replays its verdicts and writes nothing: tests/test_evalreplay.py)
    _write(tmp_path, "brainnet/zoo.py", ZOO + "\n\ndef another(model):\n    return model\n")
    assert _found(scan(config, jobs=1)) == before
    rewritten = [p.name for p in parts if p.stat().st_mtime_ns != stamps[p.name]]
    assert len(rewritten) == 1


def test_a_scan_leaves_the_git_index_as_it_was(tmp_path: Path) -> None:
    # `git status` refreshes the index's stat cache when a file was touched but not changed; a scan
    # that let it would write in the user's repository, and change the git state that keys the
    # replay of every rule that asked git before the refresh (an earlier rule's reads of git, then
    # RESULT020's status, re-ran the stale-results rules on the next scan).
    import os
    _fresh_repo(tmp_path)
    grade = tmp_path / "grade.py"
    os.utime(grade, ns=(grade.stat().st_atime_ns, grade.stat().st_mtime_ns + 5_000_000_000))  # touched, same content
    index = tmp_path / ".git" / "index"
    before = (index.stat().st_mtime_ns, index.read_bytes())
    _scan(tmp_path)
    assert (index.stat().st_mtime_ns, index.read_bytes()) == before


APP = ("import json\nimport streamlit as st\nmetrics = json.load(open('results/metrics.json'))\n"
       "st.title('Results')\nst.metric('Test F1', '{f1}')\n")


def test_an_edit_elsewhere_replays_the_claims_rule_and_an_edited_dashboard_reruns_it(tmp_path: Path, monkeypatch) -> None:
    # RESULT007 read every Python file's text in the repository phase to find Streamlit apps, so any
    # edit re-ran it (transformers: a second of `--focus` on an edited file); the app's typed
    # metrics are now facts of its own file.
    ran: list[str] = []
    rule = next(r for r in load_rules() if r.code == "RESULT007")
    real = rule.check_repo.__func__
    monkeypatch.setattr(rule, "check_repo", classmethod(lambda cls, repo: ran.append(cls.code) or real(cls, repo)))
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "2025-01-10T00:00:00", {"app.py": APP.format(f1="0.874"), "other.py": OTHER,
                                             "results/metrics.json": '{"f1": 0.874, "n": 120}\n'})
    first = [f for f in _scan(tmp_path).findings if f.rule == "RESULT007"]
    assert ran == ["RESULT007"] and first == []
    ran.clear()
    (tmp_path / "other.py").write_text(OTHER + "\n\ndef appended():\n    return 2\n")
    assert not [f for f in _scan(tmp_path).findings if f.rule == "RESULT007"] and ran == []
    (tmp_path / "app.py").write_text(APP.format(f1="0.912"))
    found = [(f.path, f.line) for f in _scan(tmp_path).findings if f.rule == "RESULT007"]
    assert ran == ["RESULT007"] and found == [("app.py", 5)]
