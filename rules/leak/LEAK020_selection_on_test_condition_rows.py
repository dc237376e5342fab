"""LEAK020: a setting chosen on rows cut by the same condition that defines the test split."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import FUNCTIONS, module_tree, names_in, own_nodes, scope_nodes, scopes
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

_TEST_WORDS = frozenset({"test", "tst", "holdout", "heldout", "oos"})
_FLIP = {ast.Gt: "<", ast.GtE: "<=", ast.Lt: ">", ast.LtE: ">="}
_OPS = {ast.Gt: ">", ast.GtE: ">=", ast.Lt: "<", ast.LtE: "<="}


def _cut(value: ast.AST) -> tuple[str, tuple[str, str, str]] | None:
    """`df[df["ds"] > cutoff]` -> ("df", ('"ds"', ">", "cutoff")): a frame cut by comparing one of its columns with a
    bound; None for anything else."""
    if not (isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name)):
        return None
    test = value.slice
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in _OPS):
        return None
    column, bound, op = test.left, test.comparators[0], _OPS[type(test.ops[0])]
    if not (isinstance(column, ast.Subscript) and isinstance(column.value, ast.Name) and column.value.id == value.value.id):
        column, bound, op = bound, column, _FLIP[type(test.ops[0])]
        if not (isinstance(column, ast.Subscript) and isinstance(column.value, ast.Name)
                and column.value.id == value.value.id):
            return None
    return value.value.id, (ast.unparse(column.slice), op, ast.unparse(bound))


class SelectionOnTestConditionRows(Rule):
    """
    ## What it does
    Finds a loop over candidate settings that keeps the best one by a running comparison (`if mae <
    best_mae: best_mae, best_size = mae, size`) when the compared score is computed from rows cut
    by the very condition that defines the test split (`test = df[df["ds"] > cutoff]`, and in the
    loop `cv = cv[cv["ds"] > cutoff]` before the error): the frame may have another name (a
    cross-validation or forecast table), but the rows are the test period's, so the setting is chosen
    on the test data and the best score reported is optimistic. A score over rows cut by another
    bound (a validation window before the cutoff) is left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `test = df[df["ds"] > cutoff]`; in the loop `cv = cv[cv["ds"] > cutoff]`, `mae = ...`, `if mae < best_mae:` | yes | `cv[(cv["ds"] > val_start)]` with another bound |
    | the same with the comparison written the other way (`cutoff < cv["ds"]`) | yes | no running best (every setting reported) |

    ## Why is this bad?
    The setting is tuned on the test rows: the reported "test" error is the minimum over the
    candidates, not an estimate of the chosen model's error on new data.

    ## Example
        test = df[df["ds"] > cutoff]
        for size in [48, 96, 168]:
            cv = fit_and_backtest(size)
            cv = cv[cv["ds"] > cutoff]
            mae = (cv["yhat"] - cv["y"]).abs().mean()
            if mae < best_mae:
                best_mae, best_size = mae, size

    Use instead:
        val = cv[(cv["ds"] > val_start) & (cv["ds"] <= cutoff)]   # choose on a validation window
    """

    code = "LEAK020"
    category = "LEAK-SELECT"
    severity = Severity.ERROR
    message = ("`{test}` keeps the best setting by `{score}`, computed from `{rows}`, the rows of `{condition}`, the "
               "condition that defines the test split `{split}` (line {line}): the setting is chosen on the test rows")
    question = "Is the setting chosen at `{test}` chosen on test rows (`{condition}`)? A validation window would not be"
    triggers = ("best",)
    examples = [
        invalid("""
            import pandas as pd
            df = pd.read_parquet("data/load.parquet")
            cutoff = df["ds"].max() - pd.Timedelta(days=28)
            train = df[df["ds"] <= cutoff]
            test = df[df["ds"] > cutoff]
            best_mae, best_size = float("inf"), None
            for input_size in [48, 96, 168]:
                cv = backtest(train, df, input_size)
                cv = cv[cv["ds"] > cutoff]
                mae = (cv["NHITS"] - cv["y"]).abs().mean()
                if mae < best_mae:  # expect: LEAK020
                    best_mae, best_size = mae, input_size
            print(best_size, best_mae)
        """, note="probe 18: NeuralForecast's cross-validation table cut to the test period, the window size kept by its MAE"),
        valid("""
            import pandas as pd
            df = pd.read_parquet("data/load.parquet")
            cutoff = df["ds"].max() - pd.Timedelta(days=28)
            val_start = cutoff - pd.Timedelta(days=28)
            train = df[df["ds"] <= cutoff]
            test = df[df["ds"] > cutoff]
            best_mae, best_size = float("inf"), None
            for input_size in [48, 96, 168]:
                cv = backtest(train, df, input_size)
                cv = cv[cv["ds"] > val_start]
                mae = (cv["NHITS"] - cv["y"]).abs().mean()
                if mae < best_mae:
                    best_mae, best_size = mae, input_size
            print(best_size, best_mae)
        """, note="near miss: the window is chosen on rows cut at another bound (a validation window)"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for scope in scopes(tree):
            self._scope(scope)

    def _scope(self, scope: ast.AST) -> None:
        nodes = [n for n in scope_nodes(self.ctx, scope) if n is not scope and not isinstance(n, FUNCTIONS)]
        splits: dict[tuple[str, str, str], tuple[str, int]] = {}  # condition -> (test split's name, line)
        for n in nodes:
            if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) \
                    and set(name_tokens(n.targets[0].id)) & _TEST_WORDS and (cut := _cut(n.value)) is not None:
                splits.setdefault(cut[1], (n.targets[0].id, n.lineno))
        if not splits:
            return
        for loop in nodes:
            if isinstance(loop, (ast.For, ast.AsyncFor)):
                self._loop(loop, splits)

    def _loop(self, loop: ast.AST, splits: dict) -> None:
        tainted: dict[str, tuple[str, tuple[str, str, str]]] = {}  # name -> (rows name, condition)
        for n in own_nodes(loop):
            if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
                target = n.targets[0].id
                cut = _cut(n.value)
                if cut is not None and cut[1] in splits and target != splits[cut[1]][0]:
                    tainted[target] = (target, cut[1])
                    continue
                read = [tainted[m] for m in names_in(n.value) if m in tainted]
                if read:
                    tainted[target] = read[0]
            if isinstance(n, ast.If) and isinstance(n.test, ast.Compare) and len(n.test.ops) == 1 \
                    and type(n.test.ops[0]) in _OPS:
                left, right = n.test.left, n.test.comparators[0]
                for score, best in ((left, right), (right, left)):
                    if not (isinstance(score, ast.Name) and score.id in tainted and isinstance(best, ast.Name)):
                        continue
                    assigned = {m.id for s in n.body for m in ast.walk(s)
                                if isinstance(m, ast.Name) and isinstance(m.ctx, ast.Store)}
                    if best.id not in assigned:
                        continue
                    rows, condition = tainted[score.id]
                    split, line = splits[condition]
                    column, op, bound = condition
                    self.ctx.report(type(self), None, line=n.lineno, snippet=ast.unparse(n.test),
                                    fields={"test": ast.unparse(n.test), "score": score.id, "rows": rows,
                                            "condition": f"{rows}[{column}] {op} {bound}", "split": split, "line": line})
                    return
