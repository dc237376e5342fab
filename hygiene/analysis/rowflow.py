"""Where rows go inside one function (or module, or notebook): drops, splits, metrics, counts.

`RowFlow` rides the shared walk (a rule makes one and forwards its visits) and keeps, per scope,
an ordered list of events: assignments with the names they read and define, row drops
(`dropna`, inner merges, boolean masks, `[:n]`, `Dataset.filter`, filtering comprehensions),
splits, metric computations, and the names whose size is *reported* (`len(x)` or `x.shape`
inside a print, a log call, an assert, a dict or an f-string, or a count variable that later is).
`flows(scope)` then follows each drop forward through assignments to the metrics its rows reach.
An average not named a score (`sum(xs) / len(xs)`, `groupby().mean()`, `.agg` of a mean) is a metric
for lossy drops (dropna, None filters, inner merges) when it is printed, written or returned by main.

Data flows through values, not through fitted models: the receiver of `model.predict(X)` and the
function in `f(x)` are not data reads, so a drop in training data does not reach the test metric
through the model it trained. A split after a drop stops the flow (cleaning before a split is
not dropping evaluation rows); constant-key subscripts are tracked apart (`ds["test"]` is not
`ds["train"]`). Names only, no aliasing: a precise, small model for one scope.
"""
from __future__ import annotations

from typing import Iterable

import libcst as cst

from hygiene.analysis.apis.rows import (AGGREGATES, Drop, AVERAGES, LOSSY, MEAN_FUNCTIONS, METRIC_WORDS, MODEL_METHODS, REPORT_FUNCTIONS,
                               REPORT_METHODS, SIZE_ATTRIBUTES, SPLIT_METHODS, averaged, averages, base_name, const_key,
                               counts_groups, drop_of, grouped, mask_keys, metric_label, temporal_cut)
from hygiene.analysis.apis.sklearn import SPLIT_FUNCTIONS
from hygiene.context import FileContext
from hygiene.analysis.mappers import handed_function, materialises
from hygiene.analysis.names import binding_names as _binding_names
from hygiene.analysis.rowevents import Event, Flow, Frame, Scope, index_of as _index_of, one_item, params_of, within_tolerance as _within_tolerance
from hygiene.analysis.rowreach import aggregate_outputs, note_parts, reaches_report, reporting_function, rows_kept, cleaning, fits, touches

MISSING = "#missing"  # marks a name in a report's sizes: its missing values were shown (`df.isnull().sum()`)

# Calls that draw a chart: a report around one shows a picture, not a number.
FIGURE_ROOTS = ("wandb.plot", "matplotlib", "seaborn", "plotly", "bokeh", "altair")


def _names_in(expr: cst.CSTNode) -> set[str]:
    """Data names an expression reads (small expressions only: a loop's iterable, a tuple item)."""
    names: set[str] = set()
    stack = [expr]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            names.add(current.value)
        elif isinstance(current, cst.Attribute):
            stack.append(current.value)
        elif isinstance(current, cst.Call):
            stack.extend(a.value for a in current.args)
            if isinstance(current.func, cst.Attribute) and (current.func.attr.value not in MODEL_METHODS or materialises(current)):
                stack.append(current.func.value)
        elif isinstance(current, cst.Subscript) and isinstance(current.value, cst.Name) and const_key(current):
            names.add(f"{current.value.value}[{const_key(current)}]")
        else:
            stack.extend(current.children)
    return names


def shared_rows(ctx: FileContext, owner: object) -> RowFlow:
    """The file's one `RowFlow`, for every rule that reads it (DATA001, DATA040): a rule names it in
    its `walkers`, and the shared walk visits it once, just before the first such rule
    (`hygiene.walk.Dispatch`), instead of once per rule (issue 12). `owner`, the first rule to ask,
    is the one an error in it costs (`hygiene.runner`)."""
    rows = ctx.memo.get("rowflow")
    if rows is None:
        rows = ctx.memo["rowflow"] = RowFlow(ctx)
        rows.walk_owner = owner
    return rows


