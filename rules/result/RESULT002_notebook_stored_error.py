"""RESULT002: a notebook saved with an error traceback in a cell's output."""
from __future__ import annotations

import ast
import json
import re

from hygiene.finding import Severity
from hygiene.parsing.cells import cell_scope, output_text, reads_are_known
from hygiene.parsing.notebook import Cell, cell_python
from hygiene.rule import Rule, invalid, valid

# Where the failing line of the cell is named: IPython 8 ("Cell In[7], line 3"), older IPython
# ("----> 3 model.fit(...)") and the kernel's temporary file ("/tmp/ipykernel_42/123.py:3").
_CELL_LINE = re.compile(r"Cell In\s*\[\d*\],\s*line (\d+)|^-+>\s*(\d+)|ipykernel_\d+/\d+\.py:(\d+)", re.M)


def notebook(cells: list[dict], kernel: str = "") -> str:
    metadata = {"kernelspec": {"name": kernel, "display_name": kernel, "language": ""}} if kernel else {}
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": metadata, "cells": [
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], **c} for c in cells]}, indent=1)


def error_output(ename: str, evalue: str, trace: list[str]) -> dict:
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": trace}


SPARK_CELLS = [
    {"source": "%%configure -f\n{\"conf\": {\"spark.executor.cores\": 2}}", "execution_count": 1, "outputs": [
        {"output_type": "display_data", "data": {"text/plain": "Current session configs"}, "metadata": {}}]},
    {"source": "from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.master('local[*]').getOrCreate()",
     "execution_count": 3, "outputs": [error_output("ModuleNotFoundError", "No module named 'pyspark'", [
         "ModuleNotFoundError: No module named 'pyspark'", "----> 1 from pyspark.sql import SparkSession"])]},
    {"source": "spark", "execution_count": 4, "outputs": [
        {"output_type": "stream", "name": "stdout", "text": "<pyspark.sql.session.SparkSession object>\n"}]},
    {"source": "df = spark.read.parquet('train.parquet')\nprint(df.count())", "execution_count": 5, "outputs": [
        {"output_type": "stream", "name": "stdout", "text": "1000\n"}]},
]

_CRASH = re.compile(r"kernel (crashed|died|restarting)", re.I)
# An editor that stops a run at the first failure saves this on every cell it did not run: those
# cells never ran, so they are the first failure's consequence, not failures of their own.
_CANCELED = re.compile(r"cancell?ed due to an error in a previous cell", re.I)


def ran_after(cell: Cell, position: int, other: Cell, other_position: int) -> bool:
    """Whether `other` has outputs saved after `cell` ran: by execution count when both have one,
    else by place in the document."""
    if other is cell or not other.outputs:
        return False
    if cell.execution_count is not None and other.execution_count is not None:
        return other.execution_count > cell.execution_count
    return other_position > position


def _root(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def changed_names(cell: Cell, failed_at: int, modules: frozenset[str] = frozenset()) -> set[str] | None:
    """What a failing cell could have left half-done for later cells: the names its statements
    from the failing line on bind, and the objects they change (`model.fit(X)`, `df["y"] = ...`),
    but not a module a call goes through (`np.sum(arr)` changes no `np`); None when it cannot tell.
    A loop, an `if` or a `with` block binds what its statements bind, and may also change what it
    hands to a call (`train(model)`)."""
    scope = cell_scope(cell)
    if not scope.parsed or scope.dynamic:
        return None
    names: set[str] = set()
    for stmt in ast.parse(cell_python(cell.source)).body:
        if (stmt.end_lineno or stmt.lineno) < failed_at:
            continue  # ran before the failure
        names |= _bound(stmt, modules) - _comprehension_names(stmt)
        if isinstance(stmt, (ast.For, ast.AsyncFor, ast.While, ast.If, ast.With, ast.AsyncWith, ast.Try)):
            for node in ast.walk(stmt):
                if isinstance(node, ast.stmt):
                    names |= _bound(node, modules) - _comprehension_names(node)
                if isinstance(node, ast.Call) and not isinstance(node.func, ast.Attribute):
                    names |= {n.id for a in node.args if isinstance(a, ast.Name)
                              for n in [a] if n.id not in modules}
        elif not isinstance(stmt, (ast.Expr, ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef,
                                   ast.AsyncFunctionDef, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            return None
    names.discard("")
    return names


def _bound(stmt: ast.stmt, modules: frozenset[str]) -> set[str]:
    """The names one statement binds or deletes, and the objects it changes in place."""
    names = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)} \
        if not isinstance(stmt, (ast.For, ast.AsyncFor, ast.While, ast.If, ast.With, ast.AsyncWith, ast.Try)) \
        else {n.id for n in ast.walk(getattr(stmt, "target", None) or ast.Pass()) if isinstance(n, ast.Name)} \
        | {n.id for item in getattr(stmt, "items", ()) if item.optional_vars is not None
           for n in ast.walk(item.optional_vars) if isinstance(n, ast.Name)}
    names |= {a.asname or a.name.split(".")[0] for a in getattr(stmt, "names", ()) if hasattr(a, "asname")}
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        names.add(stmt.name)
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Attribute):
        root = _root(stmt.value.func) or ""
        if root not in modules:
            names.add(root)
    elif isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
        for target in getattr(stmt, "targets", None) or [stmt.target]:  # type: ignore[attr-defined]
            if isinstance(target, (ast.Attribute, ast.Subscript)):
                names.add(_root(target) or "")
    return names


