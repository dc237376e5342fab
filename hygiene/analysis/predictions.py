"""What a value in evaluation code holds: predicted labels, scores, probabilities, logits, or truth.

`kind_of(ctx, expr, at)` answers for an expression met during the walk (`at` is the node being
visited, usually the metric call): it follows the assignments before `at` in the same function
(or module body, for scripts and notebooks) through the usual transformations (`.cpu().numpy()`,
`np.concatenate(list)`, `proba[:, 1]`, `list.append(...)`), and falls back on the name when no
assignment says more (`y_pred`, `labels`).

The analysis of a scope runs once, the first time a rule asks about it (metric calls are rare, so
most scopes never pay), and is kept in `ctx.memo`.

Kinds:
    labels     hard predicted classes: `clf.predict(X)` of a classifier, `argmax`, `proba > 0.5`
    proba      probabilities from `predict_proba`, a (n_samples, n_classes) array
    softmax    the output of softmax; `sigmoid`, `log_softmax` likewise
    scores     `decision_function`, other continuous scores
    logits     the raw output of a torch model's forward call (`batched`: on a batch of a loader)
    pred       a prediction of unknown form (`model.predict(X)` of an unknown model, `y_pred`)
    truth      reference labels (`y_test` from `train_test_split`, `labels`, `gold`)
"""
from __future__ import annotations

import re

from typing import Any

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.apis import torch as torch_api
from hygiene.analysis.apis.sklearn import SPLIT_FUNCTIONS
from hygiene.analysis.apis.torch import name_tokens
from hygiene.context import FileContext
from hygiene.analysis.names import dotted
from hygiene.analysis.strings import string_value
from hygiene.analysis.apis.jax import batch_apply, mapped_apply
from hygiene.analysis.subscripts import (index_value as _index_value, keeps_rows as _keeps_rows,
                                         max_indices as _max_indices, subscript_key as _subscript_key)
from hygiene.analysis.value_kinds import (ARGMAX_FUNCTIONS, CONTINUOUS, LOADER_WORDS, PASS_FUNCTIONS, PASS_METHODS,
                                          PREDICTIVE, _CLASSIFIER_HINTS, At, Kind, describe_value, later_output_element,
                                          loop_row, name_kind, one_line)
from hygiene.walk import iter_children

__all__ = ["CONTINUOUS", "PREDICTIVE", "Kind", "describe_value", "kind_of", "name_kind", "one_line"]


# A predictor's settings that make it a classifier: its `predict` gives labels (AutoGluon, FLAML, PyCaret).
_CLASSIFYING = re.compile(r"""problem_type\s*=\s*["'](binary|multiclass)|(eval_)?metric\s*=\s*["'](roc_auc|accuracy|"""
                          r"""balanced_accuracy|f1\w*|log_loss|average_precision|precision|recall|mcc)["']""")


