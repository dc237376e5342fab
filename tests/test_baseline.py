"""Adopting hygiene in an existing repository: today's findings go into a baseline file, and only
new findings fail the check (issue 13). Matched by finding fingerprint, so moving code keeps a
finding in the baseline."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

OLD = "import random\nsubset = random.sample(range(10), 3)\nprint(accuracy(subset))\n"
NEW = "import random\npicked = random.choice([1, 2, 3])\nprint(accuracy(picked))\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hygiene", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_only_findings_missing_from_the_baseline_fail(tmp_path):
    (tmp_path / "old.py").write_text(OLD)
    proc = run("check", "--no-llm", "--write-baseline", "hygiene-baseline.json", ".", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 finding written to hygiene-baseline.json" in proc.stderr
    baseline = json.loads((tmp_path / "hygiene-baseline.json").read_text())
    (entry,) = baseline["findings"]
    assert entry["rule"] == "SEED001" and entry["path"] == "old.py" and entry["fingerprint"]
    assert not (tmp_path / "HYGIENE.md").exists()  # writing a baseline answers nothing

    # Today's finding no longer fails (the checklist's questions about the study still ask).
    proc = run("check", "--no-llm", "--checklist", "off", "--baseline", "hygiene-baseline.json", ".", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert "0 findings (1 file checked, 1 in the baseline)" in proc.stdout

    # Code moved down and reformatted: the same finding, still in the baseline.
    (tmp_path / "old.py").write_text("import random\n\n\n# a comment\nsubset = random.sample(\n    range(10), 3)\nprint(accuracy(subset))\n")
    assert run("check", "--no-llm", "--checklist", "off", "--baseline", "hygiene-baseline.json", ".",
               cwd=tmp_path).returncode == 0

    # A new finding fails, and it is the only one reported: programs that seed nothing are one
    # decision for the repository (hygiene.grouping), so the new script's omission is reported in
    # the group, which names it, although the group's first program is in the baseline.
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "new.py").write_text(NEW)
    proc = run("check", "--no-llm", "--checklist", "off", "--format", "json", "--baseline",
               "hygiene-baseline.json", ".", cwd=tmp_path)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    (finding,) = report["findings"]
    assert finding["rule"] == "SEED001" and "`scripts/new.py`" in finding["message"]
    assert "scripts/new.py" in [r["path"] for r in finding["related"]]
    assert report["summary"]["baselined"] == 0


def test_a_new_program_with_the_omission_of_a_baselined_one_is_one_finding(tmp_path):
    # Two scripts of one folder that seed nothing are one decision (hygiene.grouping): a new one
    # next to a baselined one gives one finding, at the first program, naming the other; the
    # baselined finding is folded into it, not gone.
    (tmp_path / "old.py").write_text(OLD)
    run("check", "--no-llm", "--write-baseline", "hygiene-baseline.json", ".", cwd=tmp_path)
    (tmp_path / "new.py").write_text(NEW)
    proc = run("check", "--no-llm", "--checklist", "off", "--format", "json", "--baseline",
               "hygiene-baseline.json", ".", cwd=tmp_path)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    (finding,) = report["findings"]
    assert finding["path"] == "new.py" and "`old.py`" in finding["message"]
    assert [r["path"] for r in finding["related"]] == ["old.py"]
    assert not any("gone" in note for note in report.get("notes", []))


def test_the_baseline_from_the_configuration_and_its_checklist_questions(tmp_path):
    (tmp_path / "old.py").write_text(OLD)
    (tmp_path / "pyproject.toml").write_text('[tool.hygiene]\nbaseline = "hygiene-baseline.json"\n'
                                             '[tool.hygiene.checklist]\nrequire = "error"\n')
    assert run("check", "--no-llm", "--write-baseline", "hygiene-baseline.json", ".", cwd=tmp_path).returncode == 0
    proc = run("check", "--no-llm", ".", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    # A baselined finding asks no checklist question either.
    state = json.loads(run("checklist", "--format", "json", ".", cwd=tmp_path).stdout)
    assert not [i for i in state["items"] if i["rule"] == "SEED001"]


def test_a_fixed_finding_leaves_a_note_and_a_missing_baseline_is_an_error(tmp_path):
    (tmp_path / "old.py").write_text(OLD)
    run("check", "--no-llm", "--write-baseline", "b.json", ".", cwd=tmp_path)
    (tmp_path / "old.py").write_text("import random\nrandom.seed(0)\nsubset = random.sample(range(10), 3)\nprint(accuracy(subset))\n")
    proc = run("check", "--no-llm", "--checklist", "off", "--baseline", "b.json", ".", cwd=tmp_path)
    assert proc.returncode == 0
    assert "1 finding in b.json is gone" in proc.stdout
    proc = run("check", "--no-llm", "--baseline", "missing.json", ".", cwd=tmp_path)
    assert proc.returncode == 2 and "missing.json" in proc.stderr and "--write-baseline" in proc.stderr


def test_a_new_program_after_a_baselined_one_in_the_group_order_still_fails(tmp_path):
    # Regression: the group's first program (by path) was in the baseline, so the whole group was
    # left out and the new program's omission passed unreported (it was folded into a baselined
    # finding). A group is in the baseline only when all its members are.
    (tmp_path / "a_old.py").write_text(OLD)
    run("check", "--no-llm", "--write-baseline", "hygiene-baseline.json", ".", cwd=tmp_path)
    (tmp_path / "z_new.py").write_text(NEW)
    proc = run("check", "--no-llm", "--checklist", "off", "--format", "json", "--baseline",
               "hygiene-baseline.json", ".", cwd=tmp_path)
    assert proc.returncode == 1
    (finding,) = json.loads(proc.stdout)["findings"]
    assert "`z_new.py`" in finding["message"]
    # With nothing new, the group is in the baseline and the check passes.
    (tmp_path / "z_new.py").unlink()
    assert run("check", "--no-llm", "--checklist", "off", "--baseline", "hygiene-baseline.json", ".",
               cwd=tmp_path).returncode == 0