def imported_modules(code: list[Cell]) -> frozenset[str]:
    """Names the notebook binds only by importing them from a package (`import numpy as np`,
    `from matplotlib import pyplot as plt`): modules and library objects, not the notebook's own
    state that a call can leave half-changed. A name also assigned somewhere may be an object."""
    imported: set[str] = set()
    other: set[str] = set()
    for cell in code:
        if not cell_scope(cell).parsed:
            continue
        for node in ast.walk(ast.parse(cell_python(cell.source))):
            if isinstance(node, ast.Import) or isinstance(node, ast.ImportFrom) and not node.level:
                imported |= {a.asname or a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                other |= {a.asname or a.name for a in node.names}
            elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                other.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                other.add(node.name)
    return frozenset(imported - other)


def later_reads(code: list[Cell], position: int, names: set[str]) -> bool:
    """Whether a cell after the failing one (in the document) shows an output (not an error) that depends on
    `names`, directly or through what it computed from them; a cell that binds a name again
    (the import or the assignment the author fixed) replaces it for the cells after it, and for
    its own statements after the binding."""
    tainted = set(names)
    for other in code[position + 1:]:
        scope = cell_scope(other)
        if not scope.parsed and not other.outputs:
            continue  # text that is not Python, saved without output: it shows nothing and binds nothing
        if not scope.parsed or scope.dynamic and not reads_are_known(other.source):
            return True
        used = _read_before_bound(other, scope, tainted)
        if used:
            if any(o.get("output_type") != "error" for o in other.outputs):
                return True  # a result shown (an error or a cancellation shows none)
            tainted |= scope.binds
        else:
            tainted -= scope.binds  # a star import's names are unknown: they replace nothing here
        if not tainted:
            return False
    return False


def _read_before_bound(cell: Cell, scope, tainted: set[str]) -> set[str]:  # type: ignore[no-untyped-def]
    """The names of `tainted` the cell reads before its own code binds them again
    (`df = pd.DataFrame(edges, columns=...)` then `df.insert(...)` reads the new `df`; a loop's
    body reads its own loop variable)."""
    used = {name for name, _ in scope.uses} & tainted
    if not used:
        return used
    try:
        body = ast.parse(cell_python(cell.source)).body
    except (SyntaxError, ValueError, RecursionError):
        return used
    read: set[str] = set()

    def reads(node: ast.AST | None, rebound: set[str]) -> None:
        if node is not None:
            local = _comprehension_names(node)
            read.update(n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
                        and n.id in used and n.id not in rebound and n.id not in local)

    def block(stmts: list[ast.stmt], outer: set[str]) -> None:
        rebound = set(outer)
        for stmt in stmts:
            if isinstance(stmt, (ast.For, ast.AsyncFor)):
                reads(stmt.iter, rebound)
                block(stmt.body, rebound | {n.id for n in ast.walk(stmt.target) if isinstance(n, ast.Name)})
                block(stmt.orelse, rebound)
            elif isinstance(stmt, (ast.While, ast.If)):
                reads(stmt.test, rebound)
                block(stmt.body, rebound)
                block(stmt.orelse, rebound)
            elif isinstance(stmt, (ast.With, ast.AsyncWith)):
                for item in stmt.items:
                    reads(item.context_expr, rebound)
                block(stmt.body, rebound | {n.id for item in stmt.items if item.optional_vars is not None
                                            for n in ast.walk(item.optional_vars) if isinstance(n, ast.Name)})
            elif isinstance(stmt, ast.Try):
                for part in (stmt.body, *[h.body for h in stmt.handlers], stmt.orelse, stmt.finalbody):
                    block(part, rebound)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                for node in [*stmt.decorator_list, *getattr(stmt, "bases", ())]:
                    reads(node, rebound)
                rebound.add(stmt.name)  # the body runs when called: a later statement's read
                read.update(n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
                            and n.id in used and n.id not in rebound)
            else:
                reads(stmt, rebound)
                if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and (not isinstance(stmt, ast.AnnAssign) or stmt.value):
                    for target in getattr(stmt, "targets", None) or [stmt.target]:  # type: ignore[attr-defined]
                        rebound |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)
                                    and isinstance(n.ctx, ast.Store)} if isinstance(target, (ast.Name, ast.Tuple, ast.List)) else set()
                elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
                    rebound |= {a.asname or a.name.split(".")[0] for a in stmt.names}

    block(body, set())
    return read


