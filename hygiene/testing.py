"""Running a rule's examples: used by hygiene's own tests and by authors of their own rules."""
from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import tempfile
from pathlib import Path

from hygiene.analysis.periphery import PERIPHERY
from hygiene.config import load
from hygiene.finding import Finding
from hygiene.rule import Example, Rule

_EXPECT = re.compile(r"#\s*expect:\s*([A-Z0-9][A-Z0-9 ,]*)\s*$")

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Researcher", "GIT_AUTHOR_EMAIL": "r@example.org",
    "GIT_COMMITTER_NAME": "Researcher", "GIT_COMMITTER_EMAIL": "r@example.org",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
}


def expected(example: Example) -> set[tuple[str, int | None, str]]:
    """(path, line, code) triples the example pins, from `# expect:` markers and `expect=`."""
    found: set[tuple[str, int | None, str]] = set(example.expect)
    for path, text in [*example.files.items(), *((p, t) for p, t in example.uncommitted if t is not None)]:
        for number, line in enumerate(_code_lines(path, text), start=1):
            match = _EXPECT.search(line)
            if match:
                for code in re.split(r"[ ,]+", match.group(1).strip()):
                    found.add((path, number, code))
    return found


def _code_lines(path: str, text: str) -> list[str]:
    """The lines findings are counted in: a notebook's code cells one after another."""
    if not path.endswith(".ipynb"):
        return text.split("\n")
    from hygiene.parsing.notebook import read_cells
    from hygiene.parsing.python import ParseError

    try:
        cells = read_cells(text.encode("utf-8"))
    except ParseError:  # a broken notebook is itself an example; it pins nothing
        return []
    return [line for c in cells if c.cell_type == "code" for line in c.source.split("\n")]


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = dict(os.environ, **GIT_ENV)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def materialise(example: Example, root: Path) -> None:
    """Write the example's files under `root`; with history, replay it as git commits first."""
    if example.history:
        git(root, "init", "-q", "-b", "main")
        for step in example.history:
            for rel, text in step.get("files", {}).items():
                target = root / rel
                if text is None:
                    target.unlink(missing_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
            git(root, "add", "-A")
            git(root, "commit", "-q", "--allow-empty", "-m", step.get("message", "update"), date=step.get("date"))
    for rel, text in example.files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if example.history:
        git(root, "add", "-A")
        git(root, "commit", "-q", "--allow-empty", "-m", "current state", date="2030-01-01T12:00:00")
    for rel, text in example.uncommitted:
        target = root / rel
        if text is None:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def run_example(rule: type[Rule], example: Example, all_rules: list[type[Rule]]) -> tuple[set, set]:
    """(expected, actual) (path, line, code) triples for the codes the example is about."""
    from hygiene.runner import scan

    want = expected(example)
    codes = {rule.code} | {code for _, _, code in want}
    with tempfile.TemporaryDirectory(prefix="hygiene-example-") as tmp:
        root = Path(tmp)
        materialise(example, root)
        config = dataclasses.replace(load(root), exclude=(".git/",))
        result = scan(config, jobs=1, use_cache=False, rules=all_rules)
    # A rule that raises reports nothing, which a valid example would take for a pass.
    crashed = [f"{d.path}: {d.message}" for d in result.diagnostics if "internal error" in d.message]
    assert not crashed, "a rule raised on this example: " + "; ".join(crashed)
    # A rule demoted to a checklist question (`default = "question"`) still finds what its
    # examples say; its findings are the scan's questions.
    # A finding a rule itself marks as a question (`extra["ask"]`) is not a finding. One the scan
    # asks about because of where it is (hygiene.analysis.periphery: an example's function that
    # nothing calls) is the rule's finding: that policy has tests of its own.
    asking = {r.code for r in all_rules if r.default == "question"}

    def rule_found(f: Finding) -> bool:
        return f in result.findings or bool(f.extra.get(PERIPHERY)) or (f.rule in asking and not f.extra.get("ask"))
    got = {(f.path, f.line, f.rule) for f in [*result.findings, *result.questions] if f.rule in codes and rule_found(f)}
    # A pin with no line matches a finding on that file at any line.
    for path, line, code in list(want):
        if line is None:
            match = {g for g in got if g[0] == path and g[2] == code}
            if match:
                got -= match
                got.add((path, None, code))
    return want, got
