"""LEAK016 reads the run commands of tracked shell scripts as well as Markdown code blocks."""
from __future__ import annotations

from pathlib import Path

import pytest

from hygiene.config import Config
from hygiene.runner import scan
from hygiene.testing import git


def _scan(root: Path) -> list[tuple[str, int | None]]:
    result = scan(Config(root=root), jobs=1, use_cache=False)
    return [(f.path, f.line) for f in result.findings if f.rule == "LEAK016"]


@pytest.mark.parametrize("value, found", [("data/test.jsonl", True), ("data/dev.jsonl", False)])
def test_a_tracked_run_script_that_validates_on_the_test_file(tmp_path: Path, value: str, found: bool):
    (tmp_path / "train.py").write_text("import argparse\np = argparse.ArgumentParser()\np.add_argument('--valid_file')\n")
    (tmp_path / "run.sh").write_text(f"#!/bin/bash\nset -e\npython train.py \\\n  --lr 3e-5 \\\n  --valid_file {value}\n")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "runs", date="2025-01-01T12:00:00")
    assert _scan(tmp_path) == ([("run.sh", 3)] if found else [])


def test_an_untracked_script_is_not_read(tmp_path: Path):
    # Only the repository's tracked scripts are its run scripts (hygiene.analysis.run_scripts): a
    # scratch script left out of git is nobody's documented command.
    (tmp_path / "train.py").write_text("print('train')\n")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "code", date="2025-01-01T12:00:00")
    (tmp_path / "scratch.sh").write_text("python train.py --valid_file data/test.jsonl\n")
    assert _scan(tmp_path) == []
