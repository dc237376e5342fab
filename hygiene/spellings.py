"""The spellings each rule is tested on: its examples sorted by how the code is written.

Issue 11 asks every rule to describe the bug, not one spelling of it: sync and async code, module
level, functions, classes and dataclasses, notebook cells, code split across modules, and each
library a researcher uses. A rule's `examples` are the evidence (each runs as a test, see
tests/test_rule_examples.py); this module reads them and tags every example with the spellings its
code shows, so `docs/spellings.md` can say, per rule, which spellings have a flagged example and a
clean near miss, and which have none. The tags come from the code (its syntax tree and imports),
never from the example's note, so the table cannot say more than the examples test.
"""
from __future__ import annotations

import ast
import json
from collections import Counter
from typing import Iterable

from hygiene.rule import Example, Rule

# How code is organised: in this order in the table.
SHAPES = ("module level", "function", "class", "dataclass", "async", "notebook", "across modules",
          "config or data file", "git history")
# Libraries, by the top-level module an example imports: in this order in the table.
LIBRARIES = {
    "numpy": "numpy", "pandas": "pandas", "polars": "polars", "sklearn": "scikit-learn", "scipy": "scipy",
    "statsmodels": "statsmodels", "torch": "torch", "lightning": "lightning", "pytorch_lightning": "lightning",
    "jax": "jax", "flax": "jax", "optax": "jax", "tensorflow": "tensorflow/keras", "keras": "tensorflow/keras",
    "lightgbm": "lightgbm", "xgboost": "xgboost", "transformers": "transformers", "datasets": "datasets",
    "vllm": "vllm", "openai": "openai", "anthropic": "anthropic", "inspect_ai": "inspect_ai",
    "random": "random (stdlib)", "asyncio": "asyncio",
}
CODE_SUFFIXES = (".py", ".ipynb")


def _sources(example: Example) -> list[str]:
    """The Python code of an example's files (a notebook's code cells joined)."""
    out = []
    for path, text in example.files.items():
        if path.endswith(".py"):
            out.append(text)
        elif path.endswith(".ipynb"):
            try:
                cells = json.loads(text).get("cells", [])
            except (ValueError, AttributeError):
                continue
            out.append("\n".join("".join(c.get("source", "")) if isinstance(c.get("source"), list)
                                 else str(c.get("source", "")) for c in cells if c.get("cell_type") == "code"))
    return out


def _tree(code: str) -> ast.Module | None:
    try:
        return ast.parse(code)
    except (SyntaxError, ValueError):
        return None


def tags(example: Example) -> set[str]:
    """The spellings an example's code shows: shapes from SHAPES and libraries from LIBRARIES."""
    found: set[str] = set()
    paths = list(example.files)
    if any(p.endswith(".ipynb") for p in paths):
        found.add("notebook")
    if sum(p.endswith(CODE_SUFFIXES) for p in paths) >= 2:
        found.add("across modules")
    if any(not p.endswith(CODE_SUFFIXES) for p in paths):
        found.add("config or data file")
    if example.history:
        found.add("git history")
    for code in _sources(example):
        tree = _tree(code)
        if tree is None:
            continue
        if any(not isinstance(s, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
               and not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)) for s in tree.body):
            found.add("module level")
        for node in ast.walk(tree):
            if isinstance(node, (ast.AsyncFunctionDef, ast.Await, ast.AsyncFor, ast.AsyncWith)):
                found.add("async")
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.add("function")
            elif isinstance(node, ast.ClassDef):
                found.add("class")
                if any("dataclass" in ast.unparse(d) for d in node.decorator_list):
                    found.add("dataclass")
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                found.update(LIBRARIES[n.split(".")[0]] for n in names
                             if n.split(".")[0] in LIBRARIES and not (isinstance(node, ast.ImportFrom) and node.level))
    return found


def table(rule: type[Rule]) -> dict[str, tuple[int, int]]:
    """{spelling: (flagged examples, clean examples)} for every spelling the rule's examples show."""
    flagged: Counter = Counter()
    clean: Counter = Counter()
    for example in rule.examples:
        (clean if example.valid else flagged).update(tags(example))
    order = list(SHAPES) + sorted(set(LIBRARIES.values()))
    return {s: (flagged[s], clean[s]) for s in order if flagged[s] or clean[s]}


def paired(rows: dict[str, tuple[int, int]]) -> int:
    """Spellings with both a flagged example and a clean near miss."""
    return sum(1 for bad, ok in rows.values() if bad and ok)


def spellings_page(rules: Iterable[type[Rule]]) -> str:
    """docs/spellings.md: per rule, each spelling with its flagged and clean example counts."""
    rules = list(rules)
    tables = {r.code: table(r) for r in rules}
    cells = sum(len(t) for t in tables.values())
    pairs = sum(paired(t) for t in tables.values())
    lines = ["# Spellings each rule is tested on", "",
             "<!-- generated by `python -m hygiene.docs` from the rules' examples; do not edit -->", "",
             "Every rule's examples run as tests (`tests/test_rule_examples.py`): flagged ones must give the "
             "rule's finding on the marked line, clean ones (near misses) must give none. Each example is "
             "tagged here by how its code is written (from its syntax tree and imports, `hygiene/spellings.py`). "
             "A spelling with flagged examples and no clean one has no near miss yet; a spelling a rule "
             "should meet and that is missing here is untested. More cases, in whole repositories, are under "
             "`tests/cases/` and `tests/probe*/`.", "",
             f"{len(rules)} rules; {sum(len(r.examples) for r in rules)} examples; {cells} rule-spelling cells, "
             f"{pairs} of them with both a flagged example and a clean near miss.", ""]
    for rule in rules:
        rows = tables[rule.code]
        lines += [f"## [{rule.code}](rules/{rule.code}.md)", "",
                  f"{sum(not e.valid for e in rule.examples)} flagged, {sum(e.valid for e in rule.examples)} clean; "
                  f"{paired(rows)} of {len(rows)} spellings paired.", "",
                  "| Spelling | Flagged | Clean |", "|---|---:|---:|"]
        lines += [f"| {s} | {bad} | {ok} |" for s, (bad, ok) in rows.items()]
        lines.append("")
    return "\n".join(lines)
