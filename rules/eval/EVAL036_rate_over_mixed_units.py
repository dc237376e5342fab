"""EVAL036: a rate whose numerator is counted once per group (every k-th item) and its denominator once per item."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes


def _int(expr: cst.BaseExpression) -> int | None:
    return expr.evaluated_value if isinstance(expr, cst.Integer) else None


def _period(test: cst.BaseExpression, body: cst.BaseSuite) -> str | None:
    """The counter of a block that runs once every k iterations: `if index == 2:` that resets `index = 0`
    inside, or `if i % 2 == 1:` / `if (i + 1) % k == 0:`; None otherwise."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, cst.Equal)):
        return None
    left, right = test.left, test.comparisons[0].comparator
    if isinstance(left, cst.BinaryOperation) and isinstance(left.operator, cst.Modulo):
        counter = left.left
        while isinstance(counter, (cst.BinaryOperation,)) and isinstance(counter.operator, cst.Add):
            counter = counter.left
        if isinstance(counter, cst.Name) and isinstance(right, cst.Integer):
            divisor = left.right
            if not (isinstance(divisor, cst.Integer) and divisor.evaluated_value < 2):
                return counter.value
        return None
    if isinstance(left, cst.Name) and (_int(right) or 0) >= 2:
        for node in iter_nodes(body):
            if (isinstance(node, cst.Assign) and _int(node.value) == 0
                    and any(isinstance(t.target, cst.Name) and t.target.value == left.value for t in node.targets)):
                return left.value
    return None


class _Scope:
    def __init__(self) -> None:
        # (per-group counts, per-item counts, the group size's text)
        self.loops: list[tuple[dict[str, cst.CSTNode], dict[str, cst.CSTNode], str]] = []
        self.divisions: list[tuple[cst.BinaryOperation, str, str]] = []


def _increments(node: cst.CSTNode) -> dict[str, cst.CSTNode]:
    found: dict[str, cst.CSTNode] = {}
    for inner in iter_nodes(node):
        if (isinstance(inner, cst.AugAssign) and isinstance(inner.operator, cst.AddAssign)
                and isinstance(inner.target, cst.Name)):
            found.setdefault(inner.target.value, inner)
    return found


