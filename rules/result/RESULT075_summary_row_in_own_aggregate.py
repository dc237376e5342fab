"""RESULT075: a summary row of a preallocated table computed over a column that still holds that row."""
from __future__ import annotations

import ast
import re

from hygiene.analysis.stdast import module_scopes, module_tree, scope_nodes
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

AGGREGATES = frozenset({"mean", "sum", "std", "median", "var", "nanmean", "average"})
# A table whose rows exist before they are filled: zeros, empty, a fill value.
_PREALLOCATED = re.compile(r"^(np|numpy|torch)\.(zeros|empty|ones|full)\(|^pd\.DataFrame\((np|numpy)\.(zeros|empty|full)"
                           r"|^pd\.DataFrame\(\s*(0|0\.0|np\.nan|None)\s*,|^\[\s*0(\.0)?\s*\]\s*\*")


def _base(node: ast.AST) -> str:
    """The table a subscript or `.loc` chain starts from: `metrics_df` of `metrics_df[m][k]`."""
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def _column(target: ast.AST) -> str:
    """What the written cell's aggregate must not cover: `df[m]` for `df[m][k]` or `df.loc[k, m]`, `arr` for `arr[k]`."""
    if not isinstance(target, ast.Subscript):
        return ""
    owner = target.value
    if isinstance(owner, ast.Attribute) and owner.attr in ("loc", "at", "iloc", "iat"):
        if isinstance(target.slice, ast.Tuple) and len(target.slice.elts) == 2:
            return f"{ast.unparse(owner.value)}[{ast.unparse(target.slice.elts[1])}]"
        return ast.unparse(owner.value)
    return ast.unparse(owner)


def _aggregated(value: ast.AST) -> str:
    """The text of what `value` aggregates whole: `df[m]` of `df[m].mean()`, `arr` of `np.mean(arr)`."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in AGGREGATES:
        owner = value.func.value
        if isinstance(owner, ast.Name) and owner.id in ("np", "numpy", "torch", "statistics") and value.args:
            return ast.unparse(value.args[0])
        return ast.unparse(owner)
    return ""


class SummaryRowInOwnAggregate(Rule):
    """
    ## What it does
    Finds a results table made with its rows already there (`pd.DataFrame(np.zeros((k + 1, n)))`,
    `np.zeros(k + 1)`) whose summary row is then written as an aggregate of the whole column, that row
    included: `metrics_df[metric][k] = metrics_df[metric].mean()`, `df.loc["mean", m] =
    df[m].mean()`, `scores[-1] = np.mean(scores)`. The row still holds its zero when the mean is
    taken. Aggregates of the rows before it (`metrics_df[metric][0:-1].mean()`, `[:k]`,
    `.iloc[:-1]`) and tables built row by row (where `df.loc["mean"] = df.mean()` appends) are
    left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `metrics_df[metric][k] = metrics_df[metric].mean()` | yes | `metrics_df[metric][0:-1].mean()` |
    | `results.loc[n_folds, "auc"] = results["auc"].mean()` | yes | `results["auc"].iloc[:n_folds].mean()` |
    | `scores[-1] = np.mean(scores)` after `scores = np.zeros(k + 1)` | yes | `scores = []` ... `scores.append(np.mean(scores))` |

    ## Why is this bad?
    The mean of k folds and one zero is the true mean times k / (k + 1): a 0.80 accuracy over five
    folds is saved as 0.67. The table shows the fold rows beside it, so nobody recomputes the row
    that the paper quotes, and a standard deviation computed the same way is inflated by the zero.

    ## Example
        metrics_df = pd.DataFrame(np.zeros((k + 1, len(metrics))), columns=metrics)
        ...
        metrics_df[metric][k] = metrics_df[metric].mean()

    Use instead:
        metrics_df[metric][k] = metrics_df[metric][:k].mean()
    """

    code = "RESULT075"
    category = "RESULT-SUSPECT"
    severity = Severity.ERROR
    message = ("`{target}` is set to the {how} of `{column}`, which still holds that row ({made} at line {line0}): "
               "the summary is taken over the folds and the summary row's own placeholder")
    question = "Should the summary at {where} aggregate only the rows before it, not `{column}` whole?"
    triggers = ("zeros", "empty", "full(", "[0")
    examples = [
        invalid("""
            import numpy as np
            import pandas as pd

            def kfold_cross_validation(cfg, run_fold):
                k = cfg['KFOLDS']
                metrics_list = cfg['METRICS']
                metrics_df = pd.DataFrame(np.zeros((k + 1, len(metrics_list) + 1)), columns=['Fold'] + metrics_list)
                metrics_df['Fold'] = list(range(1, k + 1)) + ['mean']
                for row_idx in range(k):
                    test_metrics = run_fold(row_idx)
                    for metric in test_metrics:
                        metrics_df[metric][row_idx] = test_metrics[metric]
                for metric in metrics_list:
                    metrics_df[metric][k] = metrics_df[metric].mean()  # expect: RESULT075
                metrics_df.to_csv('kfold.csv', index=False)
        """),
        valid("""
            import numpy as np
            import pandas as pd

            def kfold_cross_validation(cfg, run_fold):
                k = cfg['KFOLDS']
                metrics_list = cfg['METRICS']
                metrics_df = pd.DataFrame(np.zeros((k + 1, len(metrics_list) + 1)), columns=['Fold'] + metrics_list)
                metrics_df['Fold'] = list(range(1, k + 1)) + ['mean']
                for row_idx in range(k):
                    test_metrics = run_fold(row_idx)
                    for metric in test_metrics:
                        metrics_df[metric][row_idx] = test_metrics[metric]
                for metric in metrics_list:
                    metrics_df[metric][k] = metrics_df[metric][0:-1].mean()
                metrics_df.to_csv('kfold.csv', index=False)
        """, note="near miss: the fix, the mean of the fold rows"),
        invalid({"cv.ipynb": notebook(
            "import numpy as np",
            "scores = np.zeros(6)\nfor i in range(5):\n    scores[i] = run(i)\nscores[-1] = np.mean(scores)  # expect: RESULT075\nprint(scores)",
        )}),
        valid("""
            import numpy as np
            import pandas as pd

            def summarise(rows, k):
                df = pd.DataFrame(rows)
                df.loc["mean"] = df.mean()
                acc = np.zeros(k + 1)
                acc[k] = acc[:k].mean()
                other = np.zeros(k)
                total = other.sum()
                return df, acc, total
        """, note="near misses: a table built from its rows (the mean row is appended), a slice, a sum kept apart"),
    ]

    def visit_Module(self, node) -> None:
        if module_tree(self.ctx) is None:
            return
        for scope in module_scopes(self.ctx):
            made: dict[str, ast.Assign] = {}
            for n in sorted((x for x in scope_nodes(self.ctx, scope) if isinstance(x, ast.Assign)), key=lambda x: x.lineno):
                if len(n.targets) != 1:
                    continue
                target = n.targets[0]
                if isinstance(target, ast.Name):
                    if _PREALLOCATED.search(ast.unparse(n.value)):
                        made[target.id] = n
                    else:
                        made.pop(target.id, None)
                    continue
                table = _base(target)
                column = _column(target)
                if table not in made or not column or _aggregated(n.value) != column:
                    continue
                call = n.value
                self.ctx.report(type(self), None, line=n.lineno, fields={
                    "target": ast.unparse(target), "column": column, "how": call.func.attr,
                    "made": ast.unparse(made[table].value)[:40], "line0": made[table].lineno})