class RowFlow:
    """Rides the shared walk (`shared_rows`, or a walker of its own); call `close()` when the walk is
    over and read `scopes`."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.scopes: list[Scope] = []
        self.stack: list[Scope] = [Scope(ctx.module)] if ctx.module is not None else []
        self.frames: list[Frame] = []
        self.skip: set[int] = set()  # ids of Name nodes that are not data reads
        self.walk_owner: object = None

    # -- scopes --------------------------------------------------------------------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.stack.append(Scope(node))
        self.skip.add(id(node.name))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.append(self.stack.pop())

    def close(self) -> None:
        while self.stack:
            self.scopes.append(self.stack.pop())

    @property
    def scope(self) -> Scope:
        return self.stack[-1]

    # -- reads ---------------------------------------------------------------------------------
    def visit_Name(self, node: cst.Name) -> None:
        if id(node) in self.skip:
            return
        for frame in self.frames:
            frame.reads.append((node.value, node))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.skip.add(id(node.attr))
        if node.attr.value in SIZE_ATTRIBUTES:
            self._size_of(node.value)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        note_parts(self.scope, node, self.ctx.code)  # `x[n:]`, `x[m]`, `x[~m]`: the parts of a split
        key = const_key(node)
        if key is not None and any(f.kind == "report" for f in self.frames):
            self.scope.reported_keys.add(key)
        if key is not None and isinstance(node.value, cst.Name) and id(node.value) not in self.skip:
            self.skip.add(id(node.value))
            for frame in self.frames:
                frame.reads.append((f"{node.value.value}[{key}]", node.value))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self.skip.add(id(node.keyword))

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if any(isinstance(t.operator, cst.Equal) for t in node.comparisons) or _within_tolerance(node):
            self._mark_equality()

    def _mark_equality(self) -> None:
        """What the open frames compute compares an answer with its reference (an accuracy)."""
        parents = self.ctx.parents  # type: ignore[attr-defined]
        for frame in self.frames:
            # `X[labels == i].mean(0)`: a mask inside the mean selects rows; it is not an accuracy.
            inside = parents[_index_of(parents, frame.node) + 1:]
            if not any(isinstance(p, cst.SubscriptElement) for p in inside):
                frame.equality = True

    # -- statements ----------------------------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        self.frames.append(Frame("assign", node))

    def leave_Assign(self, node: cst.Assign) -> None:
        self._close_assign(node, [t.target for t in node.targets], node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self.frames.append(Frame("assign", node))

    def leave_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is None:
            self.frames.pop()
            return
        self._close_assign(node, [node.target], node.value)

    def visit_For(self, node: cst.For) -> None:
        # The loop variable is made from the iterable: `for r in done:`.
        reads = frozenset(_names_in(node.iter))
        targets = self._targets(node.target)
        self.scope.events.append(Event("assign", node, reads, tuple((t, reads) for t in targets)))

    # An assert, a return, a dict or an f-string reports the sizes taken inside it.
    def _open_report(self, node: cst.CSTNode) -> None:  # (inside a chart's call: drawn, `label=f"R2={r2}"`)
        self.frames.append(Frame("report", node, figure=any(f.figure for f in self.frames)))

    def _leave_report(self, node: cst.CSTNode) -> None:
        self._close_report()

    visit_Assert = visit_Return = visit_Dict = visit_FormattedString = _open_report
    leave_Assert = leave_Return = leave_Dict = leave_FormattedString = _leave_report

    def visit_Expr(self, node: cst.Expr) -> None:
        # A notebook shows the value of a bare expression: `len(test_df)`, `test_df.shape`.
        if self.ctx.kind == "notebook":
            self.frames.append(Frame("report", node))

    def leave_Expr(self, node: cst.Expr) -> None:
        if self.ctx.kind == "notebook":
            frame = self.frames[-1]
            if isinstance(node.value, cst.Name):
                frame.sizes.add(node.value.value)
            self._close_report()

    # -- calls ---------------------------------------------------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        name = self.ctx.names.qualified_name(func) if self.ctx.names is not None else None
        attr = func.attr.value if isinstance(func, cst.Attribute) else None
        if (attr or (func.value if isinstance(func, cst.Name) else "")) == "isclose":
            self._mark_equality()  # `np.isclose(p, g)`, `math.isclose(p, g)`: a numeric answer matched
        if isinstance(func, cst.Name):
            self.skip.add(id(func))
            self.scope.calls.add(func.value)
        elif isinstance(func, cst.Attribute):
            self.scope.calls.add(func.attr.value)
            if attr in MODEL_METHODS and isinstance(func.value, cst.Name) and not materialises(node):
                self.skip.add(id(func.value))
        if handed := handed_function(node):  # `pool.map(ask, items)`: the function handed to a mapper runs on each item
            self.scope.calls.add(handed)
        parent = self.ctx.parents[-1] if self.ctx.parents else None  # type: ignore[attr-defined]
        denominator = isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Divide) \
            and parent.right is node  # `correct / len(kept)` divides by the size, it does not report it
        if name == "builtins.len" and node.args and not denominator:
            self._size_of(node.args[0].value)
        missing = func.value if attr in ("sum", "any") and isinstance(func, cst.Attribute) else None
        while isinstance(missing, cst.Call) and isinstance(missing.func, cst.Attribute) and missing.func.attr.value in ("groupby", "astype"):
            missing = missing.func.value  # `df["s"].isna().groupby(df["model"]).sum()`: the missing values per group
        if isinstance(missing, cst.Call) and isinstance(missing.func, cst.Attribute) and missing.func.attr.value in (
                "isnull", "isna") and (base := base_name(missing.func.value)) is not None:
            for frame in self.frames:  # `df.isnull().sum()` shown: the rows a `dropna` of `df` removes
                frame.sizes.add(base + MISSING)
        if name in SPLIT_FUNCTIONS or attr in SPLIT_METHODS or (attr == "split" and "model_selection" in (name or "")) or temporal_cut(node):
            for frame in self.frames:
                frame.split = True
        if (name or "").startswith(FIGURE_ROOTS):
            for frame in self.frames:
                frame.figure = frame.figure or frame.kind == "report"
        label = metric_label(name, attr)
        if name == "builtins.sum" and averaged(node, parent):
            self.frames.append(Frame("mean", node, label="sum/len"))  # `sum(kept) / len(kept)`: an average
        elif label:
            self.frames.append(Frame("sink", node, label=label))
        elif attr in ("append", "extend", "insert") and isinstance(func.value, cst.Name):
            self.frames.append(Frame("mutate", node))
        elif name in MEAN_FUNCTIONS or (attr in AGGREGATES and averages(node)) or (attr == "apply" and grouped(func.value)):
            self.frames.append(Frame("mean", node, label="mean" if attr in AGGREGATES or attr == "apply" or name in AVERAGES else ""))
        elif name in REPORT_FUNCTIONS or (attr in REPORT_METHODS and not (name or "").startswith(("torch.", "numpy."))) \
                or (name or "").startswith(FIGURE_ROOTS[1:]):  # `plt.plot(x, label=...)`: drawn
            self.frames.append(Frame("report", node, figure=(name or "").startswith(FIGURE_ROOTS[1:])))

    def leave_Call(self, node: cst.Call) -> None:
        if not self.frames or self.frames[-1].node is not node:
            return
        frame = self.frames.pop()
        if frame.kind == "sink":
            stored = aggregate_outputs(self.frames, self.scope.node, self._targets)  # where the score goes
            self.scope.events.append(Event("sink", node, frozenset(n for n, _ in frame.reads), label=frame.label,
                                           stored=stored))
        elif frame.kind == "mutate":  # `preds.append(model(x))`: preds is made from x too
            receiver = node.func.value.value  # type: ignore[attr-defined]
            reads = frozenset(n for n, _ in frame.reads)
            self.scope.events.append(Event("assign", node, reads, ((receiver, reads | {receiver}),)))
        elif frame.kind == "mean":
            code = " ".join(self.ctx.code(node).split())
            # The mean of a comparison is an accuracy; the mean of a score column is a reported score.
            outputs: frozenset[str] | None = None  # a score: a sink wherever it goes
            aggregate = False
            if not (frame.equality or (frame.label == "mean" and METRIC_WORDS.search(code))):
                skip = 1 if self.ctx.names.qualified_name(node.func) in MEAN_FUNCTIONS else 0  # `np.mean(x, 0)`
                along = (skip or getattr(node.func, "attr", None) and node.func.attr.value in ("mean", "median")) and any(
                    a.keyword is None or a.keyword.value in ("axis", "dim") for a in node.args[skip:])  # a centre
                # Any other average is a sink when what it makes is reported (printed, written, returned by main).
                outputs = aggregate_outputs(self.frames, self.scope.node, self._targets) if frame.label and not along else frozenset()
                aggregate = True
            if outputs is None or outputs:
                label = code if len(code) <= 60 else code[:57] + "..."
                reads = frozenset(n for n, _ in frame.reads)
                function = not isinstance(node.func, cst.Attribute) or self.ctx.names.qualified_name(
                    node.func) in MEAN_FUNCTIONS  # `np.mean(xs)`, not `xs.mean()`
                target = (node.args[0].value if node.args else None) if function else node.func.value  # type: ignore[attr-defined]
                inline = drop_of(target, self.ctx) if target is not None else None
                if inline is not None and inline.kind in ("dropna", "None filter"):  # `df.dropna()["s"].mean()`
                    mark = f"<dropped@{id(node)}>"
                    self.scope.events.append(Event("assign", target, reads, ((mark, reads),), inline))
                    reads = reads | {mark}
                self.scope.events.append(Event("sink", node, reads, label=label, aggregate=aggregate,
                                               outputs=outputs or None, stored=aggregate_outputs(
                                                   self.frames, self.scope.node, self._targets)))
        else:
            self._close_report(frame)
            return
        self._propagate(frame)

    # -- helpers -------------------------------------------------------------------------------
    def _size_of(self, expr: cst.BaseExpression) -> None:
        base = base_name(expr)
        if base is None:
            return
        names = {base}
        if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Name):
            key = const_key(expr)
            if key is not None:
                names.add(f"{expr.value.value}[{key}]")
        for frame in self.frames:
            frame.sizes.update(names)

    def _propagate(self, frame: Frame) -> None:
        """A closed inner frame's reads and flags belong to the frames around it too."""
        if self.frames:
            outer = self.frames[-1]
            outer.sizes.update(frame.sizes)
            outer.split = outer.split or frame.split
            outer.equality = outer.equality or frame.equality

    def _close_report(self, frame: Frame | None = None) -> None:
        frame = frame or self.frames.pop()
        self.scope.reported.update(frame.sizes)
        self.scope.reported_vars.update(n for n, _ in frame.reads)
        if frame.figure or not isinstance(frame.node, cst.Return) or reporting_function(self.scope.node):
            names = frozenset(n for n, _ in frame.reads)  # a chart shows a picture, anything else a number
            (self.scope.plotted if frame.figure else self.scope.shown).update(names)
            self.scope.reports.append((len(self.scope.events), names, frame.figure))
        self._propagate(frame)

    def _targets(self, target: cst.BaseExpression) -> list[str]:
        if isinstance(target, cst.Name):
            return [target.value]
        if isinstance(target, (cst.Tuple, cst.List)):
            return [n for element in target.elements for n in self._targets(element.value)]
        if isinstance(target, cst.StarredElement):
            return self._targets(target.value)
        if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
            key = const_key(target)
            return [f"{target.value.value}[{key}]" if key is not None else target.value.value]
        if isinstance(target, cst.Attribute):
            base = base_name(target)
            return [base] if base and base != "self" else []
        return []

    def _loop_targets(self) -> set[str]:
        names: set[str] = set()
        for parent in reversed(self.ctx.parents):  # type: ignore[attr-defined]
            if isinstance(parent, (cst.FunctionDef, cst.ClassDef)):
                break
            if isinstance(parent, cst.For):
                names.update(self._targets(parent.target))
        return names

    def _close_assign(self, node: cst.CSTNode, targets: list[cst.BaseExpression], value: cst.BaseExpression) -> None:
        frame = self.frames.pop()
        bound = {id(n) for target in targets for n in _binding_names(target)}
        reads = [(n, ref) for n, ref in frame.reads if id(ref) not in bound]
        all_reads = frozenset(n for n, _ in reads)
        defines: list[tuple[str, frozenset[str]]] = []
        pairs: list[Event] = []  # `a, b = x, y` pairs element-wise; anything else: every target from every read.
        if len(targets) == 1 and isinstance(targets[0], (cst.Tuple, cst.List)) and isinstance(value, (cst.Tuple, cst.List)) \
                and len(targets[0].elements) == len(value.elements):
            for target, element in zip(targets[0].elements, value.elements):
                element_reads = frozenset(_names_in(element.value))
                own = tuple((t, element_reads) for t in self._targets(target.value))
                defines.extend(own)
                pairs.append(Event("assign", node, element_reads, own, self._drop(element.value, own), frame.split))
        else:
            for target in targets:
                defines.extend((t, all_reads) for t in self._targets(target))
        # `n = len(x)`, `dropped = len(a) - len(b)`: a count variable, reported when it is.
        if frame.sizes and {n.split("[", 1)[0] for n in all_reads} <= {n.split("[", 1)[0].removesuffix(MISSING) for n in frame.sizes}:
            for name, _ in defines:
                self.scope.count_vars.setdefault(name, set()).update(frame.sizes)
        if any(e.drop for e in pairs):  # `pos, neg = pos[~np.isnan(pos)], neg[~np.isnan(neg)]`: a drop per element
            self.scope.events.extend(pairs)
        else:
            self.scope.events.append(Event("assign", node, all_reads, tuple(defines), self._drop(value, defines), frame.split))
        if self.frames:
            self._propagate(frame)

    def _drop(self, value: cst.BaseExpression, defines: Iterable[tuple[str, frozenset[str]]]) -> Drop | None:
        drop = drop_of(value, self.ctx)
        if drop is not None and one_item(drop, self._loop_targets()):
            return None  # `gold[:n]` of one item inside `for gold, pred in ...`: a sequence, not the rows
        if drop is not None and drop.kind == "inner merge" and {n for n, _ in defines} & drop.sources and any(
                isinstance(p, cst.For) for p in self.ctx.parents):  # type: ignore[attr-defined]
            return None  # `for run in runs: wide = wide.merge(run, on=key)`: runs of the same items side by side
        return drop

    # -- the question --------------------------------------------------------------------------
    def flows(self, scope: Scope) -> list[Flow]:
        """Each drop in `scope` with the first metric its rows reach (no split between)."""
        reported = set(scope.reported)
        for var in scope.reported_vars:
            reported.update(scope.count_vars.get(var, ()))
        found = []
        for index, event in enumerate(scope.events):
            if event.drop is None or (event.drop.kind == "slice to n" and event.drop.sources <= scope.complements) \
                    or rows_kept(scope, index, event.drop, params_of(scope.node), self.ctx.code):
                continue
            tainted = {name for name, _ in event.defines}
            path, fitted = set(tainted) | set(event.drop.sources), False
            for later in scope.events[index + 1:]:
                if later.kind == "sink":
                    if touches(later.reads, tainted) and (not later.aggregate or (event.drop.kind in LOSSY and (
                            later.outputs is None or reaches_report(scope, later, scope.events[index + 1:])))) \
                            and not cleaning(scope.events, index, event.drop, later.aggregate, fitted, self.ctx.code):
                        counted = bool(reported & path) or bool(event.drop.bounds & (reported | scope.reported_vars)) \
                            or (event.drop.kind in ("dropna", "query") and bool({n + MISSING for n in event.drop.sources} & reported)) \
                            or bool(mask_keys(event.drop) & scope.reported_keys) or counts_groups(later.node)
                        found.append(Flow(event.drop, event, later, frozenset(path), counted))
                        break
                    continue
                fitted = fitted or (touches(later.reads, tainted) and fits(self.ctx.code(later.node)))
                for name, made_from in later.defines:
                    if not later.split and touches(made_from, tainted):
                        tainted.add(name)
                        path.add(name)
                    elif name in tainted:
                        tainted.discard(name)
                if not tainted:
                    break
        return found

