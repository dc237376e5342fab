"""EVAL011: per-class figures computed as a confusion matrix's diagonal over its grand total."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.names import dotted
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook

DIAGONAL_FUNCTIONS = frozenset({"numpy.diag", "numpy.diagonal", "torch.diag", "torch.diagonal"})
SUM_FUNCTIONS = frozenset({"numpy.sum", "torch.sum"})


class DiagonalOverTotal(Rule):
    """
    ## What it does
    Finds the diagonal of a matrix divided by the sum of all its entries, `cm.diagonal() /
    cm.sum()` (also `np.diag(cm) / np.sum(cm)`, torch's `diag`), where the diagonal is not summed
    first: a vector of per-class figures, each class's correct count over every item of every
    class.

    ## Why is this bad?
    Per-class accuracy (recall) is the diagonal over each row's total, precision over each
    column's; over the grand total each class's figure is shrunk by how rare the class is, and
    they add up to the overall accuracy. A table of per-class accuracies then shows small numbers
    that look like a weak model, or a rare class that looks hopeless.

    ## Example
        per_class_accuracy = cm.diagonal() / cm.sum()

    Use instead:
        per_class_accuracy = cm.diagonal() / cm.sum(axis=1)   # recall of each true class
    """

    code = "EVAL011"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{code}` divides each class's diagonal count by the total of the whole matrix, not by the "
               "class's row or column: every per-class figure is shrunk by the class's share of the items")
    question = "Is `{code}` at {where} meant as per-class recall (`sum(axis=1)`) or precision (`sum(axis=0)`)?"
    triggers = ("diag",)
    examples = [
        invalid("""
            per_class_performance = {
                'accuracy': confusion_matrix.diagonal() / confusion_matrix.sum(),  # expect: EVAL011
            }
        """),
        invalid("""
            import numpy as np
            from sklearn.metrics import confusion_matrix
            cm = confusion_matrix(y_test, preds)
            class_acc = np.diag(cm) / np.sum(cm)  # expect: EVAL011
        """),
        valid("""
            import numpy as np
            overall = np.diag(cm).sum() / cm.sum()
            trace_acc = np.trace(cm) / cm.sum()
            recall = cm.diagonal() / cm.sum(axis=1)
            precision = np.diag(cm) / np.sum(cm, axis=0)
            other = cm.diagonal() / other_matrix.sum()
        """, note="summed first, a trace, or an axis given"),
        invalid({
            "seg/metrics.py": '''
                import numpy as np

                def confusion(y_true, y_pred, n):
                    cm = np.zeros((n, n))
                    np.add.at(cm, (y_true, y_pred), 1)
                    return cm
            ''',
            "seg/report.py": '''
                from seg.metrics import confusion

                class Report:
                    def per_class(self, y_true, y_pred):
                        cm = confusion(y_true, y_pred, self.n_classes)
                        return dict(zip(self.names, cm.diagonal() / cm.sum()))  # expect: EVAL011
            ''',
        }, note="across modules: the matrix from a helper of another module, its diagonal over every item in a method"),
        valid({
            "seg/metrics.py": '''
                import numpy as np

                def confusion(y_true, y_pred, n):
                    cm = np.zeros((n, n))
                    np.add.at(cm, (y_true, y_pred), 1)
                    return cm
            ''',
            "seg/report.py": '''
                from seg.metrics import confusion

                class Report:
                    def per_class(self, y_true, y_pred):
                        cm = confusion(y_true, y_pred, self.n_classes)
                        return dict(zip(self.names, cm.diagonal() / cm.sum(axis=1)))
            ''',
        }, note="near miss: per-class recall, each row's own total"),
        invalid({"confusion.ipynb": notebook(
            """
            import numpy as np
            from sklearn.metrics import confusion_matrix
            cm = confusion_matrix(y_val, preds)
            """,
            """
            per_class_acc = np.diag(cm) / np.sum(cm)  # expect: EVAL011
            per_class_acc
            """,
        )}, note="notebook: the matrix in one cell, the division in the next"),
        valid({"confusion.ipynb": notebook(
            """
            import numpy as np
            from sklearn.metrics import confusion_matrix
            cm = confusion_matrix(y_val, preds)
            """,
            """
            overall_acc = np.trace(cm) / np.sum(cm)
            overall_acc
            """,
        )}, note="near miss: the trace, one figure"),
    ]

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if not isinstance(node.operator, cst.Divide):
            return
        matrix = self._diagonal_of(node.left)
        if matrix is not None and matrix == self._total_of(node.right):
            self.report(node, code=" ".join(self.ctx.code(node).split()))

    def _diagonal_of(self, expr: cst.BaseExpression) -> str | None:
        if not isinstance(expr, cst.Call):
            return None
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("diagonal", "diag") and not expr.args:
            return dotted(func.value) if isinstance(func.value, (cst.Name, cst.Attribute)) else None
        name = self.qualified_name(func)
        if name and plain(name) in DIAGONAL_FUNCTIONS and len(expr.args) == 1:
            value = expr.args[0].value
            return dotted(value) if isinstance(value, (cst.Name, cst.Attribute)) else None
        return None

    def _total_of(self, expr: cst.BaseExpression) -> str | None:
        if not isinstance(expr, cst.Call):
            return None
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value == "sum" and not expr.args:
            return dotted(func.value) if isinstance(func.value, (cst.Name, cst.Attribute)) else None
        name = self.qualified_name(func)
        if name and plain(name) in SUM_FUNCTIONS and len(expr.args) == 1:
            value = expr.args[0].value
            return dotted(value) if isinstance(value, (cst.Name, cst.Attribute)) else None
        return None
