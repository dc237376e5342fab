"""RESULT001: a notebook cell uses a name that only a later cell defines."""
from __future__ import annotations

import ast
import json

from hygiene.finding import Location, Severity
from hygiene.parsing.cells import CellScope, cell_scope, is_predefined
from hygiene.rule import Rule, invalid, valid


def notebook(cells: list[tuple[str, int | None]]) -> str:
    """A small notebook for the examples: (source, execution count) per code cell."""
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "source": source, "execution_count": count, "metadata": {}, "outputs": []}
        for source, count in cells]}, indent=1)


class NotebookForwardReference(Rule):
    """
    ## What it does
    Finds a notebook cell that reads a name which no cell above it defines and a cell below it
    does, in a notebook that was run. Its saved outputs come from a kernel in which the later
    cell had already run. One finding per notebook, at the first such read of a cell that ran,
    naming the others (one re-order settles them); a read in a cell that was never run (no
    execution count, no output) produced no saved output and is a checklist question, as is a
    scratch cell that only looks at shapes, types or sizes (`x.shape, y.shape`, `len(x)`). A cell
    that shows a table's rows (`df.head()`) is not such a look: its saved table is content a reader
    reads, and it is reported (corpus8).

    ## Why is this bad?
    Restart & Run All stops with a NameError at that cell, so nobody can reproduce the stored
    outputs, and the numbers downstream were computed from a kernel state that the saved order
    does not describe (a cell run twice, a value from an older version of the later cell).

    ## Example
        # cell 1
        print(accuracy_score(y_test, model.predict(X_test)))
        # cell 2
        model = LogisticRegression().fit(X_train, y_train)

    Use instead:
        # cell 1
        model = LogisticRegression().fit(X_train, y_train)
        # cell 2
        print(accuracy_score(y_test, model.predict(X_test)))
    """
    code = "RESULT001"
    category = "RESULT-STALE"
    severity = Severity.WARNING
    kinds = frozenset({"notebook"})
    message = ("cell {cell} uses `{name}`, which only cell {later} below it defines: the notebook "
               "cannot run top to bottom, and its saved outputs came from a kernel state the saved order does not reproduce{more}")
    question = ("Which run produced the outputs of {where}, given that `{name}` was defined by cell {later} "
                "only after it? Do they survive Restart & Run All?")
    examples = [
        invalid({"analysis.ipynb": notebook([
            ("import pandas as pd\ndf = pd.read_csv('scores.csv')", 1),
            ("print(summary.mean())", 3),
            ("summary.plot()", 4),
            ("summary = df.groupby('model').acc.mean()", 2),
        ])}, expect=[("analysis.ipynb", 3, "RESULT001")], note="one finding per name, at its first early use"),
        valid({"analysis.ipynb": notebook([
            ("import pandas as pd\ndf = pd.read_csv('scores.csv')", 1),
            ("summary = df.groupby('model').acc.mean()", 2),
            ("print(summary.mean())", 3),
        ])}, note="defined above its use"),
        valid({"analysis.ipynb": notebook([
            ("def report():\n    print(summary.mean())", 1),
            ("summary = compute()", 2),
            ("report()", 3),
        ])}, note="near miss: a function body reads the global only when called, after the later cell ran"),
        valid({"analysis.ipynb": notebook([
            ("print(summary.mean())", None),
            ("summary = compute()", None),
        ])}, note="never run: nothing stored was produced out of order"),
        valid({"analysis.ipynb": notebook([
            ("%run prepare.py", 1),
            ("print(summary.mean())", 2),
            ("summary = compute()", 3),
        ])}, note="%run may define any name"),
        valid({"figure.ipynb": json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
            {"cell_type": "code", "source": "show(path)\ndisplay(Image(path))", "execution_count": 11,
             "metadata": {}, "outputs": [{"output_type": "error", "ename": "NameError",
                                          "evalue": "name 'Image' is not defined", "traceback": []}]},
            {"cell_type": "code", "source": "from IPython.display import Image", "execution_count": 12,
             "metadata": {}, "outputs": []},
        ]}, indent=1)}, note="near miss: the cell was saved with the NameError of that very name, so it ran in "
                              "the saved order and failed visibly (a stored error, RESULT002's concern)"),
        valid({"analysis.ipynb": notebook([
            ("rows = [r for r in range(3)]\nsquares = {k: k * k for k in rows}", 1),
            ("r = 0", 2),
        ])}, note="near miss: a comprehension variable is not the later global"),
        invalid({"figures.ipynb": notebook([
            ("import numpy as np", 1),
            ("x.save('digit.pdf')", 37),
            ("x = render(40144)", 36),
            ("ordered", 18),
            ("ordered = np.argsort(scores)", 19),
        ])}, expect=[("figures.ipynb", 2, "RESULT001")],
            note="two names read before their cells: one finding for the notebook (one re-order settles both)"),
        valid({"dict_compare.ipynb": notebook([
            ("import torch", 1),
            ("token_prep = torch.zeros(3)", 2),
            ("token_prep.unsqueeze(0).shape, tokens.shape", 27),
            ("tokens = load_tokens()\nprint(score(tokens))", 31),
        ])}, note="held-out 21: a scratch cell that only looks at shapes reads a name a later cell defines: a "
                  "checklist question, since nothing computed depends on it"),
        invalid({"dict_compare.ipynb": notebook([
            ("import torch", 1),
            ("print(score(tokens).mean())", 27),
            ("tokens = load_tokens()", 31),
        ])}, expect=[("dict_compare.ipynb", 2, "RESULT001")],
            note="near miss: the early cell prints a score computed from the later cell's value"),
        invalid({"songs.ipynb": notebook([
            ("import pandas as pd", 1),
            ("plays = pd.read_csv('plays.csv')", 2),
            ("catalogue.head()", 49),
            ("catalogue = pd.read_sql('select * from songs', con)\nsub = catalogue[catalogue.id.isin(plays.id)]", 47),
        ])}, expect=[("songs.ipynb", 3, "RESULT001")],
            note="corpus8: the early cell shows the rows of a table only a later cell loads (`.head()`): its saved "
                 "table came from a kernel state the saved order does not make, and Run All stops there; "
                 "rows shown are content, not a look at a shape (the question above)"),
        valid({"masks.ipynb": notebook([
            ("import numpy as np", 1),
            ("mask = np.zeros(len(errors), dtype=bool)", None),
            ("errors = np.load('errors.npy')", 18),
            ("print(errors.sum())", 19),
        ])}, note="near miss (held-out 10): the early read is in a cell never run (no count, no output): a "
                  "checklist question, since no saved output came from it"),
    ]

    def finish(self) -> None:
        nb = self.ctx.notebook
        if nb is None:
            return
        code_cells = [c for c in nb.cells if c.cell_type == "code"]
        if not any(c.execution_count is not None for c in code_cells):
            return
        scopes = [cell_scope(c) for c in code_cells]
        seen: set[str] = set()
        reported: set[str] = set()  # one entry per name: the first cell that reads it too early
        early: list[tuple[int, int, str, int]] = []  # (cell, line, name, the later cell that defines it)
        for position, scope in enumerate(scopes):
            if scope.dynamic or not scope.parsed:
                break  # from here on any name may exist, or we cannot tell
            for name, line in scope.uses:
                if name in seen or name in scope.binds or name in reported or is_predefined(name):
                    continue
                if _saved_name_error(code_cells[position].outputs, name):
                    continue  # the cell's own output shows the name was missing: it ran in the saved order
                later = _later_binder(scopes, position, name)
                if later is None:
                    continue
                reported.add(name)
                early.append((scope.index, line, name, later))
            seen |= scope.binds
        if not early:
            return
        # One decision for the notebook (put the cells in the order they run, then Restart & Run All):
        # one finding, at the first early read of a cell that ran, naming the others.
        ran = {c.index for c in code_cells if c.execution_count is not None or c.outputs}
        first = next((e for e in early if e[0] in ran), early[0])
        others = [e for e in early if e is not first]
        more = ""
        if others:
            shown = ", ".join(f"`{n}` in cell {c}" for c, _, n, _ in others[:4]) + (", ..." if len(others) > 4 else "")
            more = f"; {len(others)} more name{'s' if len(others) > 1 else ''} read before {'their cells' if len(others) > 1 else 'its cell'} ({shown}): one re-order settles them"
        cell, line, name, later = first
        sources = {c.index: c.source for c in code_cells}
        ask = "" if cell in ran else ("the cell was never run (no execution count, no output): no saved output "
                                      "came from it, but Restart & Run All stops there")
        if not ask and all(_inspects_only(sources.get(c, "")) for c, _, _, _ in early):
            ask = ("the cell only looks at shapes or types (`x.shape`, `len(x)`): nothing computed depends on it, "
                   "but Restart & Run All stops there")
        self.ctx.report_cell(type(self), cell, line, fields={"name": name, "cell": cell, "later": later, "more": more},
                             related=(Location(self.ctx.path, nb.doc_offsets.get(later), f"cell {later} defines `{name}`"),),
                             extra={"ask": ask} if ask else None)


