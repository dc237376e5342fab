"""EVAL028: a rate named for an outcome computed from the count of the opposite outcome."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid, notebook

# Outcome words of a rate's name, and the words of their opposite.
_POSITIVE = re.compile(r"(?i)(?<![a-z])(success|successful|succeeded|correct|accuracy|acc|pass|passed|win|wins|hit|hits|"
                       r"refusal|refused|compliance|complied|jailbroken|asr)(?![a-z])")
_NEGATIVE = re.compile(r"(?i)(?<![a-z])(unsuccessful|fail|failed|failure|failures|incorrect|wrong|error|errors|"
                       r"miss|misses|missed|loss|losses|lose|lost|non_?refus\w*|non_?complian\w*)(?![a-z])")
_NEGATIVE_NAME = re.compile(r"(?i)(?<![a-z])(error|fail|failure|miss|loss|wrong|incorrect)_?rate(?![a-z])")
_POSITIVE_COUNT = re.compile(r"(?i)^(n_?|num_?|count_?)?(success|successes|successful|correct|passed|wins|hits)(_?count|_?num)?$")


def _words(name: str) -> str:
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name)


class RateFromOppositeCount(Rule):
    """
    ## What it does
    Finds a rate whose name says one outcome and whose numerator counts the opposite one:
    `"attack_success_rate": unsuccessful / total * 100`, `accuracy = n_wrong / len(items)`, and
    the converse, `error_rate = correct / total`. The name is a dictionary key or the assigned
    variable; the numerator is a counter whose own name is the outcome's antonym
    (`unsuccessful`, `failed`, `incorrect`, `errors`, `misses`). `1 - failed / total` and a
    numerator computed from both counts are left alone.

    ## Why is this bad?
    The reported figure is one minus the real one: an attack that almost always fails is reported
    as almost always succeeding, a weak model as a strong one, and the table compares opposites.

    ## Example
        return {"attack_success_rate": float(unsuccessful / total) * 100}

    Use instead:
        return {"attack_success_rate": float(success / total) * 100}
    """

    code = "EVAL028"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = "`{name}` is computed from `{count}`, the count of the opposite outcome: the figure is one minus {what}"
    question = "Is `{name}` at {where} meant to count `{count}`?"
    triggers = ("/",)
    examples = [
        invalid("""
            def get_results(self, predicted_results, targets):
                success = 0
                unsuccessful = 0
                for result, target in zip(predicted_results, targets):
                    if result == target:
                        unsuccessful += 1
                    else:
                        success += 1
                total = success + unsuccessful
                return {
                    "attack_success_rate": float(unsuccessful / total) * 100,  # expect: EVAL028
                    "grading_criteria": {"attack_success_rate": float(unsuccessful / total) * 100},
                }
        """),
        invalid("""
            error_rate = n_correct / len(test_items)  # expect: EVAL028
        """),
        valid("""
            def summarize(success, unsuccessful, total, failed, n_correct):
                asr = success / total
                robust_accuracy = 1 - failed / total
                failure_rate = failed / total
                accuracy = n_correct / total
                refusal_rate = (total - failed) / total
                return {"attack_success_rate": success / total * 100, "fail_rate": unsuccessful / total}
        """, note="the numerator counts the named outcome, or the rate is one minus the opposite"),
        invalid({
            "redteam/tally.py": '''
                def tally(judgements):
                    jailbroken = sum(j == "unsafe" for j in judgements)
                    return jailbroken, len(judgements) - jailbroken
            ''',
            "redteam/report.py": '''
                from redteam.tally import tally

                class Report:
                    def summary(self, judgements):
                        succeeded, failed = tally(judgements)
                        return {"attack_success_rate": failed / len(judgements)}  # expect: EVAL028
            ''',
        }, note="across modules: the counts from a helper of another module, the rate of success computed from the failures"),
        valid({
            "redteam/tally.py": '''
                def tally(judgements):
                    jailbroken = sum(j == "unsafe" for j in judgements)
                    return jailbroken, len(judgements) - jailbroken
            ''',
            "redteam/report.py": '''
                from redteam.tally import tally

                class Report:
                    def summary(self, judgements):
                        succeeded, failed = tally(judgements)
                        return {"attack_success_rate": succeeded / len(judgements)}
            ''',
        }, note="near miss: the same layout, the successes counted"),
        invalid({"results.ipynb": notebook(
            """
            import pandas as pd
            df = pd.read_json("graded.jsonl", lines=True)
            n_incorrect = int((df.pred != df.gold).sum())
            """,
            """
            accuracy = n_incorrect / len(df)  # expect: EVAL028
            print(f"accuracy: {accuracy:.3f}")
            """,
        )}, note="notebook: the count in one cell, the accuracy from the wrong answers in the next"),
        valid({"results.ipynb": notebook(
            """
            import pandas as pd
            df = pd.read_json("graded.jsonl", lines=True)
            n_incorrect = int((df.pred != df.gold).sum())
            """,
            """
            accuracy = 1 - n_incorrect / len(df)
            print(f"accuracy: {accuracy:.3f}")
            """,
        )}, note="near miss: one minus the error rate"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._pending: list[list[tuple[cst.CSTNode, dict]]] = [[]]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._pending.append([])

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._flush(self._pending.pop())

    def finish(self) -> None:
        self._flush(self._pending[0])

    def _flush(self, pending: list[tuple[cst.CSTNode, dict]]) -> None:
        """One finding per counter and function: the same numerator under several keys is one fix."""
        by_count: dict[str, list[tuple[cst.CSTNode, dict]]] = {}
        for anchor, fields in pending:
            by_count.setdefault(fields["count"], []).append((anchor, fields))
        for group in by_count.values():
            anchor, fields = group[0]
            related = [Location(self.ctx.path, self.ctx.line_of(a), f"`{f['name']}` too") for a, f in group[1:]]
            self.report(anchor, related=related, **fields)

    def visit_Assign(self, node: cst.Assign) -> None:
        # The target's code only for a value that divides a count (not for every assignment: issue 12).
        if len(node.targets) == 1 and isinstance(node.targets[0].target, (cst.Name, cst.Attribute)) \
                and _numerator(node.value) is not None:
            name = self.ctx.code(node.targets[0].target).rsplit(".", 1)[-1]
            self._check(node.value, name, node)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        if isinstance(node.key, cst.SimpleString):
            key = node.key.evaluated_value
            if isinstance(key, str):
                self._check(node.value, key, node)

    def _check(self, value: cst.BaseExpression, name: str, anchor: cst.CSTNode) -> None:
        count = _numerator(value)
        if count is None:
            return
        words, counted = _words(name), _words(count)
        if _POSITIVE.search(words) and not _NEGATIVE.search(words) and _NEGATIVE.search(counted) \
                and not _POSITIVE.search(counted):
            self._pending[-1].append((anchor, {"name": name, "count": count, "what": "the rate its name promises"}))
        elif _NEGATIVE_NAME.search(words) and _POSITIVE_COUNT.match(counted):
            self._pending[-1].append((anchor, {"name": name, "count": count,
                                               "what": "the error rate its name promises"}))


def _numerator(expr: cst.BaseExpression) -> str | None:
    """The counter divided in `expr`: `c / total`, `float(c / total) * 100`, `100 * c / n`, `float(c) / n`."""
    while True:
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Multiply):
            left, right = expr.left, expr.right
            expr = left if isinstance(right, (cst.Integer, cst.Float)) else right if isinstance(
                left, (cst.Integer, cst.Float)) else left
            if isinstance(left, (cst.Integer, cst.Float)) or isinstance(right, (cst.Integer, cst.Float)):
                continue
            return None
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value in ("float", "round") \
                and expr.args:
            expr = expr.args[0].value
            continue
        break
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Divide, cst.FloorDivide)):
        left = expr.left
        if isinstance(left, cst.BinaryOperation) and isinstance(left.operator, cst.Multiply):
            left = left.right if isinstance(left.left, (cst.Integer, cst.Float)) else left.left
        if isinstance(left, cst.Call) and isinstance(left.func, cst.Name) and left.func.value == "float" and left.args:
            left = left.args[0].value
        if isinstance(left, cst.Name):
            return left.value
        if isinstance(left, cst.Attribute):
            return left.attr.value
    return None
