"""Code in an archive folder (`deprecated/`, `old/`, `legacy/` ...) is kept for the record, not run:
its findings are checklist questions; the same code elsewhere, or a file merely named old, stays a finding."""
from __future__ import annotations

from pathlib import Path

import pytest

from hygiene.analysis.purpose import archived
from hygiene.config import Config
from hygiene.runner import scan

UNSEEDED = """
import pandas as pd
from sklearn.model_selection import train_test_split

table = pd.read_csv("data.csv")
train, test = train_test_split(table)
print(len(train), len(test), accuracy(train, test))
"""


@pytest.mark.parametrize("path, expected", [
    ("deprecated/explore.py", True), ("src/old/train.py", True), ("Legacy/run.ipynb", True),
    ("old_model.py", False), ("src/train.py", False), ("olden/train.py", False),
])
def test_archived_is_a_folder_name(path, expected):
    assert archived(path) is expected


@pytest.mark.parametrize("folder, as_question", [("deprecated", True), ("experiments", False)])
def test_findings_in_an_archive_folder_become_questions(tmp_path: Path, folder, as_question):
    (tmp_path / folder).mkdir()
    (tmp_path / folder / "split.py").write_text(UNSEEDED)
    result = scan(Config(root=tmp_path), jobs=1, use_cache=False)
    found = {f.rule for f in result.findings if f.path == f"{folder}/split.py"}
    asked = {f.rule for f in result.questions if f.path == f"{folder}/split.py"}
    assert "SEED004" in (asked if as_question else found)
    assert "SEED004" not in (found if as_question else asked)


def test_selecting_the_rule_makes_an_archived_finding_a_finding_again(tmp_path: Path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "split.py").write_text(UNSEEDED)
    result = scan(Config(root=tmp_path, select=("SEED004",)), jobs=1, use_cache=False)
    assert any(f.rule == "SEED004" for f in result.findings)
