"""The action's script, run as GitHub runs it: its environment variables set, a real git
checkout, and a fake of GitHub's REST API on 127.0.0.1."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from sarif_pydantic import Sarif

from hygiene.testing import git
from tests.fake_github import FakeGitHub

# A script that draws without a seed (line 5).
TRAIN = "import random\n\n\ndef pick(items):\n    return random.sample(items, 3)\n\n\nprint(accuracy(pick(range(9))))\n"
ANSWER = ("The subset is only used for a plot of three examples, no reported number depends on it, "
          "and the plotted rows are listed in the figure caption.")


def run_action(repo: Path, gh: FakeGitHub, tmp: Path, number: int | None = 5) -> tuple[subprocess.CompletedProcess, dict, str]:
    event = tmp / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": number}} if number else {"ref": "refs/heads/main"}))
    summary, outputs = tmp / "summary.md", tmp / "outputs.txt"
    summary.write_text("")
    outputs.write_text("")
    env = {
        "PATH": "/usr/bin:/bin", "HOME": str(tmp), "GITHUB_WORKSPACE": str(repo), "GITHUB_REPOSITORY": "lab/study",
        "GITHUB_API_URL": gh.url, "GITHUB_TOKEN": gh.token, "GITHUB_EVENT_PATH": str(event),
        "GITHUB_EVENT_NAME": "pull_request" if number else "push", "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(outputs), "HYGIENE_PATHS": ".", "HYGIENE_SARIF_FILE": "hygiene.sarif",
        "HYGIENE_COMMENT": "true", "HYGIENE_VERIFY_AUTHORS": "true",
    }
    proc = subprocess.run([sys.executable, "-m", "hygiene.github.action"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines() if "=" in line)
    return proc, values, summary.read_text()


def make_repo(tmp: Path) -> Path:
    repo = tmp / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("# study\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start", date="2025-01-01T12:00:00")
    (repo / "train.py").write_text(TRAIN)
    (repo / "utils.py").write_text("import random\nx = random.random()\nprint(accuracy(x))\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "pick items", date="2025-01-02T12:00:00")
    return repo


def answer_all(repo: Path) -> None:
    subprocess.run([sys.executable, "-m", "hygiene", "checklist", "--write"], cwd=repo, check=True, capture_output=True)
    text = (repo / "HYGIENE.md").read_text()
    text = re.sub(r"(<!-- hygiene:answer \w+ -->\n)(<!-- hygiene:/answer -->)", lambda m: m.group(1) + ANSWER + "\n" + m.group(2), text)
    (repo / "HYGIENE.md").write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "answer the checklist", date="2025-01-03T12:00:00")


def test_pull_request_annotations_summary_sarif_outputs_and_one_comment(tmp_path):
    repo = make_repo(tmp_path)
    with FakeGitHub() as gh:
        gh.pr_files[5] = [{"filename": "train.py", "status": "added"}]
        proc, outputs, summary = run_action(repo, gh, tmp_path)
        assert proc.returncode == 0, proc.stderr
        # Annotations on the changed file only; utils.py did not change.
        assert "::warning file=train.py,line=5,col=12,title=SEED001 SEED-UNSEEDED::" in proc.stdout
        # utils.py seeds nothing either: one decision, named in train.py's finding, not annotated.
        assert "file=utils.py" not in proc.stdout and "(`utils.py`)" in proc.stdout
        assert outputs["findings"] == "1" and outputs["failed"] == "true" and int(outputs["open-items"]) >= 1
        Sarif.model_validate(json.loads((repo / outputs["sarif-file"]).read_text()))
        assert "# hygiene" in summary and "| `train.py:5` | SEED001 |" in summary
        assert "The confusion checklist" in summary and "random.sample" in summary
        (comment,) = gh.comments[5]
        assert "checklist question(s) to answer" in comment["body"] and "train.py:5" in comment["body"]

        # Second push: the questions are answered by a person and committed.
        answer_all(repo)
        proc, outputs, summary = run_action(repo, gh, tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert outputs["failed"] == "false" and outputs["open-items"] == "0"
        (comment,) = gh.comments[5]  # still exactly one comment, edited
        assert "every required checklist question is answered" in comment["body"]
        assert [m for m, _ in gh.writes()] == ["POST", "PATCH"]


def test_read_only_token_is_a_warning_not_a_failure(tmp_path):
    repo = make_repo(tmp_path)
    with FakeGitHub() as gh:
        gh.pr_files[5] = [{"filename": "train.py", "status": "modified"}]
        gh.read_only = True
        proc, outputs, _ = run_action(repo, gh, tmp_path)
        assert proc.returncode == 0
        assert "::warning title=hygiene::could not write the pull-request comment" in proc.stdout
        assert outputs["failed"] == "true"  # the open questions still fail the job


def test_push_event_checks_everything_without_a_comment(tmp_path):
    repo = make_repo(tmp_path)
    with FakeGitHub() as gh:
        proc, outputs, _ = run_action(repo, gh, tmp_path, number=None)
        assert proc.returncode == 0, proc.stderr
        # Both scripts seed nothing: one finding at the first, naming the other (hygiene.grouping).
        assert "file=train.py" in proc.stdout and "(`utils.py`)" in proc.stdout
        assert outputs["findings"] == "1" and gh.writes() == []


def test_pull_request_that_changes_no_checked_file_reports_no_finding_of_other_files(tmp_path):
    # Only a requirements file changed: the findings in train.py and utils.py, which this pull
    # request did not touch, are not its problem (a pull request touching train.py would not be
    # failed by utils.py either); the repository-level questions still count.
    repo = make_repo(tmp_path)
    (repo / "requirements.txt").write_text("numpy\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "pin", date="2025-01-04T12:00:00")
    with FakeGitHub() as gh:
        gh.pr_files[5] = [{"filename": "requirements.txt", "status": "added"}]
        proc, outputs, summary = run_action(repo, gh, tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert "file=" not in proc.stdout
        assert outputs["findings"] == "0"
        assert "Checked 0 changed file(s) with the repository as context" in summary


def test_comment_names_questions_as_the_cli_does():
    from hygiene.github.action import comment_markdown

    item = {"status": "open", "required": True, "rule": None, "kind": "repo", "path": "train.py", "line": 8,
            "question": "How were train and test kept apart?"}
    body = comment_markdown({"checklist": {"path": "HYGIENE.md", "items": [item]}})
    assert "- [ ] **study** at `train.py:8`: How were train and test kept apart?" in body


def test_a_checklist_too_long_for_the_job_summary_is_left_out_not_the_findings():
    from hygiene.github.action import MAX_SUMMARY_BYTES, summary_markdown

    report = {"findings": [{"path": "train.py", "line": 5, "rule": "SEED001", "category": "SEED-UNSEEDED",
                            "message": "random.sample draws unseeded"}],
              "checklist": {"blocking": 3, "path": "HYGIENE.md"}}
    small = summary_markdown(report, "## Open questions (3)", focus=["train.py"])
    assert "<details>" in small and "## Open questions (3)" in small
    big = summary_markdown(report, "| row | text |\n" * (MAX_SUMMARY_BYTES // 10), focus=["train.py"])
    assert len(big.encode("utf-8")) < MAX_SUMMARY_BYTES and "| `train.py:5` | SEED001 |" in big
    assert "too long for the job summary: see `HYGIENE.md`" in big
