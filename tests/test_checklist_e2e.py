"""The checklist as a new user meets it, through the CLI on the example repo: check, read
HYGIENE.md, answer in a real terminal (pexpect), move and reformat code, rename a file, re-run.
Every answer must still be there, attached to the right item, and the check passes only when all
required items have real answers."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner

from hygiene.cli import cli

from hygiene.checklist import document
from hygiene.testing import git

EXAMPLE = Path(__file__).parents[1] / "examples" / "sentiment-study"
SEED_ANSWER = "The two sampled rows are printed for a visual spot check only; no reported number uses them."


def hygiene(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hygiene", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=_env())


def _env() -> dict[str, str]:
    env = dict(os.environ, NO_COLOR="1", TERM="dumb")
    env.pop("VISUAL", None)
    return env


def in_process(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The same command through click's runner, in this process: for the many small runs whose
    point is not the process itself (a subprocess costs seconds of interpreter start-up)."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, "")


def state(repo: Path, *extra: str) -> dict:
    proc = in_process("checklist", "--format", "json", *extra, ".", cwd=repo)
    assert proc.returncode == 0, proc.stdout
    return json.loads(proc.stdout)


def answers(repo: Path) -> dict[str, str]:
    return {p.id: (p.answer or "").strip() for p in document.parse((repo / "HYGIENE.md").read_text()).items}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "study"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".hygiene_cache", "HYGIENE.md"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "study", date="2025-01-01T12:00:00")
    return root


class Terminal:
    """`hygiene answer` in a pseudo-terminal, driven item by item as a person would."""

    HEADER = r"\[\d+/\d+\] (\S+)\s+(\S*)"
    PROMPT = r":q quit\r\n> "  # the prompt after the help line, never a `> 25 |` excerpt line
    MORE = r"\r\n\. "  # the continuation prompt after a typed line

    def __init__(self, repo: Path) -> None:
        self.child = pexpect.spawn(sys.executable, ["-m", "hygiene", "answer", "--no-color", "."], cwd=str(repo),
                                   env=_env(), encoding="utf-8", timeout=180, dimensions=(50, 200))
        self.seen: list[str] = []

    def go_to(self, label: str, where: str = "") -> None:
        """Skip items (`:s`) until the one with this label (rule code, "data") and place."""
        while True:
            self.child.expect(self.HEADER)
            found = (self.child.match.group(1), self.child.match.group(2))
            self.seen.append(" ".join(found))
            if found[0] == label and found[1].startswith(where):
                return
            self.child.expect(self.PROMPT)
            self.child.sendline(":s")

    def answer(self, text: str) -> None:
        self.child.expect(self.PROMPT)
        self.child.sendline(text)
        self.child.expect(self.MORE)
        self.child.sendline("")

    def expect(self, pattern: str) -> str:
        self.child.expect(pattern)
        return self.child.before + self.child.after

    def close(self) -> str:
        self.child.expect(pexpect.EOF)
        rest = self.child.before
        self.child.close()
        return rest


def test_new_user_scenario(repo: Path):
    # 1. First check: findings, and the checklist written with every question open.
    first = hygiene("check", "--no-llm", ".", cwd=repo)
    assert first.returncode == 1
    first_state = state(repo)
    total = first_state["required"]
    assert total >= 7  # the finding(s), three data files, three questions about the study
    assert f"checklist: HYGIENE.md: 0 of {total} required questions answered" in first.stdout
    assert "hygiene answer" in first.stdout
    text = (repo / "HYGIENE.md").read_text()
    assert f"## Open questions ({first_state['open']})" in text
    assert "> 25 |     held_out = random.sample(range(len(y_test)), k=2)" in text  # the code excerpt
    assert "| 2 | 1 | u1 | Great phone, battery lasts two days | 1 |" in text  # rows of the data
    assert "how were train and test kept apart?" in text and "REFORMS" in text
    items = {i["title"]: i for i in state(repo)["items"]}
    seed_id = next(i["id"] for i in items.values() if i["rule"] == "SEED001")
    data_id = next(i["id"] for t, i in items.items() if "data/reviews.csv" in t)

    # 2. Answer in the terminal: a placeholder is refused, a real answer saved; then Ctrl-C in
    #    the middle of the next answer: what was typed is kept.
    term = Terminal(repo)
    term.go_to("SEED001", "train.py")
    term.answer("yes")
    assert "does not count yet" in term.expect("placeholder")
    term.answer(SEED_ANSWER)
    term.expect("Saved.")
    term.go_to("data", "data/reviews.csv")
    term.expect("What did you notice in these rows")
    term.child.expect(Terminal.PROMPT)
    term.child.sendline("Eight short reviews, labels balanced four and four, user u1 wrote two of them")
    term.child.expect(Terminal.MORE)
    # Ctrl-C: on a loaded machine the first one can land before the prompt reads the terminal
    # (readline flushes pending input when it starts), so press it again as a person would.
    for _ in range(6):
        term.child.sendintr()
        if term.child.expect(["Saved what you typed.", pexpect.TIMEOUT], timeout=20) == 0:
            break
    else:
        raise AssertionError("Ctrl-C never stopped `hygiene answer`")
    term.close()
    saved = answers(repo)
    assert saved[seed_id] == SEED_ANSWER
    assert saved[data_id].startswith("Eight short reviews")  # the interrupted answer was kept

    # 3. Move code around: lines above the finding, reformat the call, rename and move the file.
    train = (repo / "train.py").read_text()
    train = train.replace('"""Train a TF-IDF', '"""\nExperiment notes.\n"""\n\n\n"""Train a TF-IDF', 1)
    train = train.replace("held_out = random.sample(range(len(y_test)), k=2)",
                          "held_out = random.sample(\n        range(len(y_test)),\n        k=2,\n    )")
    (repo / "experiments").mkdir()
    (repo / "experiments" / "train_model.py").write_text(train)
    (repo / "train.py").unlink()
    again = hygiene("check", "--no-llm", ".", cwd=repo)
    assert again.returncode == 1  # questions are still open
    current = state(repo)
    seed_item = next(i for i in current["items"] if i["rule"] == "SEED001")
    assert seed_item["path"] == "experiments/train_model.py"
    assert seed_item["answer"] == SEED_ANSWER and seed_item["status"] == "answered"
    assert "[answered]" in again.stdout
    assert answers(repo)[data_id].startswith("Eight short reviews")

    # 4. Answer the rest by editing HYGIENE.md as a person would; the check then passes.
    text = (repo / "HYGIENE.md").read_text()
    for item in current["items"]:
        if item["status"] == "open":
            marker = f"<!-- hygiene:answer {item['id']} -->"
            text = text.replace(marker, marker + f"\nChecked by hand for {item['title']}: nothing in it changes the reported numbers.", 1)
    text = text.replace("<!-- hygiene:answer " + data_id + " -->\n" + saved[data_id],
                        "<!-- hygiene:answer " + data_id + " -->\n" + "ok")
    (repo / "HYGIENE.md").write_text(text)
    blocked = hygiene("check", "--no-llm", ".", cwd=repo)
    assert blocked.returncode == 1 and "placeholder" in blocked.stdout  # "ok" does not count
    text = (repo / "HYGIENE.md").read_text().replace(
        "<!-- hygiene:answer " + data_id + " -->\nok",
        "<!-- hygiene:answer " + data_id + " -->\nEight reviews, four of each label; user u1 appears twice, so the split must group by user.")
    (repo / "HYGIENE.md").write_text(text)
    passed = hygiene("check", "--no-llm", ".", cwd=repo)
    assert passed.returncode == 0, passed.stdout
    final = answers(repo)
    assert final[seed_id if seed_id in final else seed_item["id"]] == SEED_ANSWER
    # 5. Regenerating changes nothing more: the file is stable.
    before = (repo / "HYGIENE.md").read_text()
    assert hygiene("check", "--no-llm", ".", cwd=repo).returncode == 0
    assert (repo / "HYGIENE.md").read_text() == before


def test_fixing_a_finding_moves_its_answer_to_resolved(repo: Path):
    in_process("check", "--no-llm", ".", cwd=repo)
    seed = next(i for i in state(repo)["items"] if i["rule"] == "SEED001")
    text = (repo / "HYGIENE.md").read_text()
    marker = f"<!-- hygiene:answer {seed['id']} -->"
    (repo / "HYGIENE.md").write_text(text.replace(marker, marker + "\n" + SEED_ANSWER))
    train = (repo / "train.py").read_text().replace("import random\n", "import random\nrandom.seed(0)\n")
    (repo / "train.py").write_text(train)
    in_process("check", "--no-llm", ".", cwd=repo)
    text = (repo / "HYGIENE.md").read_text()
    resolved = text[text.index("## Resolved"):]
    assert SEED_ANSWER in resolved and "SEED001" in resolved


def test_the_editor_can_write_an_answer(repo: Path, tmp_path: Path):
    editor = tmp_path / "fake-editor.py"
    editor.write_text("import sys\np = sys.argv[1]\ntext = open(p).read()\n"
                      "open(p, 'w').write('Written in my editor: the spot check is never used for any metric.\\n' + text)\n")
    env = dict(_env(), EDITOR=f"{sys.executable} {editor}")
    child = pexpect.spawn(sys.executable, ["-m", "hygiene", "answer", "--no-color", "."], cwd=str(repo),
                          env=env, encoding="utf-8", timeout=180)
    child.expect(Terminal.PROMPT)
    child.sendline(":e")
    child.expect("Saved.")
    child.expect(Terminal.PROMPT)
    child.sendline(":q")
    child.expect(pexpect.EOF)
    child.close()
    assert any(a.startswith("Written in my editor") for a in answers(repo).values())
    assert ">8" not in (repo / "HYGIENE.md").read_text()  # the editor's instructions are not kept


def test_require_and_fail_on_choose_what_must_be_answered(repo: Path):
    only_seed = ("--no-llm", "--select", "SEED001")  # one warning finding, whatever else the catalogue finds
    assert in_process("check", *only_seed, ".", cwd=repo).returncode == 1
    # The finding still fails by fail-on; the warning-level data and study questions are optional.
    assert in_process("check", *only_seed, "--require", "error", ".", cwd=repo).returncode == 1
    required = [i for i in state(repo, "--require", "error")["items"] if i["required"]]
    assert all(i["kind"] == "finding" and i["severity"] == "error" for i in required)
    # Nothing at warning may fail the check, so nothing at warning must be answered either.
    assert in_process("check", *only_seed, "--fail-on", "error", ".", cwd=repo).returncode == 0
    assert in_process("check", *only_seed, "--checklist", "off", "--fail-on", "error", ".", cwd=repo).returncode == 0


def test_json_report_carries_the_checklist_and_read_mode_writes_nothing(repo: Path):
    proc = in_process("check", "--format", "json", "--no-llm", "--checklist", "read", ".", cwd=repo)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert data["findings"] and data["checklist"]["path"] == "HYGIENE.md"
    assert data["checklist"]["blocking"] == data["checklist"]["required"] >= 7
    assert not data["checklist"]["passed"]
    assert not (repo / "HYGIENE.md").exists()


def test_a_partial_scan_reads_but_does_not_write(repo: Path):
    proc = in_process("check", "--no-llm", "judge.py", cwd=repo)
    assert "not updated: only part of the repository was scanned" in proc.stdout
    assert not (repo / "HYGIENE.md").exists()


def test_an_unreadable_checklist_is_one_error_and_never_overwritten(repo: Path):
    (repo / "HYGIENE.md").write_bytes(b"\xff\xfe not utf-8 \x80")
    proc = in_process("check", "--no-llm", ".", cwd=repo)
    assert proc.returncode == 1
    assert "HYGIENE.md" in proc.stdout and "not UTF-8" in proc.stdout
    assert (repo / "HYGIENE.md").read_bytes() == b"\xff\xfe not utf-8 \x80"


def test_verify_authors_accepts_people_and_rejects_bots_and_uncommitted_answers(repo: Path):
    in_process("check", "--no-llm", ".", cwd=repo)
    seed = next(i for i in state(repo)["items"] if i["rule"] == "SEED001")
    marker = f"<!-- hygiene:answer {seed['id']} -->"
    path = repo / "HYGIENE.md"
    path.write_text(path.read_text().replace(marker, marker + "\n" + SEED_ANSWER))

    def seed_state() -> dict:
        return next(i for i in state(repo, "--verify-authors")["items"] if i["rule"] == "SEED001")

    assert seed_state()["why_not_counted"] == "not committed yet"
    git(repo, "add", "HYGIENE.md")
    env = {"GIT_AUTHOR_NAME": "github-actions[bot]", "GIT_AUTHOR_EMAIL": "41898282+github-actions[bot]@users.noreply.github.com"}
    subprocess.run(["git", "commit", "-q", "-m", "answers"], cwd=repo, check=True,
                   env=dict(os.environ, GIT_COMMITTER_NAME="ci", GIT_COMMITTER_EMAIL="ci@example.org",
                            GIT_CONFIG_GLOBAL=os.devnull, **env))
    assert "not a person" in seed_state()["why_not_counted"]
    # A person rewrites the answer and commits it: it counts.
    path.write_text(path.read_text().replace(SEED_ANSWER, SEED_ANSWER + " Checked again by Ada."))
    git(repo, "commit", "-q", "-am", "my answer")
    assert seed_state()["status"] == "answered"


def test_ctrl_c_stops_answer_even_when_started_with_sigint_ignored(repo: Path) -> None:
    """A program started by a shell in the background inherits SIGINT ignored (so did CI's
    pytest workers): `hygiene answer` at a terminal must still stop on Ctrl-C and keep the text."""
    import signal

    hygiene("check", "--no-llm", ".", cwd=repo)
    child = pexpect.spawn(sys.executable, ["-m", "hygiene", "answer", "--no-color", "."], cwd=str(repo),
                          env=_env(), encoding="utf-8", timeout=180,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    child.expect(r":q quit\r\n> ")  # the prompt itself, not a `> 25 |` line of a code excerpt
    child.sendline("A first line of an answer that is long enough to count")
    child.expect(r"long enough to count\r\n\. ")
    for _ in range(6):
        child.sendintr()
        if child.expect(["Saved what you typed.", pexpect.TIMEOUT], timeout=20) == 0:
            break
    else:
        raise AssertionError("Ctrl-C never stopped `hygiene answer`")
    child.expect(pexpect.EOF)
    assert any(a.startswith("A first line of an answer") for a in answers(repo).values())


# A slow disk: the save of an answer takes a while, and says when it starts, so Ctrl-C can be
# pressed exactly while the answer that the Enter just ended is being written.
SLOW_SAVE = """
import sys, time
import hygiene.checklist as checklist
real = checklist.write_atomic
def slow(path, text, *args, **kwargs):
    if "answer typed before Ctrl-C" in text:
        print("[saving]", flush=True)
        time.sleep(3)
    return real(path, text, *args, **kwargs)
