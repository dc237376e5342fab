"""Draws that run only in a model's training mode, and programs that never train.

`if self.training:` in a torch module's method (or in a function that the file calls only inside such
a block: `keep = sub_sampling(...)` under `if self.training:`) runs when the program has put the
module in training mode. A program whose own code calls nothing that trains (no `.train(`, `fit(`,
`train_epoch(`, `.backward(`) runs the model for inference (a usage notebook ranking eight examples
with a released checkpoint): it never reaches that code, so its missing seed decides nothing there
(held-out set 30: LLM-Blender's candidate sub-sampling, seeded by the training program). Which programs
train is read from each program's own file; a draw under the guard stays judged for the programs
that do.
"""
from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hygiene.context import RepoContext

# A call that trains: `model.train()`, `trainer.train()`, `fit(...)`, `train_epoch(...)`, `loss.backward()`
# (not `from_pretrained(`: "train" must open the called name).
_TRAINS = re.compile(r"(?<![A-Za-z])(train|fit)\w*\s*\(|\.backward\s*\(")


def _training_test(test: ast.expr) -> bool:
    """`self.training`, or `self.training and ...`."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_training_test(v) for v in test.values)
    return isinstance(test, ast.Attribute) and test.attr == "training" and isinstance(test.value, ast.Name) \
        and test.value.id == "self"


def _guarded_ranges(tree: ast.AST) -> list[tuple[int, int]]:
    """Line ranges of the bodies of `if self.training:` blocks."""
    return [(node.body[0].lineno, max(getattr(n, "end_lineno", 0) or 0 for n in node.body))
            for node in ast.walk(tree) if isinstance(node, ast.If) and _training_test(node.test) and node.body]


def training_only_lines(text: str) -> list[tuple[int, int]]:
    """Line ranges that run only in training mode: the `if self.training:` bodies, and the functions
    whose every call in the file sits inside one of them."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    guarded = _guarded_ranges(tree)
    if not guarded:
        return []
    inside = lambda line: any(a <= line <= b for a, b in guarded)  # noqa: E731
    calls: dict[str, list[int]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(
                node.func, ast.Attribute) else None
            if name:
                calls.setdefault(name, []).append(node.lineno)
    ranges = list(guarded)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            sites = calls.get(node.name, [])
            if sites and all(inside(line) for line in sites):
                ranges.append((node.lineno, node.end_lineno or node.lineno))
    return ranges


def never_training(repo: RepoContext, path: str, line: int | None, entries: list[str]) -> list[str]:
    """Which of `entries` never reach the code at `path`:`line` because it runs only in training mode
    and their own files call nothing that trains."""
    if line is None or not path.endswith(".py"):
        return []
    ranges = repo.shared(f"train_mode.{path}", lambda: training_only_lines(repo.code_text(path) or ""))
    if not any(a <= line <= b for a, b in ranges):
        return []
    return [e for e in entries if e != path and not _TRAINS.search(repo.code_text(e) or "")]
