"""LEAK009: a forecasting window normalised with statistics that include the span it must predict."""
from __future__ import annotations

import re
from collections.abc import Iterator

import libcst as cst

from hygiene.analysis.textsearch import found_in_text
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes, scope_nodes

# The length of what the model sees, and of what it must predict.
PAST = re.compile(r"(?i)lookback|look_back|seq_len|seq_length|context|history|hist_len|past|input_len|in_len|"
                  r"input_size|enc_len|encoder_len|window_in|n_in$|input_window|input_steps|n_lags?|lags")
FUTURE = re.compile(r"(?i)predict|pred_len|horizon|forecast|future|target_len|out_len|output_len|label_len|"
                    r"output_window|output_steps|n_out$|steps_ahead|n_ahead|lead")
# Each span of a window comes from a sum naming both (`_past_and_future`): a file whose text
# matches neither unanchored pattern cannot cut one, and is not walked again (issue 12).
_PAST_IN_TEXT = re.compile(PAST.pattern.replace("$", ""))
_FUTURE_IN_TEXT = re.compile(FUTURE.pattern.replace("$", ""))
STAT_FUNCS = frozenset({"mean", "std", "var", "min", "max", "nanmean", "nanstd", "median", "amin", "amax", "ptp",
                        "quantile", "percentile"})


