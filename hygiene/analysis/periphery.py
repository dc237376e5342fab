"""Code at the edge of a repository: a finding there is a checklist question, not a finding.

Two kinds of code produce no number a researcher reports, whatever a rule sees in them:

- **a test suite** (a file under `tests/`, `test/` or `testing/` that tests: named `test_*.py`,
  defining tests or importing a test framework; or a `conftest.py`): it checks code with made-up
  inputs. A file merely named `test_*.py` or `test.py` outside such a folder is
  not taken for one: in research repositories that is often the script that evaluates on the test
  set;
- **a definition nothing refers to in a module that is used**: a top-level function or class of
  a Python file that other files import, whose name occurs nowhere else in the repository's code,
  notebooks, configs or scripts (nor inside the definition's own body), and that carries no
  decorator (a decorator may register it under another name). Configs and launch scripts count even
  though a scan reads none of them as input (an evaluation harness's task YAML names its functions:
  `doc_to_text: !function utils.realworldqa_doc_to_text`). The module is live and this part of
  it is not: a model class kept from an earlier version, a metric helper no task uses. What it
  would compute is reported nowhere. A name that occurs only on comment lines of code (`# f(x)`, a call
  commented out) is not referred to. The public names of an installable package are left alone:
  users call them from outside. A module nothing imports is left alone: a small repository's
  one module, a scorer a framework loads by path, a library's API are used from outside.

The finding keeps its text and moves to the checklist with the reason (`extra["ask"]`); a rule named
in `select` makes it a finding again, as for every question.
"""
from __future__ import annotations

import ast
import bisect
import dataclasses
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from hygiene.finding import Finding, Severity

# The key of `Finding.extra` that says this module, not the rule, made the finding a question.
PERIPHERY = "periphery"
_TEST_DIRS = frozenset({"tests", "test", "testing"})
# Files whose text can name a definition that runs: code, notebooks, configs, launch scripts.
_REFERRING = (".py", ".ipynb", ".yaml", ".yml", ".json", ".toml", ".cfg", ".ini", ".sh", ".txt", ".md", ".jsonnet")
_LARGEST = 4_000_000  # bytes: a larger code file or notebook is generated or holds data
_LARGEST_OTHER = 1_000_000  # a larger config, text or JSON file is data, not something that names code


def in_test_suite(path: str) -> bool:
    """`tests/test_metrics.py`, `pkg/testing/fixtures.py`, `conftest.py`; not `test.py` or
    `test_model.py` at the top of a research repository."""
    parts = path.split("/")
    return parts[-1] == "conftest.py" or any(p in _TEST_DIRS for p in parts[:-1])


_TESTS_IN_TEXT = re.compile(r"^\s*(def test|async def test|class Test)|^\s*(import|from) (pytest|unittest|hypothesis)\b", re.M)


