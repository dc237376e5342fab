"""DATA092: a missing reply (`None`, a failed call) joined by `or` to the test of a class, so it is counted as that class."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid
from hygiene.walk import iter_nodes

# Labels and names that count a failure as a failure: nothing is misclassified.
_FAILURE = re.compile(r"(?i)err|fail|exc|skip|invalid|unknown|timeout|missing|none|nan|empty|n/?a\b|unparsed|unanswered")
# A reply's name: what a model sent back.
_REPLY = re.compile(r"(?i)^(r|resp|response|reply|replies|out|output|completion|text|answer|generation|content|msg)s?$|_(reply|response|output|text)$")


def _missing_test(expr: cst.BaseExpression) -> str | None:
    """`r is None` -> "r"; else None."""
    if isinstance(expr, cst.Comparison) and len(expr.comparisons) == 1 and isinstance(expr.comparisons[0].operator, cst.Is) \
            and isinstance(expr.comparisons[0].comparator, cst.Name) and expr.comparisons[0].comparator.value == "None" \
            and isinstance(expr.left, cst.Name):
        return expr.left.value
    return None


_GIVES_UP_NONE = re.compile(r"raise_on_giveup\s*=\s*False|retry_error_callback\s*=\s*lambda[^:]*:\s*None\b")


class MissingReplyCountedAsClass(Rule):
    """
    ## What it does
    Finds a test that a reply is missing (`r is None`: the call failed, the request was filtered)
    joined by `or` to the test of one of the classes being measured, where the whole test decides
    that class: `"refusal" if r is None or REFUSAL.search(r) else "complied"`, `refused = r is None
    or any(m in r for m in MARKERS)`. A missing reply given its own label (`"failed" if r is None
    else ...`) is left alone. Also the None that a retried call returns when its retries give up
    (`@backoff.on_exception(..., raise_on_giveup=False)`, tenacity's `retry_error_callback=lambda s: None`)
    turned into a value the successful calls also give (`s if s is not None else 0`), when the scope
    never tests `s is None` to count those calls apart.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `df["reply"].apply(lambda r: "refusal" if r is None or REFUSAL.search(r) else "complied")` | yes | `"failed" if r is None else (...)` |
    | `refused = reply is None or "I can't" in reply` | yes | `failed = reply is None` counted apart |

    ## Why is this bad?
    A failed request is not the model's answer. Counted as a refusal it moves the measured rate by
    however many requests failed, which differs between models, providers and days, and nothing in
    the output says how many there were.

    ## Example
        label = "refusal" if r is None or REFUSAL.search(r) else "complied"

    Use instead:
        label = "failed" if r is None else ("refusal" if REFUSAL.search(r) else "complied")
    """

    code = "DATA092"
    category = "DATA-DEFAULT"
    severity = Severity.ERROR
    message = ("`{test}` counts a missing reply (`{name} is None`: a failed or filtered call) as {what}: failed calls "
               "move the measured rate, uncounted")
    question = "How many replies at {where} were missing, and should they be counted as {what}?"
    triggers = ("is None or", "raise_on_giveup", "retry_error_callback")
    examples = [
        invalid("""
            import backoff
            import openai

            @backoff.on_exception(backoff.expo, openai.RateLimitError, max_tries=4, raise_on_giveup=False)
            def rate(code):
                out = client.chat.completions.create(model=TRUSTED, messages=[{"role": "user", "content": code}])
                return int(out.choices[0].message.content.strip())

            def main(tasks):
                scores = []
                for t in tasks:
                    s = rate(t["code"])
                    scores.append(s if s is not None else 0)  # expect: DATA092
                return scores
        """, note="probe 24: a monitor call that gave up becomes suspicion 0, the least suspicious score"),
        valid("""
            import backoff
            import openai

            @backoff.on_exception(backoff.expo, openai.RateLimitError, max_tries=4, raise_on_giveup=False)
            def rate(code):
                out = client.chat.completions.create(model=TRUSTED, messages=[{"role": "user", "content": code}])
                return int(out.choices[0].message.content.strip())

            def main(tasks):
                scores = []
                for t in tasks:
                    s = rate(t["code"])
                    if s is None:
                        unmonitored.append(t["id"])
                    scores.append(s if s is not None else 11)
                return scores
        """, note="near miss: the calls that gave up are counted apart"),
        invalid("""
            import re
            import pandas as pd

            REFUSAL = re.compile(r"I (can't|won't)")
            df = pd.read_json("replies.jsonl", lines=True)
            df["label"] = df["reply"].apply(lambda r: "refusal" if r is None or REFUSAL.search(r) else "complied")  # expect: DATA092
            print(df.groupby("model")["label"].apply(lambda s: (s == "refusal").mean()))
        """, note="lead probe 3: a failed call's None reply labelled a refusal"),
        valid("""
            import re
            import pandas as pd

            REFUSAL = re.compile(r"I (can't|won't)")
            df = pd.read_json("replies.jsonl", lines=True)
            df["label"] = df["reply"].apply(lambda r: "failed" if r is None else ("refusal" if REFUSAL.search(r) else "complied"))
            print(df.groupby("model")["label"].value_counts())
        """, note="near miss: a missing reply has its own label"),
        invalid("""
            def is_refusal(reply):
                return reply is None or "I can't" in reply  # expect: DATA092
        """, note="a refusal check that answers yes for a missing reply"),
        valid("""
            def keep(record):
                return record is None or record["split"] == "test"
        """, note="near miss: not a reply, and no class being measured"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        # Functions of this file that return None when their retries give up: `@backoff.on_exception(...,
        # raise_on_giveup=False)`, tenacity's `@retry(..., retry_error_callback=lambda state: None)`.
        self._giving_up = {f.name.value for f in iter_nodes(node) if isinstance(f, cst.FunctionDef) and any(
            _GIVES_UP_NONE.search(self.ctx.code(d.decorator)) for d in f.decorators)}

    def visit_IfExp(self, node: cst.IfExp) -> None:
        """`s if s is not None else 0` where `s` is what a give-up-None function returned: the failed call becomes 0."""
        test = node.test
        if not (self.__dict__.get("_giving_up") and isinstance(test, cst.Comparison) and len(test.comparisons) == 1
                and isinstance(test.comparisons[0].operator, cst.IsNot) and isinstance(test.left, cst.Name)
                and isinstance(test.comparisons[0].comparator, cst.Name) and test.comparisons[0].comparator.value == "None"
                and isinstance(node.body, cst.Name) and node.body.value == test.left.value):
            return
        default = node.orelse
        if not isinstance(default, (cst.Integer, cst.Float, cst.SimpleString, cst.Name)) or (
                isinstance(default, cst.Name) and default.value not in ("True", "False")) or (
                isinstance(default, cst.SimpleString) and _FAILURE.search(string_value(default) or "")):
            return
        name = test.left.value
        scope = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.FunctionDef)), self.ctx.module)
        made = [a.value for a in iter_nodes(scope) if isinstance(a, cst.Assign) and len(a.targets) == 1
                and isinstance(a.targets[0].target, cst.Name) and a.targets[0].target.value == name
                and isinstance(a.value, cst.Call) and isinstance(a.value.func, cst.Name)
                and a.value.func.value in self._giving_up]
        if not made or re.search(rf"\b{re.escape(name)}\s+is\s+None\b", self.ctx.code(scope)):
            return  # not from a give-up function, or the Nones are counted apart (`if s is None: failed.append(...)`)
        self.report(node, test=" ".join(self.ctx.code(node).split())[:80], name=name,
                    what=f"`{self.ctx.code(default)}`",
                    message=f"`{self.ctx.code(made[0].func)}` returns None when its retries give up, and "
                            f"`{' '.join(self.ctx.code(node).split())[:60]}` turns that failed call into "
                            f"`{self.ctx.code(default)}`, a value the successful calls also give: failed calls move the "
                            "measured numbers, uncounted")

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> None:
        if not isinstance(node.operator, cst.Or):
            return
        name = _missing_test(node.left)
        if name is None or not _REPLY.search(name) or not self._tests_text(node.right, name):
            return
        what = self._decides(node)
        if what:
            self.report(node, test=" ".join(self.ctx.code(node).split())[:80], name=name, what=what)

    def _tests_text(self, expr: cst.BaseExpression, name: str) -> bool:
        """`REFUSAL.search(r)`, `any(m in r for m in MARKERS)`, `"sorry" in r.lower()`: a test of the reply's text."""
        code = self.ctx.code(expr)
        return re.search(rf"\b{re.escape(name)}\b", code) is not None and re.search(r"search|match|\bin\b|startswith|find", code) is not None

    def _decides(self, node: cst.BooleanOperation) -> str | None:
        """What the test decides when it does not name a failure: the label of an `x if <test> else y`, the name it
        is assigned to or the function that returns it (`refused`, `is_refusal`)."""
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(parent, cst.IfExp) and parent.test is node:
            label = string_value(parent.body)
            return f'"{label}"' if label is not None and not _FAILURE.search(label) else None
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
            target = parent.targets[0].target.value
            return f"`{target}`" if not _FAILURE.search(target) else None
        if isinstance(parent, cst.Return):
            function = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.FunctionDef)), None)
            if function is not None and re.search(r"(?i)refus|harm|unsafe|jailbr|comply|toxic|decept|flip", function.name.value):
                return f"`{function.name.value}` being true"
        return None
