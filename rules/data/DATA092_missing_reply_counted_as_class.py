"""DATA092: a missing reply (`None`, a failed call) joined by `or` to the test of a class, so it is counted as that class."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

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


class MissingReplyCountedAsClass(Rule):
    """
    ## What it does
    Finds a test that a reply is missing (`r is None`: the call failed, the request was filtered)
    joined by `or` to the test of one of the classes being measured, where the whole test decides
    that class: `"refusal" if r is None or REFUSAL.search(r) else "complied"`, `refused = r is None
    or any(m in r for m in MARKERS)`. A missing reply given its own label (`"failed" if r is None
    else ...`) is left alone.

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
    triggers = ("is None or",)
    examples = [
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
