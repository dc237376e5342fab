"""EVAL014: an (n, 1) column combined with an (n,) vector in a metric, broadcasting to an n x n matrix."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis.torch import model_like_name
from hygiene.analysis.labelwords import words
from hygiene.analysis.modules import locate_defined
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook

# Methods and operators that keep a column a column (elementwise).
ELEMENTWISE = frozenset({
    "gt", "lt", "ge", "le", "float", "long", "int", "bool", "double", "sigmoid", "round", "detach", "cpu",
    "numpy", "to", "abs", "exp", "log", "clone", "type", "astype", "cuda", "half",
})
# Methods that keep a vector a vector.
KEEPS = frozenset({"float", "long", "int", "bool", "double", "detach", "cpu", "numpy", "to", "cuda", "type", "astype",
                   "clone", "half"})
# Names of per-item vectors: labels, weights, masks, per-item correctness and predictions.
VECTOR_WORDS = frozenset({
    "y", "label", "labels", "target", "targets", "gold", "truth", "gt", "weight", "weights", "w", "mask",
    "correct", "hits", "pred", "preds", "predictions", "predicted", "yhat", "ytrue",
})
COMBINE_METHODS = frozenset({"eq", "ne", "mul", "__eq__", "multiply", "equal"})
REDUCTIONS = (".sum()", ".mean()", "np.sum(", "np.mean(", "torch.sum(", "torch.mean(", ".sum().item()")
COLUMN_MARKS = (".view(-1, 1)", ".reshape(-1, 1)", "[:, None]", "[:, np.newaxis]", ".unsqueeze(")
SHAPED = ("view_as", "reshape_as", "expand_as", "squeeze", "flatten", "ravel", "reshape(-1)", "view(-1)")
# `target.view_as(out)` (also `reshape_as`, `.view(out.shape)`): the file aligns a vector to another tensor's
# shape, so the two differ (`out` is (n, 1)); compared bare elsewhere in the file, they broadcast.
_ALIGNED = re.compile(r"\b(\w+)\.(?:view_as|reshape_as)\((\w+)\)|\b(\w+)\.(?:view|reshape)\((\w+)\.(?:shape|size\(\))\)")


def _forward(value: cst.BaseExpression) -> bool:
    """`self.context_decoder(obs, actions, z)`, `model(x)`: a network's output, whose width is the
    network's (an (n, 1) head as often as (n,)), so a name holding it is no known (n,) vector."""
    if not isinstance(value, cst.Call):
        return False
    func = value.func
    name = func.attr.value if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) \
        and func.value.value == "self" else func.value if isinstance(func, cst.Name) else ""
    return bool(name) and model_like_name(name)


def _int(node: cst.BaseExpression) -> int | None:
    if isinstance(node, cst.Integer):
        return node.evaluated_value
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus) and isinstance(node.expression, cst.Integer):
        return -node.expression.evaluated_value
    return None