class _Scope:
    """Assignments of one function (or module body) in source order, analysed on first use."""

    def __init__(self, ctx: FileContext, root: cst.CSTNode) -> None:
        self.ctx = ctx
        # Where each call is: its number in source order and the if/else arms it sits in.
        self.order: dict[int, At] = {}
        # name -> [(where, kind of binding, value node, extra)]
        self.bindings: dict[str, list[tuple[At, str, Any, Any]]] = {}
        self.proba_receivers: set[str] = set()
        self.softmax_models: set[str] = set()
        self._memo: dict[tuple[int, int], Kind | None] = {}
        self._scan(root)

    def _bind(self, name: str, order: At, how: str, value: Any, extra: Any = None) -> None:
        self.bindings.setdefault(name, []).append((order, how, value, extra))

    def _scan(self, root: cst.CSTNode) -> None:
        """Number every node in source order; bind names once their statement is complete, so
        `att = softmax(att)` reads the old `att`."""
        index = 0
        done = object()
        stack: list[Any] = [(kid, ()) for kid in reversed(list(iter_children(root)))]
        while stack:
            node, arms = stack.pop()
            if node is done:
                finished, _ = stack.pop()
                self._complete(finished, (index, arms))
                continue
            index += 1
            if isinstance(node, cst.Call):
                self.order[id(node)] = (index, arms)
            if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                continue  # their own scopes
            if isinstance(node, cst.For):
                batched = any(w in LOADER_WORDS for w in _words(node.iter))
                for name in _names(node.target):
                    self._bind(name, (index, arms), "loop", node.iter if isinstance(node.target, cst.Name) else None, batched)
            elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
                receiver = dotted(node.func.value) if isinstance(node.func.value, (cst.Name, cst.Attribute)) else None
                if node.func.attr.value in ("predict_proba", "predict_log_proba") and receiver:
                    self.proba_receivers.add(receiver)
            if isinstance(node, (cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Call)):
                stack.extend(((node, arms), (done, arms)))
            if isinstance(node, cst.If):
                # The two arms of an if/else never both run: a binding in one does not reach the other.
                kids = [(node.test, arms), (node.body, (*arms, (id(node), 0)))]
                if node.orelse is not None:
                    kids.append((node.orelse, (*arms, (id(node), 1))))
            else:
                kids = [(kid, arms) for kid in iter_children(node)]
            kids.reverse()
            stack.extend(kids)

    def _complete(self, node: cst.CSTNode, index: At) -> None:
        if isinstance(node, cst.Assign):
            for target in node.targets:
                self._assign(target.target, node.value, index)
        elif isinstance(node, cst.AnnAssign) and node.value is not None and isinstance(node.target, cst.Name):
            self._bind(node.target.value, index, "assign", node.value)
        elif isinstance(node, cst.AugAssign) and isinstance(node.target, cst.Name):
            self._bind(node.target.value, index, "extend", node.value)
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.args:
            receiver = dotted(node.func.value) if isinstance(node.func.value, (cst.Name, cst.Attribute)) else None
            if node.func.attr.value in ("append", "extend") and receiver:
                self._bind(receiver, index, "extend", node.args[0].value)

    def _assign(self, target: cst.BaseExpression, value: cst.BaseExpression, order: At) -> None:
        if isinstance(target, cst.Name):
            self._bind(target.value, order, "assign", value)
            if isinstance(value, cst.Call) and _ends_in_softmax(value, self.ctx):
                self.softmax_models.add(target.value)
        elif isinstance(target, cst.Attribute):
            name = dotted(target)
            if name:
                self._bind(name, order, "assign", value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            names = [e.value for e in target.elements]
            if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == len(names) \
                    and not any(isinstance(e, cst.StarredElement) for e in (*target.elements, *value.elements)):
                for element, part in zip(names, value.elements):  # `preds, golds = [], []`: one by one
                    self._assign(element, part.value, order)
                return
            split = isinstance(value, cst.Call) and plain(self.ctx.names.qualified_name(value.func) or "") in SPLIT_FUNCTIONS
            arrays = [a for a in value.args if a.keyword is None] if isinstance(value, cst.Call) else []
            for position, element in enumerate(names):
                if not isinstance(element, cst.Name):
                    continue
                if split and len(arrays) >= 2 and len(names) == 2 * len(arrays) and position // 2 >= 1:
                    callee = dotted(value.func) if isinstance(value.func, (cst.Name, cst.Attribute)) else "split"
                    self._bind(element.value, order, "kind", Kind("truth", f"{callee}(...)", value))
                else:
                    self._bind(element.value, order, "unpack", None)

    # -- queries ----------------------------------------------------------------------------------
    def kind(self, expr: cst.BaseExpression, at: At, depth: int = 0) -> Kind | None:
        if depth > 12:
            return None
        key = (id(expr), at[0])
        if key in self._memo:
            return self._memo[key]
        self._memo[key] = None
        found = self._kind(expr, at, depth)
        self._memo[key] = found
        return found

    def _kind(self, expr: cst.BaseExpression, at: At, depth: int) -> Kind | None:
        code = self.ctx.code
        if isinstance(expr, (cst.Name, cst.Attribute)):
            name = dotted(expr)
            if isinstance(expr, cst.Attribute):
                attr = expr.attr.value
                if attr == "logits":
                    return Kind("logits", code(expr)[:80], expr, batched=True)
                if attr == "label_ids":
                    return Kind("truth", code(expr)[:80], expr)
                if attr == "predictions":
                    return Kind("pred", code(expr)[:80], expr)
                if attr == "indices" and _max_indices(expr.value):
                    return Kind("labels", code(expr)[:80], expr)
                if attr in ("T", "values") or name is None:
                    return self.kind(expr.value, at, depth + 1)
            if name is None:
                return None
            bound = self._binding(name, at, depth)
            if bound is not None:
                return bound
            guess = name_kind(name)
            return Kind(guess, name, expr, by_name=True) if guess else None
        if isinstance(expr, cst.Subscript):
            if _max_indices(expr.value) and _index_value(expr) == "1":
                return Kind("labels", code(expr)[:80], expr)  # `logits.max(1)[1]`
            inner = self.kind(expr.value, at, depth + 1)
            if inner is None:
                key = _subscript_key(expr)
                guess = name_kind(key) if key else None
                return Kind(guess, code(expr)[:80], expr, by_name=True) if guess else None
            # `logits[0]` is one example: no longer a batch.
            return Kind(inner.kind, inner.origin, inner.node, batched=inner.batched and _keeps_rows(expr), by_name=inner.by_name)
        if isinstance(expr, cst.Comparison):
            if any(isinstance(c.operator, (cst.GreaterThan, cst.GreaterThanEqual, cst.LessThan, cst.LessThanEqual))
                   for c in expr.comparisons):
                inner = self.kind(expr.left, at, depth + 1)
                if inner is not None and inner.kind in PREDICTIVE:
                    return Kind("labels", code(expr)[:80], expr)
            return None
        if isinstance(expr, cst.BinaryOperation):
            for side in (expr.left, expr.right):
                if not isinstance(side, (cst.Integer, cst.Float)):
                    return self.kind(side, at, depth + 1)
            return None
        if isinstance(expr, cst.UnaryOperation):
            return self.kind(expr.expression, at, depth + 1)
        if isinstance(expr, cst.Call):
            return self._call_kind(expr, at, depth)
        return None

    def _call_kind(self, call: cst.Call, at: At, depth: int) -> Kind | None:
        func = call.func
        name = self.ctx.names.qualified_name(func)
        bare = plain(name) if name else ""
        first = call.args[0].value if call.args else None
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            receiver = func.value
            if method == "predict":
                classifier = self._is_classifier(receiver, bare)
                return Kind("labels" if classifier else "pred", self.ctx.code(call)[:80], call)
            if method in ("predict_proba", "predict_log_proba"):  # the latter: log-probabilities, as log_softmax gives
                return Kind("proba" if method == "predict_proba" else "log_softmax", self.ctx.code(call)[:80], call)
            if method == "forecast":  # statsmodels / pmdarima / darts results' `.forecast(steps)`
                return Kind("pred", self.ctx.code(call)[:80], call)
            if method == "decision_function":
                return Kind("scores", self.ctx.code(call)[:80], call)
            if method in ("argmax", "round"):
                return Kind("labels", self.ctx.code(call)[:80], call)
            if method in ("softmax", "sigmoid", "log_softmax"):
                inner = self.kind(receiver, at, depth + 1)
                return Kind(method, self.ctx.code(call)[:80], call, batched=bool(inner and inner.batched))
            if method in PASS_METHODS:
                inner = self.kind(receiver, at, depth + 1)
                return inner
            if method in ("forward",) and isinstance(receiver, (cst.Name, cst.Attribute)):
                return self._forward_kind(receiver, call, at, depth)
            if method in ("apply", "apply_fn") and batch_apply(self.ctx, first):  # haiku / flax, outside a vmap
                return Kind("logits", self.ctx.code(call)[:80], call, batched=True)
        if bare in ARGMAX_FUNCTIONS:
            return Kind("labels", self.ctx.code(call)[:80], call)
        for names, kind in ((torch_api.SOFTMAX, "softmax"), (torch_api.LOG_SOFTMAX, "log_softmax"),
                            (torch_api.SIGMOID, "sigmoid")):
            if bare in names:
                inner = self.kind(first, at, depth + 1) if first is not None else None
                return Kind(kind, self.ctx.code(call)[:80], call, batched=bool(inner and inner.batched))
        if bare in ("numpy.round", "numpy.rint", "numpy.around", "torch.round"):
            return Kind("labels", self.ctx.code(call)[:80], call)
        if bare == "numpy.where" and first is not None and isinstance(first, cst.Comparison):
            return self.kind(first, at, depth + 1)
        if bare == "sklearn.model_selection.cross_val_predict":
            method = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "method"), None)
            how = string_value(method) if method is not None else "predict"
            if how in ("predict_proba", "predict_log_proba"):
                return Kind("proba" if how == "predict_proba" else "log_softmax", self.ctx.code(call)[:80], call)
            if how != "predict" or first is None:
                return Kind("scores", self.ctx.code(call)[:80], call)
            return Kind("labels" if self._is_classifier(first, "") else "pred", self.ctx.code(call)[:80], call)
        if bare in PASS_FUNCTIONS and first is not None:
            return self.kind(first, at, depth + 1)
        if name is not None and "()" not in name:
            return None  # a function or class of known meaning: not a model's forward call
        if isinstance(func, cst.Name) and any(how == "assign" and isinstance(value, cst.CSTNode) and mapped_apply(
                self.ctx.code(value)) for _, how, value, _ in self.bindings.get(func.value, [])):
            return Kind("logits", self.ctx.code(call)[:80], call, batched=True)  # `logits_fn = jax.vmap(...)`
        if isinstance(func, (cst.Name, cst.Attribute)):
            return self._forward_kind(func, call, at, depth)
        return None

    def _forward_kind(self, model: cst.BaseExpression, call: cst.Call, at: At, depth: int) -> Kind | None:
        text = dotted(model) or ""
        if not torch_api.model_like_name(text.rsplit(".", 1)[-1]):
            return None
        if text in self.softmax_models:
            return Kind("softmax", self.ctx.code(call)[:80], call, batched=True)
        batched = False
        for arg in call.args:
            value = arg.value
            while isinstance(value, (cst.Call, cst.Subscript, cst.Attribute)):
                value = value.func.value if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) \
                    else getattr(value, "value", None)
            if isinstance(value, cst.Name):
                bound = self.bindings.get(value.value, [])
                if any(how == "loop" and extra for _, how, _, extra in bound):
                    batched = True
        return Kind("logits", self.ctx.code(call)[:80], call, batched=batched)

    def _is_classifier(self, receiver: cst.BaseExpression, method_name: str) -> bool:
        if any(hint in method_name for hint in _CLASSIFIER_HINTS):
            return True
        text = dotted(receiver) if isinstance(receiver, (cst.Name, cst.Attribute)) else None
        if text is None:
            return False
        if text in self.proba_receivers or {"clf", "classifier"} & set(name_tokens(text.rsplit(".", 1)[-1])):
            return True
        # an AutoML predictor built for classification (`TabularPredictor(label=y, eval_metric="roc_auc")`)
        return any(how == "assign" and isinstance(value, cst.CSTNode) and _CLASSIFYING.search(self.ctx.code(value))
                   for _, how, value, _ in self.bindings.get(text, []))

    def _binding(self, name: str, at: At, depth: int) -> Kind | None:
        entries = [b for b in self.bindings.get(name, []) if b[0][0] < at[0] and _compatible(b[0][1], at[1])]
        if not entries:
            return None
        # The last plain assignment, then whatever was appended to it afterwards.
        last_assign = max((i for i, b in enumerate(entries) if b[1] != "extend"), default=None)
        base = entries[last_assign] if last_assign is not None else None
        found: Kind | None = None
        if base is not None:
            order, how, value, extra = base
            if how == "kind":
                found = value
            elif how == "assign":
                found = self.kind(value, order, depth + 1)
                if found is not None and later_output_element(value, found) and name_kind(name) == "truth":
                    # `label_ids = outputs[1]`: a model that hands back its batch's labels beside its
                    # scores; the element's own name says which it is.
                    return Kind("truth", name, value, by_name=True)
                if found is None and not _is_empty_container(value):
                    guess = name_kind(name)
                    return Kind(guess, name, value, by_name=True) if guess else None
            elif how in ("loop", "unpack"):  # `for p in probs:` one row of probabilities each (value: the iterable)
                row = loop_row(self.kind(value, order, depth + 1)) if value is not None else None
                return row or (Kind(guess, name, None, by_name=True) if (guess := name_kind(name)) else None)
        if found is None:
            for order, how, value, _ in reversed(entries[(-1 if last_assign is None else last_assign) + 1:]):
                found = self.kind(value, order, depth + 1)
                if found is not None:
                    break
        return found


