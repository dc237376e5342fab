"""Which program writes which file, as a workflow file says it: a Snakemake rule's `output:` made by the
Python script its `input:` / `shell:` / `script:` names, a Makefile target made by the script its recipe
runs. The script itself often writes a path given on its command line (`open(sys.argv[2], "w")`), so
the workflow is the only place that ties a results file to the code that produced it.
"""
from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hygiene.context import RepoContext

_MAX_BYTES = 200_000
_QUOTED = re.compile(r"""(?:\w+\s*=\s*)?(?:r|f)?(["'])([^"'\n]+?)\1""")
_PROGRAM = re.compile(r"([\w./-]+\.py)\b")
_SNAKE_RULE = re.compile(r"^(?:rule|checkpoint)\s+\w+\s*:")
_SNAKE_DIRECTIVE = re.compile(r"^\s+(\w+)\s*:(.*)$")
_MAKE_TARGET = re.compile(r"^([^\s:=#][^:=#]*?)\s*:(?!=)(.*)$")
_REDIRECT = re.compile(r">\s*([\w./-]+)")
_WORKFLOW_NAMES = ("Snakefile", "workflow/Snakefile", "Makefile", "makefile")


def _snakemake(text: str) -> list[tuple[list[str], list[str], int]]:
    """(scripts, outputs, line of the rule) for each rule of a Snakefile."""
    rules: list[tuple[list[str], list[str], int]] = []
    scripts: list[str] = []
    outputs: list[str] = []
    start, directive = 0, ""
    for number, line in enumerate(text.split("\n"), start=1):
        if _SNAKE_RULE.match(line) or (line and not line[0].isspace()):
            if start:
                rules.append((scripts, outputs, start))
            scripts, outputs, directive = [], [], ""
            start = number if _SNAKE_RULE.match(line) else 0
            continue
        if not start or not line.strip() or line.lstrip().startswith("#"):
            continue
        head = _SNAKE_DIRECTIVE.match(line)
        rest = line
        if head and head.group(1) in ("input", "output", "shell", "script", "run", "params", "log", "notebook",
                                      "benchmark", "conda", "threads", "resources", "message", "wildcard_constraints"):
            directive, rest = head.group(1), head.group(2)
        if directive == "output":
            outputs += [m.group(2) for m in _QUOTED.finditer(rest)]
        elif directive in ("input", "shell", "script", "run", "notebook"):
            scripts += _PROGRAM.findall(rest)
    if start:
        rules.append((scripts, outputs, start))
    return rules


def _makefile(text: str) -> list[tuple[list[str], list[str], int]]:
    """(scripts, outputs, line of the target) for each target whose recipe runs a Python script."""
    rules: list[tuple[list[str], list[str], int]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("\t") or not line.strip():
            if line.startswith("\t") and rules and rules[-1][2] > 0:
                scripts, outputs, _ = rules[-1]
                scripts += _PROGRAM.findall(line)
                outputs += _REDIRECT.findall(line)
            continue
        head = _MAKE_TARGET.match(line)
        if head is None or line.startswith("."):
            rules.append(([], [], 0))
            continue
        rules.append((_PROGRAM.findall(head.group(2)), head.group(1).split(), number))
    return [r for r in rules if r[2] and r[0] and r[1]]


def pipeline_writes(repo: RepoContext) -> list[tuple[str, str, str]]:
    """(script, written path, the workflow file and line) for each output a workflow file says a Python
    script of the repository makes; paths relative to the root, `{wildcards}` as `*`."""
    def compute() -> list[tuple[str, str, str]]:
        folders = sorted({posixpath.dirname(s.path) for s in repo.paths()})[:50]
        candidates = {posixpath.join(f, n) if f else n for f in ["", *folders] for n in _WORKFLOW_NAMES}
        programs = {s.path for s in repo.paths()}
        found: list[tuple[str, str, str]] = []
        for path in sorted(candidates):
            try:
                text = repo.read_bytes(path)[:_MAX_BYTES].decode("utf-8", errors="replace")
            except OSError:
                continue
            if ".py" not in text:
                continue
            base = posixpath.dirname(path)
            parse = _makefile if posixpath.basename(path).lower() == "makefile" else _snakemake
            for scripts, outputs, line in parse(text):
                for script in scripts:
                    program = posixpath.normpath(posixpath.join(base, script))
                    if program not in programs:
                        continue
                    for output in outputs:
                        target = re.sub(r"\{[^{}]*\}|\$[@*<%(][^\s/]*|%", "*", output)
                        found.append((program, posixpath.normpath(posixpath.join(base, target)), f"{path}:{line}"))
        return found
    return repo.shared("pipeline_writes", compute)