class ColumnBroadcastInMetric(Rule):
    """
    ## What it does
    Finds a column of shape (n, 1) combined elementwise with a vector of shape (n,) (labels,
    weights, a mask, per-item correctness) in an expression that is then summed or averaged over
    everything. The column is recognised by how it was made: `x[:, None]`, `x.reshape(-1, 1)`,
    `x.view(-1, 1)`, `x.unsqueeze(1)`, a reduction with `keepdim=True` (`out.argmax(1,
    keepdim=True)`), or a branch that checks `p.size(1) == 1` (a single-logit output). A file that
    aligns a label vector to an output before its loss (`criterion(out, target.view_as(out))`) has
    said the two differ in shape: `(target >= 0.5) == (torch.sigmoid(out) >= 0.5)` summed elsewhere
    in the file, without aligning them, is the same broadcast.

    ## Why is this bad?
    numpy and torch broadcast (n, 1) against (n,) to an (n, n) matrix without an error. Summed,
    `pred.eq(target)` counts every pair of items whose prediction equals the other's label, and a
    weighted count multiplies each item by every weight: the "correct" count is no longer a count
    of items, and the accuracy divided by n can exceed 1 or sit near the class balance whatever
    the model does.

    ## Example
        pred = output.argmax(dim=1, keepdim=True)
        correct += pred.eq(target).sum().item()

    Use instead:
        correct += pred.eq(target.view_as(pred)).sum().item()
    """

    code = "EVAL014"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{code}` combines the (n, 1) column `{column}` with the (n,) vector `{vector}` and sums it: "
               "they broadcast to an n x n matrix, so the total counts pairs, not items")
    question = "Are `{column}` and `{vector}` at {where} the same shape, or do they broadcast to a matrix?"
    triggers = ("keepdim", "None]", "newaxis", ", 1)", "unsqueeze", "== 1", ".eq(",  # a caller of a column helper
                "view_as", "reshape_as")
    examples = [
        valid("""
            class Trainer:
                def context_loss(self, obs, actions, z, rewards):
                    unscaled = rewards.view(-1, 1)
                    reward_pred = self.context_decoder(obs, actions, z)
                    return ((reward_pred - unscaled) ** 2).mean()
        """, note="near miss: a network's output (here a one-unit head, (n, 1)) is of the network's width, not a known (n,) vector"),
        invalid("""
            class Trainer:
                def context_loss(self, obs, actions, z, rewards):
                    unscaled = rewards.view(-1, 1)
                    reward_pred = self.context_decoder(obs, actions, z).squeeze(-1)
                    return ((reward_pred - unscaled) ** 2).mean()  # expect: EVAL014
        """, note="the output squeezed to (n,) and set against the (n, 1) column: an n x n matrix of differences"),
        invalid("""
            def accuracy(network, loader, weights):
                correct = 0
                for x, y in loader:
                    p = network.predict(x)
                    batch_weights = torch.ones(len(x))
                    if p.size(1) == 1:
                        correct += (p.gt(0).eq(y).float() * batch_weights).sum().item()  # expect: EVAL014
                    else:
                        correct += (p.argmax(1).eq(y).float() * batch_weights).sum().item()
                return correct
        """),
        invalid("""
            for data, target in test_loader:
                output = model(data)
                pred = output.argmax(dim=1, keepdim=True)
                correct += pred.eq(target).sum().item()  # expect: EVAL014
        """),
        invalid("""
            import numpy as np
            weighted_acc = (sample_weight[:, None] * correct).sum() / sample_weight.sum()  # expect: EVAL014
            err = np.mean(scores.reshape(-1, 1) != labels)  # expect: EVAL014
        """),
        invalid("""
            import numpy as np
            def top1(probs, y_true):
                guess = np.argmax(probs, axis=1, keepdims=True)
                return np.mean(guess == y_true)  # expect: EVAL014
        """, note="numpy's keepdims, through a name"),
        valid("""
            for data, target in test_loader:
                pred = model(data).argmax(dim=1, keepdim=True)
                correct += pred.eq(target.view_as(pred)).sum().item()
            weighted = (sample_weight[:, None] * per_class).sum(axis=1)
            same = (labels[:, None] == labels).float().sum()
            pooled = (hidden * mask.unsqueeze(-1)).sum(1) / mask.sum(-1, keepdim=True)
            if p.size(1) == 1:
                correct += (p.squeeze(1).gt(0).eq(y).float() * w).sum().item()
                hits += (p.gt(0).eq(y).float() * batch_weights.view(-1, 1)).sum().item()
        """, note="shaped alike, reduced over an axis, a pairwise matrix of one vector, squeezed first"),
        valid("""
            import torch
            def pkt_loss(student, teacher):
                target_similarity = (teacher @ teacher.t() + 1.0) / 2.0
                model_similarity = (student @ student.t() + 1.0) / 2.0
                target_similarity = target_similarity / torch.sum(target_similarity, dim=1, keepdim=True)
                model_similarity = model_similarity / torch.sum(model_similarity, dim=1, keepdim=True)
                return torch.mean(target_similarity * torch.log(target_similarity / model_similarity))
        """, note="near miss: a matrix divided by its own rows' sums (the function spelling of `x / x.sum(1, keepdim=True)`)"),
        valid("""
            import torch
            def pairwise_loss(predictions):
                pos_pred, neg_pred = predictions[:, 0], predictions[:, 1:]
                weights = (neg_pred - neg_pred.max()).softmax(dim=1)
                return -((pos_pred[:, None] - neg_pred).sigmoid() * weights).sum(dim=1).log().mean()

            def pairwise_loss_named(predictions):
                neg_pred = predictions[:, 1:]
                return -(predictions[:, 0][:, None] - neg_pred).sigmoid().log().mean()
        """, note="near miss: the negatives are a range of columns, (n, k); the column broadcasts over k on purpose"),
        invalid("""
            import torch
            def pairwise_loss(predictions):
                pos_pred = predictions[:, 0]
                neg_pred = predictions[:, 1]
                return -(pos_pred[:, None] - neg_pred).sigmoid().log().mean()  # expect: EVAL014
        """, note="the twin: one column of negatives is (n,), so the (n, 1) positives broadcast to n x n"),
        invalid("""
            import torch
            def accuracy(logits, labels):
                return (torch.argmax(logits, dim=1, keepdim=True) == labels).float().mean()  # expect: EVAL014
        """, note="the twin: a keepdim column in the function spelling, compared with the (n,) labels"),
        invalid({
            "cls/predict.py": '''
                import torch

                @torch.no_grad()
                def predict_labels(model, data):
                    return model(data).argmax(dim=1, keepdim=True)
            ''',
            "cls/evaluate.py": '''
                from cls.predict import predict_labels

                def test_accuracy(model, loader):
                    correct = 0
                    for data, target in loader:
                        pred = predict_labels(model, data)
                        correct += pred.eq(target).sum().item()  # expect: EVAL014
                    return correct / len(loader.dataset)
            ''',
        }, note="across modules: the (n, 1) predictions come from a helper of another module; compared with the "
                "(n,) targets they broadcast to n by n"),
        valid({
            "cls/predict.py": '''
                import torch

                @torch.no_grad()
                def predict_labels(model, data):
                    return model(data).argmax(dim=1)
            ''',
            "cls/evaluate.py": '''
                from cls.predict import predict_labels

                def test_accuracy(model, loader):
                    correct = 0
                    for data, target in loader:
                        pred = predict_labels(model, data)
                        correct += pred.eq(target).sum().item()
                    return correct / len(loader.dataset)
            ''',
        }, note="near miss: the helper returns an (n,) vector"),
        invalid({"mnist.ipynb": notebook(
            """
            import torch
            model.eval()
            output = model(x_test)
            pred = output.argmax(dim=1, keepdim=True)
            """,
            """
            correct = pred.eq(y_test).sum().item()  # expect: EVAL014
            print(correct / len(y_test))
            """,
        )}, note="notebook: the keepdim column in one cell, compared with the labels in the next"),
        valid({"mnist.ipynb": notebook(
            """
            import torch
            model.eval()
            output = model(x_test)
            pred = output.argmax(dim=1, keepdim=True)
            """,
            """
            correct = pred.eq(y_test.view_as(pred)).sum().item()
            print(correct / len(y_test))
            """,
        )}, note="near miss: the labels shaped like the column"),
        invalid("""
            import torch

            class BinaryClassificationTrainer(Trainer):
                def _get_loss(self, x, target):
                    out = self.model(x)
                    return self.criterion(out, target.view_as(out)), out

                def evaluate(self):
                    top1, num_samples = 0, 0
                    for x, target in self.val_loader:
                        _loss, out = self._get_loss(x, target)
                        top1 += int(torch.sum((target >= 0.5) == (torch.sigmoid(out) >= 0.5)).item())  # expect: EVAL014
                        num_samples += x.shape[0]
                    return top1 / num_samples
        """, note="the loss aligns the labels to the single-logit output; the accuracy compares them bare"),
        valid("""
            import torch

            class BinaryClassificationTrainer(Trainer):
                def _get_loss(self, x, target):
                    out = self.model(x)
                    return self.criterion(out, target.view_as(out)), out

                def evaluate(self):
                    top1, num_samples = 0, 0
                    for x, target in self.val_loader:
                        _loss, out = self._get_loss(x, target)
                        top1 += torch.sum((target.view_as(out) >= 0.5) == (torch.sigmoid(out) >= 0.5)).item()
                        num_samples += x.shape[0]
                    return top1 / num_samples
        """, note="near miss: the labels aligned in the comparison too"),
        valid("""
            import torch

            def accuracy(model, x, target):
                out = model(x)
                return ((torch.sigmoid(out) >= 0.5) == (target >= 0.5)).float().mean()
        """, note="near miss: a file that never says the two shapes differ"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._columns: list[set[str]] = [set()]
        self._matrices: list[set[str]] = [set()]  # names bound to a range of columns: `x[:, 1:]`
        self._reported: set[int] = set()
        self._makers: list[str] = []  # functions of this module that return an (n, 1) column
        self._results: list[dict[str, str]] = [{}]  # name -> the repo function whose result it holds
        self._pending: list[dict] = []  # a reduced combination with such a result: a finding if it is a column
        self._aligned: set[tuple[str, str]] | None = None  # (vector, other) pairs the file aligns: `target.view_as(out)`

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._columns.append(set())
        self._matrices.append(set())
        self._results.append({})

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._columns.pop()
        self._matrices.pop()
        self._results.pop()

    def visit_Return(self, node: cst.Return) -> None:
        function = self.ctx.names.function
        if isinstance(function, cst.FunctionDef) and node.value is not None and len(self._columns) == 2 \
                and self._column(node.value):
            self._makers.append(function.name.value)  # `def predict(m, x): return m(x).argmax(1, keepdim=True)`

    def finish(self) -> None:
        if self._makers or self._pending:
            self.ctx.facts[self.code] = {"makers": self._makers[:50], "pending": self._pending[:20]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """A reduced combination of a vector with the result of a function (of another module, an earlier
        cell) that returns an (n, 1) column."""
        makers = {(path, m) for path, facts in repo.facts(cls.code) for m in facts.get("makers", [])}
        for path, facts in repo.facts(cls.code):
            for site in facts.get("pending", []):
                if locate_defined(repo, site["callee"], path, site["module"]) in makers:
                    repo.report(cls, path, site["line"], code=site["code"], column=site["column"], vector=site["vector"])

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Tuple) and isinstance(node.value, cst.Tuple) \
                    and len(target.target.elements) == len(node.value.elements):
                for name, value in zip(target.target.elements, node.value.elements):  # `a, b = x[:, 0], x[:, 1:]`
                    if isinstance(name.value, cst.Name):
                        bound = name.value.value
                        self._columns[-1].discard(bound)
                        self._results[-1].pop(bound, None)
                        (self._matrices[-1].add if self._column_range(value.value) else self._matrices[-1].discard)(bound)
                continue
            if isinstance(target.target, cst.Name):
                value = node.value
                callee = self.qualified_name(value.func) if isinstance(value, cst.Call) else None
                if callee and "()" not in callee and "." in callee \
                        and not callee.startswith(("numpy.", "torch.", "sklearn.", "pandas.", "builtins.")):
                    self._results[-1][target.target.value] = callee  # `pred = predict(model, x)`
                else:
                    self._results[-1].pop(target.target.value, None)
                if self._column(node.value):
                    self._columns[-1].add(target.target.value)
                else:
                    self._columns[-1].discard(target.target.value)
                if self._column_range(node.value) or _forward(node.value):
                    self._matrices[-1].add(target.target.value)  # a range of columns, or a network's output: not (n,)
                else:
                    self._matrices[-1].discard(target.target.value)

    # -- shapes --------------------------------------------------------------------------------
    def _guarded(self, name: str) -> bool:
        """Inside `if name.size(1) == 1:` or `if name.shape[-1] == 1:`."""
        parents = self.ctx.parents
        for i, parent in enumerate(parents[:-1]):
            if isinstance(parent, cst.If) and parents[i + 1] is parent.body:
                test = parent.test
                if (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
                        and isinstance(test.comparisons[0].operator, cst.Equal)
                        and _int(test.comparisons[0].comparator) == 1 and self._width_of(test.left) == name):
                    return True
        return False

    @staticmethod
    def _width_of(expr: cst.BaseExpression) -> str | None:
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "size":
            if len(expr.args) == 1 and _int(expr.args[0].value) in (1, -1) and isinstance(expr.func.value, cst.Name):
                return expr.func.value.value
        if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Attribute) and expr.value.attr.value == "shape":
            if len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
                if _int(expr.slice[0].slice.value) in (1, -1) and isinstance(expr.value.value, cst.Name):
                    return expr.value.value.value
        return None

    def _column(self, expr: cst.BaseExpression) -> str | None:
        """The base name of an (n, 1) column, or None."""
        if isinstance(expr, cst.Name):
            if expr.value in self._columns[-1] or self._guarded(expr.value):
                return expr.value
            return None
        if isinstance(expr, cst.Subscript) and len(expr.slice) == 2:
            first, second = (e.slice for e in expr.slice)
            if (isinstance(first, cst.Slice) and first.lower is None and first.upper is None
                    and isinstance(second, cst.Index) and self._none(second.value)):
                return self._base(expr.value)
            return None
        if isinstance(expr, cst.Comparison) and len(expr.comparisons) == 1:
            if isinstance(expr.comparisons[0].comparator, (cst.Integer, cst.Float)):
                return self._column(expr.left)
            return None
        if not isinstance(expr, cst.Call):
            return None
        if any(a.keyword is not None and a.keyword.value in ("keepdim", "keepdims")
               and isinstance(a.value, cst.Name) and a.value.value == "True" for a in expr.args):
            if (self.qualified_name(expr.func) or "").startswith(("torch.", "numpy.")) and expr.args \
                    and expr.args[0].keyword is None:
                # `torch.sum(x, dim=1, keepdim=True)`: the column is x's, so `x / torch.sum(x, ...)`
                # normalises x's rows (x has that dimension), as `x / x.sum(1, keepdim=True)` does
                return self._base(expr.args[0].value)
            return self._base(expr.func.value) if isinstance(expr.func, cst.Attribute) else "it"
        func = expr.func
        if not isinstance(func, cst.Attribute):
            return None
        method = func.attr.value
        values = [_int(a.value) for a in expr.args]
        if method in ("reshape", "view") and len(values) == 2 and values[1] == 1:
            return self._base(func.value)
        if method == "unsqueeze" and values in ([1], [-1]) and self._vector(func.value):
            return self._base(func.value)
        if method in ELEMENTWISE:
            return self._column(func.value)
        if method in COMBINE_METHODS and len(expr.args) == 1:  # `p.gt(0).eq(y)`: as wide as p when y is
            return self._column(func.value)
        return None

    @staticmethod
    def _column_range(expr: cst.BaseExpression) -> bool:
        """`x[:, 1:]`, `x[:, :k]`, `x[..., a:b]`: a range of columns is a matrix, not a vector."""
        if not isinstance(expr, cst.Subscript) or len(expr.slice) < 2:
            return False
        last = expr.slice[-1].slice
        return isinstance(last, cst.Slice) and (last.lower is not None or last.upper is not None)

    @staticmethod
    def _none(node: cst.BaseExpression) -> bool:
        return (isinstance(node, cst.Name) and node.value == "None") or (
            isinstance(node, cst.Attribute) and node.attr.value == "newaxis")

    @staticmethod
    def _base(expr: cst.BaseExpression) -> str:
        while isinstance(expr, (cst.Attribute, cst.Call, cst.Subscript)):
            expr = expr.func if isinstance(expr, cst.Call) else expr.value
        return expr.value if isinstance(expr, cst.Name) else "it"

    def _vector(self, expr: cst.BaseExpression) -> str | None:
        """The name of a per-item (n,) vector, or None."""
        while isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value in KEEPS:
            expr = expr.func.value
        if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Slice):
            expr = expr.value  # weights[offset:offset + n]
        if self._column_range(expr):
            return None
        if isinstance(expr, cst.Name):
            if expr.value in self._columns[-1] or expr.value in self._matrices[-1] or self._guarded(expr.value):
                return None
            return expr.value if set(words(expr.value)) & VECTOR_WORDS else None
        if isinstance(expr, cst.Call) and len(expr.args) == 1:
            name = self.qualified_name(expr.func) or ""
            if name in ("torch.ones", "numpy.ones", "torch.zeros", "numpy.zeros"):
                first = expr.args[0].value
                if not isinstance(first, (cst.Tuple, cst.List)):
                    return self.ctx.code(expr)
        return None

    # -- combinations --------------------------------------------------------------------------
    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, (cst.Multiply, cst.Subtract, cst.Add, cst.Divide)):
            self._combined(node, node.left, node.right)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) == 1 and isinstance(node.comparisons[0].operator, (cst.Equal, cst.NotEqual)):
            self._combined(node, node.left, node.comparisons[0].comparator)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in COMBINE_METHODS and len(node.args) == 1:
            self._combined(node, func.value, node.args[0].value)

    def _bare(self, expr: cst.BaseExpression) -> str | None:
        """The name under elementwise steps that keep its shape: `target >= 0.5`, `torch.sigmoid(out) >= 0.5`,
        `out.sigmoid().round()`, `target.float()`."""
        while True:
            if isinstance(expr, cst.Comparison) and len(expr.comparisons) == 1 \
                    and isinstance(expr.comparisons[0].comparator, (cst.Integer, cst.Float)):
                expr = expr.left
            elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) \
                    and expr.func.attr.value in ELEMENTWISE and isinstance(expr.func.value, (cst.Name, cst.Call, cst.Attribute)) \
                    and not (self.qualified_name(expr.func) or "").startswith(("torch.", "numpy.")):
                expr = expr.func.value
            elif isinstance(expr, cst.Call) and len(expr.args) == 1 and expr.args[0].keyword is None and (
                    self.qualified_name(expr.func) or "").rsplit(".", 1)[-1] in ELEMENTWISE:
                expr = expr.args[0].value
            else:
                return expr.value if isinstance(expr, cst.Name) else None

    def _combined(self, node: cst.CSTNode, left: cst.BaseExpression, right: cst.BaseExpression) -> None:
        if self._aligned is None:
            self._aligned = {(m.group(1) or m.group(3), m.group(2) or m.group(4)) for m in _ALIGNED.finditer(self.ctx.text)}
        if self._aligned:
            for column_side, vector_side in ((left, right), (right, left)):
                vector, column = self._bare(vector_side), self._bare(column_side)
                if vector and column and (vector, column) in self._aligned and set(words(vector)) & VECTOR_WORDS:
                    self._reduced(node, column_side, vector)
                    return
        for column_side, vector_side in ((left, right), (right, left)):
            column = self._column(column_side)
            vector = self._vector(vector_side) if column else None
            if column and vector and column != vector:
                self._reduced(node, column_side, vector)
                return
        for column_side, vector_side in ((left, right), (right, left)):
            callee = self._results[-1].get(column_side.value) if isinstance(column_side, cst.Name) else None
            vector = self._vector(vector_side) if callee else None
            if callee and vector and vector != column_side.value:  # type: ignore[attr-defined]
                self._reduced(node, column_side, vector, callee)
                return

    def _reduced(self, node: cst.CSTNode, column_side: cst.BaseExpression, vector: str, callee: str = "") -> None:
        statement = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.SimpleStatementLine)), None)
        if statement is None or id(statement) in self._reported:
            return
        code = self.ctx.code(statement)
        if not any(r in code for r in REDUCTIONS) or any(s in code for s in SHAPED):
            return
        # Another operand made a column in the same statement: the author is aligning shapes.
        column_code = self.ctx.code(column_side)
        if sum(code.count(m) for m in COLUMN_MARKS) > sum(column_code.count(m) for m in COLUMN_MARKS):
            return
        self._reported.add(id(statement))
        if callee:  # the column is a repo function's result: known in the repo phase
            self._pending.append({"callee": callee, "module": self.ctx.names.module_name, "line": self.ctx.line_of(node),
                                  "code": " ".join(self.ctx.code(node).split())[:80],
                                  "column": self.ctx.code(column_side)[:40], "vector": vector[:40]})
            return
        self.report(node, code=" ".join(self.ctx.code(node).split())[:80],
                    column=self.ctx.code(column_side)[:40], vector=vector[:40])
