"""The pre-commit hook (.pre-commit-hooks.yaml), tried as a researcher meets it.

The slow test is real: pre-commit (from the package index, a test extra) builds the hook's
environment by pip-installing this project, as it would from GitHub, then `git commit` runs the
hook in a scratch research repository. It builds that environment once per session, and skips
only when pip cannot reach the package index. The fast tests run the hook's own command line,
read from the manifest, without pre-commit.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hygiene.discovery import KINDS

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"

LEAKY = """\
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

X = np.load("features.npy")
y = np.load("labels.npy")
X = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
model = LogisticRegression().fit(X_train, y_train)
print("accuracy", model.score(X_test, y_test))
"""
# The same study with the scaler fit on the training rows only.
FIXED = """\
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

X = np.load("features.npy")
y = np.load("labels.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
scaler = StandardScaler().fit(X_train)
model = LogisticRegression().fit(scaler.transform(X_train), y_train)
print("accuracy", model.score(scaler.transform(X_test), y_test))
"""
UNSEEDED = """\
import numpy as np
from sklearn.model_selection import train_test_split

X = np.load("features.npy")
y = np.load("labels.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
np.save("split.npy", np.array([len(X_train), len(X_test)]))
print("accuracy", accuracy(X_train, y_train, X_test, y_test))
"""
ANSWER = ("The split is drawn once and saved to split.npy with the results; every number we report "
          "comes from that one saved split, so the seed does not matter for them.")

# What pip prints when it cannot reach an index (then the test skips; any other failure fails it).
NETWORK_TROUBLE = re.compile(r"NewConnectionError|Temporary failure in name resolution|Network is unreachable|"
                             r"Max retries exceeded|ConnectTimeout|ProxyError|Could not fetch URL|"
                             r"Name or service not known|Connection refused")


def hook() -> dict:
    (spec,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return spec


def clean_env(home: Path, tmp: Path) -> dict[str, str]:
    """The environment for git and pre-commit: no outer git or pre-commit state, a throwaway
    global git config, no API key (the hook must never reach the LLM)."""
    gitconfig = tmp / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Ada Researcher\n\temail = ada@example.org\n"
                         "[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT", "ANTHROPIC_", "HYGIENE_"))}
    env.update(PRE_COMMIT_HOME=str(home), GIT_CONFIG_GLOBAL=str(gitconfig), GIT_CONFIG_NOSYSTEM="1",
               PRE_COMMIT_COLOR="never", NO_COLOR="1")
    # `hygiene` from this environment, for the steps a user runs by hand (`hygiene checklist`).
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def git(cwd: Path, env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check)


# -- the manifest and the hook's command line (fast) --------------------------------------------
def test_manifest_is_valid_for_pre_commit():
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    spec = hook()
    assert spec["id"] == "hygiene" and spec["language"] == "python"
    assert spec["require_serial"] is True  # one process reads the repository once
    assert spec["entry"].split()[:3] == ["hygiene", "check", "--focus"]


def test_manifest_matches_every_kind_of_file_hygiene_reads_and_nothing_else():
    files = re.compile(hook()["files"])
    for suffix in KINDS:
        assert files.search(f"notebooks/study{suffix}"), suffix
        assert files.search(f"RESULTS{suffix.upper()}"), suffix
    for other in ("setup.cfg", "data/model.pt", "Makefile", "conf.yaml", "notes.txt", "a.py.orig", "pyproject.toml"):
        assert not files.search(other), other


def run_hook_command(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    """What pre-commit runs: the manifest's entry, its default args, then the staged files."""
    spec = hook()
    argv = [sys.executable, "-m", *spec["entry"].split(), *spec["args"], *files]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
    return subprocess.run(argv, cwd=repo, capture_output=True, text=True, env=env)


def test_hook_command_blocks_findings_in_the_staged_files_only(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "train.py").write_text(LEAKY)
    (tmp_path / "old.py").write_text(UNSEEDED)  # committed long ago, not staged now
    (tmp_path / "scratch.py").write_text("def f(:\n")  # a broken file nobody stages
    proc = run_hook_command(tmp_path, "train.py")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "train.py:8 LEAK001" in proc.stdout
    assert "old.py" not in proc.stdout and "scratch.py" not in proc.stdout
    assert "or answer its question in HYGIENE.md" in proc.stdout
    assert not (tmp_path / "HYGIENE.md").exists()  # the hook never writes the checklist

    (tmp_path / "train.py").write_text(FIXED)
    proc = run_hook_command(tmp_path, "train.py")
    # Fixed: passes, though the study question about the split is still open (it gates
    # `hygiene check .` and pull requests, not commits).
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "does not exist yet: 1 question for it" in proc.stdout


def answer_in_checklist(repo: Path, env: dict[str, str], rule: str, answer: str) -> None:
    """What a researcher does by hand: write HYGIENE.md and answer the question of `rule` in it."""
    subprocess.run(["hygiene", "checklist", "--write"], cwd=repo, env=env, capture_output=True, check=True)
    checklist = repo / "HYGIENE.md"
    text = checklist.read_text(encoding="utf-8")
    (item_id,) = re.findall(rf"<!-- hygiene:item (\w+) kind=finding .*?rule={rule} ", text)
    text, n = re.subn(rf"(<!-- hygiene:answer {item_id} -->\n)(<!-- hygiene:/answer -->)",
                      lambda m: m.group(1) + answer + "\n" + m.group(2), text)
    assert n == 1
    checklist.write_text(text, encoding="utf-8")


def test_hook_command_passes_once_the_finding_is_answered(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "split.py").write_text(UNSEEDED)
    assert run_hook_command(tmp_path, "split.py").returncode == 1
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    answer_in_checklist(tmp_path, env, "SEED004", "TODO")
    assert run_hook_command(tmp_path, "split.py").returncode == 1  # a placeholder is no answer
    text = (tmp_path / "HYGIENE.md").read_text(encoding="utf-8").replace("TODO\n", ANSWER + "\n")
    (tmp_path / "HYGIENE.md").write_text(text, encoding="utf-8")
    proc = run_hook_command(tmp_path, "split.py")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "SEED004" in proc.stdout and "[answered]" in proc.stdout


# -- pre-commit for real (one environment build) ------------------------------------------------
@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This project as it is on disk, committed or not, as a repository pre-commit can clone at a
    rev (the manifest must be committed for pre-commit to see it)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("the project is not a git work tree, so there is no hook repository to clone")
    target = tmp_path_factory.mktemp("hook-repo")
    for rel in filter(None, listed.stdout.split("\0")):
        source = ROOT / rel
        if source.is_file():  # tracked but deleted in the work tree: left out, as a commit would
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    env = clean_env(tmp_path_factory.mktemp("pc-home"), tmp_path_factory.mktemp("git"))
    git(target, env, "init", "-q")
    git(target, env, "add", "-A")
    git(target, env, "commit", "-q", "-m", "hygiene as on disk")
    return target, git(target, env, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def scratch(hook_repo: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A researcher's repository with the hook installed and its environment built (once)."""
    repo_path, rev = hook_repo
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = clean_env(home, tmp_path_factory.mktemp("git"))
    repo = tmp_path_factory.mktemp("study")
    git(repo, env, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo_path}\n    rev: {rev}\n    hooks:\n      - id: hygiene\n", encoding="utf-8")
    (repo / "README.md").write_text("# A sentiment study\n", encoding="utf-8")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "start the study")
    pre_commit = [sys.executable, "-m", "pre_commit"]
    subprocess.run([*pre_commit, "install"], cwd=repo, env=env, capture_output=True, text=True, check=True)
    built = subprocess.run([*pre_commit, "install-hooks"], cwd=repo, env=env, capture_output=True, text=True)
    if built.returncode != 0:
        log = home / "pre-commit.log"
        text = built.stdout + built.stderr + (log.read_text(encoding="utf-8", errors="replace") if log.exists() else "")
        if NETWORK_TROUBLE.search(text):
            pytest.skip("pip cannot reach the package index to build the hook's environment: "
                        + NETWORK_TROUBLE.search(text).group(0))
        pytest.fail("pre-commit could not build the hook's environment:\n" + text[-4000:])
    return repo, env


def commit(repo: Path, env: dict[str, str], message: str) -> tuple[bool, str]:
    """`git commit`, with the installed hook; (whether a commit was made, what the hook said)."""
    before = git(repo, env, "rev-parse", "HEAD").stdout
    proc = git(repo, env, "commit", "-m", message, check=False)
    after = git(repo, env, "rev-parse", "HEAD").stdout
    assert (proc.returncode == 0) == (before != after), proc.stdout + proc.stderr
    return proc.returncode == 0, proc.stdout + proc.stderr


def test_installed_hook_blocks_a_leaky_commit_and_passes_once_fixed_or_answered(scratch):
    repo, env = scratch
    (repo / "train.py").write_text(LEAKY)
    git(repo, env, "add", "train.py")
    made, out = commit(repo, env, "train the classifier")
    assert not made, out
    assert "hygiene" in out and "Failed" in out and "train.py:8 LEAK001" in out, out

    # Fixed in the work tree but not staged: pre-commit checks what would be committed.
    (repo / "train.py").write_text(FIXED)
    made, out = commit(repo, env, "train the classifier")
    assert not made and "LEAK001" in out, out

    git(repo, env, "add", "train.py")
    made, out = commit(repo, env, "train the classifier, scaler fit on the training rows")
    assert made, out

    # A second finding, this time answered in the checklist rather than fixed.
    (repo / "split.py").write_text(UNSEEDED)
    git(repo, env, "add", "split.py")
    made, out = commit(repo, env, "save the split")
    assert not made and "split.py:6" in out and "SEED004" in out, out
    answer_in_checklist(repo, env, "SEED004", ANSWER)
    git(repo, env, "add", "HYGIENE.md")  # an unstaged answer is stashed away during the hook
    made, out = commit(repo, env, "save the split; why its seed does not matter")
    assert made, out
    assert "HYGIENE.md" in git(repo, env, "show", "--stat", "HEAD").stdout


def test_hook_output_before_the_checklist_exists_says_so(tmp_path):
    """Before HYGIENE.md exists, `0 of 0 required questions answered, 11 open` reads as broken."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "train.py").write_text(FIXED)
    proc = run_hook_command(tmp_path, "train.py")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (line,) = [ln for ln in proc.stdout.splitlines() if ln.startswith("checklist:")]
    assert "0 of 0" not in line
    assert re.fullmatch(r"checklist: HYGIENE\.md does not exist yet: \d+ questions? for it, none required by this "
                        r"check; `hygiene check \.` writes it", line), line
    assert not (tmp_path / "HYGIENE.md").exists()
