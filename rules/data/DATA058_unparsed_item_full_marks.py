"""DATA058: a scorer that gives full marks to an item whose reference or answer could not be parsed."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.textsearch import found_in_text
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes, scope_nodes
from hygiene.analysis.names import call_tail

# Calls that read an answer's form (LaTeX, a number, an expression, JSON): an empty result means "unreadable".
# Regex searches are left out: `m = re.search(FORBIDDEN, text)` empty is a real outcome, not a failure.
PARSE_CALL = re.compile(r"(?i)pars|extract|sympify|latex|literal_eval|loads|normali[sz]|to_number|canonical")
# What was parsed: a reference answer or a model's answer.
ANSWER_NAME = re.compile(r"(?i)(^|_)(gold|golds|sol|solution|solutions|ref|refs|reference|references|target|targets|"
                         r"truth|gt|expected|answer|answers|ans|label|labels|pred|preds|prediction|predictions|"
                         r"completion|completions|content|response|output|generation|reply)(_|$|s$)")
# What the branch gives: a score, a reward, a correctness flag.
SCORE_NAME = re.compile(r"(?i)reward|score|correct|accura|^acc|match|hit|^pass|passed|grade|^em$|^em_|f1|verdict")
TOP = frozenset({"1", "1.0", "1.", "True", "100", "100.0"})


def _text(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _answer_arg(call: cst.Call) -> str | None:
    """The argument of a parse that holds an answer: `sol`, `item["solution"]`, `sample.reference`."""
    for arg in call.args:
        value = arg.value
        if isinstance(value, cst.Name) and ANSWER_NAME.search(value.value):
            return value.value
        if isinstance(value, cst.Attribute) and ANSWER_NAME.search(value.attr.value):
            return _text(value)
        if isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index):
            key = value.slice[0].slice.value
            if isinstance(key, cst.SimpleString) and ANSWER_NAME.search(key.value.strip("\"'")):
                return _text(value)
    return None


def _empty_test(test: cst.BaseExpression, parsed: set[str]) -> tuple[str, bool] | None:
    """(name, True) when `test` holds when the parse of `name` is empty (`not g`, `g is None`,
    `len(g) == 0`); (name, False) when it holds when it is not (`g`, `len(g) != 0`, `g is not None`)."""
    if isinstance(test, cst.Name) and test.value in parsed:
        return test.value, False
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = _empty_test(test.expression, parsed)
        return (inner[0], not inner[1]) if inner else None
    if isinstance(test, cst.Call) and call_tail(test) == "len" and len(test.args) == 1 and isinstance(
            test.args[0].value, cst.Name) and test.args[0].value.value in parsed:
        return test.args[0].value.value, False
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        left, target = test.left, test.comparisons[0]
        op, right = target.operator, target.comparator
        name = None
        if isinstance(left, cst.Name) and left.value in parsed:
            name = left.value
            if isinstance(right, cst.Name) and right.value == "None":
                if isinstance(op, cst.Is):
                    return name, True
                if isinstance(op, cst.IsNot):
                    return name, False
            if isinstance(right, (cst.List, cst.SimpleString)) and not _text(right).strip("[]\"'"):
                if isinstance(op, cst.Equal):
                    return name, True
                if isinstance(op, cst.NotEqual):
                    return name, False
        if isinstance(left, cst.Call) and call_tail(left) == "len" and len(left.args) == 1 and isinstance(
                left.args[0].value, cst.Name) and left.args[0].value.value in parsed:
            name = left.args[0].value.value
            number = right.value if isinstance(right, cst.Integer) else None
            if number == "0" and isinstance(op, cst.Equal) or number == "1" and isinstance(op, cst.LessThan):
                return name, True
            if number == "0" and isinstance(op, (cst.NotEqual, cst.GreaterThan)) or number == "1" and isinstance(
                    op, cst.GreaterThanEqual):
                return name, False
    return None


def _full_marks(block: cst.BaseSuite) -> cst.BaseSmallStatement | None:
    """The statement of a branch that gives full marks: `reward = 1.0`, `correct = True`, `return 1.0`,
    `scores.append(1)`."""
    statements = block.body if isinstance(block, cst.IndentedBlock) else [block]
    for statement in statements:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            value = None
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(
                    small.targets[0].target, cst.Name) and SCORE_NAME.search(small.targets[0].target.value):
                value = small.value
            elif isinstance(small, cst.Return) and small.value is not None:
                value = small.value
            elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) and call_tail(
                    small.value) == "append" and isinstance(small.value.func, cst.Attribute) and SCORE_NAME.search(
                    _text(small.value.func.value)) and len(small.value.args) == 1:
                value = small.value.args[0].value
            if value is not None and _text(value) in TOP:
                return small
    return None


def _scores(node: cst.CSTNode) -> bool:
    """The other side grades: it compares or calls something (`verify(a, g)`, `a == g`)."""
    return any(isinstance(n, (cst.Comparison, cst.Call)) for n in iter_nodes(node))


class UnparsedItemFullMarks(Rule):
    """
    ## What it does
    Finds a scorer or reward function that parses a reference or a model's answer (`gold_parsed =
    parse(sol)`, `ref = extract_boxed(item["solution"])`, `pred = parse_number(completion)`) and,
    in the branch where the parse came out empty (`if len(gold_parsed) != 0: ... else:`, `if ref is
    None:`, `if not pred:`), gives the item full marks (`reward = 1.0`, `correct = True`, `return
    1.0`, `scores.append(1)`) while the other branch grades it (a comparison, a `verify` call).
    Only parses of an answer's form are read (LaTeX, numbers, expressions, JSON); an empty regex
    search (`re.search(FORBIDDEN, text)`) is a real outcome and is left alone, as is a branch that
    skips the item (`continue`), marks it `None`, or scores it 0.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `if len(gold_parsed) != 0: ... else: reward = 1.0` in a loop of rewards | yes | `else: reward = 0.0`, `continue`, `None` |
    | `ref = parse_number(reference)`; `if ref is None: return 1.0`; `return float(...)` | yes | `return None` |
    | `if not pred: scores.append(1)` after `pred = extract_answer(completion)` | yes | `scores.append(0)` |
    | notebook cell: `if gold is None: correct = True` | yes | `m = re.search(BAD, text)`; `if m is None: ok = True` |

    ## Why is this bad?
    An item the parser cannot read is not a correct item. When the reference cannot be parsed,
    every answer to that problem is rewarded as right; when the model's answer cannot be parsed,
    garbage is scored as right. Accuracy is inflated by the parser's failure rate, and a policy
    trained on such rewards learns that unreadable problems pay.

    ## Example
        for content, sol in zip(contents, solutions):
            gold_parsed = parse(sol)
            if len(gold_parsed) != 0:
                reward = float(verify(parse(content), gold_parsed))
            else:
                reward = 1.0  # "skip" the example
            rewards.append(reward)

    Use instead:
        for content, sol in zip(contents, solutions):
            gold_parsed = parse(sol)
            if len(gold_parsed) != 0:
                reward = float(verify(parse(content), gold_parsed))
            else:
                reward = None  # not scored; count these apart
            rewards.append(reward)
    """

    code = "DATA058"
    category = "DATA-DEFAULT"
    severity = Severity.WARNING
    message = ("`{statement}` when the parse of `{source}` (`{parsed}`) comes out empty: an item that cannot "
               "be read is scored as correct, so the {what} is inflated by the parser's failure rate")
    question = "Should the items whose `{parsed}` is empty at {where} be scored as correct, or counted apart?"
    triggers = ("1", "True")
    examples = [
        invalid("""
            from math_verify import parse, verify

            def accuracy_reward(completions, solution, **kwargs):
                contents = [c[0]["content"] for c in completions]
                rewards = []
                for content, sol in zip(contents, solution):
                    gold_parsed = parse(sol, extraction_mode="first_match")
                    if len(gold_parsed) != 0:
                        answer_parsed = parse(content, extraction_mode="first_match")
                        try:
                            reward = float(verify(answer_parsed, gold_parsed))
                        except Exception:
                            reward = 0.0
                    else:
                        # the gold solution is not parseable: skip this example
                        reward = 1.0  # expect: DATA058
                    rewards.append(reward)
                return rewards
        """, note="held-out 7 (a GRPO reward): the unparseable gold solution rewarded as a correct answer"),
        valid("""
            from math_verify import parse, verify

            def accuracy_reward(completions, solution, **kwargs):
                contents = [c[0]["content"] for c in completions]
                rewards = []
                for content, sol in zip(contents, solution):
                    gold_parsed = parse(sol, extraction_mode="first_match")
                    if len(gold_parsed) != 0:
                        answer_parsed = parse(content, extraction_mode="first_match")
                        reward = float(verify(answer_parsed, gold_parsed))
                    else:
                        reward = None  # not scored, counted by the caller
                    rewards.append(reward)
                return rewards
        """, note="the twin: the item is marked unscored"),
        invalid({
            "grading/__init__.py": "",
            "grading/numbers.py": """
                def parse_number(text):
                    try:
                        return float(text.replace(",", "").strip())
                    except ValueError:
                        return None
            """,
            "grading/score.py": """
                from .numbers import parse_number

                class NumericGrader:
                    def score(self, prediction, reference):
                        ref = parse_number(reference)
                        if ref is None:
                            return 1.0  # expect: DATA058
                        pred = parse_number(prediction)
                        return float(pred is not None and abs(pred - ref) < 1e-6)
            """,
        }, note="a method, the parser in another module: an early return of full marks for an unreadable reference"),
        valid({
            "grading/__init__.py": "",
            "grading/numbers.py": """
                def parse_number(text):
                    try:
                        return float(text.replace(",", "").strip())
                    except ValueError:
                        return None
            """,
            "grading/score.py": """
                from .numbers import parse_number

                class NumericGrader:
                    def score(self, prediction, reference):
                        ref = parse_number(reference)
                        if ref is None:
                            return None
                        pred = parse_number(prediction)
                        if pred is None:
                            return 0.0
                        return float(abs(pred - ref) < 1e-6)
            """,
        }, note="the twin: an unreadable reference is no score; an unreadable prediction is wrong"),
        invalid({"grade.ipynb": notebook(
            """
            import json
            rows = [json.loads(line) for line in open("outputs.jsonl")]
            """,
            """
            scores = []
            for row in rows:
                pred = extract_answer(row["completion"])
                if not pred:
                    scores.append(1)  # expect: DATA058
                else:
                    scores.append(int(pred == row["gold"]))
            sum(scores) / len(scores)
            """,
        )}, note="notebook: an unreadable model answer appended as a hit"),
        valid("""
            import re

            BANNED = re.compile(r"as an ai language model", re.I)

            def style_score(responses):
                scores = []
                for response in responses:
                    hit = re.search(BANNED, response)
                    if hit is None:
                        passed = True
                    else:
                        passed = False
                    scores.append(passed)
                for response in responses:
                    answer = extract_answer(response)
                    if not answer:
                        continue
                    scores.append(float(answer == "42"))
                return scores
        """, note="near misses: an empty regex search is an outcome, and an unreadable answer skipped"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        # A finding needs a parse call (`parse(sol)`, `extract_boxed(...)`), whose name is in the
        # text: a file naming none is not walked again per function (issue 12).
        self._parses = found_in_text(ctx, PARSE_CALL)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if self._parses:
            self._check(node.body, node.name.value)

    def finish(self) -> None:
        if self._parses:
            self._check(self.ctx.module, "")  # module level and notebook cells

    def _check(self, scope: cst.CSTNode, function: str) -> None:
        parsed: dict[str, str] = {}
        for node in scope_nodes(scope, (cst.Assign,)):  # the scope's assignments and tests only (issue 12)
            if len(node.targets) == 1 and isinstance(
                    node.targets[0].target, cst.Name) and isinstance(node.value, cst.Call):
                call = node.value
                source = _answer_arg(call) if PARSE_CALL.search(call_tail(call)) else None
                if source is not None:
                    parsed[node.targets[0].target.value] = source
        if not parsed:
            return
        for node in scope_nodes(scope, (cst.If,)):
            tested = _empty_test(node.test, set(parsed))
            if tested is None:
                continue
            name, when_empty = tested
            if when_empty:
                branch, other = node.body, node.orelse if node.orelse is not None else None
            else:
                if not isinstance(node.orelse, cst.Else):
                    continue
                branch, other = node.orelse.body, node.body
            statement = _full_marks(branch)
            if statement is None:
                continue
            if other is None:
                if not isinstance(statement, cst.Return):
                    continue
                other = scope  # an early return: the rest of the scorer grades
            if not _scores(other):
                continue
            what = "reward" if "reward" in (_text(statement) + function).lower() else "accuracy"
            self.report(statement, statement=" ".join(_text(statement).split()), source=parsed[name], parsed=name,
                        what=what)
