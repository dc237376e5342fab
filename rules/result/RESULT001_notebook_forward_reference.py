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
    reads, and it is reported (corpus8). So is a name whose every early read only makes text (a
    figure's title or label, a file name built for `print`) or sits in a scratch line of constants
    whose value nothing keeps (`np.arange(0, 3)` before the import): no number depends on it (corpus9).

    Precision: corpus9 (the rules of 557476f2) judged 11 findings, 8 real / 3 debatable / 0 false
    (0.73); the three debatable were a name that only set subplot titles, a printed file name and a
    scratch line of constants, now checklist questions (8 / 1 / 0 on the same repositories when the
    scratch line's shape holds: see benchmarks/README.md, precision18).

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
        valid({"losses.ipynb": notebook([
            ("import matplotlib.pyplot as plt\ncurves = load_curves()", 1),
            ("fig, axes = plt.subplots(1, 3)\nfor j, ax in enumerate(axes):\n    ax.plot(curves[j])\n"
             "    ax.set_title(panel_names[j])", 9),
            ("panel_names = ['a', 'b', 'c']", 10),
        ])}, note="corpus9 (a figure notebook): the early name only sets the panels' titles: a checklist question"),
        invalid({"losses.ipynb": notebook([
            ("import matplotlib.pyplot as plt", 1),
            ("fig, axes = plt.subplots(1, 3)\nfor j, ax in enumerate(axes):\n    ax.plot(curves[j])\n"
             "    ax.set_title(panel_names[j])", 9),
            ("curves = load_curves()\npanel_names = ['a', 'b', 'c']", 10),
        ])}, expect=[("losses.ipynb", 4, "RESULT001")],
            note="near miss: the curves drawn are read before their cell too"),
        valid({"weights.ipynb": notebook([
            ("import numpy as np\nout_dir = 'runs'", 1),
            ("print(out_dir + '/weights_' + tag + '.npy')", 12),
            ("tag = 'kfac'\nnp.save(out_dir + '/weights_' + tag + '.npy', np.zeros(3))", 11),
        ])}, note="corpus9: the early name only builds a printed file name: a checklist question"),
        invalid({"weights.ipynb": notebook([
            ("import numpy as np\nout_dir = 'runs'", 1),
            ("w = np.load(out_dir + '/weights_' + tag + '.npy')\nprint(w.mean())", 12),
            ("tag = 'kfac'\nnp.save(out_dir + '/weights_' + tag + '.npy', np.zeros(3))", 11),
        ])}, expect=[("weights.ipynb", 3, "RESULT001")],
            note="near miss: the same file name built before its cell is loaded, and a number printed from it"),
        valid({"features.ipynb": notebook([
            ("np.arange(0, 3)", 20),
            ("import numpy as np\nimport pandas as pd", 21),
            ("frame = pd.DataFrame(np.eye(3))", 22),
        ])}, note="corpus9: a scratch line of constants before the import, whose value nothing keeps: a question"),
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
        if not ask and all(_text_only(sources.get(c, ""), n) for c, _, n, _ in early):
            ask = ("the early name only labels a figure or a printed file name, or sits in a scratch line of constants "
                   "whose value nothing keeps: no number depends on it, but Restart & Run All stops there")
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


# Calls that put text on a figure: what they are given labels it, and no number depends on it.
_LABELLING = frozenset({"set_title", "title", "suptitle", "set_xlabel", "set_ylabel", "xlabel", "ylabel", "set_label",
                        "legend", "text", "annotate", "set_xticklabels", "set_yticklabels"})


def _text_only(source: str, name: str) -> bool:
    """Every read of `name` in the cell makes text and nothing else (corpus9: 2 of RESULT001's 3 debatable
    verdicts): an argument of a call that labels a figure (`ax.set_title(task_names[j])`), a string built for
    `print` (`print(out_dir + '/weights_' + name + '.npy')`), or a scratch line of constants whose value nothing
    keeps (`np.arange(0, 3)` before the cell that imports numpy). A print of a value computed from the name
    (`print(score(tokens))`) and a displayed table (`df`) are not text: they are results a reader reads."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    reads = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]
    return bool(reads) and all(_labels(n, parents) or _built_text(n, parents) or _scratch_constants(n, parents)
                               for n in reads)


def _labels(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        parent = parents[node]
        if isinstance(parent, ast.Call) and node is not parent.func:
            f = parent.func
            return (f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")) in _LABELLING
        if isinstance(parent, ast.stmt):
            return False
        node = parent
    return False


def _built_text(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """`name` inside a string concatenation or f-string that is itself an argument of `print`."""
    texty = False
    while node in parents:
        parent = parents[node]
        if isinstance(parent, ast.JoinedStr) or (isinstance(parent, ast.FormattedValue)) or (
                isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Add)
                and any(isinstance(x, ast.Constant) and isinstance(x.value, str) for x in ast.walk(parent))):
            texty = True
        elif isinstance(parent, ast.Call):
            return texty and isinstance(parent.func, ast.Name) and parent.func.id == "print" and node is not parent.func
        elif not isinstance(parent, (ast.Subscript, ast.Attribute)) or texty:
            return False
        node = parent
    return False


def _scratch_constants(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """`np.arange(0, 3)`: an expression statement of a module's call on literals, whose value nothing keeps."""
    statement = node
    while statement in parents and not isinstance(statement, ast.stmt):
        statement = parents[statement]
    if not isinstance(statement, ast.Expr) or not isinstance(statement.value, ast.Call):
        return False
    call = statement.value
    return bool(call.args) and all(isinstance(a, ast.Constant) for a in call.args) \
        and all(isinstance(k.value, ast.Constant) for k in call.keywords) \
        and isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name)


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
