"""DATA070: a model request that failed (error field set, status not a success, batch result not succeeded) counted as one of the measured classes."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.request_failures import failure_operands
from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid
from hygiene.walk import iter_nodes

# Labels and counters that name the failure itself: the failure is counted apart, nothing is misclassified.
_FAILURE = re.compile(r"(?i)err|fail|exc|skip|invalid|unknown|timeout|missing|drop|none|nan|n/?a\b|status|expired|cancel")
_CONSTANTS = frozenset({"True", "False", "None"})


def _labels(value: cst.BaseExpression) -> list[str]:
    """The string labels a returned or assigned value carries: `"refusal"`, `(key, "refusal")`."""
    if isinstance(value, cst.Tuple):
        return [s for e in value.elements if (s := string_value(e.value)) is not None]
    text = string_value(value)
    return [text] if text is not None else []


def _succeeded(test: cst.BaseExpression) -> bool:
    """`entry.result.type == "succeeded"`, `resp.status_code == 200`, `rec["error"] is None`: a test that the
    request succeeded (its negation is a `request_failed` test)."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    flipped = {cst.Equal: cst.NotEqual, cst.Is: cst.IsNot}.get(type(test.comparisons[0].operator))
    if flipped is None:
        return False
    return bool(failure_operands(test.with_changes(comparisons=[test.comparisons[0].with_changes(operator=flipped())]))[0])


