"""DATA091: parses that return None on a miss, compared with each other (or with `!=`) and counted as an outcome."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid
from hygiene.walk import iter_nodes


def _returns_none_on_miss(function: cst.FunctionDef) -> bool:
    """`return m.group(1) if m else None`, or a `return None` beside a return of a value."""
    values = [n.value for n in iter_nodes(function.body) if isinstance(n, cst.Return)]
    plain_none = any(v is None or (isinstance(v, cst.Name) and v.value == "None") for v in values)
    other = any(v is not None and not (isinstance(v, cst.Name) and v.value == "None") for v in values)
    if plain_none and other:
        return True
    return any(isinstance(v, cst.IfExp) and any(isinstance(side, cst.Name) and side.value == "None"
                                                for side in (v.body, v.orelse)) for v in values)


# What holds the gold answer: a parse of it compared with a parse of the reply is a correctness check.
_GOLD = re.compile(r"(?i)gold|solution|answer|label|target|reference|truth|expected|\bref\b|\bgt\b")


class UnparsedComparedAsOutcome(Rule):
    """
    ## What it does
    Finds a comparison of what a parser of this file returns (a function that returns `None` when
    it finds nothing: `return m.group(1) if m else None`) that is counted as an outcome (appended,
    summed, added up) with nothing in the scope testing for `None`: two parses compared with `==`
    (`extract(first) == extract(second)`: two replies that both failed to parse are "consistent"),
    or a parse compared with `!=` (`extract(before) != extract(after)`: an unparsed reply "changed
    its answer"). A parse compared with `==` to a gold answer (also the gold parsed the same way,
    `extract(reply) == extract(row["solution"])`) is left alone: an unparsed answer counted wrong is the
    usual convention.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `flips.append(extract(first) != extract(second))` | yes | pairs with a `None` counted apart |
    | `agree += parse(a) == parse(b)` | yes | `parse(a) == gold` |

    ## Why is this bad?
    `None != "B"` is `True` and `None == None` is `True`: every reply the parser could not read is
    counted as a flip, a disagreement or an agreement. A sycophancy flip rate, a self-consistency
    rate or an inter-judge agreement then moves with how often the model answers off-format, and
    nothing says how many pairs that was.

    ## Example
        flips.append(extract_letter(first) != extract_letter(second))

    Use instead:
        a, b = extract_letter(first), extract_letter(second)
        flips.append(None if a is None or b is None else a != b)
    """

    code = "DATA091"
    category = "DATA-DEFAULT"
    severity = Severity.WARNING
    message = ("`{test}` compares what `{parser}` returns, `None` when it finds nothing, and the result is counted: "
               "{consequence}")
    question = "How many pairs at {where} had a reply `{parser}` could not read, and how were they counted?"
    triggers = ("None",)
    examples = [
        valid("""
            import re

            def boxed(text):
                m = re.search(r"\\\\boxed\\{([^}]*)\\}", text)
                return m.group(1) if m else None

            def accuracy(rows, replies):
                return sum(boxed(r) == boxed(row["solution"]) for r, row in zip(replies, rows)) / len(rows)
        """, note="lead probe 3 near miss: the gold solution parsed the same way; an unparsed reply counts as wrong"),
        invalid("""
            import re

            def letter(text):
                m = re.search(r"\\\\(([A-D])\\\\)", text)
                return m.group(1) if m else None

            def flip_rate(pairs):
                flips = []
                for before, after in pairs:
                    flips.append(letter(before) != letter(after))  # expect: DATA091
                return sum(flips) / len(flips)
        """, note="lead probe 3: an unparsed second answer counted as a flip"),
        valid("""
            import re

            def letter(text):
                m = re.search(r"\\\\(([A-D])\\\\)", text)
                return m.group(1) if m else None

            def flip_rate(pairs):
                flips = []
                for before, after in pairs:
                    a, b = letter(before), letter(after)
                    if a is None or b is None:
                        continue
                    flips.append(a != b)
                return sum(flips) / len(flips)
        """, note="near miss: pairs with an unparsed reply are left out"),
        valid("""
            import re

            def letter(text):
                m = re.search(r"\\\\(([A-D])\\\\)", text)
                return m.group(1) if m else None

            def accuracy(rows):
                return sum(letter(r["reply"]) == r["gold"] for r in rows) / len(rows)
        """, note="near miss: a parse compared with the gold: unparsed counts as wrong, the convention"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._parsers: set[str] = set()

    def visit_Module(self, node: cst.Module) -> None:
        for statement in node.body:
            if isinstance(statement, cst.FunctionDef) and _returns_none_on_miss(statement):
                self._parsers.add(statement.name.value)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if not self._parsers or len(node.comparisons) != 1:
            return
        operator = node.comparisons[0].operator
        sides = [node.left, node.comparisons[0].comparator]
        parsed = [s for s in sides if isinstance(s, cst.Call) and isinstance(s.func, cst.Name) and s.func.value in self._parsers]
        if not ((isinstance(operator, cst.NotEqual) and parsed) or (isinstance(operator, cst.Equal) and len(parsed) == 2)):
            return
        if isinstance(operator, cst.Equal) and any(_GOLD.search(self.ctx.code(p)) for p in parsed):
            return  # `extract(reply) == extract(row["solution"])`: the gold parsed the same way, an unparsed reply counts wrong
        if not self._counted(node):
            return
        if " is None" in self.ctx.text or " is not None" in self.ctx.text:
            return  # the file tests for a failed parse somewhere: whether it guards this pair is not followed
        parser = parsed[0].func.value  # type: ignore[union-attr]
        consequence = ("a reply it cannot read is counted as a change of answer" if isinstance(operator, cst.NotEqual)
                       else "two replies it cannot read are counted as agreeing")
        self.report(node, test=" ".join(self.ctx.code(node).split())[:80], parser=parser, consequence=consequence)

    def _counted(self, node: cst.Comparison) -> bool:
        """Is the comparison's value counted: appended, summed, added up, or an element of a comprehension?"""
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(parent, cst.Arg):
            call = self.ctx.parents[-2] if len(self.ctx.parents) > 1 else None
            if isinstance(call, cst.Call):
                name = call.func.attr.value if isinstance(call.func, cst.Attribute) else (
                    call.func.value if isinstance(call.func, cst.Name) else "")
                return name in ("append", "sum", "mean", "int", "float", "extend")
        if isinstance(parent, cst.AugAssign):
            return True
        return isinstance(parent, (cst.ListComp, cst.GeneratorExp)) and parent.elt is node