def is_test_code(root: Path, path: str) -> bool:
    """A file of a test suite that tests: a `test_*.py`, `*_test.py` or `conftest.py` there, or one
    that defines tests or imports a test framework. Other code in a `tests/` folder (an
    evaluation's prompts and graders kept there: open_deep_research's `tests/prompts.py`, whose
    unfilled grader prompt its authors fixed) is research code like any other."""
    if not in_test_suite(path):
        return False
    name = path.rsplit("/", 1)[-1]
    if name == "conftest.py" or name.startswith("test_") or name.endswith("_test.py"):
        return True
    try:
        return bool(_TESTS_IN_TEXT.search((root / path).read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return False


def _definitions(root: Path, findings: list[Finding], memo: Any = None) -> dict[tuple[str, int], tuple[str, int, int]]:
    """(path, line) of each finding inside an undecorated top-level definition of a Python file ->
    (its name, first line, last line). `memo` (`hygiene.cache.finalise.ReferenceMemo`) keeps each
    scanned file's top-level definitions by its content digest."""
    wanted: dict[str, set[int]] = {}
    for f in findings:
        if f.path.endswith(".py") and f.line and not f.extra.get("ask"):
            wanted.setdefault(f.path, set()).add(f.line)
    found: dict[tuple[str, int], tuple[str, int, int]] = {}
    for path, lines in wanted.items():
        tops = memo.definitions(path) if memo is not None else None
        if tops is None:
            try:
                tree = ast.parse((root / path).read_bytes())
            except (OSError, SyntaxError, ValueError):
                continue
            tops = top_level_definitions(tree)
            if memo is not None:
                memo.keep_definitions(path, tops)
        library = _library_module(root, path)
        for line in lines:
            node = next((t for t in tops if t[1] <= line <= t[2]), None)
            if node is not None and not node[3] and not (library and not node[0].startswith("_")):
                found[(path, line)] = (node[0], node[1], node[2])
    return found


def top_level_definitions(tree: ast.Module) -> list[tuple[str, int, int, bool]]:
    """(name, first line, last line, decorated) of each top-level function and class, in order (a
    line is in the first that spans it)."""
    return [(node.name, node.lineno, node.end_lineno or node.lineno, bool(node.decorator_list)) for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]


def _library_module(root: Path, path: str) -> bool:
    """A module of an installable package (its folder has `__init__.py`, the repository a `setup.py`,
    `pyproject.toml` or `setup.cfg`): its public names are for users, who call them from outside
    (spotlight's `sequence_precision_recall_score`, whose default cut-off its authors fixed)."""
    folder = (root / path).parent
    try:
        return (folder / "__init__.py").is_file() and any((root / n).is_file() for n in ("setup.py", "pyproject.toml", "setup.cfg"))
    except OSError:
        return False


def _module(path: str) -> str:
    """The last part of the name a file is imported by: `pkg/model.py` -> `model`, `pkg/__init__.py` -> `pkg`."""
    parts = path[: -len(".py")].split("/")
    return parts[-2] if parts[-1] == "__init__" and len(parts) > 1 else parts[-1]


def _referenced(root: Path, paths: Iterable[str], spans: dict[str, dict[str, list[tuple[int, int]]]],
                modules: set[str], memo: Any = None) -> tuple[set[str], set[str]]:
    """(the names of `spans` (name -> path -> the lines of its definitions) that occur in some file
    of `paths` outside their own definitions, the `modules` some file imports). `memo`
    (`hygiene.cache.finalise.ReferenceMemo`) answers for a scanned file whose content digest it
    knows the answer for: which names occur in it (a name whose definition is in the file is
    always searched again: its lines matter), and which modules it imports for the same set of
    modules asked (one expression searches for them all, and its matches depend on the set)."""
    names = set(spans)
    pattern = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, names))) + r")\b")
    alternatives = "|".join(sorted(map(re.escape, modules)))
    importing = re.compile(rf"\bfrom\s+[\w.]*?\b({alternatives})\s+import\b|\bimport\s+[\w., ]*?\b({alternatives})\b")
    seen: set[str] = set()
    imported: set[str] = set()
    for path in paths:
        if len(seen) == len(names):  # every name is used: whether its module is imported no longer matters
            break
        if not path.endswith(_REFERRING):
            continue
        asked = names - seen
        known = memo.references(path) if memo is not None else None
        if known is not None:
            answer = _remembered(known, path, asked, spans, alternatives)
            if answer is not None:
                seen |= answer[0]
                imported |= answer[1]
                continue
        try:
            file = root / path
            if file.stat().st_size > (_LARGEST if path.endswith((".py", ".ipynb")) else _LARGEST_OTHER):
                if known is not None:  # the size is the content's: the same digest, the same skip
                    known["skip"] = True
                    memo.changed = True
                continue
            text = file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found_modules = _imports(text, path, modules, importing)
        found_names = _occurring(text, path, asked, spans, pattern)
        imported |= found_modules
        seen |= found_names
        if known is not None:
            known["m"][alternatives] = sorted(found_modules)
            known["n"].update((name, name in found_names) for name in asked if not spans[name].get(path))
            memo.changed = True
    return seen, imported


def _remembered(known: dict, path: str, asked: set[str], spans: dict[str, dict[str, list[tuple[int, int]]]],
                alternatives: str) -> tuple[set[str], set[str]] | None:
    """What `known` (a file's entry of the memo) answers for `asked` and the modules of `alternatives`;
    None when it cannot answer for all of them."""
    if known.get("skip"):
        return set(), set()
    modules = known["m"].get(alternatives)
    answers = known["n"]
    if modules is None or any(spans[name].get(path) or name not in answers for name in asked):
        return None
    return {name for name in asked if answers[name]}, set(modules)


def _imports(text: str, path: str, modules: set[str], importing: re.Pattern) -> set[str]:
    """The `modules` that an import statement of `text` names (a module's own file does not import it)."""
    imported: set[str] = set()
    # A match is the text of a name or module: a plain substring test first (in C, about a
    # hundredth of the regular expressions' time) skips the files naming none of them, as
    # most of a large tree's do (a warm scan of transformers' 2,912 files spent most of its
    # time here).
    for named in modules:
        # The import statements are searched only around each place the module's name occurs
        # (its line and the one before: `import\n    pkg` ends there), found by `str.find` in C: the
        # expression over the whole text tried every position of 800 files of transformers (0.5 s
        # of an edited `--focus`).
        at = text.find(named)
        while at != -1:
            begin = text.rfind("\n", 0, max(text.rfind("\n", 0, at), 0)) + 1
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            for match in importing.finditer(text, begin, end):
                module = match.group(1) or match.group(2)
                if module != _module(path) or not path.endswith(".py"):
                    imported.add(module)
            at = text.find(named, end)
    return imported