def _comprehension_names(node: ast.AST) -> set[str]:
    """Variables of the comprehensions inside `node`: local to them, not the notebook's names."""
    return {n.id for comp in ast.walk(node) if isinstance(comp, ast.comprehension)
            for n in ast.walk(comp.target) if isinstance(n, ast.Name)}


_ARROW = re.compile(r"^-+>\s*(?:<a [^>]*>)?\d+(?:</a>)?\s?(.*)$", re.M)


def failing_line(text: str, source: str) -> int:
    """The cell's line a traceback or warning names, else 1. When the traceback numbers lines of a
    file the cell ran in (VS Code's interactive window), the arrow line's code is found in the cell."""
    lines = source.split("\n")
    for match in _CELL_LINE.finditer(text):
        number = int(next(g for g in match.groups() if g))
        if 1 <= number <= len(lines):
            return number
    for match in _ARROW.finditer(text):
        code = match.group(1).strip()
        hits = [k for k, line in enumerate(lines, 1) if code and line.strip() == code]
        if len(hits) == 1:
            return hits[0]
    return 1


def clean_run(code: list[Cell]) -> bool:
    """Was the notebook saved from one run from a fresh kernel, every code cell once and in document
    order (execution counts 1, 2, 3, ... over the cells with code)? Then each output is what the
    saved code gives, an error's consequences included (an output that needed the failed work shows
    its own error)."""
    counts = [cell.execution_count for cell in code if cell.source.strip()]
    return bool(counts) and counts == list(range(1, len(counts) + 1))


