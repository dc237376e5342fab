"""hygiene.analysis.history on real git repositories: fixed dates, shallow clones, no repository at all."""
from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from hygiene.config import load
from hygiene.context import RepoContext
from hygiene.analysis.history import History, history_of
from hygiene.testing import git


def commit(repo: Path, date: str, files: dict[str, str | None], message: str = "update") -> None:
    for rel, text in files.items():
        target = repo / rel
        if text is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, date=date)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, "2025-01-10T12:00:00+00:00", {"grade.py": "A = 1\n", "results/summary.json": "{}\n",
                                               "data/ä b.csv": "x\n1\n"}, "first run")
    commit(root, "2025-02-03T09:00:00+00:00", {"grade.py": "A = 2\n"}, "new grader")
    commit(root, "2025-02-05T09:00:00+00:00", {"notes.md": "hi\n"}, "notes")
    return root


def test_last_change_per_path(repo: Path) -> None:
    history = History(repo)
    assert history.available and not history.shallow and history.note is None
    changes = history.last_changes(["grade.py", "results/summary.json", "data/ä b.csv", "missing.py"])
    assert changes["grade.py"].day == "2025-02-03"
    assert changes["grade.py"].summary == "new grader"
    assert changes["results/summary.json"].day == "2025-01-10"
    assert changes["data/ä b.csv"].day == "2025-01-10"  # non-ASCII and spaces survive
    assert "missing.py" not in changes
    assert not changes["grade.py"].boundary
    # asked again: answered from memory, same objects
    assert history.last_change("grade.py") is changes["grade.py"]


def test_paths_are_literal_not_globs(repo: Path) -> None:
    commit(repo, "2025-03-01T00:00:00+00:00", {"results/[a].json": "1\n", "results/a.json": "2\n"})
    commit(repo, "2025-03-09T00:00:00+00:00", {"results/a.json": "3\n"})
    history = History(repo)
    assert history.last_change("results/[a].json").day == "2025-03-01"


def test_uncommitted_changes(repo: Path) -> None:
    (repo / "grade.py").write_text("A = 3\n")
    (repo / "new.py").write_text("B = 1\n")
    (repo / "staged.py").write_text("C = 1\n")
    git(repo, "add", "staged.py")
    history = History(repo)
    assert history.uncommitted("grade.py") == "modified"
    assert history.uncommitted("new.py") == "untracked"
    assert history.uncommitted("staged.py") == "added"
    assert history.uncommitted("results/summary.json") is None
    assert not history.tracked("new.py") and history.tracked("grade.py")


def test_old_contents_and_ancestry(repo: Path) -> None:
    history = History(repo)
    first = history.last_change("results/summary.json").commit
    second = history.last_change("grade.py").commit
    assert history.content_at(first, "grade.py") == b"A = 1\n"
    assert history.content_at(first, "notes.md") is None
    assert history.blob_id(first, "grade.py") != history.blob_id("HEAD", "grade.py")
    assert history.is_ancestor(first, second) and not history.is_ancestor(second, first)
    assert history.first_version_after(first, "grade.py") == second


def test_scan_root_inside_the_repository(repo: Path) -> None:
    history = History(repo / "results")
    assert history.prefix == "results/"
    assert history.last_change("summary.json").day == "2025-01-10"
    assert history.tracked("summary.json") and not history.tracked("grade.py")


def test_outside_git_is_one_note(tmp_path: Path) -> None:
    (tmp_path / "x.py").write_text("pass\n")
    history = History(tmp_path)
    assert not history.available
    assert "not a git repository" in history.note
    assert history.last_changes(["x.py"]) == {} and history.uncommitted("x.py") is None
    config = dataclasses.replace(load(tmp_path))
    ctx = RepoContext(tmp_path, config, [], {})
    assert history_of(ctx) is history_of(ctx)
    assert [d.message for d in ctx.diagnostics] == [history.note]


def test_repository_without_commits(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    history = History(tmp_path)
    assert not history.available and "no commits" in history.note


def test_shallow_clone_marks_the_boundary(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], check=True,
                   capture_output=True)
    history = History(clone)
    assert history.shallow and "shallow git clone" in history.note and "--unshallow" in history.note
    changes = history.last_changes(["grade.py", "results/summary.json", "notes.md"])
    assert changes["notes.md"].day == "2025-02-05" and not changes["notes.md"].boundary
    # grade.py and the results are dated by the boundary commit: their real dates are unknown
    assert changes["grade.py"].boundary and changes["results/summary.json"].boundary


def test_stops_reading_once_every_path_is_dated(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    for day in range(1, 7):
        commit(tmp_path, f"2025-02-{day:02d}T00:00:00+00:00", {f"f{day}.txt": "x\n"})
    history = History(tmp_path)
    assert history.last_change("f6.txt").day == "2025-02-06"
    assert history.commits_read == 1
    assert history.last_changes(["f5.txt", "f4.txt"])["f4.txt"].day == "2025-02-04"
    assert history.commits_read == 3  # one pass for both paths, limited to them: f5, f4
    assert history.last_change("f1.txt").day == "2025-02-01"


def test_outside_git_gitpython_is_not_imported(tmp_path: Path) -> None:
    """Importing gitpython is a third of a small scan: a folder with no .git above it skips it."""
    import subprocess
    import sys
    code = ("import sys; from pathlib import Path; from hygiene.analysis.history import History; "
            f"h = History(Path({str(tmp_path)!r})); print(h.available, 'git' in sys.modules)")
    env = {k: v for k, v in __import__("os").environ.items() if k != "GIT_DIR"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["False", "False"]
