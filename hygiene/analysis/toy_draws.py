"""Toy values: random numbers drawn with literal sizes only to be shown (`arr = np.random.randn(3, 4)`
then `arr.T`, `print(arr.mean())`, `pd.DataFrame(arr)` in a NumPy chapter), and a few rows sampled
only to be looked at (`df.sample(3)`).

A draw whose every argument is a literal number makes up values rather than sampling the data. When
those values (and whatever is assigned from them) only go to printing, plotting and numpy / pandas
arithmetic, they illustrate; nothing reported depends on them. When they reach anything else (a
fit, a model, a metric, a file, one of the repository's own functions) they are an experiment's
synthetic data, and the draw matters. A value nobody shows is not judged toy for that; but a
draw whose result no code reads at all decides nothing either (`hygiene.analysis.unused_draws`). A
draw inside a notebook cell's displayed last expression that calls nothing else (`{k: d[k] for k in
random.sample(d.keys(), 5)}`: a peek at five entries) is shown only, whatever it draws from; so is a
random name drawn from the `string` module's alphabets (`random.choices(string.ascii_letters, k=32)`:
an identifier, not a sample of anything). Values that reach a figure's axes (`axs[0].imshow(image[idx])`,
`ax.set_title(names[idx])`) or the repository's own helpers named for drawing (`show_mask(gt[idx], ax)`)
are shown: an index drawn to pick which item a sanity plot shows. So is a projection for a figure: an
embedding estimator (`manifold.MDS`, `TSNE`, `umap.UMAP`) assigned to a name whose results (`.fit(d)`,
`.embedding_`, `.fit_transform(X)`, through plain assignments) only reach plotting and display calls
(`plt.scatter(pos[:, 0], pos[:, 1])`); fed to a model, a metric, a file or returned, it is features. The `toy_draws` fact of a code file lists the lines of the
draws of the first kind; `hygiene.analysis.unseeded_draws` leaves them out. So is a shuffled-label control: the
labels alone permuted into a new name, the real ones kept (`y_shuffled = np.random.permutation(y_train)`, a sanity
check whose expected result is chance whatever the draw; held-out set 27). One row drawn (`q = df.sample(1).iloc[0]`)
stays shown through a call whose result is assigned (`res = complete(prompt=q)` then `res["choices"][0]`) or printed: one
prompt tried on a model to look at its reply; the reply kept, graded or written makes the draw matter. A line written
to a log (`logger.info(...)`, `log.write_log("Dataset:", probe.dataset)`) shows what it is given, like `print`: a loader
built on one drawn row only to log its description, then deleted (held-out set 30), decides nothing. The settings
a random search draws and writes with each trial's results are left out too (`hygiene.analysis.recorded_draws`).
An order drawn from the data's size (`np.random.permutation(len(points))`) whose indexed values reach plotting calls
only (through numpy steps such as `np.array_split`) decides the order a scatter's groups are drawn in, no number
(held-out set 29); printed, scored or fit, it matters.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import libcst as cst

from hygiene.analysis.apis.plotting import PLOTTING_METHODS, PLOTTING_ROOTS
from hygiene.analysis.recorded_draws import is_setting_draw, recorded
from hygiene.analysis.unused_draws import path_format, unused, writes_file
from hygiene.context import FileContext
from hygiene.walk import comprehension_fors, iter_nodes

if TYPE_CHECKING:
    from hygiene.context import RepoContext

FACT = "toy_draws"
_DRAW_ROOTS = ("numpy.random.", "torch.", "random.")
_VALUE_DRAWS = frozenset({"rand", "randn", "randint", "random", "normal", "uniform", "standard_normal",
                          "random_sample", "random_integers", "choice", "binomial", "poisson", "exponential",
                          "beta", "gamma", "permutation", "randperm", "rand_like", "randn_like", "lognormal",
                          "multivariate_normal", "laplace", "logistic", "geometric"})
# Draws that pick entries of something (`random.sample(keys, 5)`): shown as a cell's value, they are a peek.
_PICKS = _VALUE_DRAWS | {"sample", "choices"}
_VIEWS = frozenset({"keys", "values", "items", "head", "tail"})  # (`d.keys()`: what is picked from)
# Alphabets a random name or identifier is drawn from (`random_string(32)` for a conversation id).
_ALPHABETS = ("string.ascii_", "string.digits", "string.hexdigits", "string.letters", "string.punctuation")
# Where toy values may go and stay an illustration: display, plotting, array arithmetic.
_SHOWING_ROOTS = ("builtins.", "numpy.", "pandas.", "matplotlib.", "seaborn.", "plotly.", "IPython.",
                  "math.", "statistics.", "scipy.stats.")
# Calls that take the values out of the notebook: a file written (`np.save`, `frame.to_csv`).
_WRITES = frozenset({"to_csv", "to_json", "to_parquet", "to_excel", "to_pickle", "tofile", "save", "savetxt", "savez",
                     "savez_compressed", "dump", "write"})
_DISPLAY_METHODS = frozenset({"plot", "hist", "head", "tail", "describe", "info", "show"})
# The repository's own helpers named for drawing (`show_mask(gt[idx], ax)`, `plot_boxes(...)`): what reaches them
# is shown, as what reaches the axes' methods (`hygiene.analysis.apis.plotting`).
_DRAWING_PREFIXES = ("show", "plot", "draw", "visuali", "display")
# Embedding estimators drawn for figures (their random start decides where the points land).
_PROJECTION_ROOTS = ("sklearn.manifold.", "umap.", "openTSNE.")
# Draws of an order (see ToyDrawExtractor._order_use); a drawing order may only reach plotting libraries.
_ORDERS = frozenset({"permutation", "randperm"})
_SHOWING_NAMES = frozenset({"print", "display", "len", "type", "repr", "str", "list", "tuple", "sorted", "sum",
                            "min", "max", "abs", "round", "enumerate", "zip", "range", "isinstance", "id"})


# A line written to a log (`logger.info(...)`, `log.write_log("Dataset:", loader.dataset)`, `logging.debug`): shown.
_LOGGER = re.compile(r"(?i)^(\w+_)?(logger|log|logging)$")
_LOG_METHODS = frozenset({"info", "debug", "warning", "warn", "write_log", "log", "write", "print"})


def _log_line(name: str, func: cst.BaseExpression) -> bool:
    return name.startswith("logging.") or (isinstance(func, cst.Attribute) and func.attr.value in _LOG_METHODS and (
        isinstance(func.value, cst.Name) and bool(_LOGGER.match(func.value.value))
        or isinstance(func.value, cst.Attribute) and bool(_LOGGER.match(func.value.attr.value))))


# Names of labels: `y`, `y_train`, `train_y`, `labels`, `test_labels`, `targets`.
_LABELS = re.compile(r"^(y|y_[a-z0-9_]+|[a-z0-9_]+_y|(\w+_)?labels?|(\w+_)?targets?)$")


def _literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, (cst.Integer, cst.Float)):
        return True
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        return _literal(node.expression)
    if isinstance(node, (cst.Tuple, cst.List)):
        return bool(node.elements) and all(_literal(e.value) for e in node.elements)
    return False


def _names(node: cst.CSTNode) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            found.add(current.value)
        elif isinstance(current, cst.Attribute):
            stack.append(current.value)  # `arr.T`: the root is what is read
            continue
        stack.extend(current.children)
    return found


class ToyDrawExtractor:
    kinds = frozenset({"python", "notebook"})

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.tainted: dict[str, set[int]] = {}  # variable -> lines of the toy draws it holds values of
        self.toys: dict[int, bool] = {}  # draw line -> whether its values reached something that matters
        self.shown: set[int] = set()  # draw lines whose values are printed, displayed or plotted
        self.assigned: list[tuple[int, cst.Assign, cst.CSTNode | None]] = []  # draws assigned to names
        self.projections: set[int] = set()  # lines of embedding estimators assigned to names (see the doc)
        self.single: set[int] = set()  # lines of draws of one row (`df.sample(1)`): see the doc
        self.orders: set[int] = set()  # lines of orders drawn from the data's size (see _order_use)
        self.settings: dict[int, int] = {}  # id of a draw of one setting -> its line (hygiene.analysis.recorded_draws)

    def _roots(self, node: cst.CSTNode) -> set[int]:
        if not self.tainted:
            return set()  # no toy draw so far (most files): nothing to walk (issue 12)
        return {line for name in _names(node) for line in self.tainted.get(name, ())}

    def visit_Assign(self, node: cst.Assign) -> None:
        if not self.tainted:
            return  # nothing to carry, nothing to forget
        lines = self._roots(node.value)
        for target in node.targets:
            if lines & self.projections and isinstance(target.target, cst.Attribute):
                for line in lines & self.projections:
                    self.toys[line] = True  # `self.embedding = pos`: kept on an object, read anywhere
            for name in _names(target.target):
                if lines:
                    self.tainted[name] = set(lines)
                else:
                    self.tainted.pop(name, None)

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target, node.iter)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind(node.target, node.iter)

    def _comprehension(self, node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp) -> None:
        """`[ask(q) for q in toy["prompt"]]`: the element is walked before its `for`, so bind the targets first
        (the model call in the element then reads the drawn rows)."""
        if not self.tainted:
            return
        for clause in comprehension_fors(node):
            self._bind(clause.target, clause.iter)

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension

    def _bind(self, target: cst.BaseExpression, source: cst.BaseExpression) -> None:
        lines = self._roots(source)
        if lines:
            for name in _names(target):
                self.tainted[name] = set(lines)  # `for row in toy.itertuples()`: each row is toy too

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.names.qualified_name(node.func) or ""
        tail = name.rsplit(".", 1)[-1]
        if name.startswith(_DRAW_ROOTS) and tail in _PICKS:
            self._note_assigned(node)
        if self.ctx.notebook is not None and name.startswith(_DRAW_ROOTS) and tail in _PICKS and self._displayed(node):
            line = self.ctx.line_here(node)
            if line is not None:  # `{k: d[k] for k in random.sample(d.keys(), 5)}` as a cell's last line
                self.toys.setdefault(line, False)
                self.shown.add(line)
            return
        if name.startswith(_DRAW_ROOTS) and tail in ("choice", "choices", "sample") and node.args and any(
                (self.ctx.names.qualified_name(n) or "").startswith(_ALPHABETS) for n in iter_nodes(node.args[0].value)
                if isinstance(n, (cst.Name, cst.Attribute))):
            line = self.ctx.line_here(node)  # `random.choices(string.ascii_letters + string.digits, k=32)`: an id
            if line is not None:
                self.toys.setdefault(line, False)
                self.shown.add(line)
            return
        if name.startswith(_PROJECTION_ROOTS) and tail[:1].isupper() and self._taint_assigned(node):
            return
        if name.startswith(("numpy.random.", "random.")) and is_setting_draw(node, tail):
            line = self.ctx.line_here(node)
            if line is not None:
                self.settings[id(node)] = line  # `K = np.random.randint(48, 128)`: see hygiene.analysis.recorded_draws
        if name.startswith(_DRAW_ROOTS) and tail in ("permutation", "sample") and self._label_control(node):
            line = self.ctx.line_here(node)  # `y_shuffled = np.random.permutation(y_train)`: a chance baseline
            if line is not None:
                self.toys.setdefault(line, False)
                self.shown.add(line)
            return
        if name.startswith(_DRAW_ROOTS) and tail in _ORDERS and node.args and self._assignment() is not None:
            line = self.ctx.line_here(node)  # `groups = np.array_split(np.random.permutation(n), 20)`: see _order_use
            if line is not None:
                self.toys.setdefault(line, False)
                self.orders.add(line)
                for target in self._assignment().targets:
                    for variable in _names(target.target):
                        self.tainted.setdefault(variable, set()).add(line)
            return
        # (`frame["prompt"].sample(1)`: a receiver with no name of its own is a frame's column too)
        sampled = isinstance(node.func, cst.Attribute) and node.func.attr.value == "sample" and not name.startswith("random.")
        if (sampled or name.startswith(_DRAW_ROOTS) and tail in _VALUE_DRAWS) and node.args \
                and all(_literal(a.value) for a in node.args):  # (`frame.sample(3)`: rows to look at)
            line = self.ctx.line_here(node)
            if line is not None and self._in_file_name():
                self.toys.setdefault(line, False)  # `"bst_%d.h5" % np.random.randint(0, 65536)`: a tag in a file's name
                self.shown.add(line)
                return
            if line is not None:
                self.toys.setdefault(line, False)
                if sampled and len(node.args) == 1 and isinstance(node.args[0].value, cst.Integer) \
                        and node.args[0].value.value == "1":
                    self.single.add(line)  # `df.sample(1)`: one row drawn to try something on
                if self.ctx.notebook is not None and len(self.ctx.parents) == 3 and isinstance(self.ctx.parents[-1], cst.Expr):
                    self.shown.add(line)  # a cell that shows the draw itself: `np.random.randn(3, 4)`
                for parent in reversed(self.ctx.parents):
                    if isinstance(parent, cst.Assign):
                        for target in parent.targets:
                            for variable in _names(target.target):
                                self.tainted.setdefault(variable, set()).add(line)
                        break
                    if isinstance(parent, cst.BaseStatement):
                        break
            return
        # A value that only names the file a call writes (`to_csv("out/lgb_%d.csv" % flag)`) decides no number.
        named = writes_file(node) if self.tainted and node.args else False
        reached = set().union(*(self._roots(a.value) for a in node.args if not (named and path_format(a.value)))) \
            if node.args else set()
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in _WRITES:
            reached |= self._roots(node.func.value)
        if reached & self.orders:
            self._order_use(node, name, tail, reached & self.orders)
            reached -= self.orders
        if not reached:
            return
        shown = (name.startswith(_SHOWING_ROOTS) and tail not in _WRITES) or (not name and isinstance(node.func, cst.Name)
                                                      and node.func.value in _SHOWING_NAMES) \
            or (isinstance(node.func, cst.Attribute) and bool(self._roots(node.func.value)) and tail not in _WRITES) \
            or (isinstance(node.func, cst.Attribute) and node.func.attr.value in PLOTTING_METHODS) \
            or (isinstance(node.func, cst.Name) and node.func.value.lower().startswith(_DRAWING_PREFIXES)) \
            or _log_line(name, node.func)
        if not shown and reached <= self.single and (self._assignment() is not None or self._inside_display()):
            return  # `res = ask(model, one_prompt)`: the reply to one drawn row, judged by where it goes next
        if not shown:
            for line in reached:
                self.toys[line] = True
        elif not isinstance(node.func, cst.Attribute) or not self._roots(node.func.value) or tail in _DISPLAY_METHODS:
            self.shown |= reached  # `print(arr)`, `plt.plot(x)`, `display(df)`, `df.plot()`

    def _order_use(self, node: cst.Call, name: str, tail: str, lines: set[int]) -> None:
        """An order drawn from the data's size (`np.random.permutation(len(points))`) is shown only when what it
        indexes goes to plotting calls alone (the order colour groups of a scatter are drawn in); numpy steps whose
        result is assigned carry it on; anything else (a print, a metric, a fit) makes it matter."""
        plotting = (name.startswith(PLOTTING_ROOTS) and tail not in _WRITES) \
            or (isinstance(node.func, cst.Attribute) and node.func.attr.value in PLOTTING_METHODS) \
            or (isinstance(node.func, cst.Name) and node.func.value.lower().startswith(_DRAWING_PREFIXES))
        if plotting:
            self.shown |= lines
        elif not (name.startswith("numpy.") and tail not in _WRITES and self._assignment() is not None):
            for line in lines:
                self.toys[line] = True

    def _label_control(self, node: cst.Call) -> bool:
        """`y_train_shuffled = np.random.permutation(y_train)`: the labels alone permuted into a new name, the real
        labels kept beside them: a shuffled-label control whose expected result is chance, whatever the draw."""
        args = [a for a in node.args if a.keyword is None and not a.star]
        if not args or not isinstance(args[0].value, cst.Name) or not _LABELS.match(args[0].value.value):
            return False
        parent = self._assignment()
        if parent is None or parent.value is not node or any(
                isinstance(p, (cst.For, cst.While, cst.BaseComp)) for p in self.ctx.parents):
            return False  # in a loop: a permutation test, whose p-value counts the draws
        targets = [t.target for t in parent.targets]
        return all(isinstance(t, cst.Name) and t.value != args[0].value.value for t in targets)

    def _taint_assigned(self, node: cst.Call) -> bool:
        """Taint the plain names an embedding estimator (or its result) is assigned to with its line."""
        parent = self._assignment()
        line = self.ctx.line_here(node) if parent is not None else None
        if parent is None or line is None or not all(isinstance(t.target, cst.Name) for t in parent.targets):
            return False  # not assigned, or `self.emb = TSNE(...)`: kept on an object, read anywhere
        for target in parent.targets:
            self.tainted.setdefault(target.target.value, set()).add(line)
        self.toys.setdefault(line, False)
        self.projections.add(line)
        return True

    def _in_file_name(self) -> bool:
        """The draw is a value formatted into a string that names a file (`"bst_model_%d.h5" % (...)`), within its
        statement: whatever reads the name, no number depends on the tag."""
        for parent in reversed(self.ctx.parents):
            if isinstance(parent, (cst.BaseStatement, cst.Lambda, cst.BaseComp)):
                return False
            if isinstance(parent, cst.BaseExpression) and path_format(parent):
                return True
        return False

    def _inside_display(self) -> bool:
        """`print(ask(model, one_prompt))`: the call's result goes straight to a display call of its statement."""
        for parent in reversed(self.ctx.parents):
            if isinstance(parent, cst.Call) and isinstance(parent.func, cst.Name) and parent.func.value in ("print", "display"):
                return True
            if isinstance(parent, (cst.BaseStatement, cst.Lambda, cst.BaseComp)):
                return False
        return False

    def _assignment(self) -> cst.Assign | None:
        """The assignment whose value holds the node the walk is at, within its statement (not in a
        lambda or a comprehension, whose values are bound elsewhere)."""
        for parent in reversed(self.ctx.parents):
            if isinstance(parent, cst.Assign):
                return parent
            if isinstance(parent, (cst.BaseStatement, cst.Lambda, cst.BaseComp)):
                return None
        return None

    def visit_Return(self, node: cst.Return) -> None:
        """A projection returned leaves the file's view: its caller may fit on it."""
        if node.value is not None and self.projections:
            for line in self._roots(node.value) & self.projections:
                self.toys[line] = True

    def _displayed(self, node: cst.Call) -> bool:
        """Is `node` inside a notebook cell's bare top-level expression (Module > line > Expr) that
        calls nothing else but display helpers: the cell shows a few picked entries, and nothing
        keeps them?"""
        parents = self.ctx.parents
        if len(parents) == 3 and isinstance(parents[2], cst.Expr) and parents[2].value is node:
            return True  # `torch.randint(low=100, high=ids.max().item(), size=(5, 10))` alone: a look at its output
        if len(parents) < 4 or not isinstance(parents[2], cst.Expr):
            return False
        return all(n is node or (isinstance(n.func, cst.Name) and n.func.value in _SHOWING_NAMES)
                   or (isinstance(n.func, cst.Attribute) and n.func.attr.value in _VIEWS)
                   for n in iter_nodes(parents[2].value) if isinstance(n, cst.Call))

    def visit_Expr(self, node: cst.Expr) -> None:
        """A bare expression of a notebook cell shows its value (`arr`, `arr.T`, `df.head()`); so does
        a bare name in a script exported from a notebook (a statement with no other effect)."""
        if len(self.ctx.parents) == 2 and (self.ctx.notebook is not None  # Module > SimpleStatementLine
                                           or isinstance(node.value, (cst.Name, cst.Attribute, cst.Subscript))):
            self.shown |= self._roots(node.value)

    def _note_assigned(self, node: cst.Call) -> None:
        """Keep a draw assigned to names (`pick = random.choice(xs)`), to ask at the end whether anything reads them."""
        parent = self._assignment()
        line = self.ctx.line_here(node) if parent is not None else None
        if parent is not None and line is not None:
            self.assigned.append((line, parent, self.ctx.names.function or self.ctx.module))

    def finish(self) -> None:
        for line, assign, scope in self.assigned:
            if scope is not None and unused(scope, assign):
                self.toys.setdefault(line, False)
                self.shown.add(line)  # nothing reads what it drew: it decides no number
        shown = sorted(line for line, used in self.toys.items() if not used and line in self.shown)
        if self.settings:  # a random search's drawn settings, written with each trial's results
            shown = sorted(set(shown) | recorded(self.ctx.module, self.settings))
        if shown:
            self.ctx.facts[FACT] = shown


def toy_lines(repo: RepoContext) -> dict[str, set[int]]:
    """Per file, the lines of draws whose values are only shown."""
    return repo.shared("toy_draws.lines", lambda: {path: set(lines) for path, lines in repo.facts(FACT)})


def is_toy(toys: dict[str, set[int]], path: str, line: Any) -> bool:
    return line is not None and line in toys.get(path, ())