def _occurring(text: str, path: str, asked: set[str], spans: dict[str, dict[str, list[tuple[int, int]]]],
               pattern: re.Pattern) -> set[str]:
    """The names of `asked` that occur in `text` outside their own definitions and comment lines."""
    found: set[str] = set()
    if not any(name in text for name in asked):
        return found
    starts = None
    for match in pattern.finditer(text):
        name = match.group(0)
        if name in found or name not in asked:
            continue
        own = spans[name].get(path)
        if own:
            if starts is None:
                starts = [m.start() for m in re.finditer("\n", text)]
            line = _line_of(starts, match.start())
            if any(first <= line <= last for first, last in own):
                continue
        if path.endswith(".py") and text[text.rfind("\n", 0, match.start()) + 1:match.start()].lstrip().startswith("#"):
            continue  # `# spectral_filter_stats(graphs)`: a call commented out runs nothing
        found.add(name)
    return found


# Configs and launch scripts a scan does not read as inputs, which still name the code that runs:
# an evaluation harness's task YAML (`doc_to_text: !function utils.realworldqa_doc_to_text`), a
# Hydra config's `_target_`, a shell script's `python -m pkg.train`.
_CONFIG_SUFFIXES = (".yaml", ".yml", ".toml", ".cfg", ".ini", ".sh", ".jsonnet")
_SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "site-packages", "venv", "env", "build", "dist"})
_MOST_CONFIGS = 5_000


def _config_files(root: Path) -> list[str]:
    """The config and launch-script files under `root` (relative paths), hidden and environment
    folders left out; at most `_MOST_CONFIGS`."""
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIPPED_DIRS)
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        for name in sorted(filenames):
            if name.endswith(_CONFIG_SUFFIXES):
                found.append(name if rel_dir == "." else f"{rel_dir}/{name}")
                if len(found) >= _MOST_CONFIGS:
                    return found
    return found


def _line_of(newlines: list[int], offset: int) -> int:
    return bisect.bisect_left(newlines, offset) + 1


def mark(findings: list[Finding], root: Path, paths: Iterable[str] | None,
         wanted: Callable[[Finding], bool] | None = None, repo: Any = None) -> list[Finding]:
    """`findings` with those in a test suite or in a definition nothing refers to marked as
    questions (`extra["ask"]` says why). `paths` are every file the scan read; None when it read
    part of the tree, which cannot tell that nothing refers to a definition. `repo`, the scan's
    `RepoContext` when it has a cache: what the last scans found in the files unchanged since is
    not searched again (`hygiene.cache.finalise.ReferenceMemo`)."""
    from hygiene.cache.finalise import ReferenceMemo

    memo = ReferenceMemo.of(repo, repo.results) if repo is not None else None
    try:
        return _mark(findings, root, paths, wanted, memo)
    finally:
        if memo is not None:
            memo.save()


def _mark(findings: list[Finding], root: Path, paths: Iterable[str] | None,
          wanted: Callable[[Finding], bool] | None, memo: Any) -> list[Finding]:
    out = []
    for f in findings:
        if not f.extra.get("ask") and f.path != "." and is_test_code(root, f.path):
            # An optional question (info): a test suite's numbers are nobody's result (held-out 20 read
            # its required questions as checklist noise).
            f = dataclasses.replace(f, severity=min(f.severity, Severity.INFO),
                                    extra={**f.extra, "ask": "it is in a test suite, which checks code with made-up inputs",
                                           PERIPHERY: True})
        out.append(f)
    candidates = [f for f in out if wanted is None or wanted(f)]  # `--focus` reports only these
    definitions = _definitions(root, candidates, memo) if paths is not None else {}
    if not definitions:
        return out
    spans: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for (path, _), (name, first, last) in definitions.items():
        spans.setdefault(name, {}).setdefault(path, []).append((first, last))
    modules = {_module(path) for path, _ in definitions}
    used, imported = _referenced(root, [*(paths or ()), *_config_files(root)], spans, modules, memo)
    marked = []
    for f in out:
        definition = definitions.get((f.path, f.line)) if f.line else None
        if definition is not None and definition[0] not in used and _module(f.path) in imported:
            reason = f"nothing in the repository refers to `{definition[0]}`, so no reported number comes from it"
            f = dataclasses.replace(f, extra={**f.extra, "ask": reason, PERIPHERY: True})
        marked.append(f)
    return marked