def _text(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _key(node: cst.BaseExpression) -> str | None:
    """`span` or `self.window`: a name an assignment can bind and a slice can read."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
        return f"self.{node.attr.value}"
    return None


def _terms(expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The operands of a sum `a + b + 1`."""
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _terms(expr.left) + _terms(expr.right)
    return [expr]


def _term_name(term: cst.BaseExpression) -> str:
    return term.attr.value if isinstance(term, cst.Attribute) else term.value if isinstance(term, cst.Name) else ""


def _past_and_future(expr: cst.BaseExpression, spans: dict[str, str]) -> str | None:
    """The input span plus the span to predict that `expr` adds up: `lookback + predict + 1`,
    `self.seq_len + self.pred_len`, or a sum with a name bound to such a span (`start + self.window`)."""
    terms = _terms(expr)
    for term in terms:
        if _key(term) in spans:
            return spans[_key(term)]
    names = [_term_name(t) for t in terms]
    if any(PAST.search(n) for n in names) and any(FUTURE.search(n) for n in names):
        return " + ".join(_text(t) for t in terms if _term_name(t))
    return None


def _base(expr: cst.BaseExpression) -> str | None:
    """The variable a chain of attributes, subscripts and method calls starts from: `win[cols].values.astype(f)`."""
    while True:
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
            expr = expr.func.value
        elif isinstance(expr, cst.Attribute):
            key = _key(expr)
            if key is not None and key.startswith("self."):
                return key
            expr = expr.value
        elif isinstance(expr, cst.Subscript):
            if any(isinstance(e.slice, cst.Slice) for e in expr.slice):
                return None  # `x[:lookback]`: a part of the window, not the window
            expr = expr.value
        else:
            return _key(expr)



class WindowStatsIncludeHorizon(Rule):
    """
    ## What it does
    Finds a forecasting sample cut as one window of the input span plus the span to predict
    (`self.window = lookback_window + predict_window + 1`, then `win = df.iloc[start:start +
    self.window]`, or `seq = series[i:i + seq_len + pred_len]`) that is normalised with statistics
    of the whole window (`x_mean, x_std = np.mean(x, axis=0), np.std(x, axis=0)`, `seq.mean()`,
    `seq.max()`) and then rescaled with them (`x = (x - x_mean) / x_std`). Statistics of the input
    part only (`x[:lookback].mean(0)`), a window of the input span alone, and a scaler fit on the
    training series are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `self.window = lookback + predict + 1` (in `__init__`), `win_df = df.iloc[s:s + self.window]`, `x = win_df[cols].values`, `np.mean(x, axis=0)` | yes | `np.mean(x[:lookback], axis=0)` |
    | `seq = series[i:i + seq_len + pred_len]`, `seq = (seq - seq.mean()) / seq.std()` in a loop | yes | `series[i:i + seq_len]` |
    | notebook cell: `w = values[t:t + n_lags + horizon]`, `w = (w - w.min()) / (w.max() - w.min())` | yes | `w[:n_lags].min()` |

    ## Why is this bad?
    Instance normalisation is meant to use only what the model is allowed to see. With the mean
    and scale of the whole window, the level and spread of the values to be predicted are folded
    into every input value: the model learns to read the future from its inputs, the training loss
    and the validation error look better than any real forecast can be, and the trained model
    meets inputs normalised without that information at inference.

    ## Example
        win = series[start:start + lookback + horizon]
        mean, std = win.mean(axis=0), win.std(axis=0)
        win = (win - mean) / (std + 1e-5)
        x, y = win[:lookback], win[lookback:]

    Use instead:
        win = series[start:start + lookback + horizon]
        mean, std = win[:lookback].mean(axis=0), win[:lookback].std(axis=0)
        win = (win - mean) / (std + 1e-5)
        x, y = win[:lookback], win[lookback:]
    """

    code = "LEAK009"
    category = "LEAK-PREPROC"
    severity = Severity.ERROR
    message = ("`{stat}` is taken over `{window}`, a window of the input span plus the span to predict "
               "(`{span}`), and the window is rescaled with it: the level and spread of the values to be "
               "predicted reach the inputs")
    question = "Should the statistics at {where} be taken over the input part of `{window}` only?"
    triggers = ("+",)
    examples = [
        invalid("""
            import numpy as np
            import torch
            from torch.utils.data import Dataset

            class KlineWindows(Dataset):
                def __init__(self, frame, features, lookback_window=90, predict_window=10):
                    self.frame = frame
                    self.features = features
                    self.lookback_window = lookback_window
                    self.window = lookback_window + predict_window + 1

                def __len__(self):
                    return len(self.frame) - self.window + 1

                def __getitem__(self, idx):
                    win_df = self.frame.iloc[idx:idx + self.window]
                    x = win_df[self.features].values.astype(np.float32)
                    x_mean, x_std = np.mean(x, axis=0), np.std(x, axis=0)  # expect: LEAK009
                    x = (x - x_mean) / (x_std + 1e-5)
                    return torch.from_numpy(x)
        """, note="held-out 7 (a time-series foundation model): the window length set in __init__, "
                  "the statistics over the whole window in __getitem__"),
        valid("""
            import numpy as np
            import torch
            from torch.utils.data import Dataset

            class KlineWindows(Dataset):
                def __init__(self, frame, features, lookback_window=90, predict_window=10):
                    self.frame = frame
                    self.features = features
                    self.lookback_window = lookback_window
                    self.window = lookback_window + predict_window + 1

                def __len__(self):
                    return len(self.frame) - self.window + 1

                def __getitem__(self, idx):
                    win_df = self.frame.iloc[idx:idx + self.window]
                    x = win_df[self.features].values.astype(np.float32)
                    past = x[:self.lookback_window]
                    x_mean, x_std = np.mean(past, axis=0), np.std(past, axis=0)
                    x = (x - x_mean) / (x_std + 1e-5)
                    return torch.from_numpy(x)
        """, note="the twin: statistics of the lookback part only"),
        invalid("""
            import numpy as np

            def make_samples(series, seq_len, pred_len):
                inputs, targets = [], []
                for i in range(len(series) - seq_len - pred_len):
                    seq = series[i:i + seq_len + pred_len]
                    seq = (seq - seq.mean()) / seq.std()  # expect: LEAK009
                    inputs.append(seq[:seq_len])
                    targets.append(seq[seq_len:])
                return np.stack(inputs), np.stack(targets)
        """, note="a function: the window sliced with the sum inline, normalised in place"),
        invalid({"forecast.ipynb": notebook(
            """
            import numpy as np
            values = np.load("load.npy")
            n_lags, horizon = 48, 24
            """,
            """
            X, Y = [], []
            for t in range(len(values) - n_lags - horizon):
                w = values[t:t + n_lags + horizon]
                lo, hi = w.min(), w.max()  # expect: LEAK009
                w = (w - lo) / (hi - lo)
                X.append(w[:n_lags]); Y.append(w[n_lags:])
            """,
        )}, note="notebook: min-max scaling of each window of lags plus horizon"),
        valid({"forecast.ipynb": notebook(
            """
            import numpy as np
            values = np.load("load.npy")
            n_lags, horizon = 48, 24
            """,
            """
            X, Y = [], []
            for t in range(len(values) - n_lags - horizon):
                w = values[t:t + n_lags + horizon]
                lo, hi = w[:n_lags].min(), w[:n_lags].max()
                w = (w - lo) / (hi - lo)
                X.append(w[:n_lags]); Y.append(w[n_lags:])
            """,
        )}, note="the twin: the scale of the lags only"),
        valid("""
            import numpy as np

            def make_inputs(series, seq_len, pred_len):
                out = []
                for i in range(len(series) - seq_len - pred_len):
                    seq = series[i:i + seq_len]
                    seq = (seq - seq.mean()) / seq.std()
                    out.append(seq)
                total = seq_len + pred_len
                print("window of", total, "steps; mean", series.mean())
                return out
        """, note="near misses: a window of the input span only (RevIN), and statistics of something else"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._class_spans: list[dict[str, str]] = [{}]
        self._reported: set[int] = set()
        self._spans_possible = found_in_text(ctx, _PAST_IN_TEXT) and found_in_text(ctx, _FUTURE_IN_TEXT)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        spans: dict[str, str] = {}
        if not self._spans_possible:
            self._class_spans.append(spans)
            return
        for inner in _assigns(node.body):
            if len(inner.targets) == 1:
                key = _key(inner.targets[0].target)
                span = _past_and_future(inner.value, {}) if key and key.startswith("self.") else None
                if span is not None:
                    spans[key] = span
        self._class_spans.append(spans)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._class_spans.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if self._spans_possible:
            self._check(node.body, dict(self._class_spans[-1]))

    def finish(self) -> None:
        if self._spans_possible:
            self._check(self.ctx.module, {})

    def _check(self, scope: cst.CSTNode, spans: dict[str, str]) -> None:
        windows: dict[str, str] = {}  # window variable -> the span it was cut with
        stats: dict[str, tuple[cst.CSTNode, str]] = {}  # statistic names -> (their statement, the window)
        for node in scope_nodes(scope, (cst.Assign,)):  # not every node of every scope (issue 12)
            if len(node.targets) != 1:
                continue
            target = node.targets[0].target
            key = _key(target)
            value = node.value
            span = _past_and_future(value, spans)
            if key is not None and span is not None:
                spans[key] = span
                continue
            cut = _window_cut(value, spans)
            if key is not None and cut is not None:
                windows[key] = cut
                continue
            if not windows:  # nothing cut yet: no statistic of a window, nothing rescaled (issue 12)
                continue
            rescaled = _rescaling(value, windows, stats)
            if rescaled is not None:
                statement, window = rescaled
                self._report(statement or node, window, windows[window])
                if key is not None:
                    windows[key] = windows[window]
                continue
            window = _stat_of(value, windows)
            if window is not None:
                for name in _bound(target):
                    stats[name] = (node, window)
                continue
            base = _base(value)
            if key is not None and base in windows:
                windows[key] = windows[base]
            elif key is not None:
                windows.pop(key, None)  # rebound to something else

    def _report(self, statement: cst.CSTNode, window: str, span: str) -> None:
        if id(statement) in self._reported:
            return
        self._reported.add(id(statement))
        self.report(statement, stat=" ".join(_text(statement).split())[:80], window=window, span=span)


def _assigns(body: cst.CSTNode) -> Iterator[cst.Assign]:
    """The assignments under a class's or function's body, nested bodies included, in source order
    (`iter_nodes` order: an assignment is a statement, so none is in a decorator, a parameter or
    a lambda), read from the per-file memo of each scope's nodes that `_check` and other rules
    share (issue 12: every class walked again, nested ones twice)."""
    for node in scope_nodes(body, _ASSIGN_OR_SCOPE):
        if node.__class__ is cst.Assign:
            yield node  # type: ignore[misc]
        else:
            yield from _assigns(node.body)  # type: ignore[attr-defined]


_ASSIGN_OR_SCOPE = (cst.Assign, cst.FunctionDef, cst.ClassDef)


def _names(node: cst.CSTNode) -> set[str]:
    return {n.value for n in iter_nodes(node) if isinstance(n, cst.Name)}


def _bound(target: cst.BaseExpression) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [e.value.value for e in target.elements if isinstance(e.value, cst.Name)]
    return []


def _window_cut(value: cst.BaseExpression, spans: dict[str, str]) -> str | None:
    """`df.iloc[s:s + self.window]`, `series[i:i + seq_len + pred_len]`: the span the upper bound adds."""
    for node in iter_nodes(value):
        if isinstance(node, cst.Subscript):
            for element in node.slice:
                piece = element.slice
                if isinstance(piece, cst.Slice) and piece.upper is not None:
                    span = _past_and_future(piece.upper, spans)
                    if span is not None:
                        return span
    return None


def _stat_of(value: cst.BaseExpression, windows: dict[str, str]) -> str | None:
    """The window a statistic is taken over: `np.mean(x, axis=0)`, `x.std()`, `(x.mean(0), x.std(0))`."""
    for node in iter_nodes(value):
        if not isinstance(node, cst.Call):
            continue
        func = node.func
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if name not in STAT_FUNCS:
            continue
        if isinstance(func, cst.Attribute) and _key(func.value) in windows:
            return _key(func.value)  # `x.mean(0)`
        if node.args and _key(node.args[0].value) in windows:
            return _key(node.args[0].value)  # `np.mean(x, axis=0)`
    return None


def _rescaling(value: cst.BaseExpression, windows: dict[str, str],
               stats: dict[str, tuple[cst.CSTNode, str]]) -> tuple[cst.CSTNode | None, str] | None:
    """`(x - x_mean) / (x_std + eps)` or `(seq - seq.mean()) / seq.std()`: arithmetic on a window with
    one of its own statistics. The statement of the named statistic, or None when it is inline."""
    if not isinstance(value, cst.BinaryOperation):
        return None
    names = _names(value)
    for window in windows:
        if window not in names:
            continue
        for name in names:
            if name in stats and stats[name][1] == window:
                return stats[name][0], window
        if any(isinstance(n, cst.Call) and _stat_of(n, {window: ""}) == window for n in iter_nodes(value)):
            return None, window
    return None