def _compatible(arms: tuple, other: tuple) -> bool:
    """Can code in if/else arms `arms` run before code in `other`? Not from the other arm."""
    chosen = dict(other)
    return all(chosen.get(branch, arm) == arm for branch, arm in arms)


def _words(expr: cst.CSTNode) -> list[str]:
    words: list[str] = []
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Name):
            words.extend(name_tokens(node.value))
        stack.extend(iter_children(node))
    return words


def _names(target: cst.BaseExpression) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _names(e.value)]
    return []


def _is_empty_container(value: cst.BaseExpression) -> bool:
    return (isinstance(value, (cst.List, cst.Tuple)) and not value.elements) or \
        (isinstance(value, cst.Call) and not value.args and isinstance(value.func, cst.Name) and value.func.value in ("list",))


def _ends_in_softmax(call: cst.Call, ctx: FileContext) -> bool:
    """`nn.Sequential(..., nn.Softmax(dim=1))`: a model whose output is already probabilities."""
    if plain(ctx.names.qualified_name(call.func) or "") != "torch.nn.Sequential" or not call.args:
        return False
    last = call.args[-1].value
    return isinstance(last, cst.Call) and plain(ctx.names.qualified_name(last.func) or "") in (
        "torch.nn.Softmax", "torch.nn.Sigmoid")


def _scope_root(ctx: FileContext) -> cst.CSTNode:
    for node in reversed(ctx.parents):
        if isinstance(node, (cst.FunctionDef, cst.Lambda)):
            return node.body if isinstance(node, cst.FunctionDef) else node
    return ctx.module  # type: ignore[return-value]


def kind_of(ctx: FileContext, expr: cst.BaseExpression, at: cst.CSTNode) -> Kind | None:
    """The kind of `expr`, as it stands when `at` (a node inside the current scope) runs."""
    if not isinstance(at, cst.Call):
        return None  # a scope numbers its calls only: no order, no kind (and no scan of the scope, issue 12)
    root = _scope_root(ctx)
    scopes: dict[int, _Scope] = ctx.memo.setdefault("outputs", {})
    scope = scopes.get(id(root))
    if scope is None:
        scope = scopes[id(root)] = _Scope(ctx, root)
    order = scope.order.get(id(at))
    if order is None:
        return None
    return scope.kind(expr, order)
