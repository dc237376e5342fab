"""Findings in a test suite, or in a top-level definition nothing in the repository refers to, are
checklist questions: neither produces a reported number. A file merely named `test*.py` (often the
script that evaluates on the test set) and a definition named in another file, a config or a
notebook stay findings."""
from __future__ import annotations

from pathlib import Path

import pytest

from hygiene.analysis.periphery import in_test_suite, is_test_code, mark
from hygiene.config import Config
from hygiene.finding import Finding, Severity
from hygiene.runner import scan

MODEL = """\
import torch.nn as nn
import torch.nn.functional as F


class {name}(nn.Module):
    def __init__(self):
        super({name}, self).__init__()
        self.fc = nn.Linear(3, 3)

    def forward(self, x):
        return F.dropout(self.fc(x), p=0.5)
"""
DROPOUT_LINE = 11


@pytest.mark.parametrize("path, expected", [
    ("tests/test_metrics.py", True), ("pkg/testing/fixtures.py", True), ("conftest.py", True),
    ("src/test/helpers.py", True), ("test.py", False), ("test_model.py", False), ("eval/test_cifar.py", False),
    ("latest/train.py", False),
])
def test_a_test_suite_is_a_folder_of_tests_not_a_file_named_test(path, expected):
    assert in_test_suite(path) is expected


@pytest.mark.parametrize("name, text, expected", [
    ("tests/test_metrics.py", "x = 1\n", True), ("tests/conftest.py", "x = 1\n", True),
    ("tests/checks.py", "import pytest\n", True), ("tests/checks.py", "def test_accuracy():\n    pass\n", True),
    ("tests/prompts.py", "GRADER = 'Score the report.'\n", False), ("src/test_model.py", "import pytest\n", False),
])
def test_code_in_a_tests_folder_is_test_code_only_if_it_tests(tmp_path: Path, name, text, expected):
    write(tmp_path, {name: text})
    assert is_test_code(tmp_path, name) is expected


def finding(path: str, line: int, rule: str = "EVAL025") -> Finding:
    return Finding(rule=rule, category="EVAL-MODE", severity=Severity.ERROR, message="m", path=path, line=line)


def write(root: Path, files: dict[str, str]) -> list[str]:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return sorted(files)


def asked(findings: list[Finding]) -> list[str | None]:
    return [f.extra.get("ask") for f in findings]


def test_a_class_named_only_inside_itself_asks(tmp_path: Path):
    paths = write(tmp_path, {"model.py": MODEL.format(name="Kept"), "train.py": "import model\n"})
    (reason,) = asked(mark([finding("model.py", DROPOUT_LINE)], tmp_path, paths))
    assert reason and "`Kept`" in reason


@pytest.mark.parametrize("where, text", [
    ("train.py", "from model import Kept\nnet = Kept()\n"),
    ("configs/run.yaml", "model:\n  _target_: model.Kept\n"),
    ("explore.ipynb", '{"cells": [{"cell_type": "code", "source": ["net = model.Kept()"]}]}'),
    ("model.py", MODEL.format(name="Kept") + "\nDEFAULT = Kept\n"),
])
def test_a_class_named_anywhere_else_stays_a_finding(tmp_path: Path, where, text):
    files = {"model.py": MODEL.format(name="Kept")}
    files[where] = text
    paths = write(tmp_path, files)
    assert asked(mark([finding("model.py", DROPOUT_LINE)], tmp_path, paths)) == [None]


@pytest.mark.parametrize("other", [{}, {"run.py": "print('no import of the module here')\n"}])
def test_a_module_nothing_imports_is_used_from_outside_so_it_stays(tmp_path: Path, other):
    paths = write(tmp_path, {"model.py": MODEL.format(name="Kept"), **other})
    assert asked(mark([finding("model.py", DROPOUT_LINE)], tmp_path, paths)) == [None]


@pytest.mark.parametrize("name, asks", [("precision_at_k", False), ("_precision_at_k", True)])
def test_a_public_name_of_an_installable_package_is_for_users(tmp_path: Path, name, asks):
    text = f"def {name}(scores, k=10):\n    return sorted(scores)[-k:]\n"
    paths = write(tmp_path, {"setup.py": "from setuptools import setup\nsetup()\n", "recsys/__init__.py": "",
                             "recsys/evaluation.py": text, "recsys/train.py": "from recsys import evaluation\n"})
    assert bool(asked(mark([finding("recsys/evaluation.py", 2)], tmp_path, paths))[0]) is asks


def test_a_decorated_definition_may_be_registered_so_it_stays(tmp_path: Path):
    text = "import registry\n\n\n@registry.register('m')\n" + MODEL.format(name="Kept").split("\n\n\n", 1)[1]
    paths = write(tmp_path, {"model.py": text, "train.py": "import model\n"})
    line = text.split("\n").index("        return F.dropout(self.fc(x), p=0.5)") + 1
    assert asked(mark([finding("model.py", line)], tmp_path, paths)) == [None]


def test_a_scan_of_part_of_the_tree_cannot_tell_and_keeps_the_finding(tmp_path: Path):
    paths = write(tmp_path, {"model.py": MODEL.format(name="Kept"), "train.py": "from model import Other\n"})
    assert asked(mark([finding("model.py", DROPOUT_LINE)], tmp_path, paths))[0]
    assert asked(mark([finding("model.py", DROPOUT_LINE)], tmp_path, None)) == [None]