class NotebookStoredError(Rule):
    """
    ## What it does
    Finds notebook cells whose saved output is an exception traceback (or a kernel crash) when
    another cell's saved output was produced after it. A failure that is the last thing that ran
    is left alone: every output saved with it came before it. So are cells an editor canceled
    after an earlier error (they never ran) and failures whose unfinished work no later output
    reads. A notebook saved from one clean run (every code cell executed once, in document order,
    from a fresh kernel: execution counts 1, 2, 3, ...) is left alone too: the outputs after an
    error are what the saved code gives when run from the top, so the error was shown on purpose
    (a tutorial's "this fails") or tolerated, and no output is stale. One finding per notebook, at
    the first failure, naming the other failed cells: one re-run from the top settles them all.
    A notebook whose outputs come from three or more kernel sessions (its execution counts start
    over twice) is a scratch pad rather than the record of a run: its stored errors are a
    checklist question. A `KeyboardInterrupt` of a loop that nothing in the cell ends (`while True:`
    without a `break`: a search left to run until stopped) is how that cell ends, not a failure; a
    later cell that binds a name again before reading it (a loop's own variable, an assignment
    first) does not read what the failed cell left. A later cell with a star import
    (`from fastai.vision.all import *`) is read like any other: only what it binds is unknown. Names
    the kernel itself defines (a PySpark kernel's `spark` and `sc`) are not left half-done by a
    cell that fails while making its own.

    Default: a checklist question, not a finding. On first scans of public repositories nobody had
    tuned on, it gave 46 findings and none was a real problem (3 debatable): a saved error is
    mostly an exploration the authors moved past, a tutorial's deliberate failure, or a harmless
    library message, and whether the numbers after it are stale needs the run's history, which a
    saved notebook does not hold. The refinements above leave one finding on the whole corpus,
    debatable, and no labelled case needs it. It asks; `select = ["RESULT002"]` makes it report.

    ## Why is this bad?
    A cell that failed did not produce what the cells after it read: their stored outputs, and
    any number quoted from the notebook, came from an earlier kernel state (a previous run of
    that cell, or a variable that was set by hand), not from the code as saved.

    ## Example
        # cell 4, saved output: KeyError: 'label'
        y = df["label"]

    Use instead:
        # fix the cell, then Restart & Run All and save the notebook with clean outputs
        y = df["target"]
    """
    code = "RESULT002"
    default = "question"
    category = "RESULT-SUSPECT"
    severity = Severity.WARNING
    kinds = frozenset({"notebook"})
    message = ("cell {cell} was saved with a `{error}` traceback in its output, so the outputs after it did not come "
               "from the saved code{more}")
    question = "Was the notebook re-run from the top after fixing the `{error}` at {where}? Which run produced the numbers below it?"
    examples = [
        invalid({"eval.ipynb": notebook([
            {"source": "import pandas as pd\ndf = pd.read_csv('x.csv')", "execution_count": 1},
            {"source": "y = df['label']\nprint(y.mean())", "execution_count": 2, "outputs": [error_output(
                "KeyError", "'label'", ["\x1b[0;31mKeyError\x1b[0m", "Cell \x1b[0;32mIn[2], line 1\x1b[0m",
                "\x1b[0;32m----> 1\x1b[0m y = df['label']"])]},
            {"source": "print(accuracy(y))", "execution_count": 7, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "0.91\n"}]},
        ])}, expect=[("eval.ipynb", 3, "RESULT002")], note="the cell after the failure ran again later (count 7)"),
        valid({"eval.ipynb": notebook([
            {"source": "from sklearn.metrics import rocauc", "execution_count": 1, "outputs": [error_output(
                "ImportError", "cannot import name 'rocauc'", ["ImportError: cannot import name 'rocauc'"])]},
            {"source": "from sklearn.metrics import roc_auc_score as rocauc", "execution_count": 2},
            {"source": "print(rocauc(y, p))", "execution_count": 3, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "0.88\n"}]},
        ])}, note="near miss: the failed import is replaced by the next cell before anything uses it"),
        valid({"errors.ipynb": notebook([
            {"source": "def ratio(a, b):\n    return a / b", "execution_count": 1},
            {"source": "ratio(1, 0)", "execution_count": 2, "outputs": [error_output(
                "ZeroDivisionError", "division by zero", ["ZeroDivisionError: division by zero"])]},
            {"source": "ratio(3, 4)", "execution_count": 3, "outputs": [
                {"output_type": "execute_result", "data": {"text/plain": "0.75"}, "metadata": {}}]},
        ])}, note="near miss: an error shown on purpose; the failing cell leaves nothing later cells read"),
        invalid({"train.ipynb": notebook([
            {"source": "model = make_model()", "execution_count": 1},
            {"source": "model.fit(X_train, y_train)", "execution_count": 2, "outputs": [error_output(
                "ValueError", "Input contains NaN", ["ValueError: Input contains NaN"])]},
            {"source": "preds = model.predict(X_test)", "execution_count": 5},
            {"source": "print(f1_score(y_test, preds))", "execution_count": 6, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "0.64\n"}]},
        ])}, expect=[("train.ipynb", 2, "RESULT002")],
            note="the failed fit changes the model that a later cell scores, through `preds`"),
        valid({"eval.ipynb": notebook([
            {"source": "try:\n    y = df['label']\nexcept KeyError as exc:\n    print('no label column:', exc)",
             "execution_count": 2, "outputs": [{"output_type": "stream", "name": "stdout",
                                                "text": "no label column: 'label'\n"}]},
        ])}, note="near miss: an error handled and printed is not a stored traceback"),
        invalid({"eval.ipynb": notebook([
            {"source": "y = df['label']", "execution_count": 5, "outputs": [error_output(
                "KeyError", "'label'", ["KeyError: 'label'"])]},
            {"source": "print(y.mean())", "execution_count": 4, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "0.52\n"}]},
            {"source": "print(len(y))", "execution_count": 6, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "400\n"}]},
        ])}, expect=[("eval.ipynb", 1, "RESULT002")], note="a cell that ran after the failure has an output"),
        valid({"eval.ipynb": notebook([
            {"source": "import pandas as pd\ndf = pd.read_csv('x.csv')", "execution_count": 1},
            {"source": "print(df.shape)", "execution_count": 2, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "(400, 3)\n"}]},
            {"source": "model.fit(X, y)", "execution_count": 3, "outputs": [error_output(
                "NameError", "name 'model' is not defined", ["NameError: name 'model' is not defined"])]},
            {"source": "print(model.score(X, y))", "execution_count": None},
        ])}, note="near miss: the failure is the last thing that ran; every saved output came before it"),
        valid({"steer.ipynb": notebook([
            {"source": "outputs = generate(prompts)", "execution_count": 67},
            {"source": "print(rate(outputs))", "execution_count": 68, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "rate: 54.0\n"},
                error_output("", "", ["\x1b[1;31mThe Kernel crashed while executing code in the the current "
                                      "cell or a previous cell."])]},
            {"source": "", "execution_count": None},
        ])}, note="near miss (representation-engineering): the editor saved a kernel crash after the last cell "
                  "printed its numbers"),
        valid({"intro.ipynb": notebook([
            {"source": "import numpy as np\narr = np.array([1, 'st', 3])", "execution_count": 1},
            {"source": "np.sum(arr)", "execution_count": 2, "outputs": [error_output(
                "TypeError", "cannot perform reduce with flexible type", ["TypeError: cannot perform reduce"])]},
            {"source": "arr = np.array([[1, 2], [3, 4]])\nnp.sum(arr)", "execution_count": 3, "outputs": [
                {"output_type": "execute_result", "data": {"text/plain": "10"}, "metadata": {}}]},
        ])}, note="near miss: a tutorial shows an error on purpose; a call through an imported module "
                  "(`np.sum`) leaves nothing half-changed for the cells after it"),
        valid({"primer.ipynb": notebook([
            {"source": "numbers = (1, 2, 3, 5)", "execution_count": 1},
            {"source": "numbers[2] = -2", "execution_count": 2, "outputs": [error_output(
                "TypeError", "'tuple' object does not support item assignment",
                ["TypeError: 'tuple' object does not support item assignment"])]},
            {"source": "numbers = numbers + (7,)\nprint(numbers)", "execution_count": 3, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "(1, 2, 3, 5, 7)\n"}]},
        ])}, note="near miss (a Python primer): an error shown on purpose in a notebook saved from one clean "
                  "run (counts 1, 2, 3 in order): the outputs after it are what the saved code gives"),
        invalid({"primer.ipynb": notebook([
            {"source": "numbers = [1, 2, 3, 5]", "execution_count": 1},
            {"source": "numbers[2] = compute()", "execution_count": 2, "outputs": [error_output(
                "ValueError", "bad input", ["ValueError: bad input"])]},
            {"source": "print(numbers)", "execution_count": 5, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "[1, 2, -2, 5]\n"}]},
        ])}, expect=[("primer.ipynb", 2, "RESULT002")],
            note="near miss of the primer: not one clean run (the print ran again later, count 5), so the printed list may come from an earlier run of the failing cell"),
        invalid({"sweep.ipynb": notebook([
            {"source": "model = load()", "execution_count": 1},
            {"source": "scores = evaluate(model, data)", "execution_count": 2, "outputs": [error_output(
                "RuntimeError", "CUDA out of memory", ["RuntimeError: CUDA out of memory"])]},
            {"source": "table = summarize(scores)", "execution_count": 3, "outputs": [error_output(
                "KeyError", "'acc'", ["KeyError: 'acc'"])]},
            {"source": "print(table)", "execution_count": 9, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "acc 0.71\n"}]},
        ])}, expect=[("sweep.ipynb", 2, "RESULT002")],
            note="two failed cells that later outputs read: one finding at the first, naming the other "
                 "(one re-run settles both)"),
        valid({"scratch.ipynb": notebook([
            {"source": "import plots\nshow = plots.show", "execution_count": 1},
            {"source": "x = compute()", "execution_count": 2, "outputs": [error_output(
                "ValueError", "bad shape", ["ValueError: bad shape"])]},
            {"source": "print(summary(x))", "execution_count": None, "outputs": [error_output(
                "", "", ["\x1b[1;31mCell was canceled due to an error in a previous cell."])]},
            {"source": "print(1 + 1)", "execution_count": 3, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "2\n"}]},
        ])}, note="near miss: the failing cell binds `x`, read only by a cell the editor canceled (it never "
                  "ran, so it is no failure of its own) whose output is no result"),
        valid({"explore.ipynb": notebook([
            {"source": "model = load()", "execution_count": 1},
            {"source": "scores = evaluate(model, data)", "execution_count": 2, "outputs": [error_output(
                "RuntimeError", "CUDA out of memory", ["RuntimeError: CUDA out of memory"])]},
            {"source": "print(scores)", "execution_count": 3, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "acc 0.71\n"}]},
            {"source": "probe = load_probe()", "execution_count": 1},
            {"source": "print(probe.weights)", "execution_count": 2},
            {"source": "plot(probe)", "execution_count": 1},
        ])}, note="near miss: outputs saved from three kernel sessions (the counts start over twice): a "
                  "scratch pad, so its stored error is a checklist question"),
        valid({"figure.ipynb": notebook([
            {"source": "import os\npath = os.path.join('ims', 'fig')\nshow(corr, path + '.png')\n"
                       "display(Image(path + '.png'))", "execution_count": 11, "outputs": [error_output(
                "NameError", "name 'Image' is not defined",
                ["\x1b[0;31mNameError\x1b[0m   Traceback (most recent call last)",
                 "\x1b[1;32m/root/repo/make_fig.py\x1b[0m in \x1b[0;36mline 5\n",
                 "---> <a href='file:///root/repo/make_fig.py?line=356'>357</a> display(Image(path + '.png'))",
                 "NameError: name 'Image' is not defined"])]},
            {"source": "from IPython.display import display, Image", "execution_count": 12},
            {"source": "display(Image(path + '.png'))", "execution_count": 13, "outputs": [
                {"output_type": "display_data", "data": {"text/plain": "<Image>"}, "metadata": {}}]},
        ])}, note="near miss: VS Code's interactive window numbers the lines of the file the cell ran "
                  "in; the arrow line's code is the cell's line 4, which binds nothing, and the missing import is added by the next cell"),
        valid({"balance.ipynb": notebook([
            {"source": "import numpy as np\njobs = load_jobs()", "execution_count": 4},
            {"source": "best, best_score = None, np.inf\nwhile True:\n    r = np.random.rand(len(jobs))\n"
                       "    score = spread(jobs, r)\n    if score < best_score:\n        best, best_score = r, score\n"
                       "        print(score)", "execution_count": 9, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "7120.0\n"},
                error_output("KeyboardInterrupt", "", ["KeyboardInterrupt: "])]},
            {"source": "parts = split(jobs, best)\nprint(parts)", "execution_count": 10, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "[[1, 4], [2, 3]]\n"}]},
        ])}, note="near miss (held-out 10): a `while True` search the author stops by hand; the interruption is "
                  "how the cell ends and the best so far is its result"),
        invalid({"train.ipynb": notebook([
            {"source": "model = make_model()", "execution_count": 4},
            {"source": "for epoch in range(100):\n    model.fit_epoch(X_train, y_train)", "execution_count": 9,
             "outputs": [error_output("KeyboardInterrupt", "", ["KeyboardInterrupt: "])]},
            {"source": "print(model.score(X_test, y_test))", "execution_count": 10, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "0.83\n"}]},
        ])}, expect=[("train.ipynb", 2, "RESULT002")],
            note="the twin: a training loop with an end of its own, interrupted, then scored"),
        valid({"figures.ipynb": notebook([
            {"source": "acc = load_accuracies()", "execution_count": 3},
            {"source": "for name in ['a', 'b']:\n    scores = acc[name + '_00'] - acc[name + '_20']\n"
                       "    best = scores.argmin()\n    plot(scores, best, title=title)", "execution_count": 64,
             "outputs": [error_output("NameError", "name 'title' is not defined", [
                 "NameError: name 'title' is not defined"])]},
            {"source": "for name in ['a', 'b']:\n    title = name + ' accuracy'\n    plot(acc, 0, title=title)",
             "execution_count": 97, "outputs": [{"output_type": "display_data", "data": {"text/plain": "<Figure>"},
                                                 "metadata": {}}]},
            {"source": "edges = pairs(acc)", "execution_count": 98},
            {"source": "df = table(edges)\ndf.insert(0, 'rank', df.index)\nprint(df)", "execution_count": 99,
             "outputs": [{"output_type": "stream", "name": "stdout", "text": "rank a b\n"}]},
        ])}, note="near miss (held-out 10): a failed plotting loop whose names the later cells bind again "
                  "before they read them (a loop's own variable, an assignment first)"),
        invalid({"figures.ipynb": notebook([
            {"source": "acc = load_accuracies()", "execution_count": 3},
            {"source": "for name in ['a', 'b']:\n    scores = acc[name + '_00'] - acc[name + '_20']\n"
                       "    plot(acc, scores.argmin(), title=title)", "execution_count": 64,
             "outputs": [error_output("NameError", "name 'title' is not defined", [
                 "NameError: name 'title' is not defined"])]},
            {"source": "print(scores.mean())", "execution_count": 97, "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "0.4\n"}]},
        ])}, expect=[("figures.ipynb", 2, "RESULT002")],
            note="the twin: a later cell prints what the failed loop left half-done"),
        valid({"analysis.ipynb": notebook([
            {"source": "import numpy as np\nimport pandas as pd", "execution_count": 1, "outputs": [
                error_output("RuntimeError", "module compiled against API version 0xe but this version of numpy is 0xd",
                             ["RuntimeError: module compiled against API version 0xe"]),
                {"output_type": "stream", "name": "stderr", "text": "RuntimeError: ...\n"},
                {"output_type": "stream", "name": "stdout", "text": "loaded\n"}]},
            {"source": "df = pd.DataFrame(np.ones((3, 2)))\nprint(df.mean().mean())", "execution_count": 2,
             "outputs": [{"output_type": "stream", "name": "stdout", "text": "1.0\n"}]},
        ])}, note="near miss (held-out 12): a non-fatal traceback followed by more output of the same cell: the cell went on"),
        valid({"learner.ipynb": notebook([
            {"source": "from fastai.vision.all import *", "execution_count": 1},
            {"source": "learn = vision_learner(dls, resnet34)\nlearn.fine_tune(1)", "execution_count": 2, "outputs": [
                error_output("RuntimeError", "CUDA out of memory", ["RuntimeError: CUDA out of memory",
                                                                  "----> 2 learn.fine_tune(1)"])]},
            {"source": "from sklearn.metrics import *\nprint(accuracy_score(y_saved, p_saved))", "execution_count": 5,
             "outputs": [{"output_type": "stream", "name": "stdout", "text": "0.91\n"}]},
        ])}, note="near miss (held-out 14): a later cell with a star import reads nothing the failed cell left; "
                  "only what a star import binds is unknown, not what the cell reads"),
        invalid({"learner.ipynb": notebook([
            {"source": "from fastai.vision.all import *", "execution_count": 1},
            {"source": "learn = vision_learner(dls, resnet34)\nlearn.fine_tune(1)", "execution_count": 2, "outputs": [
                error_output("RuntimeError", "CUDA out of memory", ["RuntimeError: CUDA out of memory",
                                                                  "----> 2 learn.fine_tune(1)"])]},
            {"source": "from sklearn.metrics import *\nprint(learn.validate())", "execution_count": 5,
             "outputs": [{"output_type": "stream", "name": "stdout", "text": "[0.31, 0.91]\n"}]},
        ])}, expect=[("learner.ipynb", 3, "RESULT002")],
            note="the twin: the star-import cell prints the half-trained learner"),
        valid({"spark.ipynb": notebook(SPARK_CELLS, kernel="pysparkkernel")},
              note="near miss (held-out 14): in a PySpark kernel, which starts a session as `spark`, a local-setup "
                   "alternative fails at its import; the later cells read the kernel's `spark`"),
        invalid({"spark.ipynb": notebook(SPARK_CELLS, kernel="python3")},
                expect=[("spark.ipynb", 3, "RESULT002")],
                note="the twin: in a Python kernel nothing but the failed cell makes `spark`"),
    ]

    def finish(self) -> None:
        nb = self.ctx.notebook
        if nb is None:
            return
        code = [cell for cell in nb.cells if cell.cell_type == "code"]
        if clean_run(code):
            return
        modules = imported_modules(code)
        failed: list[tuple[Cell, int, str]] = []
        for position, cell in enumerate(code):
            for at, output in enumerate(cell.outputs):
                if output.get("output_type") != "error":
                    continue
                if any(o.get("output_type") in ("stream", "execute_result", "display_data") for o in cell.outputs[at + 1:]):
                    continue  # the cell went on after it (a library's non-fatal traceback, held-out 12): it did not stop
                # Only outputs saved after the failure can have read its missing state.
                if not any(ran_after(cell, position, other, k) for k, other in enumerate(code)):
                    break
                # A failure whose unfinished work no later output reads (a demonstration of an
                # error, an import the next cell replaces) did not change what those outputs show.
                text = output_text(output)
                if _CANCELED.search(text):
                    break  # the cell never ran
                error = str(output.get("ename") or ("kernel crash" if _CRASH.search(text) else "error"))
                line = failing_line(text, cell.source)
                if error in ("SyntaxError", "IndentationError", "TabError"):
                    break  # nothing in the cell ran
                if error == "KeyboardInterrupt" and endless_loop(cell):
                    break  # stopping it by hand is how the cell ends: what it found so far is its result
                names = changed_names(cell, line, modules)
                if names is not None:
                    names -= kernel_names(nb.kernel)  # the kernel's own `spark`: a failed cell leaves it as it was
                if names is not None and not later_reads(code, position, names):
                    break
                failed.append((cell, line, error))
                break
        if not failed:
            return
        # One decision for the notebook (re-run it from the top, or clear it): one finding, at the
        # first failure, naming the others.
        cell, line, error = failed[0]
        others = [str(c.index) for c, _, _ in failed[1:]]
        more = ""
        if others:
            shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
            more = (f"; {len(others)} more cell{'s' if len(others) > 1 else ''} of this notebook ({shown}) "
                    f"{'were' if len(others) > 1 else 'was'} saved with errors too: one re-run from the top settles them")
        sessions = kernel_sessions(code)
        ask = (f"the notebook was saved from {sessions} kernel sessions (its execution counts start over "
               f"{sessions - 1} times): a scratch pad, not the record of one run") if sessions >= SCRATCH_SESSIONS else ""
        self.ctx.report_cell(type(self), cell.index, line, fields={"cell": cell.index, "error": error, "more": more},
                             extra={"ask": ask} if ask else None)


