"""What the repository's own run scripts pass a program for one of its command-line options.

`python -m eval.gsm.run_eval --save_dir $save_dir` in `eval_gsm8k.sh` (where `save_dir` is built
from the model's folder) says that every run writes into a folder of its own; `python
evaluate_from_api.py --output_dir eval_results` in one script per model says that every model writes
into the same folder. Which of the two a results file is (a run's folder named by its caller, or a
shared place) decides whether metrics saved without provenance can be traced back to their run.

Only shell scripts count (as in `hygiene.analysis.run_scripts`); a repository without them says nothing.
"""
from __future__ import annotations

import ast
import posixpath
import re
import shlex
from typing import TYPE_CHECKING

from hygiene.analysis.run_scripts import script_texts

if TYPE_CHECKING:
    from hygiene.context import RepoContext

_INVOCATION = re.compile(r"(?:-m\s+([\w.]+)|([\w./-]+\.py)\b)")


def _commands(repo: RepoContext) -> list[str]:
    """The logical lines (continuations joined) of the repository's tracked run scripts."""
    def compute() -> list[str]:
        lines: list[str] = []
        for text in script_texts(repo).values():
            lines += [ln for ln in re.sub(r"\\\r?\n", " ", text).splitlines() if ".py" in ln or "-m " in ln]
        return lines
    return repo.shared("launch_args.commands", compute)


def _launches(program: str, mention: str, module: bool) -> bool:
    """Does `python <mention>` (or `python -m <mention>`) run `program` (a path in the repository)?"""
    if module:
        return program.removesuffix(".py").endswith(mention.replace(".", "/")) and \
            program.removesuffix(".py").replace("/", ".").endswith(mention)
    mention = mention.removeprefix("./")
    return program == mention or program.endswith("/" + mention) or posixpath.basename(mention) == mention \
        and posixpath.basename(program) == mention


def option_values(repo: RepoContext, program: str, flags: set[str]) -> list[str]:
    """The values the run scripts pass `program` for any of `flags` (`--save_dir`), in script order."""
    return [value for command in invocations(repo, program, flags) for value in command.values()]


_VARIABLE = re.compile(r"\$\{?(\w+)")


_ASSIGNED = re.compile(r"(?m)^\s*(?:local\s+|export\s+)?(\w+)=(\S+)")


def _variables(repo: RepoContext, value: str) -> set[str]:
    """The shell variables `value` is built from, through the scripts' assignments (`_gen_wavdir="${_dir}/${dset}"`
    makes `${_gen_wavdir}` stand for `_dir` and `dset`)."""
    assigned = _assignments(repo)
    found, todo = set(), _VARIABLE.findall(value)
    while todo and len(found) < 64:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        todo += _VARIABLE.findall(assigned.get(name, ""))
    return found


def varies_with(repo: RepoContext, values: dict[str, str], flag: str, others: set[str]) -> bool:
    """In one invocation, does one of `others` get a value built from every shell variable of `flag`'s value
    (`--gen_wavdir "${_gen_wavdir}" --outdir "${_dir}/${dset}/MCD_res"`, `_gen_wavdir="${_dir}/${dset}"`)? Then a
    path named by that option changes whenever `flag` does."""
    wanted = {v for v in _variables(repo, values.get(flag, "")) if not _VARIABLE.search(_assignments(repo).get(v, ""))}
    return bool(wanted) and any(wanted <= _variables(repo, values.get(o, "")) for o in others)


def _assignments(repo: RepoContext) -> dict[str, str]:
    """Shell variable -> the value the run scripts assign it (the last assignment read)."""
    return repo.shared("launch_args.assigned", lambda: {name: value for text in script_texts(repo).values()
                                                        for name, value in _ASSIGNED.findall(text)})


def invocations(repo: RepoContext, program: str, flags: set[str]) -> list[dict[str, str]]:
    """Per command of the run scripts that launches `program`, the values it passes for `flags`."""
    found: list[dict[str, str]] = []
    for line in _commands(repo):
        for match in _INVOCATION.finditer(line):
            mention, module = (match.group(1), True) if match.group(1) else (match.group(2), False)
            if not _launches(program, mention, module):
                continue
            try:
                words = shlex.split(line[match.end():], comments=True, posix=True)
            except ValueError:
                words = line[match.end():].split()
            values: dict[str, str] = {}
            for i, word in enumerate(words):
                flag, _, inline = word.partition("=")
                if flag in flags:
                    values[flag] = inline or (words[i + 1] if i + 1 < len(words) else "")
            if values:
                found.append(values)
    return found


def named_per_run(values: list[str]) -> bool:
    """Every value is built from a shell variable (`$save_dir`, `results/${MODEL}`): each run names its own."""
    return bool(values) and all("$" in v for v in values)


def off_by_scripts(repo: RepoContext, path: str, line: int | None) -> bool:
    """Is `path`:`line` in a block that runs only under an opt-in option of the program's own parser
    (`if args.rand_order:` with `add_argument("--rand_order", action="store_true")`) while the run scripts
    launch `path` and none passes the option? Every reported run of the program then skips the block."""
    if line is None:
        return False
    options = [o for o in _opt_in_blocks(repo, path) if o[1] <= line <= o[2]]
    if not options:
        return False
    commands = [c for c in _commands(repo) if any(_launches(path, m.group(1) or m.group(2), bool(m.group(1)))
                                                   for m in _INVOCATION.finditer(c))]
    if not commands:
        return False
    # anywhere in a script, not only on the command (`FLAGS="--rand_order"; python run.py $FLAGS`)
    texts = list(script_texts(repo).values())
    return any(not any(re.search(rf"--{re.escape(spelling)}(?![\w-])", t) for t in texts
                       for spelling in {name, name.replace("_", "-")}) for name, _, _ in options)


_STORE_TRUE = re.compile(r"add_argument\(\s*['\"]--([\w-]+)['\"][^)]*?(?:store_true|default\s*=\s*False)")


def _opt_in_blocks(repo: RepoContext, path: str) -> list[tuple[str, int, int]]:
    """(option, first line, last line) of each `if <args>.<option>:` body (or an `and` of such tests) whose
    option the file declares off by default (`action="store_true"`, `default=False`)."""
    def compute() -> list[tuple[str, int, int]]:
        try:
            text = repo.read_bytes(path).decode("utf-8", errors="replace")
        except OSError:
            return []
        declared = {m.group(1).replace("-", "_") for m in _STORE_TRUE.finditer(text)}
        if not declared:
            return []
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            return []
        blocks = []
        for node in ast.walk(tree):
            if not isinstance(node, ast.If):
                continue
            tests = node.test.values if isinstance(node.test, ast.BoolOp) and isinstance(node.test.op, ast.And) \
                else [node.test]
            for test in tests:
                if isinstance(test, ast.Attribute) and isinstance(test.value, ast.Name) and test.attr in declared:
                    blocks.append((test.attr, node.body[0].lineno, node.body[-1].end_lineno or node.body[-1].lineno))
        return blocks
    return repo.shared(f"launch_args.opt_in:{path}", compute)