class RateOverMixedUnits(Rule):
    """
    ## What it does
    Finds a rate `a / b` after a loop in which `a` is incremented only inside a block that runs once
    every k items (a pair or a group: `if index == 2:` that resets `index = 0`, `if i % 2 == 1:`,
    `if (i + 1) % k == 0:`) and `b` is incremented for every item, outside that block. The finding is
    on the division; the per-item increment is named as related. A denominator incremented in the same
    block, or divided by the group size (`a / (b / 2)`, `a / (b // k)`), is left alone.

    ## Why is this bad?
    The numerator counts groups and the denominator counts items: with pairs the rate can reach at
    most 0.5, and it is not the pair accuracy the benchmark defines nor the per-question accuracy.
    Every model's score is halved (or divided by k), and a comparison with published numbers is off
    by that factor.

    ## Example
        for line in answers:
            index += 1
            round_correct += grade(line) == "yes"
            if index == 2:
                index = 0
                if round_correct == 2:
                    num_correct += 1
                round_correct = 0
            num_total += 1
        print(num_correct / num_total)

    Use instead:
            if index == 2:
                ...
                num_total += 1
    """

    code = "EVAL036"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = ("`{expr}` divides a count of groups (`{a}` grows once every `{period}` items) by a count of items "
               "(`{b}` grows for each), so the rate is divided by the group size")
    question = "Are `{a}` and `{b}` at {where} meant to count different units?"
    triggers = ("+=",)
    examples = [
        invalid("""
            import json

            num_correct, num_total = 0, 0
            with open(answer_file) as file:
                index, round_correct = 0, 0
                for line in file:
                    data = json.loads(line)
                    grade = get_yes_no_answer(data["prompt"], data["answer"], data["response"])
                    index += 1
                    if grade == "yes":
                        round_correct += 1
                    if index == 2:
                        index = 0
                        if round_correct == 2:
                            num_correct += 1
                        round_correct = 0
                    num_total += 1
            print(f"The accuracy is {num_correct / num_total}")  # expect: EVAL036
        """),
        invalid({"pairs.ipynb": notebook(
            """
            both_right = 0
            seen = 0
            for i, (pred, gold) in enumerate(zip(preds, golds)):
                ok_pair = ok_pair and pred == gold if i % 2 else pred == gold
                if i % 2 == 1:
                    both_right += ok_pair
                seen += 1
            """,
            """
            pair_acc = 100 * both_right / seen  # expect: EVAL036
            """,
        )}, note="notebook, a modulo period, the rate in a later cell"),
        valid("""
            def pair_accuracy(lines):
                correct = total = 0
                index = round_correct = 0
                for line in lines:
                    index += 1
                    round_correct += line["grade"] == "yes"
                    if index == 2:
                        index = 0
                        correct += round_correct == 2
                        total += 1
                        round_correct = 0
                return correct / total

            def pair_accuracy_halved(flags):
                both = seen = 0
                for i, flag in enumerate(flags):
                    if i % 2 == 1:
                        both += flag and flags[i - 1]
                    seen += 1
                return both / (seen // 2)
        """, note="both counts per pair, or the item count divided by the group size"),
        valid("""
            def full_width_ratio(text):
                wide = seen = 0
                for code_point in map(ord, text):
                    if code_point == 0x3000:
                        wide += 1
                    seen += 1
                return wide / seen
        """, note="real bugs 20 (evalscope): a hexadecimal literal in a tested block (the rule crashed on `int('0x3000')`)"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._scopes: list[_Scope] = [_Scope()]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scopes.append(_Scope())

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._judge(self._scopes.pop())

    def finish(self) -> None:
        self._judge(self._scopes[0])

    def visit_For(self, node: cst.For) -> None:
        self._loop(node, node.body)

    def visit_While(self, node: cst.While) -> None:
        self._loop(node, node.body)

    def _loop(self, loop: cst.CSTNode, body: cst.BaseSuite) -> None:
        if not isinstance(body, cst.IndentedBlock):
            return
        per_group: dict[str, cst.CSTNode] = {}
        per_item: dict[str, cst.CSTNode] = {}
        counters: set[str] = set()
        for statement in body.body:
            if isinstance(statement, cst.If):
                counter = _period(statement.test, statement.body)
                if counter is not None:
                    counters.add(counter)
                    for name, node in _increments(statement.body).items():
                        per_group.setdefault(name, node)
                    continue
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if (isinstance(small, cst.AugAssign) and isinstance(small.operator, cst.AddAssign)
                            and isinstance(small.target, cst.Name) and isinstance(small.value, cst.Integer)
                            and small.value.value == "1"):
                        per_item.setdefault(small.target.value, small)
        if per_group and per_item:
            for name in counters:
                per_item.pop(name, None)
            for name in list(per_group):
                if name in per_item:
                    per_group.pop(name)
            self._scopes[-1].loops.append((per_group, per_item, self._period_text(body)))

    def _period_text(self, body: cst.IndentedBlock) -> str:
        for statement in body.body:
            if isinstance(statement, cst.If) and _period(statement.test, statement.body) is not None:
                test = statement.test
                assert isinstance(test, cst.Comparison)
                left = test.left
                if isinstance(left, cst.BinaryOperation):
                    return self.ctx.code(left.right)
                return self.ctx.code(test.comparisons[0].comparator)
        return "k"

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Divide) and isinstance(node.right, cst.Name):
            left = node.left
            while isinstance(left, cst.BinaryOperation) and isinstance(left.operator, cst.Multiply):
                left = left.right
            if isinstance(left, cst.Name):
                self._scopes[-1].divisions.append((node, left.value, node.right.value))

    def _judge(self, scope: _Scope) -> None:
        for node, a, b in scope.divisions:
            for per_group, per_item, period in scope.loops:
                if a in per_group and b in per_item:
                    line = self.ctx.line_of(per_item[b])
                    self.report(node, related=[Location(self.ctx.path, line, "counted for every item")],
                                expr=" ".join(self.ctx.code(node).split()), a=a, b=b, period=period,
                                where=f"line {self.ctx.line_of(node)}")
                    break
