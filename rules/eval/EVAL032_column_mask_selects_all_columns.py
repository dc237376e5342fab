"""EVAL032: in a loop over columns, the rows chosen by column `i` are taken from every column of the matrix."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook
from hygiene.walk import iter_nodes


def _name(expr: cst.BaseExpression) -> str | None:
    return expr.value if isinstance(expr, cst.Name) else None


def _column_of(node: cst.CSTNode, column: str) -> str | None:
    """`A` when `node` is `A[:, column]` (a whole column of a matrix by the loop's index)."""
    if not (isinstance(node, cst.Subscript) and len(node.slice) == 2):
        return None
    first, second = node.slice[0].slice, node.slice[1].slice
    if not (isinstance(first, cst.Slice) and first.lower is None and first.upper is None and first.step is None):
        return None
    if not (isinstance(second, cst.Index) and _name(second.value) == column):
        return None
    return _name(node.value)


def _columns_in(expr: cst.CSTNode, column: str) -> set[str]:
    return {a for n in iter_nodes(expr) if (a := _column_of(n, column)) is not None}


class ColumnMaskSelectsAllColumns(Rule):
    """
    ## What it does
    Finds, inside `for i in ...`, a matrix indexed by a row mask built from its own column `i`
    without the column: `is_labeled = y_true[:, i] == y_true[:, i]` and then `y_true[is_labeled]`
    (also the mask written inline, `y_true[~np.isnan(y_true[:, i])]`). The mask has one entry per
    row, so `y_true[is_labeled]` keeps those rows with every column. Indexing with the column
    (`y_true[is_labeled, i]`) and masks applied to a column taken first are left alone.

    ## Why is this bad?
    A per-task metric (RMSE, AUC, accuracy of task `i`) is computed over all tasks' values of the
    rows where task `i` is labelled, and the average over tasks is a number of no task. Shapes
    still match, since the predictions are masked the same way, so nothing fails.

    ## Example
        for i in range(y_true.shape[1]):
            is_labeled = y_true[:, i] == y_true[:, i]
            rmse_list.append(np.sqrt(((y_true[is_labeled] - y_pred[is_labeled]) ** 2).mean()))

    Use instead:
            rmse_list.append(np.sqrt(((y_true[is_labeled, i] - y_pred[is_labeled, i]) ** 2).mean()))
    """

    code = "EVAL032"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = ("`{code}` selects rows of `{matrix}` by `{mask}`, a mask from its column `{column}`, but keeps "
               "every column: the value computed for column `{column}` mixes all columns")
    question = "Should `{code}` at {where} take column `{column}` too (`{matrix}[{mask}, {column}]`)?"
    triggers = ("[:,", "[:, ")
    examples = [
        invalid("""
            import numpy as np

            def eval_rmse(y_true, y_pred):
                rmse_list = []
                for i in range(y_true.shape[1]):
                    is_labeled = y_true[:, i] == y_true[:, i]
                    rmse_list.append(np.sqrt(((y_true[is_labeled] - y_pred[is_labeled]) ** 2).mean()))  # expect: EVAL032
                return sum(rmse_list) / len(rmse_list)
        """),
        invalid("""
            import numpy as np
            from sklearn.metrics import roc_auc_score
            aucs = []
            for task in range(Y.shape[1]):
                aucs.append(roc_auc_score(Y[~np.isnan(Y[:, task])], P[:, task]))  # expect: EVAL032
        """),
        valid("""
            import numpy as np
            for i in range(y_true.shape[1]):
                is_labeled = y_true[:, i] == y_true[:, i]
                rmse = np.sqrt(((y_true[is_labeled, i] - y_pred[is_labeled, i]) ** 2).mean())
                col = y_true[:, i]
                kept = col[~np.isnan(col)]
                rows = X[is_labeled]
        """, note="the column taken, a mask on the column itself, or another matrix's rows"),
        invalid({"tox21.ipynb": notebook(
            """
            import numpy as np
            from sklearn.metrics import roc_auc_score
            y_true, y_score = np.load("y_true.npy"), np.load("y_score.npy")
            """,
            """
            aucs = []
            for i in range(y_true.shape[1]):
                labelled = ~np.isnan(y_true[:, i])
                aucs.append(roc_auc_score(y_true[labelled], y_score[labelled]))  # expect: EVAL032
            np.mean(aucs)
            """,
        )}, note="notebook: per-task AUROC loop in a cell; the row mask keeps every column"),
        valid({"tox21.ipynb": notebook(
            """
            import numpy as np
            from sklearn.metrics import roc_auc_score
            y_true, y_score = np.load("y_true.npy"), np.load("y_score.npy")
            """,
            """
            aucs = []
            for i in range(y_true.shape[1]):
                labelled = ~np.isnan(y_true[:, i])
                aucs.append(roc_auc_score(y_true[labelled, i], y_score[labelled, i]))
            np.mean(aucs)
            """,
        )}, note="near miss: the column indexed with the mask"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._loops: list[tuple[str, dict[str, str]]] = []  # loop index, mask name -> matrix it came from
        self._reported: set[int] = set()

    def visit_For(self, node: cst.For) -> None:
        if isinstance(node.target, cst.Name):
            self._loops.append((node.target.value, {}))
        else:
            self._loops.append(("", {}))

    def leave_For(self, original_node: cst.For) -> None:
        self._loops.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        if not self._loops or not self._loops[-1][0]:
            return
        column, masks = self._loops[-1]
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        name = node.targets[0].target.value
        matrices = _columns_in(node.value, column)
        if len(matrices) == 1 and not isinstance(node.value, cst.Subscript):
            masks[name] = next(iter(matrices))
        else:
            masks.pop(name, None)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if not self._loops or not self._loops[-1][0] or len(node.slice) != 1:
            return
        index = node.slice[0].slice
        if not isinstance(index, cst.Index):
            return
        column, masks = self._loops[-1]
        matrix = _name(node.value)
        if matrix is None:
            return
        mask = _name(index.value)
        if mask is not None and masks.get(mask) == matrix:
            self._report(node, matrix, mask, column)
        elif mask is None and matrix in _columns_in(index.value, column):
            self._report(node, matrix, " ".join(self.ctx.code(index.value).split()), column)

    def _report(self, node: cst.Subscript, matrix: str, mask: str, column: str) -> None:
        line = self.ctx.line_of(node)
        if line in self._reported:
            return
        self._reported.add(line)
        self.report(node, code=self.ctx.code(node), matrix=matrix, mask=mask, column=column)