_LOOKS = frozenset({"shape", "dtype", "dtypes", "ndim", "device", "columns", "index"})
# Not `head()` / `tail()`: they show a table's rows, content whose saved output a reader reads (corpus8).
_LOOKING_CALLS = frozenset({"len", "type", "keys", "info", "size", "dim"})


def _inspects_only(source: str) -> bool:
    """A scratch cell that only shows shapes, types or sizes (`token_prep.unsqueeze(0).shape, tokens.shape`)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False

    def look(e: ast.expr) -> bool:
        if isinstance(e, ast.Tuple):
            return bool(e.elts) and all(look(x) for x in e.elts)
        if isinstance(e, ast.Attribute):
            return e.attr in _LOOKS
        if isinstance(e, ast.Call):
            f = e.func
            return (isinstance(f, ast.Name) and f.id in _LOOKING_CALLS) or (isinstance(f, ast.Attribute) and f.attr in _LOOKING_CALLS) \
                or (isinstance(f, ast.Name) and f.id == "print" and bool(e.args) and all(look(a) for a in e.args))
        return False

    return bool(tree.body) and all(isinstance(st, ast.Expr) and look(st.value) for st in tree.body)


def _saved_name_error(outputs: list[dict], name: str) -> bool:
    """Whether the cell was saved with the NameError of `name` (so it did fail, in the saved order)."""
    return any(o.get("output_type") == "error" and o.get("ename") == "NameError"
               and f"'{name}'" in str(o.get("evalue", "")) for o in outputs)


def _later_binder(scopes: list[CellScope], position: int, name: str) -> int | None:
    for scope in scopes[position + 1:]:
        if not scope.parsed:
            return None
        if name in scope.binds:
            return scope.index
    return None
