"""EVAL005: probabilities passed where logits belong (softmax twice, sigmoid into a logits loss)."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.apis import torch as torch_api
from hygiene.finding import Severity
from hygiene.analysis.predictions import describe_value, kind_of
from hygiene.rule import Rule, invalid, valid

# What each kind of loss or normaliser expects, and the kinds of input that are wrong for it.
PROBABILITIES = frozenset({"softmax", "sigmoid", "proba"})


class DoubleSoftmax(Rule):
    """
    ## What it does
    Finds probabilities passed where a function expects logits: the output of a softmax (or a
    model ending in `nn.Softmax`) given to `CrossEntropyLoss` / `F.cross_entropy`, which apply
    log-softmax themselves; a sigmoid's output given to `BCEWithLogitsLoss` /
    `binary_cross_entropy_with_logits`; softmax probabilities given to `NLLLoss` / `F.nll_loss`,
    which expect log-probabilities; and a softmax applied to values that are already
    probabilities. `log_softmax` before `CrossEntropyLoss` is not reported: log-softmax is
    idempotent, so the loss is unchanged.

    ## Why is this bad?
    Softmax of probabilities squeezes every distribution towards uniform: the loss barely moves,
    gradients vanish, calibration metrics and confidence thresholds are computed on the wrong
    numbers, while accuracy (the argmax) can look fine. `nll_loss` of probabilities is `-p`, not
    `-log p`. Training still runs and the curves look plausible.

    ## Example
        probs = F.softmax(model(x), dim=1)
        loss = F.cross_entropy(probs, y)

    Use instead:
        logits = model(x)
        loss = F.cross_entropy(logits, y)
        probs = logits.softmax(dim=1)   # for reporting only
    """

    code = "EVAL005"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = "`{callee}` gets {value}, which is already {what}: {consequence}"
    question = "Are the inputs of `{callee}` at {where} logits, as it expects?"
    triggers = ("softmax", "sigmoid", "Softmax", "Sigmoid", "predict_proba")
    examples = [
        invalid("""
            import torch.nn.functional as F
            probs = F.softmax(model(x), dim=1)
            loss = F.cross_entropy(probs, y)  # expect: EVAL005
        """),
        invalid("""
            import torch
            from torch import nn
            criterion = nn.BCEWithLogitsLoss()
            out = torch.sigmoid(net(x))
            loss = criterion(out, y)  # expect: EVAL005
        """),
        invalid("""
            from torch import nn
            model = nn.Sequential(nn.Linear(10, 3), nn.Softmax(dim=1))
            loss_fn = nn.CrossEntropyLoss()
            loss = loss_fn(model(x), y)  # expect: EVAL005
        """, note="the model already ends in a softmax"),
        invalid("""
            from scipy.special import softmax
            p = clf.predict_proba(X_te)
            conf = softmax(p, axis=1).max(axis=1)  # expect: EVAL005
        """, note="softmax of probabilities"),
        invalid("""
            import torch.nn.functional as F
            loss = F.nll_loss(F.softmax(logits, dim=-1), y)  # expect: EVAL005
        """, note="nll_loss expects log-probabilities"),
        valid("""
            import torch.nn.functional as F
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            probs = F.softmax(logits, dim=1)
        """),
        valid("""
            import torch.nn.functional as F
            loss = F.nll_loss(F.log_softmax(model(x), dim=1), y)
            same = F.cross_entropy(F.log_softmax(model(x), dim=1), y)
        """, note="log_softmax is idempotent: cross_entropy of it is unchanged"),
        valid("""
            import torch
            import torch.nn.functional as F
            probs = torch.sigmoid(model(x))
            loss = F.binary_cross_entropy(probs, y)
        """, note="binary_cross_entropy expects probabilities"),
        valid("""
            import torch.nn.functional as F
            probs = F.softmax(model(x), dim=1)
            loss = F.kl_div(probs.log(), target, reduction="batchmean")
        """),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        name = self.qualified_name(node.func) or ""
        bare = plain(name)
        if bare.endswith("()"):
            bare = bare[:-2]
        # A loss is applied by calling the function, or an instance of the class (`criterion(out, y)`).
        applied = name.endswith("()") or not bare.rsplit(".", 1)[-1][:1].isupper()
        if bare in torch_api.SOFTMAX_LOSSES and applied:
            self._check(node, bare, {"softmax", "proba"}, "logits",
                        "the loss applies log-softmax again, so it trains on a flattened distribution")
        elif bare in torch_api.SIGMOID_LOSSES and applied:
            self._check(node, bare, {"sigmoid"}, "logits", "the loss applies a sigmoid again")
        elif bare in torch_api.LOG_PROB_LOSSES and applied:
            self._check(node, bare, {"softmax", "proba"}, "log-probabilities", "the loss is -p instead of -log p")
        else:
            value = _softmax_input(node, name, bare)
            if value is None:
                return
            kind = kind_of(self.ctx, value, node)
            if kind is not None and kind.kind in PROBABILITIES and not kind.by_name:
                self.report(node, callee="softmax", value=describe_value(kind, self.ctx.code(value)),
                            what="probabilities", consequence="a second softmax squeezes them towards uniform")

    def _check(self, node: cst.Call, callee: str, wrong: set[str], expects: str, consequence: str) -> None:
        if not node.args or node.args[0].keyword is not None:
            return
        value = node.args[0].value
        kind = kind_of(self.ctx, value, node)
        if kind is None or kind.by_name or kind.kind not in wrong:
            return
        what = "log-probabilities" if kind.kind == "log_softmax" else "probabilities"
        self.report(node, callee=_short(callee), value=describe_value(kind, self.ctx.code(value)), what=what,
                    consequence=f"it expects {expects}; {consequence}")


def _short(name: str) -> str:
    return name.replace("torch.nn.functional.", "F.").replace("torch.nn.", "nn.")


def _softmax_input(node: cst.Call, name: str, bare: str) -> cst.BaseExpression | None:
    """What `F.softmax(x)`, `softmax(x)` or `x.softmax(dim)` normalises."""
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value == "softmax" and (not name or "()" in name):
        return func.value
    if bare in torch_api.SOFTMAX and not bare.endswith(".Softmax") and node.args:
        return node.args[0].value
    return None
