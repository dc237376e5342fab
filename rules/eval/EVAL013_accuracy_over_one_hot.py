"""EVAL013: accuracy computed element by element over one-hot arrays, so every correct zero counts."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.labelwords import words
from hygiene.analysis.modules import locate_defined
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook

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
    triggers = ("one_hot", "onehot", "to_categorical", "label_binarize", "get_dummies", "eye(", "ravel()", "flatten()")
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
        invalid({
            "mnist/encoding.py": '''
                import numpy as np

                def encode_labels(y, n_classes):
                    return np.eye(n_classes)[y]
            ''',
            "mnist/evaluate.py": '''
                from sklearn.metrics import accuracy_score
                from mnist.encoding import encode_labels

                def evaluate(model, x_test, y_test):
                    Y = encode_labels(y_test, 10)
                    P = (model.predict(x_test) > 0.5).astype(int)
                    return accuracy_score(Y.ravel(), P.ravel())  # expect: EVAL013
            ''',
        }, note="across modules: the labels one-hot encoded by a helper of another module, flattened into an accuracy"),
        valid({
            "mnist/encoding.py": '''
                import numpy as np

                def encode_labels(y, n_classes):
                    return np.eye(n_classes)[y]
            ''',
            "mnist/evaluate.py": '''
                from sklearn.metrics import accuracy_score
                from mnist.encoding import encode_labels

                def evaluate(model, x_test, y_test):
                    Y = encode_labels(y_test, 10)
                    P = model.predict(x_test)
                    return accuracy_score(Y.argmax(1), P.argmax(1))
            ''',
        }, note="near miss: back to class ids before the accuracy"),
        invalid({"mlp.ipynb": notebook(
            """
            import numpy as np
            def one_hot_rows(y, c):
                return np.eye(c)[y]
            """,
            """
            Y_te = one_hot_rows(y_te, 3)
            hits = np.mean(np.round(mlp_forward(X_te)).flatten() == Y_te.flatten())  # expect: EVAL013
            """,
        )}, note="notebook: the encoder in one cell, the entry-by-entry comparison averaged in the next"),
        valid({"mlp.ipynb": notebook(
            """
            import numpy as np
            def one_hot_rows(y, c):
                return np.eye(c)[y]
            """,
            """
            Y_te = one_hot_rows(y_te, 3)
            hits = np.mean(mlp_forward(X_te).argmax(1) == Y_te.argmax(1))
            """,
        )}, note="near miss: compared as class ids"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._onehot: list[set[str]] = [set()]
        self._flat: list[set[str]] = [set()]  # one-hot names flattened to one entry per class and item
        self._reported: set[int] = set()
        self._makers: list[str] = []  # functions of this module that return one-hot rows
        self._results: list[dict[str, str]] = [{}]  # name -> the repo function whose result it holds
        self._pending: list[dict] = []  # a flattened accuracy over such a result: a finding if it is one-hot

    def visit_Return(self, node: cst.Return) -> None:
        function = self.ctx.names.function
        if isinstance(function, cst.FunctionDef) and node.value is not None and len(self._onehot) == 2 \
                and self._is_onehot(node.value):
            self._makers.append(function.name.value)  # `def encode(y, c): return np.eye(c)[y]`

    def finish(self) -> None:
        if self._makers or self._pending:
            self.ctx.facts[self.code] = {"makers": self._makers[:50], "pending": self._pending[:20]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """A flattened accuracy over the result of a function (another module's, an earlier cell's) that one-hot encodes."""
        makers = {(path, m) for path, facts in repo.facts(cls.code) for m in facts.get("makers", [])}
        for path, facts in repo.facts(cls.code):
            for site in facts.get("pending", []):
                if locate_defined(repo, site["callee"], path, site["module"]) in makers:
                    repo.report(cls, path, site["line"], code=site["code"], onehot=site["onehot"])

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._onehot.append(set(self._onehot[-1]))
        self._flat.append(set(self._flat[-1]))
        self._results.append(dict(self._results[-1]))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._onehot.pop()
        self._flat.pop()
        self._results.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                name = target.target.value
                value = node.value
                callee = self.qualified_name(value.func) if isinstance(value, cst.Call) else None
                if callee and "()" not in callee and self._terminal(value.func) not in ONE_HOT_CALLS \
                        and "." in callee and not callee.startswith(("numpy.", "torch.", "sklearn.", "pandas.")):
                    self._results[-1][name] = callee  # `Y = encode_labels(y, 10)`: known in the repo phase
                else:
                    self._results[-1].pop(name, None)
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
        for arg in node.args[:2]:
            callee = self._flat_result(arg.value) if arg.keyword is None else None
            if callee:
                self._pending.append({"callee": callee, "module": self.ctx.names.module_name, "line": self.ctx.line_of(node),
                                      "code": " ".join(self.ctx.code(node).split())[:80], "onehot": self.ctx.code(arg.value)[:40]})
                return

    def _flat_result(self, expr: cst.BaseExpression, flattened: bool = False) -> str | None:
        """`Y.ravel()` where `Y` holds the result of a repo function: that function's name (compared with `==`,
        `flattened` is given: the comparison is entry by entry anyway)."""
        while isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
            method = expr.func.attr.value
            flattened = flattened or method in ("flatten", "ravel") or (method in ("reshape", "view") and len(expr.args) == 1)
            if method not in KEEPS:
                return None
            expr = expr.func.value
        return self._results[-1].get(expr.value) if flattened and isinstance(expr, cst.Name) else None

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) == 1 and isinstance(node.comparisons[0].operator, cst.Equal):
            self._compared(node, [node.left, node.comparisons[0].comparator])

    def _compared(self, node: cst.CSTNode, sides: list[cst.BaseExpression]) -> None:
        onehot = next((s for s in sides if self._is_onehot(s)), None)
        callee = next((c for s in sides if (c := self._flat_result(s, flattened=True))), None) if onehot is None else None
        if onehot is None and callee is None:
            return
        code = self._statement_code()
        if any(marker in code for marker in PER_ITEM):
            return
        target = code.split("=", 1)[0] if "=" in code else ""
        if "mean" in code or "sum" in code or _accuracy_name(target):
            if onehot is not None:
                self._report(node, onehot)
            elif "argmax" not in code:  # compared with the result of a repo function: a finding if that function one-hot encodes
                self._pending.append({"callee": callee, "module": self.ctx.names.module_name, "line": self.ctx.line_of(node),
                                      "code": " ".join(self.ctx.code(node).split())[:80], "onehot": callee.rsplit(".", 1)[-1]})