class FailedRequestCountedAsClass(Rule):
    """
    ## What it does
    Finds a test that a model request failed, read from the reply itself (an OpenAI Batch output
    line's `rec["error"]` or `rec["response"]["status_code"] != 200`, an SDK object's
    `resp.error is not None`, an Anthropic Message Batch entry's `entry.result.type != "succeeded"`,
    `status == "errored"`, or the `else` of a success test `if entry.result.type == "succeeded":`), whose
    branch gives one of the classes the code measures: it returns or
    assigns a label that the same function also gives to answered requests (`return key, "refusal"`
    beside `"refusal" if REFUSAL.search(text) else "complied"`), returns or assigns a `True` / `False` verdict
    where the other return (or assignment to the same target) is computed from the reply, or adds to a count that answered requests
    also add to. Joined by `or` to a test of the reply (`rec["error"] or REFUSAL.search(text)`) it is
    the same. A branch that names the failure (`"error"`, `failed += 1`), skips it (`continue`),
    raises, or returns `None` is left alone; so is a label given only to failures.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `if rec["error"] is not None or rec["response"]["status_code"] != 200: return rec["custom_id"], "refusal"` | yes | `return rec["custom_id"], "error"` |
    | `if entry.result.type != "succeeded": refusals += 1` beside `refusals += is_refusal(text)` | yes | `errored += 1` |
    | `label = "unsafe" if resp.error else classify(resp.text)` | yes | `"error" if resp.error else ...` |
    | `if r.status_code != 200: return "dead"` with `"alive"` the only other label | no | (the label is given only to failures) |

    ## Why is this bad?
    A rate limit, a server error, an expired batch request or a content filter's 400 is not the
    model's answer. Counted as a refusal (or as "unsafe", or as wrong) it moves the measured rate by
    however many requests failed, which differs between models, providers and days, and nothing in
    the results says how many there were.

    ## Example
        def classify(line):
            rec = json.loads(line)
            if rec["error"] is not None:
                return rec["custom_id"], "refusal"
            text = rec["response"]["body"]["choices"][0]["message"]["content"]
            return rec["custom_id"], "refusal" if REFUSAL.search(text) else "complied"

    Use instead:
        def classify(line):
            rec = json.loads(line)
            if rec["error"] is not None:
                return rec["custom_id"], "error"   # counted apart, left out of the rate
            ...
    """

    code = "DATA070"
    category = "DATA-DEFAULT"
    severity = Severity.ERROR
    message = ("`{test}` is a failed request (an error, a non-success status, a batch result that did not succeed) "
               "and is counted as {what}, a class the code measures: failed requests move the rate, uncounted")
    question = "Should the failed requests tested at {where} be counted as {what}, or counted apart?"
    requires = frozenset({"error", "status_code", "status", "type", "http_status", "errors", "exception", "error_message"})
    examples = [
        invalid("""
            import anthropic
            MARKERS = ("I can't", "I cannot", "I won't")

            def collect(client, batch_id):
                refused = {}
                for entry in client.messages.batches.results(batch_id):
                    if entry.result.type == "succeeded":
                        text = entry.result.message.content[0].text
                        refused[entry.custom_id] = any(m in text for m in MARKERS)
                    else:
                        refused[entry.custom_id] = True  # expect: DATA070
                return refused
        """, note="held-out probe 23: the else of a success test is the failed request (errored, expired); it gets the "
                  "`True` verdict that answered requests get from their text"),
        valid("""
            import anthropic
            MARKERS = ("I can't", "I cannot", "I won't")

            def collect(client, batch_id):
                refused, failed = {}, []
                for entry in client.messages.batches.results(batch_id):
                    if entry.result.type == "succeeded":
                        text = entry.result.message.content[0].text
                        refused[entry.custom_id] = any(m in text for m in MARKERS)
                    else:
                        failed.append((entry.custom_id, entry.result.type))
                return refused, failed
        """, note="near miss: the failed requests are listed apart"),
        invalid("""
            import json, re
            REFUSAL = re.compile(r"I can't|I cannot|I'm sorry")

            def classify(line):
                rec = json.loads(line)
                if rec["error"] is not None or rec["response"]["status_code"] != 200:  # expect: DATA070
                    return rec["custom_id"], "refusal"
                text = rec["response"]["body"]["choices"][0]["message"]["content"] or ""
                return rec["custom_id"], "refusal" if REFUSAL.search(text) else "complied"
        """, note="an OpenAI Batch output line that failed, returned as a refusal"),
        valid("""
            import json, re
            REFUSAL = re.compile(r"I can't|I cannot|I'm sorry")

            def classify(line):
                rec = json.loads(line)
                if rec["error"] is not None or rec["response"]["status_code"] != 200:
                    return rec["custom_id"], "error"
                text = rec["response"]["body"]["choices"][0]["message"]["content"] or ""
                return rec["custom_id"], "refusal" if REFUSAL.search(text) else "complied"
        """, note="near miss: the failure has a label of its own"),
        invalid("""
            def tally(client, batch_id, is_refusal):
                refusals = answered = 0
                for entry in client.messages.batches.results(batch_id):
                    if entry.result.type != "succeeded":  # expect: DATA070
                        refusals += 1
                        continue
                    answered += 1
                    refusals += is_refusal(entry.result.message.content[0].text)
                return refusals / (answered + 1e-9)
        """, note="an Anthropic batch entry that errored or expired, added to the refusals"),
        valid("""
            def tally(client, batch_id, is_refusal):
                refusals = answered = errored = 0
                for entry in client.messages.batches.results(batch_id):
                    if entry.result.type != "succeeded":
                        errored += 1
                        continue
                    answered += 1
                    refusals += is_refusal(entry.result.message.content[0].text)
                return refusals / answered, errored
        """, note="near miss: the failures have a count of their own"),
        invalid("""
            def label(resp, classify):
                return "unsafe" if resp.error else classify(resp.text)  # expect: DATA070
        """, note="a class label given to failed replies in a conditional expression"),
        valid("""
            import requests

            def check(url):
                r = requests.get(url, timeout=5)
                if r.status_code != 200:
                    return "dead"
                return "alive"
        """, note="near miss: a link checker, where the status is the thing measured (no label shared with answers)"),
        valid("""
            def is_refusal(resp, markers):
                if resp.error is not None:
                    return None
                return any(m in resp.text for m in markers)
        """, note="near miss: a failed request gives no verdict"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._scopes: list[cst.CSTNode] = [ctx.module] if getattr(ctx, "module", None) is not None else []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scopes.append(node)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scopes.pop()

    def visit_If(self, node: cst.If) -> None:
        failed, others = failure_operands(node.test)
        if not failed:
            # `if entry.result.type == "succeeded": ... else: refused[id] = True`: the else branch is the failure
            if _succeeded(node.test) and isinstance(node.orelse, cst.Else):
                what = self._branch_counts(node.orelse.body, [])
                if what:  # reported at the else branch, where the failure is given its class
                    body = node.orelse.body
                    first = body.body[0] if isinstance(body, cst.IndentedBlock) and body.body else node.orelse
                    self.report(first, test=" ".join(self.ctx.code(node.test).split()), what=what,
                                where=f"line {self.ctx.line_of(first)}",
                                message="The `else` of `{test}` is a failed request (an error, a batch result that did not "
                                        "succeed) and is counted as {what}, a class the code measures: failed requests move "
                                        "the rate, uncounted")
            return
        what = self._branch_counts(node.body, others)
        if what:
            self._report(node.test, what)

    def visit_IfExp(self, node: cst.IfExp) -> None:
        failed, others = failure_operands(node.test)
        if not failed:
            return
        labels = [label for label in _labels(node.body) if not _FAILURE.search(label)]
        if labels and (others or isinstance(node.orelse, cst.Call) or self._given_elsewhere(labels[0], node.body)):
            self._report(node.test, f"`{labels[0]}`")

    def _report(self, test: cst.BaseExpression, what: str) -> None:
        self.report(test, test=" ".join(self.ctx.code(test).split()), what=what, where=f"line {self.ctx.line_of(test)}")

    def _branch_counts(self, body: cst.BaseSuite, others: list[cst.BaseExpression]) -> str | None:
        """What the branch counts the failure as, or None when it is counted apart."""
        for node in iter_nodes(body):
            if isinstance(node, (cst.Raise, cst.Break)) or (isinstance(node, cst.Continue) and not others):
                return None
            if isinstance(node, cst.Return):
                if node.value is None:
                    return None
                if isinstance(node.value, cst.Name) and node.value.value in ("True", "False"):
                    return f"a `{node.value.value}` verdict" if self._computed_return(node) else None
                labels = _labels(node.value)
                if not labels or any(_FAILURE.search(label) for label in labels):
                    return None
                return f"`{labels[-1]}`" if others or self._given_elsewhere(labels[-1], node) else None
            if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.value, cst.Name) \
                    and node.value.value in ("True", "False"):
                # `refused[entry.custom_id] = True` where answered requests get a verdict computed from the reply
                return f"a `{node.value.value}` verdict" if self._computed_elsewhere(node) else None
            if isinstance(node, cst.Assign) and len(node.targets) == 1:
                labels = _labels(node.value)
                if labels and not any(_FAILURE.search(label) for label in labels):
                    return f"`{labels[-1]}`" if others or self._given_elsewhere(labels[-1], node.value) else None
            if isinstance(node, cst.AugAssign) and isinstance(node.operator, cst.AddAssign):
                target = self.ctx.code(node.target)
                if _FAILURE.search(target):
                    return None
                return f"`{target}`" if others or self._counted_elsewhere(target, node) else None
        return None

    def _scope(self) -> cst.CSTNode | None:
        return self._scopes[-1] if self._scopes else None

    def _given_elsewhere(self, label: str, here: cst.CSTNode) -> bool:
        """The same label is given somewhere else in the function: it is one of the measured classes."""
        scope = self._scope()
        if scope is None:
            return False
        inside = {id(n) for n in iter_nodes(here)}
        return any(isinstance(n, (cst.SimpleString, cst.ConcatenatedString)) and id(n) not in inside
                   and string_value(n) == label for n in iter_nodes(scope))

    def _counted_elsewhere(self, target: str, here: cst.AugAssign) -> bool:
        scope = self._scope()
        return scope is not None and any(isinstance(n, cst.AugAssign) and n is not here and self.ctx.code(n.target) == target
                                         for n in iter_nodes(scope))

    def _computed_elsewhere(self, here: cst.Assign) -> bool:
        """The same target (`refused[entry.custom_id]`) is assigned elsewhere in the function a value that is
        not a constant: a verdict computed from the reply."""
        scope = self._scope()
        target = self.ctx.code(here.targets[0].target)
        return scope is not None and any(
            isinstance(n, cst.Assign) and n is not here and len(n.targets) == 1 and self.ctx.code(n.targets[0].target) == target
            and not (isinstance(n.value, cst.Name) and n.value.value in _CONSTANTS) for n in iter_nodes(scope))

    def _computed_return(self, here: cst.Return) -> bool:
        """Another return of the function gives a verdict computed from the reply, not a constant."""
        scope = self._scope()
        return isinstance(scope, cst.FunctionDef) and any(
            isinstance(n, cst.Return) and n is not here and n.value is not None
            and not (isinstance(n.value, cst.Name) and n.value.value in _CONSTANTS) for n in iter_nodes(scope.body))