# Names a notebook's kernel defines before any cell runs: Spark kernels (sparkmagic's
# `pysparkkernel` on EMR or Livy, Synapse's `synapse_pyspark`, Glue's `glue_pyspark`) start a session
# as `spark` and `sc`. A cell that fails while making its own `spark` leaves the kernel's in place.
_SPARK_KERNEL_NAMES = frozenset({"spark", "sc", "sqlContext", "sqlCtx"})


def kernel_names(kernel: str) -> frozenset[str]:
    return _SPARK_KERNEL_NAMES if "pyspark" in kernel or "spark" in kernel and "python" not in kernel else frozenset()


def endless_loop(cell: Cell) -> bool:
    """The cell runs a loop that nothing in it ends (`while True:` without a `break` or `return`):
    a search left to run until the author interrupts it."""
    try:
        body = ast.parse(cell_python(cell.source)).body
    except (SyntaxError, ValueError, RecursionError):
        return False
    for stmt in body:
        if isinstance(stmt, ast.While) and isinstance(stmt.test, ast.Constant) and stmt.test.value:
            inner = [n for s in stmt.body for n in ast.walk(s)]
            if not any(isinstance(n, (ast.Break, ast.Return)) for n in inner):
                return True
    return False


# Two restarts or more: outputs of three sessions side by side are a scratch pad's, not one run's.
SCRATCH_SESSIONS = 3


def kernel_sessions(code: list[Cell]) -> int:
    """How many kernel sessions the saved outputs come from: execution counts start over (drop to a
    lower number) in document order once per restart."""
    counts = [c.execution_count for c in code if c.execution_count is not None]
    return 1 + sum(1 for a, b in zip(counts, counts[1:]) if b < a and b <= 2)