def test_module_level_code_and_notebooks_are_not_judged_by_reference(tmp_path: Path):
    paths = write(tmp_path, {"run.py": "import random\nx = random.random()\n"})
    assert asked(mark([finding("run.py", 2), finding("nb.ipynb", 3)], tmp_path, paths)) == [None, None]


def test_the_scan_moves_an_unreferenced_definition_to_the_checklist_and_select_brings_it_back(tmp_path: Path):
    write(tmp_path, {"model.py": MODEL.format(name="Unused") + "\n\n" + MODEL.format(name="Used").split("\n\n\n", 1)[1],
                     "train.py": "from model import Used\nnet = Used()\n"})
    result = scan(Config(root=tmp_path), jobs=1, use_cache=False)
    assert [(f.rule, f.line) for f in result.questions if f.rule == "EVAL025"] == [("EVAL025", DROPOUT_LINE)]
    assert [f.rule for f in result.findings if f.rule == "EVAL025"] == ["EVAL025"]
    chosen = scan(Config(root=tmp_path, select=("EVAL025",)), jobs=1, use_cache=False)
    assert len([f for f in chosen.findings if f.rule == "EVAL025"]) == 2


def test_a_finding_in_a_test_folder_is_a_question(tmp_path: Path):
    body = "from model import Used\n" + MODEL.format(name="Used2") + "\nnet = Used2()\n"
    write(tmp_path, {"tests/test_tiny.py": MODEL.format(name="Tiny"), "tests/check.py": "from test_tiny import Tiny\nTiny()\n",
                     "src/model.py": MODEL.format(name="Used"), "src/run.py": body})
    result = scan(Config(root=tmp_path), jobs=1, use_cache=False)
    assert {f.path for f in result.findings if f.rule == "EVAL025"} == {"src/model.py", "src/run.py"}
    assert {f.path for f in result.questions if f.rule == "EVAL025"} == {"tests/test_tiny.py"}


def test_a_focused_scan_asks_about_the_same_definitions_as_a_full_one(tmp_path: Path):
    write(tmp_path, {"model.py": MODEL.format(name="Unused") + "\n\n" + MODEL.format(name="Used").split("\n\n\n", 1)[1],
                     "train.py": "from model import Used\nnet = Used()\n"})
    full = scan(Config(root=tmp_path), jobs=1)
    focused = scan(Config(root=tmp_path), focus=[tmp_path / "model.py"], jobs=1)
    for result in (full, focused):
        assert [(f.rule, f.line) for f in result.questions if f.rule == "EVAL025"] == [("EVAL025", DROPOUT_LINE)]
        assert [f.rule for f in result.findings if f.rule == "EVAL025"] == ["EVAL025"]


@pytest.mark.parametrize("config", [
    ("tasks/mmlu/mmlu.yaml", "task: mmlu\ndoc_to_text: !function model.Used\n"),
    ("conf/model.toml", "[model]\ntarget = \"model.Used\"\n"),
    ("scripts/run.sh", "python -c 'from model import Used; Used()'\n"),
])
def test_a_definition_named_only_by_a_config_the_scan_does_not_read_stays_a_finding(tmp_path: Path, config):
    """(real bugs 9) An evaluation harness names a task's functions in its task YAML
    (`doc_to_text: !function utils.realworldqa_doc_to_text`); the scan reads no YAML as input, yet the
    YAML says the function runs."""
    where, text = config
    write(tmp_path, {"model.py": MODEL.format(name="Used"), "train.py": "import model\n", where: text})
    result = scan(Config(root=tmp_path), jobs=1, use_cache=False)
    assert [f.rule for f in result.findings if f.rule == "EVAL025"] == ["EVAL025"]
    assert not [f for f in result.questions if f.rule == "EVAL025"]


def test_without_the_config_the_same_definition_asks(tmp_path: Path):
    write(tmp_path, {"model.py": MODEL.format(name="Used"), "train.py": "import model\n"})
    result = scan(Config(root=tmp_path), jobs=1, use_cache=False)
    assert [f.rule for f in result.questions if f.rule == "EVAL025"] == ["EVAL025"]


@pytest.mark.parametrize("train, asks", [
    ("import model\n# net = model.Kept()  (the wavelet baseline, switched off)\nnet = model.Other()\n", True),
    ("import model\nnet = model.Kept()  # the one network we train\n", False),
])
def test_a_call_commented_out_refers_to_nothing(tmp_path: Path, train, asks):
    paths = write(tmp_path, {"model.py": MODEL.format(name="Kept"), "train.py": train})
    assert bool(asked(mark([finding("model.py", DROPOUT_LINE)], tmp_path, paths))[0]) is asks


def test_a_question_from_a_test_suite_is_optional(tmp_path: Path):
    paths = write(tmp_path, {"tests/test_model.py": MODEL.format(name="Kept"), "train.py": "print('train')\n"})
    (marked,) = mark([finding("tests/test_model.py", DROPOUT_LINE)], tmp_path, paths)
    assert marked.extra.get("ask") and marked.severity == Severity.INFO
    (kept,) = mark([finding("train.py", 1)], tmp_path, paths)
    assert kept.severity == Severity.ERROR and not kept.extra.get("ask")
