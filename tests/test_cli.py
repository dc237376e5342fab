"""The CLI as a user runs it: a subprocess, its exit code and its output."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

UNSEEDED = "import random\nsubset = random.sample(range(10), 3)\nprint(accuracy(subset))\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hygiene", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def test_clean_repo_exits_zero(tmp_path):
    write(tmp_path, {"train.py": "import random\nrandom.seed(1)\nx = random.random()\n"})
    proc = run("check", "--no-llm", ".", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 findings (1 file checked)" in proc.stdout


def test_findings_exit_one_with_path_line_col_code(tmp_path):
    write(tmp_path, {"src/train.py": UNSEEDED})
    proc = run("check", "--no-llm", ".", cwd=tmp_path)
    assert proc.returncode == 1
    assert "src/train.py:2:10 SEED001 `random.sample(range(10), 3)`" in proc.stdout
    assert "SEED-UNSEEDED  1" in proc.stdout  # summary by category


def test_fail_on_error_lets_warnings_pass(tmp_path):
    write(tmp_path, {"train.py": UNSEEDED})
    assert run("check", "--no-llm", "--fail-on", "error", ".", cwd=tmp_path).returncode == 0


def test_json_contract(tmp_path):
    write(tmp_path, {"train.py": UNSEEDED})
    proc = run("check", "--format", "json", "--no-llm", ".", cwd=tmp_path)
    data = json.loads(proc.stdout)
    (finding,) = data["findings"]
    assert finding["path"] == "train.py" and finding["line"] == 2
    assert finding["category"] == "SEED-UNSEEDED" and finding["rule"] == "SEED001"
    assert finding["severity"] == "warning" and finding["source"] == "static"
    assert finding["message"] and finding["fingerprint"]


def test_bad_files_get_one_message_each_and_the_scan_goes_on(tmp_path):
    write(tmp_path, {
        "good.py": UNSEEDED,
        "syntax.py": "def f(:\n    pass\n",
        "py2.py": 'print "hello"\n',
        "latin1.py": "x = 'caf\xe9'\n".encode("latin-1"),
        "binary.py": b"\x00\x01\x02garbage",
        "broken.ipynb": '{"cells": [',
        "huge.py": "x = 1\n" * 400_000,
    })
    proc = run("check", "--no-llm", ".", cwd=tmp_path)
    assert proc.returncode == 1
    out = proc.stdout
    assert "good.py:2:10 SEED001" in out
    assert "syntax.py: syntax error at line" in out
    assert "py2.py:" in out and "Python 2" in out
    assert "latin1.py: not valid utf-8" in out
    assert "binary.py: binary file" in out
    assert "broken.ipynb: not valid notebook JSON" in out
    assert "huge.py: skipped:" in out and "max-file-size" in out
    assert "6 files could not be checked" in out
    assert "Traceback" not in proc.stderr


def test_usage_and_config_errors_exit_two(tmp_path):
    assert run("check", "--format", "yaml", ".", cwd=tmp_path).returncode == 2
    write(tmp_path, {"pyproject.toml": "[tool.hygiene]\nignroe = ['SEED']\n", "a.py": "x = 1\n"})
    proc = run("check", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert "unknown key 'ignroe'" in proc.stderr


def test_select_ignore_and_per_file_ignores_from_config(tmp_path):
    write(tmp_path, {
        "pyproject.toml": """
            [tool.hygiene]
            per-file-ignores = { "scratch/*" = ["SEED"] }
        """,
        "scratch/play.py": UNSEEDED,
        "train.py": UNSEEDED,
    })
    proc = run("check", "--no-llm", "--format", "json", ".", cwd=tmp_path)
    assert [f["path"] for f in json.loads(proc.stdout)["findings"]] == ["train.py"]
    proc = run("check", "--no-llm", "--ignore", "SEED-UNSEEDED", ".", cwd=tmp_path)
    assert proc.returncode == 0


def test_severity_override(tmp_path):
    write(tmp_path, {"pyproject.toml": '[tool.hygiene]\nseverity = { SEED001 = "info" }\n', "t.py": UNSEEDED})
    proc = run("check", "--no-llm", "--format", "json", ".", cwd=tmp_path)
    assert json.loads(proc.stdout)["findings"][0]["severity"] == "info"
    assert proc.returncode == 0  # info is below the default fail-on (warning)


def test_suppression_needs_a_reason(tmp_path):
    write(tmp_path, {
        "a.py": "import random\nx = random.random()  # hygiene: ignore[SEED001] jitter for a plot only\nprint(accuracy(x))\n",
        "b.py": "import random\nx = random.random()  # hygiene: ignore[SEED001]\nprint(accuracy(x))\n",
        "c.py": "import random\nrandom.seed(0)\nx = random.random()  # hygiene: ignore[SEED001] was needed once\nprint(accuracy(x))\n",
    })
    proc = run("check", "--no-llm", "--format", "json", ".", cwd=tmp_path)
    found = {(f["path"], f["rule"]) for f in json.loads(proc.stdout)["findings"]}
    assert found == {("b.py", "SEED001"), ("b.py", "HYG002"), ("c.py", "HYG001")}


@pytest.mark.parametrize("fmt", ["github", "sarif"])
def test_other_formats(tmp_path, fmt):
    write(tmp_path, {"t.py": UNSEEDED})
    proc = run("check", "--no-llm", "--format", fmt, ".", cwd=tmp_path)
    assert proc.returncode == 1
    if fmt == "github":
        assert proc.stdout.startswith("::warning file=t.py,line=2,col=10,title=SEED001 SEED-UNSEEDED::")
    else:
        sarif = json.loads(proc.stdout)
        assert sarif["version"] == "2.1.0"
        assert sarif["runs"][0]["results"][0]["partialFingerprints"]


def test_rules_and_explain(tmp_path):
    proc = run("rules", cwd=tmp_path)
    assert proc.returncode == 0 and "SEED001" in proc.stdout
    proc = run("explain", "seed001", cwd=tmp_path)
    assert proc.returncode == 0 and "## Why is this bad?" in proc.stdout
    proc = run("explain", "NOPE999", cwd=tmp_path)
    assert proc.returncode == 2 and "no rule" in proc.stderr
    assert "did you mean" in run("explain", "SEDE001", cwd=tmp_path).stderr


def test_output_file_and_focus(tmp_path):
    write(tmp_path, {"a.py": UNSEEDED, "b.py": UNSEEDED})
    out = tmp_path / "report.json"
    proc = run("check", "--no-llm", "--focus", "--format", "json", "-o", str(out), "a.py", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout == ""
    assert [f["path"] for f in json.loads(out.read_text())["findings"]] == ["a.py"]


def test_focus_without_paths_reports_on_no_file_but_keeps_the_checklist(tmp_path):
    write(tmp_path, {"a.py": UNSEEDED})
    proc = run("check", "--no-llm", "--focus", "--format", "json", cwd=tmp_path)
    report = json.loads(proc.stdout)
    assert report["findings"] == [] and report["checklist"] is not None
    assert not (tmp_path / "HYGIENE.md").exists()


def test_user_rules_folder(tmp_path):
    write(tmp_path, {
        "pyproject.toml": '[tool.hygiene]\nrules-paths = ["lint"]\n',
        "lint/no_print.py": '''
            import libcst as cst
            from hygiene.rule import Rule, invalid, valid

            class NoPrint(Rule):
                """
                ## What it does
                Finds print calls in results code.
                ## Why is this bad?
                Results printed are results lost.
                ## Example
                    print(acc)
                Use instead:
                    json.dump(...)
                """
                code = "LAB001"
                category = "RESULT-PROVENANCE"
                message = "results printed, not saved"
                question = "Where are the results at {where} saved?"
                examples = [invalid("print(1)  # expect: LAB001"), valid("log(1)")]

                def visit_Call(self, node):
                    if self.qualified_name(node.func) == "builtins.print":
                        self.report(node)
        ''',
        "run.py": "print(0.91)\n",
    })
    proc = run("check", "--no-llm", ".", cwd=tmp_path)
    assert "run.py:1:1 LAB001 results printed, not saved" in proc.stdout, proc.stdout + proc.stderr
    assert "LAB001" in run("rules", cwd=tmp_path).stdout


# -- issue 13 ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("config", "args", "named"), [
    ('[tool.hygiene]\nselect = ["SEDE"]\n', (), "'SEED'"),
    ("", ("--select", "SEDE001"), "'SEED001'"),
    ("", ("--ignore", "SEED01X"), "'SEED01"),  # (a nearest code: SEED010, SEED011, ...)
    ('[tool.hygiene]\nseverity = { SEDE001 = "info" }\n', (), "'SEED001'"),
])
def test_a_typo_in_a_rule_code_is_an_error_not_a_pass(tmp_path, config, args, named):
    write(tmp_path, {"train.py": UNSEEDED, **({"pyproject.toml": config} if config else {})})
    proc = run("check", "--no-llm", *args, ".", cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "unknown rule code" in proc.stderr and f"did you mean {named}" in proc.stderr
    assert "findings" not in proc.stdout and not (tmp_path / "HYGIENE.md").exists()


@pytest.mark.parametrize("files", [
    {},  # an empty folder
    {"notes.txt": "nothing here\n", "model.bin": b"\x00\x01", "build/x.py": "import random\n"},  # nothing read
])
def test_nothing_to_check_is_a_usage_error_and_writes_nothing(tmp_path, files):
    write(tmp_path, files)
    proc = run("check", "--no-llm", ".", cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert "nothing to check" in line and ".py" in line and ".ipynb" in line and ".csv" in line
    assert "0 findings" not in proc.stdout
    assert not (tmp_path / "HYGIENE.md").exists()
    # The checklist commands do not write one either.
    assert run("checklist", "--write", ".", cwd=tmp_path).returncode == 2
    assert not (tmp_path / "HYGIENE.md").exists()


def test_a_file_hygiene_does_not_read_named_alone_is_nothing_to_check(tmp_path):
    write(tmp_path, {"a.py": UNSEEDED, "notes.txt": "x\n"})
    proc = run("check", "--no-llm", "notes.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "nothing to check" in proc.stderr


def test_an_internal_error_exits_two_with_one_line_naming_the_path(tmp_path):
    write(tmp_path, {"a.py": UNSEEDED})
    crash = ("import sys, hygiene.runner as r\n"
             "def boom(*a, **k): raise RuntimeError('disk on fire')\n"
             "r.scan = boom\n"
             "from hygiene.cli import main\n"
             "sys.argv = ['hygiene', 'check', '--no-llm', '.']\n"
             "main()\n")
    proc = subprocess.run([sys.executable, "-c", crash], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert "internal error" in line and "disk on fire" in line and str(tmp_path) in line
    assert "Traceback" not in proc.stderr


def test_an_unreadable_folder_is_one_line_and_the_scan_goes_on():
    """Real permissions: as root (CI), the check runs as `nobody` in a folder it may enter."""
    import os
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="hygiene-perm-"))
    try:
        base.chmod(0o777)
        write(base, {"ok/a.py": UNSEEDED, "secret/b.py": UNSEEDED})
        (base / "ok").chmod(0o777)
        (base / "ok" / "a.py").chmod(0o644)
        (base / "secret").chmod(0o000)
        command = [sys.executable, "-m", "hygiene", "check", "--no-llm", "--no-cache", "--checklist", "off", "."]
        if os.geteuid() == 0:
            if shutil.which("setpriv") is None:
                pytest.skip("running as root without setpriv: no way to lack a permission")
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        proc = subprocess.run(command, cwd=base, capture_output=True, text=True, timeout=120,
                              env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
        assert "Traceback" not in proc.stderr, proc.stderr
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert "ok/a.py:2:10 SEED001" in proc.stdout
        (line,) = [ln for ln in proc.stdout.splitlines() if "secret" in ln]
        assert line.startswith("error: secret:") and "Permission denied" in line
        # Named on the command line, an unreadable folder is a usage error that says so.
        proc = subprocess.run([*command[:-1], "secret"], cwd=base, capture_output=True, text=True, timeout=120,
                              env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
        assert proc.returncode == 2 and "'secret' is not readable" in proc.stderr, proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr
    finally:
        (base / "secret").chmod(0o755)
        shutil.rmtree(base)


def test_a_link_to_a_file_inside_the_repository_reports_its_findings_once(tmp_path):
    write(tmp_path, {"src/train.py": UNSEEDED})
    (tmp_path / "train.py").symlink_to(tmp_path / "src" / "train.py")
    (tmp_path / "loop.py").symlink_to(tmp_path / "loop.py")
    proc = run("check", "--no-llm", "--format", "json", ".", cwd=tmp_path)
    report = json.loads(proc.stdout)
    assert [f["path"] for f in report["findings"]] == ["src/train.py"]
    assert [d["path"] for d in report["diagnostics"]] == ["loop.py"]


def test_the_summary_says_how_many_files_were_checked_not_where_the_findings_are(tmp_path):
    write(tmp_path, {"a.py": UNSEEDED, "b.py": "x = 1\n", "c.py": "y = 2\n"})
    proc = run("check", "--no-llm", ".", cwd=tmp_path)
    assert proc.stdout.rstrip().splitlines()[-1] == "1 finding (3 files checked)"


@pytest.mark.parametrize("columns", [60, 100])
def test_rules_wraps_to_the_terminal_width(tmp_path, columns):
    import os

    proc = subprocess.run([sys.executable, "-m", "hygiene", "rules"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, env=dict(os.environ, COLUMNS=str(columns)))
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    listing = json.loads(run("rules", "--format", "json", cwd=tmp_path).stdout)
    starts = [i for i, line in enumerate(lines) if line[:1].strip()]
    assert [lines[i].split()[0] for i in starts] == [r["code"] for r in listing]
    # Every word of every summary is there, continued under the summary column.
    for rule, begin, end in zip(listing, starts, [*starts[1:], len(lines)]):
        text = " ".join(" ".join(line.split()) for line in lines[begin:end])
        assert text.endswith(" ".join(rule["summary"].split())), rule["code"]


def test_github_format_says_why_it_fails_when_only_checklist_questions_are_open(tmp_path):
    write(tmp_path, {
        "train.py": "import pandas as pd\ndf = pd.read_csv('data/rows.csv')\nprint(len(df))\n",
        "data/rows.csv": "a,b\n1,2\n3,4\n",
    })
    proc = run("check", "--no-llm", "--format", "github", ".", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout
    report = json.loads(run("check", "--no-llm", "--format", "json", ".", cwd=tmp_path).stdout)
    assert report["findings"] == [] and report["checklist"]["blocking"] > 0
    blocking = report["checklist"]["blocking"]
    (line,) = [ln for ln in proc.stdout.splitlines() if ln.startswith("::error")]
    assert line.startswith("::error file=HYGIENE.md,title=hygiene checklist::")
    assert f"{blocking} required checklist question" in line and "hygiene answer" in line


def test_an_internal_error_on_one_file_names_that_file_and_exits_two(tmp_path):
    write(tmp_path, {"a.py": UNSEEDED, "b.py": "x = 1\n"})
    crash = ("import sys, hygiene.runner as r\n"
             "real = r._check_code\n"
             "def boom(source, *a, **k):\n"
             "    if source.path == 'b.py':\n"
             "        raise KeyError('a bug of ours')\n"
             "    return real(source, *a, **k)\n"
             "r._check_code = boom\n"
             "from hygiene.cli import main\n"
             "sys.argv = ['hygiene', 'check', '--no-llm', '--no-cache', '-j', '1', '.']\n"
             "main()\n")
    proc = subprocess.run([sys.executable, "-c", crash], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    (line,) = [ln for ln in proc.stdout.splitlines() if "a bug of ours" in ln]
    assert line.startswith("error: b.py: internal error")
    assert "a.py:2:10 SEED001" in proc.stdout  # the other file was checked


def test_min_precision_turns_rules_measured_below_it_into_questions(tmp_path):
    """Issue 10: `--min-precision 0.8` (or `min-precision` in pyproject) asks a checklist question
    instead of reporting a finding for a rule measured below 0.8 on public research code; naming the
    code in `--select` still makes it a finding."""
    from hygiene.config import measured_precision
    assert measured_precision("SEED001") < 0.8 <= measured_precision("SEED010")
    write(tmp_path, {"src/train.py": UNSEEDED})

    def rules(*args):
        proc = run("check", "--no-llm", "--format", "json", *args, ".", cwd=tmp_path)
        report = json.loads(proc.stdout)
        return [f["rule"] for f in report["findings"]], [q["rule"] for q in report["questions"]], proc.returncode

    assert rules()[:2] == (["SEED001"], [])
    assert rules("--min-precision", "0.8") == ([], ["SEED001"], 0)
    assert rules("--min-precision", "0")[0] == ["SEED001"]  # 0: every rule as its default says
    assert rules("--min-precision", "0.8", "--select", "SEED001")[0] == ["SEED001"]
    (tmp_path / "pyproject.toml").write_text("[tool.hygiene]\nmin-precision = 0.8\n")
    assert rules()[:2] == ([], ["SEED001"])
    (tmp_path / "pyproject.toml").write_text("[tool.hygiene]\nmin-precision = 2\n")
    proc = run("check", "--no-llm", ".", cwd=tmp_path)
    assert proc.returncode == 2 and "min-precision" in proc.stderr + proc.stdout