checklist.write_atomic = slow
from hygiene.cli import main
sys.argv = ["hygiene", "answer", "--no-color", "."]
main()
"""


def test_ctrl_c_right_after_the_enter_that_ends_an_answer_loses_nothing(repo: Path) -> None:
    hygiene("check", "--no-llm", ".", cwd=repo)
    child = pexpect.spawn(sys.executable, ["-c", SLOW_SAVE], cwd=str(repo), env=_env(), encoding="utf-8",
                          timeout=180, dimensions=(50, 200))
    child.expect(Terminal.PROMPT)
    child.sendline("An answer typed before Ctrl-C, and it is long enough to count as one")
    child.expect(Terminal.MORE)
    child.sendline("")  # the Enter that ends the answer
    child.expect(r"\[saving\]")
    child.sendintr()  # while the answer is being written
    child.expect(r"(\d+) answers? saved to HYGIENE\.md; (\d+) of (\d+) required questions answered")
    said_saved, said_answered = int(child.match.group(1)), int(child.match.group(2))
    child.expect(pexpect.EOF)
    assert any(a.startswith("An answer typed before Ctrl-C") for a in answers(repo).values())
    # The closing message tells the truth about the file.
    assert said_saved == 1
    assert said_answered == state(repo)["required_answered"] == 1
