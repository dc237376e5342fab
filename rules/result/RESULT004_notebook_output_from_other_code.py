"""RESULT004: a notebook cell's saved output cannot have come from its saved code."""
from __future__ import annotations

import ast
import json
import re

from hygiene.finding import Severity
from hygiene.parsing.cells import cell_scope
from hygiene.rule import Rule, invalid, valid

# Lines whose display IPython decides itself (magics, shell, help) and settings that make
# assignments display: either way the rule cannot tell what the cell shows.
_SPECIAL_LINE = re.compile(r"^\s*([%!]|\w[\w.]*\?)")
_DISPLAY_SETTING = re.compile(r"ast_node_interactivity")
# An object's default repr (`<module 'utils' from '/content/utils.py'>`, `<Figure size 640x480 with 1 Axes>`,
# `<torch._C.Generator at 0x7f...>`): it holds no value anyone could quote as a result.
_BARE_REPR = re.compile(r"^\s*<[^<>]*>\s*$")


def notebook(cells: list[dict]) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], **c} for c in cells]}, indent=1)


def result(text: str, count: int) -> dict:
    return {"output_type": "execute_result", "execution_count": count, "metadata": {},
            "data": {"text/plain": text}}


class NotebookOutputFromOtherCode(Rule):
    """
    ## What it does
    Finds a notebook cell whose saved output cannot come from its saved source: a displayed
    value (`Out[n]`) under a cell with no expression to display, or outputs under a cell whose
    source is now empty. A displayed value that is only an object's default repr (`<module 'utils'
    from '...'>` left by a reload commented out since, `<Figure size ...>`) holds no result and is
    left alone. Several such cells of one notebook are one habit and one finding, at the first,
    naming the others. Cells that keep an output under nothing but a prose prompt (`# Display the
    first 10 records of y_train`, or an empty cell), two or more in a notebook, are an exercise
    notebook whose solutions were removed on purpose: that is a checklist question, not a finding
    (held-out set 12: six findings on one such notebook, all false).

    Default: a checklist question, not a finding. On the first scans of held-out sets 4-15 (code
    nobody had tuned on) it gave 10 findings and none was a real problem (3 debatable, 7 false):
    the cell under a stale output is mostly a scratch line or an emptied cell the authors moved
    past, and whether a number quoted from it is wrong needs the run's history, which a saved
    notebook does not hold. No labelled case or real fixed bug needs it. It asks;
    `select = ["RESULT004"]` makes it report.

    ## Why is this bad?
    The cell was edited after it ran and the notebook was saved without running it again, so the
    value on screen, and anything quoted from it, belongs to code that no longer exists.

    ## Example
        # saved output: Out[7]: 0.913
        auprc = average_precision_score(y_hold, scores)

    Use instead:
        # re-run the cell (and the notebook) after editing it
        auprc = average_precision_score(y_hold, scores)
        auprc
    """
    code = "RESULT004"
    default = "question"
    category = "RESULT-STALE"
    severity = Severity.WARNING
    kinds = frozenset({"notebook"})
    message = ("cell {cell} shows a saved {shown} that its current source cannot produce ({why}): the output is "
               "from an earlier version of the cell{more}")
    question = "Which version of the code produced the output saved under {where}? Does re-running it give the same value?"
    examples = [
        invalid({"eval.ipynb": notebook([
            {"source": "import numpy as np", "execution_count": 1},
            {"source": "scores = model.predict_proba(X_hold)[:, 1]\nauprc = average_precision(y_hold, scores)",
             "execution_count": 2, "outputs": [result("0.913", 2)]},
        ])}, expect=[("eval.ipynb", 3, "RESULT004")]),
        invalid({"eval.ipynb": notebook([
            {"source": "", "execution_count": 4, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "AUROC 0.97\n"}]},
        ])}, expect=[("eval.ipynb", 1, "RESULT004")]),
        valid({"eval.ipynb": notebook([
            {"source": "", "execution_count": 3, "outputs": [
                {"output_type": "display_data", "metadata": {}, "data": {
                    "application/vnd.jupyter.widget-view+json": {"model_id": "a1d3", "version_major": 2},
                    "text/plain": "Downloading builder script:   0%|          | 0.00/5.67k"}},
                {"output_type": "stream", "name": "stderr", "text": "Map: 100%|##########| 500/500\n"}]},
        ])}, note="near miss: an emptied cell that kept a download progress bar shows no result"),
        valid({"eval.ipynb": notebook([
            {"source": "auprc = average_precision(y_hold, scores)\nauprc", "execution_count": 2,
             "outputs": [result("0.913", 2)]},
        ])}),
        valid({"eval.ipynb": notebook([
            {"source": "for k in ks:\n    run(k)\n%time fit()", "execution_count": 2,
             "outputs": [result("0.913", 2)]},
        ])}, note="near miss: a magic line displays its own result"),
        valid({"eval.ipynb": notebook([
            {"source": "from IPython.core.interactiveshell import InteractiveShell\n"
                       "InteractiveShell.ast_node_interactivity = 'last_expr_or_assign'", "execution_count": 1},
            {"source": "auprc = average_precision(y_hold, scores)", "execution_count": 2,
             "outputs": [result("0.913", 2)]},
        ])}, note="near miss: the notebook displays assignments"),
    ]

    examples += [
        valid({"sample.ipynb": notebook([
            {"source": "import utils\n# importlib.reload(utils)", "execution_count": 2,
             "outputs": [result("<module 'utils' from '/content/utils.py'>", 2)]},
        ])}, note="near miss (held-out 6): the stale output is a module's repr from a reload commented out "
                  "since: no value a result could be read from"),
        invalid({"sample.ipynb": notebook([
            {"source": "import utils\n# utils.evaluate(model)", "execution_count": 2,
             "outputs": [result("{'success_rate': 0.82}", 2)]},
        ])}, expect=[("sample.ipynb", 2, "RESULT004")], note="the twin: the stale output is a result"),
    ]

    examples += [
        invalid({"eval.ipynb": notebook([
            {"source": "auroc = roc_auc_score(y_hold, scores)", "execution_count": 2,
             "outputs": [result("0.874", 2)]},
            {"source": "auprc = average_precision(y_hold, scores)", "execution_count": 3,
             "outputs": [result("0.913", 3)]},
        ])}, expect=[("eval.ipynb", 1, "RESULT004")],
            note="two edited cells of one notebook: one finding, at the first, naming the second"),
        valid({"exercise.ipynb": notebook([
            {"source": "(X_train, y_train), (X_test, y_test) = mnist.load_data()", "execution_count": 1},
            {"source": "# Display the first 10 records of y_train\n", "execution_count": 2,
             "outputs": [result("array([5, 0, 4, 1, 9, 2, 1, 3, 1, 4], dtype=uint8)", 2)]},
            {"source": "# What is the dimension of X_train? What does that mean?", "execution_count": 3,
             "outputs": [result("(60000, 28, 28)", 3)]},
        ])}, note="near miss (held-out 12): an exercise notebook keeps the expected outputs under prompts "
                  "whose solutions were removed: a checklist question"),
        invalid({"eval.ipynb": notebook([
            {"source": "# acc = evaluate(model, test_loader)", "execution_count": 2,
             "outputs": [result("0.874", 2)]},
            {"source": "# f1 = f1_score(y_test, preds)", "execution_count": 3,
             "outputs": [result("0.812", 3)]},
        ])}, expect=[("eval.ipynb", 1, "RESULT004")],
            note="the twin: the comments are code commented out after it ran, not prompts"),
    ]

    def finish(self) -> None:
        nb = self.ctx.notebook
        if nb is None or any(_DISPLAY_SETTING.search(c.source) for c in nb.cells):
            return
        stale: list[tuple[object, int, dict]] = []  # (cell, line in the cell, fields)
        for cell in nb.cells:
            if cell.cell_type != "code" or not cell.outputs:
                continue
            kinds = {o.get("output_type") for o in cell.outputs}
            if not cell.source.strip():
                if any(_shows_something(o) for o in cell.outputs):
                    stale.append((cell, 1, {"shown": "output", "why": "the cell is empty"}))
                continue
            if not any(_holds_a_value(o) for o in cell.outputs if o.get("output_type") == "execute_result"):
                continue  # `importlib.reload(utils)` commented out, its `<module ...>` left on screen: no result
            if "execute_result" not in kinds or any(_SPECIAL_LINE.match(ln) for ln in cell.source.split("\n")):
                continue
            scope = cell_scope(cell)
            if scope.parsed and not scope.has_expression:
                stale.append((cell, len(cell.source.rstrip().split("\n")),
                               {"shown": "value (Out[...])", "why": "no statement in it is an expression to display"}))
        if not stale:
            return
        # One edited-and-not-rerun habit is one decision: one finding for the notebook, at its first cell.
        cell, line, fields = stale[0]
        others = [c.index for c, _, _ in stale[1:]]
        more = f"; {len(others)} more cell{'s' if len(others) > 1 else ''} likewise ({_cells(others)})" if others else ""
        prompts = [c.index for c, _, _ in stale if _prompt_only(c.source)]
        # Several cells that keep an output under a prose prompt and no code are an exercise
        # notebook with its solutions removed on purpose: a question, not a finding.
        ask = (f"cells {_cells(prompts)} hold only a prompt (a comment or nothing) over a kept output: "
               "an exercise notebook whose solutions were removed?") if len(prompts) >= 2 else None
        self.ctx.report_cell(type(self), cell.index, line,
                             snippet=f"<empty cell {cell.index}>" if not cell.source.strip() else None,
                             fields={"cell": cell.index, **fields, "more": more},
                             extra={"ask": ask} if ask else None)


