"""Which program writes which file, as a workflow file says it: a Snakemake rule's `output:` made by the
Python script its `input:` / `shell:` / `script:` names, a Makefile target made by the script its recipe
runs, a run script's `python grade.py outputs/replies.jsonl results/scores.json` (the path after an
output option, a redirect, or the last of two or more positional paths when it lies where results
go: the input-then-output order of a command line). The script itself often writes a path given on
its command line (`open(sys.argv[2], "w")`), so the workflow is the only place that ties a results file to the code that produced it.
"""
from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from hygiene.analysis.results import is_result_path
from hygiene.analysis.run_scripts import script_texts

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
_INVOCATION = re.compile(r"\bpython3?(?:\.\d+)?\s+(?:-u\s+)?([\w./-]+\.py)\b(.*)")
_OUTPUT_OPTION = re.compile(r"^--?(o|out|output|outfile|out[-_]?file|output[-_](?:file|path)|save[-_]?(?:to|path)?|"
                            r"results?(?:[-_](?:file|path))?)$", re.I)
_PATH_ARGUMENT = re.compile(r"^[\w.-]+(?:/[\w.*{}$-]+)*\.\w{1,6}$")


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


def _run_script(text: str) -> list[tuple[list[str], list[str], int]]:
    """(the program, the paths it writes, the line) for each `python X.py ...` line of a shell script."""
    found: list[tuple[list[str], list[str], int]] = []
    lines = text.replace("\\\n", " ").split("\n")
    for number, line in enumerate(lines, start=1):
        head = _INVOCATION.search(line.split("#", 1)[0])
        if head is None:
            continue
        words = head.group(2).replace("=", " ").split()
        outputs = _REDIRECT.findall(head.group(2))
        positional: list[str] = []
        for i, word in enumerate(words):
            if word.startswith(">") or (i and words[i - 1].startswith(">")):
                continue
            if i and _OUTPUT_OPTION.match(words[i - 1]) and _PATH_ARGUMENT.match(word.strip("\"'")):
                outputs.append(word.strip("\"'"))
            elif not word.startswith("-") and not (i and words[i - 1].startswith("-")) \
                    and _PATH_ARGUMENT.match(word.strip("\"'")):
                positional.append(word.strip("\"'"))
        if len(positional) >= 2 and is_result_path(positional[-1]):
            outputs.append(positional[-1])
        if outputs:
            found.append(([head.group(1)], outputs, number))
    return found


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
            found += _ties(path, base, parse(text), programs)
        for path, text in script_texts(repo).items():  # run from the root, or from the script's own folder
            if ".py" in text:
                found += _ties(path, "", _run_script(text), programs, also=posixpath.dirname(path))
        return found
    return repo.shared("pipeline_writes", compute)


def _ties(path: str, base: str, parsed: list[tuple[list[str], list[str], int]], programs: set[str],
          also: str | None = None) -> list[tuple[str, str, str]]:
    found: list[tuple[str, str, str]] = []
    for scripts, outputs, line in parsed:
        for script in scripts:
            folder = base if posixpath.normpath(posixpath.join(base, script)) in programs or not also else also
            program = posixpath.normpath(posixpath.join(folder, script))
            if program not in programs:
                continue
            for output in outputs:
                target = re.sub(r"\{[^{}]*\}|\$[@*<%(][^\s/]*|\$\{?\w+\}?|%", "*", output)
                found.append((program, posixpath.normpath(posixpath.join(folder, target)), f"{path}:{line}"))
    return found
