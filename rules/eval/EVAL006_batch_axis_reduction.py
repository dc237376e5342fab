"""EVAL006: argmax or softmax taken over the examples of a batch instead of the classes."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.modules import locate_defined
from hygiene.finding import Severity
from hygiene.analysis.predictions import describe_value, kind_of
from hygiene.rule import Rule, invalid, valid, notebook

REDUCTIONS = {"argmax": "argmax", "softmax": "softmax", "log_softmax": "log-softmax"}
FUNCTIONS = {
    "numpy.argmax": "argmax", "torch.argmax": "argmax", "torch.softmax": "softmax",
    "torch.nn.functional.softmax": "softmax", "scipy.special.softmax": "softmax", "torch.log_softmax": "log-softmax",
    "torch.nn.functional.log_softmax": "log-softmax", "scipy.special.log_softmax": "log-softmax",
    "jax.numpy.argmax": "argmax", "jax.nn.softmax": "softmax", "jax.nn.log_softmax": "log-softmax",
}
_MOVES = frozenset({"cpu", "detach", "numpy", "cuda", "float", "to"})
CONSEQUENCES = {
    "argmax": "each entry is the index of an example, not a predicted class",
    "softmax": "each class is normalised across the examples, so a probability depends on the rest of the batch",
    "log-softmax": "each class is normalised across the examples, so a probability depends on the rest of the batch",
}


class BatchAxisReduction(Rule):
    """
    ## What it does
    Finds `argmax`, `softmax` and `log_softmax` taken over axis 0 of a 2-D array of per-example
    scores: the output of `predict_proba`, the `.logits` of a Hugging Face model, the output of a
    model called on a batch from a data loader, the predictions a Hugging Face `compute_metrics(eval_pred)`
    receives (`logits, labels = eval_pred`, `eval_pred.predictions`), what a network mapped over a batch with
    `jax.vmap` returns (`jax.jit(jax.vmap(lambda x: model.apply(params, x)))(x_test)`); and `nn.Softmax(dim=0)` / `nn.LogSoftmax(dim=0)`
    inside an `nn.Sequential`, which sees batches. A single example (`logits[0]`) is fine. Also a
    softmax over axis 0 whose result is then argmaxed over axis 1
    (`np.argmax(nn.Softmax(dim=0)(scores), axis=1)`): the argmax says the classes are on axis 1,
    so the softmax normalised each class across the examples, whatever the scores are.

    ## Why is this bad?
    Axis 0 is the batch: the argmax returns, for each class, the index of the example that scores
    highest, and the softmax normalises each class over the examples. Shapes often still line up
    (a batch of one, square arrays, broadcasting), so the predictions and probabilities are wrong
    without an error.

    ## Example
        pred = clf.predict_proba(X_test).argmax(axis=0)

    Use instead:
        pred = clf.predict_proba(X_test).argmax(axis=1)
    """

    code = "EVAL006"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = "`{call}` takes the {op} over axis 0 of {value}, the axis of examples: {consequence}"
    question = "Which axis of `{value_code}` holds the classes at {where}, and is `{call}` taken over it?"
    triggers = ("argmax", "softmax", "Softmax", "predict_proba")  # a helper returning probabilities
    examples = [
        invalid("""
            import jax
            import jax.numpy as jnp

            logits_fn = jax.jit(jax.vmap(lambda xi: model.apply(params, xi)))
            logits = logits_fn(x_test)
            preds = jnp.argmax(logits, axis=0)  # expect: EVAL006
            acc = float((preds == y_test).mean())
        """, note="probe 24: a flax model mapped over the batch with jax.vmap: the result has a row per example"),
        valid("""
            import jax
            import jax.numpy as jnp

            logits_fn = jax.jit(jax.vmap(lambda xi: model.apply(params, xi)))
            logits = logits_fn(x_test)
            preds = jnp.argmax(logits, axis=-1)
            acc = float((preds == y_test).mean())
        """, note="near miss: the argmax over the classes"),
        invalid("""
            import haiku as hk
            import jax
            import jax.numpy as jnp
            net = hk.without_apply_rng(hk.transform(lambda x: hk.nets.MLP([300, 10])(x)))
            @jax.jit
            def accuracy(params, x, y):
                logits = net.apply(params, x)
                return jnp.mean(jnp.argmax(logits, axis=0) == y)  # expect: EVAL006
        """, note="probe 15: haiku's `net.apply(params, x)` runs on a batch; axis 0 is the examples"),
        valid("""
            import haiku as hk
            import jax
            import jax.numpy as jnp
            net = hk.without_apply_rng(hk.transform(lambda x: hk.nets.MLP([300, 10])(x)))
            @jax.jit
            def accuracy(params, x, y):
                logits = net.apply(params, x)
                return jnp.mean(jnp.argmax(logits, axis=-1) == y)
        """, note="near miss: the argmax over the classes"),
        valid("""
            import jax
            import jax.numpy as jnp
            def predict_one(params, x):
                return jnp.argmax(model.apply({"params": params}, x), axis=0)
            preds = jax.vmap(predict_one, in_axes=(None, 0))(params, X_test)
        """, note="near miss: a function mapped over examples by `jax.vmap` sees one example's logits"),
        invalid("""
            import numpy as np
            from sklearn.metrics import accuracy_score

            def compute_metrics(eval_pred):
                logits, labels = eval_pred
                preds = np.argmax(logits, axis=0)  # expect: EVAL006
                return {"accuracy": accuracy_score(labels[: len(preds)], preds)}
        """, note="probe 13: a Hugging Face `compute_metrics` receives the logits of every example, (n_examples, n_classes)"),
        valid("""
            import numpy as np
            from sklearn.metrics import accuracy_score

            def compute_metrics(eval_pred):
                logits, labels = eval_pred
                preds = np.argmax(logits, axis=-1)
                return {"accuracy": accuracy_score(labels, preds)}
        """, note="near miss: the argmax over the classes"),
        invalid("""
            import numpy as np

            def compute_metrics(p):
                return {"accuracy": float((np.argmax(p.predictions, 0) == p.label_ids).mean())}  # expect: EVAL006
        """, note="the `.predictions` of the EvalPrediction"),
        invalid("""
            import numpy as np
            proba = clf.predict_proba(X_te)
            pred = np.argmax(proba, axis=0)  # expect: EVAL006
        """),
        invalid("""
            import torch
            for batch in test_loader:
                out = model(**batch)
                probs = torch.softmax(out.logits, dim=0)  # expect: EVAL006
        """),
        invalid("""
            import torch.nn.functional as F
            for x, y in val_loader:
                logits = model(x)
                pred = logits.argmax(0)  # expect: EVAL006
        """),
        invalid("""
            from torch import nn
            net = nn.Sequential(nn.Linear(20, 4), nn.Softmax(dim=0))  # expect: EVAL006
        """),
        invalid("""
            import numpy as np
            import torch

            def accuracy_SBM(scores, targets):
                S = targets.cpu().numpy()
                C = np.argmax(torch.nn.Softmax(dim=0)(scores).cpu().detach().numpy(), axis=1)  # expect: EVAL006
                return (C == S).mean()
        """),
        invalid("""
            import torch.nn.functional as F

            def predict(out):
                p = F.softmax(out, dim=0)  # expect: EVAL006
                return p.argmax(dim=1)
        """),
        valid("""
            import numpy as np
            import torch
            C = np.argmax(torch.nn.Softmax(dim=1)(scores).cpu().numpy(), axis=1)
            w = torch.softmax(attn, dim=0)
            best = scores.argmax(dim=1)
        """, note="softmax and argmax over the same axis, or a softmax not argmaxed"),
        valid("""
            import numpy as np
            proba = clf.predict_proba(X_te)
            pred = np.argmax(proba, axis=1)
            best_row = np.argmax(proba[:, 1])
        """),
        valid("""
            import torch
            out = model(input_ids)
            next_token = out.logits[0, -1].argmax(0)
            first = torch.softmax(out.logits[0], dim=0)
        """, note="one example: axis 0 is not the batch"),
        valid("""
            import numpy as np
            scores = np.array(per_layer_scores)
            best_layer = scores.argmax(0)
        """, note="nothing says what the axes are"),
        invalid({
            "tabular/models.py": '''
                def class_probabilities(clf, X):
                    return clf.predict_proba(X)
            ''',
            "tabular/evaluate.py": '''
                import numpy as np
                from tabular.models import class_probabilities

                def evaluate(clf, X_test, y_test):
                    probs = class_probabilities(clf, X_test)
                    pred = np.argmax(probs, axis=0)  # expect: EVAL006
                    return (pred == y_test).mean()
            ''',
        }, note="across modules: the probabilities from a helper of another module, argmaxed over the examples"),
        valid({
            "tabular/models.py": '''
                def class_probabilities(clf, X):
                    return clf.predict_proba(X)
            ''',
            "tabular/evaluate.py": '''
                import numpy as np
                from tabular.models import class_probabilities

                def evaluate(clf, X_test, y_test):
                    probs = class_probabilities(clf, X_test)
                    pred = np.argmax(probs, axis=1)
                    return (pred == y_test).mean()
            ''',
        }, note="near miss: over the classes"),
        invalid({"classify.ipynb": notebook(
            """
            import torch
            batch = next(iter(test_loader))
            with torch.no_grad():
                out = model(**batch)
            """,
            """
            probs = torch.softmax(out.logits, dim=0)  # expect: EVAL006
            probs[:5]
            """,
        )}, note="notebook: a batch's logits in one cell, normalised over the batch in the next"),
        valid({"classify.ipynb": notebook(
            """
            import torch
            batch = next(iter(test_loader))
            with torch.no_grad():
                out = model(**batch)
            """,
            """
            probs = torch.softmax(out.logits, dim=-1)
            probs[:5]
            """,
        )}, note="near miss: over the classes"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._normalised: dict[str, cst.Call] = {}
        self._results: dict[str, str] = {}  # name -> the repo function whose result it holds
        self._makers: list[str] = []  # functions of this module that return per-example class probabilities
        self._pending: list[dict] = []  # an axis-0 reduction of such a result, checked in the repo phase

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._normalised = {}
        self._results = {}
        # A Hugging Face `compute_metrics(eval_pred)`: `eval_pred.predictions` (or the first name of
        # `logits, labels = eval_pred`) holds the logits of every evaluated example, (n_examples, n_classes).
        params = [p.name.value for p in node.params.params]
        self._eval_pred = params[0] if len(params) == 1 and (
            "compute_metrics" in node.name.value or params[0] in _EVAL_PRED_PARAMS) else None
        self._eval_logits: set[str] = set()

    def visit_Return(self, node: cst.Return) -> None:
        function = self.ctx.names.function
        if isinstance(function, cst.FunctionDef) and node.value is not None:
            kind = kind_of(self.ctx, node.value, node.value)
            if kind is not None and not kind.by_name and kind.kind == "proba":
                self._makers.append(function.name.value)  # `def probs(clf, X): return clf.predict_proba(X)`

    def finish(self) -> None:
        if self._makers or self._pending:
            self.ctx.facts[self.code] = {"makers": self._makers[:50], "pending": self._pending[:20]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """An argmax or softmax over axis 0 of what a function of the repo (another module, an earlier cell)
        returns: the class probabilities of a batch of examples."""
        makers = {(path, m) for path, facts in repo.facts(cls.code) for m in facts.get("makers", [])}
        for path, facts in repo.facts(cls.code):
            for site in facts.get("pending", []):
                if locate_defined(repo, site["callee"], path, site["module"]) in makers:
                    repo.report(cls, path, site["line"], call=site["call"], op=site["op"],
                                value=f"the class probabilities `{site['value_code']}` returns for each example",
                                value_code=site["value_code"], consequence=CONSEQUENCES[site["op"]])

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        name = self.qualified_name(func)
        bare = plain(name) if name else ""
        if bare in ("torch.nn.Sequential",):
            self._sequential(node)
            return
        if isinstance(func, cst.Attribute) and func.attr.value in REDUCTIONS and (name is None or "()" in name):
            op, value, axis = REDUCTIONS[func.attr.value], func.value, _axis(node, 0)
        elif bare in FUNCTIONS and node.args:
            op, value, axis = FUNCTIONS[bare], node.args[0].value, _axis(node, 1)
        else:
            return
        if op == "argmax" and axis in (1, -1):
            self._softmax_across(value, node)
        if axis != 0:
            return
        eval_pred = getattr(self, "_eval_pred", None)
        if eval_pred and ((isinstance(value, cst.Name) and value.value in self._eval_logits)
                          or _predictions_of(value, eval_pred)):
            code = self.ctx.code(value)
            self.report(node, call=" ".join(self.ctx.code(node).split())[:80], op=op,
                        value=f"`{code}`, the logits `compute_metrics` receives for every evaluated example",
                        value_code=" ".join(code.split())[:60], consequence=CONSEQUENCES[op])
            return
        kind = kind_of(self.ctx, value, node)
        if isinstance(value, cst.Name) and value.value in self._results and (kind is None or kind.by_name):
            self._pending.append({"callee": self._results[value.value], "module": self.ctx.names.module_name,
                                  "line": self.ctx.line_of(node), "call": " ".join(self.ctx.code(node).split())[:80],
                                  "op": op, "value_code": value.value})
            return
        if kind is None or kind.by_name:
            return
        if kind.kind == "proba" or (kind.kind in ("logits", "softmax", "log_softmax", "sigmoid") and kind.batched):
            code = self.ctx.code(value)
            self.report(node, call=" ".join(self.ctx.code(node).split())[:80], op=op, value=describe_value(kind, code),
                        value_code=" ".join(code.split())[:60], consequence=CONSEQUENCES[op])

    def visit_Assign(self, node: cst.Assign) -> None:
        if getattr(self, "_eval_pred", None) and len(node.targets) == 1:
            target, value = node.targets[0].target, node.value
            if isinstance(target, cst.Tuple) and isinstance(value, cst.Name) and value.value == self._eval_pred \
                    and target.elements and isinstance(target.elements[0].value, cst.Name):
                self._eval_logits.add(target.elements[0].value.value)  # `logits, labels = eval_pred`
            elif isinstance(target, cst.Name) and _predictions_of(value, self._eval_pred):
                self._eval_logits.add(target.value)  # `logits = eval_pred.predictions`
            elif isinstance(target, cst.Name):
                self._eval_logits.discard(target.value)
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            name = node.targets[0].target.value
            callee = self.qualified_name(node.value.func) if isinstance(node.value, cst.Call) else None
            if callee and "." in callee and "()" not in callee \
                    and not callee.startswith(("numpy.", "torch.", "sklearn.", "pandas.", "scipy.")):
                self._results[name] = callee  # `probs = class_probabilities(clf, X_test)`
            else:
                self._results.pop(name, None)
            if self._softmax_dim0(node.value) is not None:
                self._normalised[name] = node.value
            else:
                self._normalised.pop(name, None)

    def _softmax_dim0(self, expr: cst.BaseExpression) -> cst.Call | None:
        """The softmax call over dim 0 that `expr` is, through `.cpu()`, `.detach()`, `.numpy()`, `.data`."""
        while True:
            if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value in _MOVES:
                expr = expr.func.value
            elif isinstance(expr, cst.Attribute) and expr.attr.value == "data":
                expr = expr.value
            else:
                break
        if not isinstance(expr, cst.Call):
            return None
        func = expr.func
        if isinstance(func, cst.Call):  # nn.Softmax(dim=0)(scores)
            layer = plain(self.qualified_name(func.func) or "")
            return expr if layer in ("torch.nn.Softmax", "torch.nn.LogSoftmax") and _axis(func, 0) == 0 else None
        name = self.qualified_name(func)
        bare = plain(name) if name else ""
        if bare in FUNCTIONS and FUNCTIONS[bare] != "argmax" and expr.args and _axis(expr, 1) == 0:
            return expr
        if (isinstance(func, cst.Attribute) and func.attr.value in ("softmax", "log_softmax")
                and (name is None or "()" in name) and _axis(expr, 0) == 0):
            return expr
        return None

    def _softmax_across(self, value: cst.BaseExpression, argmax: cst.Call) -> None:
        """An argmax over axis 1 of a softmax over axis 0: the code itself says the classes are on axis 1."""
        softmax = self._softmax_dim0(value)
        if softmax is None and isinstance(value, cst.Name):
            softmax = self._normalised.get(value.value)
        if softmax is None:
            return
        self.report(softmax, call=" ".join(self.ctx.code(softmax).split())[:80], op="softmax",
                    value=f"scores whose classes `{' '.join(self.ctx.code(argmax).split())[:60]}` takes on axis 1",
                    value_code=" ".join(self.ctx.code(softmax).split())[:60], consequence=CONSEQUENCES["softmax"])

    def _sequential(self, node: cst.Call) -> None:
        for arg in node.args:
            layer = arg.value
            if isinstance(layer, cst.Call):
                layer_name = plain(self.qualified_name(layer.func) or "")
                if layer_name in ("torch.nn.Softmax", "torch.nn.LogSoftmax") and _axis(layer, 0) == 0:
                    op = "softmax" if layer_name.endswith(".Softmax") else "log-softmax"
                    self.report(layer, call=self.ctx.code(layer), op=op, value="the batch the model is given",
                                value_code="the model's input", consequence=CONSEQUENCES[op])


# The parameter names of a Hugging Face `compute_metrics` callback (an `EvalPrediction`).
_EVAL_PRED_PARAMS = frozenset({"eval_pred", "eval_preds", "eval_prediction", "eval_predictions", "p"})


def _predictions_of(expr: cst.BaseExpression, param: str) -> bool:
    """`eval_pred.predictions`, `eval_pred[0]`: the logits part of an `EvalPrediction`."""
    if isinstance(expr, cst.Attribute) and expr.attr.value == "predictions":
        return isinstance(expr.value, cst.Name) and expr.value.value == param
    if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Name) and expr.value.value == param \
            and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        index = expr.slice[0].slice.value
        return isinstance(index, cst.Integer) and index.value == "0"
    return False


def _axis(node: cst.Call, position: int) -> int | None:
    """The literal `dim=` / `axis=` of a call, or its positional argument at `position`."""
    positional = [a for a in node.args if a.keyword is None]
    for arg in node.args:
        if arg.keyword is not None and arg.keyword.value in ("dim", "axis"):
            return _int(arg.value)
    if len(positional) > position:
        return _int(positional[position].value)
    return None


def _int(expr: cst.BaseExpression) -> int | None:
    if isinstance(expr, cst.Integer):
        return expr.evaluated_value
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus) and isinstance(expr.expression, cst.Integer):
        return -expr.expression.evaluated_value
    return None