def _cells(indexes: list[int]) -> str:
    named = ", ".join(str(i) for i in indexes[:6])
    return named + (f" and {len(indexes) - 6} more" if len(indexes) > 6 else "")


def _prompt_only(source: str) -> bool:
    """Empty, or only comments in prose (`# Display the first 10 records`), not code commented out."""
    for line in source.split("\n"):
        text = line.strip()
        if not text:
            continue
        if not text.startswith("#"):
            return False
        body = text.lstrip("#").strip()
        if body and _parses_as_code(body):
            return False
    return True


def _parses_as_code(text: str) -> bool:
    """`utils.evaluate(model)`, `acc = f(x)`: a commented-out statement, not a sentence."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return False
    # A single bare word parses as a name; prose of one word is no code either way.
    return not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr)
                and isinstance(tree.body[0].value, ast.Name))


def _holds_a_value(output: dict) -> bool:
    """A displayed value a result could be read from: not only object reprs (`<module ...>`)."""
    text = (output.get("data") or {}).get("text/plain", "")
    lines = [ln for ln in ("".join(text) if isinstance(text, list) else str(text)).splitlines() if ln.strip()]
    return not lines or not all(_BARE_REPR.match(ln) for ln in lines)


def _shows_something(output: dict) -> bool:
    """An output someone could read a result from: not a progress widget or stderr (tqdm, logs)."""
    kind = output.get("output_type")
    if kind == "stream":
        return output.get("name") != "stderr"
    if kind in ("execute_result", "display_data"):
        data = output.get("data") or {}
        return not any("widget-view" in key for key in data)
    return False
