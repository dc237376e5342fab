"""EVAL013: accuracy computed element by element over one-hot arrays, so every correct zero counts."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.labelwords import words
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# Calls that turn class ids into one-hot rows (terminal names: `F.one_hot`, keras' `to_categorical`,
# sklearn's `label_binarize`, pandas' `get_dummies`, a repository's own `to_one_hot`).
ONE_HOT_CALLS = frozenset({
    "one_hot", "to_one_hot", "onehot", "to_onehot", "one_hot_encode", "to_categorical", "label_binarize",
    "get_dummies",
})
# Methods that keep the one-hot layout (a flattened one-hot array is still one entry per class).
KEEPS = frozenset({
    "long", "float", "int", "bool", "double", "half", "flatten", "ravel", "reshape", "view", "cpu", "cuda",
    "numpy", "detach", "to", "astype", "type", "contiguous", "clone", "copy",
})
# What makes the comparison per item again.
PER_ITEM = ("argmax", ".all(", "all(", ".max(", "nonzero", "idxmax")


def _accuracy_name(name: str) -> bool:
    parts = words(name)
    return any(p in ("accuracy", "acc") or p.endswith("accuracy") for p in parts) and "multilabel" not in parts


class AccuracyOverOneHot(Rule):
    """
    ## What it does
    Finds an accuracy computed over one-hot arrays element by element: predictions and labels
    made one-hot (`to_one_hot`, `F.one_hot`, keras' `to_categorical`, `np.eye(c)[y]`,
    `label_binarize`, `pd.get_dummies`), then flattened and passed to an accuracy function
    (`accuracy_score(Y.ravel(), P.ravel())`, a repository's own `accuracy(Y, preds.flatten())`) or
    compared with `==` / `.eq` and averaged (`(pred_onehot == y_onehot).mean()`), with no `argmax`
    back to class ids and no `.all(axis=1)` per row. Unflattened one-hot rows given to
    `accuracy_score` are compared row by row (subset accuracy), which is right.

    ## Why is this bad?
    Over one-hot rows, each item contributes one entry per class and all but one are zeros. A
    wrong prediction still matches on the c-2 zeros it shares with the label, so the "accuracy"
    is at least (c-2)/c for any model: with 4 classes a classifier that is always wrong scores
    0.5. The figure is inflated toward (c-1)/c and is not the top-1 accuracy it is reported as.

    ## Example
        preds = to_one_hot(logits.argmax(-1), c)
        acc = accuracy(to_one_hot(y, c).flatten(), preds.flatten())

    Use instead:
        acc = accuracy(y, logits.argmax(-1))
    """

    code = "EVAL013"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{code}` computes accuracy over the one-hot `{onehot}` entry by entry: the zeros a wrong "
               "prediction shares with the label count as correct, inflating it toward (c-1)/c")
    question = "Is the accuracy `{code}` at {where} meant per entry of one-hot rows, or top-1 per item?"
    triggers = ("one_hot", "onehot", "to_categorical", "label_binarize", "get_dummies", "eye(")
    examples = [
        invalid("""
            def evaluate(logits, labels, c):
                raw_preds = to_one_hot(logits.argmax(dim=-1), c).long()
                Y = to_one_hot(labels, c).long().flatten()
                raw_acc = accuracy(Y, raw_preds.flatten())  # expect: EVAL013
                return raw_acc
        """),
        invalid("""
            import numpy as np
            from sklearn.metrics import accuracy_score
            from tensorflow.keras.utils import to_categorical
            y_true = to_categorical(y_test, num_classes=10)
            y_pred = (model.predict(x_test) > 0.5).astype(int)
            print(accuracy_score(y_true.ravel(), y_pred.ravel()))  # expect: EVAL013
        """),
        invalid("""
            import torch
            import torch.nn.functional as F
            pred_oh = F.one_hot(out.argmax(1), num_classes=5)
            acc = (pred_oh == F.one_hot(y, num_classes=5)).float().mean()  # expect: EVAL013
        """),
        invalid("""
            import numpy as np
            target = np.eye(n_classes)[labels]
            hits = np.mean(np.round(probs) == target)  # expect: EVAL013
        """),
        valid("""
            import numpy as np
            import torch.nn.functional as F
            from sklearn.metrics import accuracy_score, roc_auc_score
            y_onehot = F.one_hot(y, 5)
            acc = (out.argmax(1) == y_onehot.argmax(1)).float().mean()
            row_acc = np.mean(np.all(pred_oh == y_onehot, axis=1))
            auroc = roc_auc_score(y_onehot.ravel(), probs.ravel())
            loss = ((probs - y_onehot) ** 2).mean()
            acc2 = accuracy_score(y, probs.argmax(1))
            subset = accuracy_score(y_onehot, F.one_hot(out.argmax(1), 5))
        """, note="back to class ids, whole rows compared, or a micro-averaged AUROC"),
        valid("""
            y_onehot = to_one_hot(y, c)
            y_onehot = y_onehot.argmax(-1)
            acc = (pred == y_onehot).mean()
        """, note="rebound to class ids first"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._onehot: list[set[str]] = [set()]
        self._flat: list[set[str]] = [set()]  # one-hot names flattened to one entry per class and item
        self._reported: set[int] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._onehot.append(set(self._onehot[-1]))
        self._flat.append(set(self._flat[-1]))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._onehot.pop()
        self._flat.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                name = target.target.value
                if self._is_onehot(node.value):
                    self._onehot[-1].add(name)
                else:
                    self._onehot[-1].discard(name)
                if self._is_flat(node.value):
                    self._flat[-1].add(name)
                else:
                    self._flat[-1].discard(name)

    def _is_onehot(self, expr: cst.BaseExpression) -> bool:
        while True:
            if isinstance(expr, cst.Name):
                return expr.value in self._onehot[-1]
            if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Call):
                func = expr.value.func
                return isinstance(func, (cst.Attribute, cst.Name)) and self._terminal(func) == "eye"
            if not isinstance(expr, cst.Call):
                return False
            func = expr.func
            terminal = self._terminal(func)
            if terminal in ONE_HOT_CALLS:
                return True
            qualified = self.qualified_name(func) or ""
            if qualified.endswith("LabelBinarizer().fit_transform") or qualified.endswith("LabelBinarizer().transform"):
                return True
            if isinstance(func, cst.Attribute) and terminal in KEEPS:
                expr = func.value
                continue
            if terminal in ("asarray", "array", "tensor", "as_tensor") and expr.args:
                expr = expr.args[0].value
                continue
            return False

    def _is_flat(self, expr: cst.BaseExpression) -> bool:
        """A one-hot array flattened (`.flatten()`, `.ravel()`, `.reshape(-1)`, `.view(-1)`)."""
        if not self._is_onehot(expr):
            return False
        while isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
            method = expr.func.attr.value
            if method in ("flatten", "ravel") or (method in ("reshape", "view") and len(expr.args) == 1):
                return True
            if method not in KEEPS:
                return False
            expr = expr.func.value
        return isinstance(expr, cst.Name) and expr.value in self._flat[-1]

    @staticmethod
    def _terminal(func: cst.BaseExpression) -> str | None:
        if isinstance(func, cst.Name):
            return func.value
        if isinstance(func, cst.Attribute):
            return func.attr.value
        return None

    def _statement_code(self) -> str:
        statement = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.SimpleStatementLine)), None)
        return self.ctx.code(statement) if statement is not None else ""

    def _report(self, node: cst.CSTNode, onehot: cst.BaseExpression) -> None:
        statement = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.SimpleStatementLine)), node)
        if id(statement) in self._reported:
            return
        self._reported.add(id(statement))
        self.report(node, code=" ".join(self.ctx.code(node).split())[:80], onehot=self.ctx.code(onehot)[:40])

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        terminal = self._terminal(func)
        if terminal == "eq" and isinstance(func, cst.Attribute) and node.args:
            sides = [func.value, node.args[0].value]
            self._compared(node, sides)
            return
        if terminal is None or not _accuracy_name(terminal):
            return
        code = self._statement_code()
        if "multilabel" in code or "argmax" in code:
            return
        for arg in node.args[:2]:  # unflattened, sklearn compares whole rows (subset accuracy)
            if arg.keyword is None and self._is_flat(arg.value):
                self._report(node, arg.value)
                return

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) == 1 and isinstance(node.comparisons[0].operator, cst.Equal):
            self._compared(node, [node.left, node.comparisons[0].comparator])

    def _compared(self, node: cst.CSTNode, sides: list[cst.BaseExpression]) -> None:
        onehot = next((s for s in sides if self._is_onehot(s)), None)
        if onehot is None:
            return
        code = self._statement_code()
        if any(marker in code for marker in PER_ITEM):
            return
        target = code.split("=", 1)[0] if "=" in code else ""
        if "mean" in code or "sum" in code or _accuracy_name(target):
            self._report(node, onehot)
