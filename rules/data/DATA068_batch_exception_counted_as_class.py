"""DATA068: an exception a batch of model calls returned, counted as one of the classes being measured."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid
from hygiene.walk import comprehension_fors, iter_nodes

# Names and labels that count the failure as a failure (`failures += 1`, `"error"`): nothing is misclassified.
_FAILURE = re.compile(r"(?i)err|fail|exc|skip|invalid|unknown|timeout|missing|drop|none|nan|n/?a\b|status")
_EXCEPTIONS = re.compile(r"(?:^|\.)(?:Base)?Exception$|Error$")


def _return_exceptions(call: cst.Call) -> bool:
    """`asyncio.gather(*tasks, return_exceptions=True)` (any receiver: `tqdm_asyncio.gather`)."""
    return isinstance(call.func, (cst.Attribute, cst.Name)) and any(
        a.keyword is not None and a.keyword.value == "return_exceptions"
        and isinstance(a.value, cst.Name) and a.value.value == "True" for a in call.args)


def _failure_test(expr: cst.BaseExpression) -> bool:
    """`r is None`, `not r`, `r == ""`, `"error" in r`: a test for a missing or failed result."""
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
        return True
    if isinstance(expr, cst.Comparison):
        sides = [expr.left, *(c.comparator for c in expr.comparisons)]
        return any((isinstance(s, cst.Name) and s.value == "None") or string_value(s) == ""
                   or (string_value(s) is not None and _FAILURE.search(string_value(s) or "")) for s in sides)
    return False


class BatchExceptionCountedAsClass(Rule):
    """
    ## What it does
    Finds the results of a batch of calls gathered with `return_exceptions=True`
    (`asyncio.gather(*tasks, return_exceptions=True)`), where an exception among them is counted as
    one of the classes the code measures: `isinstance(r, Exception)` joined by `or` to the test of a
    class (`refused = isinstance(r, Exception) or any(m in r for m in MARKERS)`), or an `if` on it
    that adds to a count, stores a label or returns a verdict that does not name a failure
    (`if isinstance(r, Exception): refusals += 1`). Counting the exceptions apart (`failures += 1`,
    `label = "error"`, `continue`) is left alone; so is a test of the exception that only logs it.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `any(m in str(r) for m in MARKERS) or isinstance(r, Exception)` in a comprehension over gathered replies | yes | `isinstance(r, Exception)` filtered and counted (DATA040 when uncounted) |
    | `for r in results: if isinstance(r, Exception): refused += 1` | yes | `failed += 1` |
    | `label = "refusal" if isinstance(r, Exception) else classify(r)` | yes | `"error" if isinstance(r, Exception) else ...` |

    ## Why is this bad?
    A rate limit, a timeout or a content filter's error is not the model's answer. Counted as a
    refusal (or a wrong answer, or a "safe" verdict) it moves the measured rate by however many
    requests failed, which differs between models, providers and days, and nothing in the output
    says how many there were.

    ## Example
        replies = await asyncio.gather(*(ask(p) for p in prompts), return_exceptions=True)
        refused = [isinstance(r, Exception) or is_refusal(r) for r in replies]

    Use instead:
        replies = await asyncio.gather(*(ask(p) for p in prompts), return_exceptions=True)
        failed = [r for r in replies if isinstance(r, Exception)]
        print(f"{len(failed)} requests failed")
        refused = [is_refusal(r) for r in replies if not isinstance(r, Exception)]
    """

    code = "DATA068"
    category = "DATA-DEFAULT"
    severity = Severity.ERROR
    message = ("`{test}` counts an exception that `{batch}` returned (a failed request: a rate limit, a timeout, a "
               "filter's error) as {what}: failed requests move the measured rate, uncounted")
    question = "Should the failed requests of `{batch}` be counted as {what} at {where}, or counted apart?"
    triggers = ("return_exceptions",)
    examples = [
        invalid("""
            import asyncio
            MARKERS = ("I'm sorry", "I cannot")

            async def main(ask, prompts):
                replies = await asyncio.gather(*(ask(p) for p in prompts), return_exceptions=True)
                refused = [any(m in str(r) for m in MARKERS) or isinstance(r, Exception) for r in replies]  # expect: DATA068
                print("refusal rate", sum(refused) / len(refused))
        """, note="an exception joined by `or` to the refusal test"),
        valid("""
            import asyncio
            MARKERS = ("I'm sorry", "I cannot")

            async def main(ask, prompts):
                replies = await asyncio.gather(*(ask(p) for p in prompts), return_exceptions=True)
                failed = sum(isinstance(r, Exception) for r in replies)
                ok = [r for r in replies if not isinstance(r, Exception)]
                print(f"{failed} failed; refusal rate", sum(any(m in r for m in MARKERS) for r in ok) / len(ok))
        """, note="near miss: the failures are counted apart and left out of the rate"),
        invalid("""
            import asyncio

            async def score(judge, items):
                results = await asyncio.gather(*(judge(it) for it in items), return_exceptions=True)
                refusals = 0
                for r in results:
                    if isinstance(r, Exception):  # expect: DATA068
                        refusals += 1
                    elif r["verdict"] == "refused":
                        refusals += 1
                return refusals / len(results)
        """, note="an `if` on the exception that adds to the class's count"),
        valid("""
            import asyncio

            async def score(judge, items):
                results = await asyncio.gather(*(judge(it) for it in items), return_exceptions=True)
                refusals = failures = 0
                for r in results:
                    if isinstance(r, Exception):
                        failures += 1
                    elif r["verdict"] == "refused":
                        refusals += 1
                print("failed requests:", failures)
                return refusals / (len(results) - failures)
        """, note="near miss: the exceptions have a count of their own"),
        invalid("""
            import asyncio

            async def label_all(classify, texts):
                outs = await asyncio.gather(*(classify(t) for t in texts), return_exceptions=True)
                return ["unsafe" if isinstance(o, Exception) else o for o in outs]  # expect: DATA068
        """, note="a class label given to the exceptions"),
        valid("""
            import asyncio

            async def label_all(classify, texts):
                outs = await asyncio.gather(*(classify(t) for t in texts), return_exceptions=True)
                return ["error" if isinstance(o, Exception) else o for o in outs]
        """, note="near miss: the label names the failure"),
        valid("""
            import asyncio

            async def collect(tasks, results):
                gathered = await asyncio.gather(*tasks, return_exceptions=True)
                for outcome in gathered:
                    if isinstance(outcome, Exception) or outcome is None:
                        continue
                    results.append(outcome)
        """, note="near miss (the precision corpus): exceptions and empty results skipped together"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._batches: dict[str, str] = {}  # name holding gathered results -> the gather's code
        self._items: dict[str, str] = {}  # name of one gathered result (a loop's target) -> the gather's code

    def visit_Assign(self, node: cst.Assign) -> None:
        value = node.value.expression if isinstance(node.value, cst.Await) else node.value
        if isinstance(value, cst.Call) and _return_exceptions(value):
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    self._batches[target.target.value] = self.ctx.code(value.func) + "(..., return_exceptions=True)"

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target, node.iter)

    def _comprehension(self, node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp) -> None:
        """The element of a comprehension is walked before its `for`: bind the targets first."""
        for clause in comprehension_fors(node):
            self._bind(clause.target, clause.iter)

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension

    def _bind(self, target: cst.BaseExpression, source: cst.BaseExpression) -> None:
        if isinstance(source, cst.Call) and isinstance(source.func, cst.Name) and source.func.value in ("zip", "enumerate"):
            sources = [a.value for a in source.args]
            targets = target.elements if isinstance(target, cst.Tuple) else []
            for element, origin in zip(targets, sources[-len(targets):] if source.func.value == "enumerate" else sources):
                self._bind(element.value, origin)
            return
        if isinstance(source, cst.Name) and source.value in self._batches and isinstance(target, cst.Name):
            self._items[target.value] = self._batches[source.value]

    def visit_Call(self, node: cst.Call) -> None:
        if not (isinstance(node.func, cst.Name) and node.func.value == "isinstance" and len(node.args) == 2):
            return
        subject, kind = node.args[0].value, node.args[1].value
        if not isinstance(subject, cst.Name) or subject.value not in self._items:
            return
        kinds = kind.elements if isinstance(kind, cst.Tuple) else [kind]
        if not any(isinstance(k.value if isinstance(k, cst.Element) else k, (cst.Name, cst.Attribute))
                   and _EXCEPTIONS.search(self.ctx.code(k.value if isinstance(k, cst.Element) else k)) for k in kinds):
            return
        what = self._counted_as(node)
        if what:
            self.report(node, test=" ".join(self.ctx.code(node).split()), batch=self._items[subject.value], what=what,
                        where=f"line {self.ctx.line_of(node)}")

    def _counted_as(self, test: cst.Call) -> str | None:
        """What the exception is counted as, from where the test stands; None when it is counted apart."""
        parents = list(self.ctx.parents)
        root: cst.BaseExpression = test
        joined: list[cst.BaseExpression] = []  # the other tests `or` joins it with
        while parents and isinstance(parents[-1], cst.BooleanOperation) and isinstance(parents[-1].operator, cst.Or):
            joined.append(parents[-1].right if parents[-1].left is root else parents[-1].left)
            root = parents.pop()
        parent = parents[-1] if parents else None
        if joined and any(_failure_test(j) for j in joined):
            return None  # `isinstance(r, Exception) or r is None`: the failures, told apart
        if joined and not (isinstance(parent, (cst.If, cst.IfExp)) and parent.test is root):
            return "the class the other side of `or` tests"
        test = root  # type: ignore[assignment]
        if isinstance(parent, cst.IfExp) and parent.test is test:
            label = string_value(parent.body)
            if label is not None and not _FAILURE.search(label):
                return f"`{label}`"
            return None
        if isinstance(parent, cst.If) and parent.test is test:
            for node in iter_nodes(parent.body):
                if isinstance(node, (cst.Continue, cst.Break, cst.Raise)):
                    return None
                if isinstance(node, cst.AugAssign) and isinstance(node.target, cst.Name):
                    name = node.target.value
                    return None if _FAILURE.search(name) else f"`{name}`"
                if isinstance(node, cst.Return) and node.value is not None:
                    text = string_value(node.value)
                    if isinstance(node.value, cst.Name) and node.value.value in ("True", "False"):
                        return f"a `{node.value.value}` verdict"
                    if text is not None and not _FAILURE.search(text):
                        return f"`{text}`"
                    return None
        return None
