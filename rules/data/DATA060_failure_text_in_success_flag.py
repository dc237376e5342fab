"""DATA060: a success flag that one path fills with a failure message, read as true or false elsewhere."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid

# Keys whose true value means the item succeeded.
SUCCESS_KEY = re.compile(r"(?i)^(is_)?(match|matched|correct|is_correct|solved|passed|pass|success|succeeded|hit|"
                         r"right|acc|accurate|resolved|exact_match|em)$")
# A message that says the item failed or has no answer.
FAILURE_TEXT = re.compile(r"(?i)\b(no|none|not|fail\w*|error\w*|unpars\w*|invalid|missing|timeout|timed out|"
                          r"n/a|unknown|empty|could not|cannot|unable)\b")
# Values that are a truth value: a literal, a comparison, `bool(...)`, or a name that holds one.
BOOL_NAME = re.compile(r"(?i)^(is_|has_)?(correct|matched|match|solved|passed|success|hit|right|ok|equal|same)$")


def _key_of(node: cst.BaseExpression) -> tuple[str, str] | None:
    """`item["matched"]` or `item.get("matched", False)`: (the record, the literal key) read or stored."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        key = string_value(node.slice[0].slice.value)
        return (cst.Module([]).code_for_node(node.value), key) if key else None
    if (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get"
            and node.args and 1 <= len(node.args) <= 2):
        key = string_value(node.args[0].value)
        if key and (len(node.args) == 1 or cst.Module([]).code_for_node(node.args[1].value) in ("False", "None", "0")):
            return cst.Module([]).code_for_node(node.func.value), key
    return None


def _boolean(value: cst.BaseExpression) -> bool:
    if isinstance(value, cst.Name):
        return value.value in ("True", "False") or bool(BOOL_NAME.match(value.value))
    if isinstance(value, cst.Comparison):
        return True
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Not):
        return True
    return isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "bool"


class FailureTextInSuccessFlag(Rule):
    """
    ## What it does
    Finds a record field named for success (`"matched"`, `"correct"`, `"solved"`, `"passed"`)
    that the code fills with a truth value (`item["matched"] = correct`) on one path and with a
    message that says the item failed (`item["matched"] = "No answer extracted"`) on another,
    here or in another module, while a reader tests the field for truth (`if
    example.get("matched", False):`, `if row["correct"] and ...`). A non-empty string is true, so
    every failed item reads as a success. Fields whose true value means a failure (`"error"`), a
    failure recorded under another key (`item["note"] = "No answer extracted"`), and readers that
    compare (`== True`, `is True`) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `item["matched"] = "No answer extracted"` in one script, `item["matched"] = correct` in another, `if ex.get("matched", False):` in a summary | yes | `item["matched"] = False` and `item["note"] = "..."` |
    | the same in one file, `sum(1 for r in rows if r["correct"])` | yes | `r["correct"] is True` |
    | notebook: `row["solved"] = "timeout"` in one cell, `row["solved"] and ...` in a later one | yes | `row["error"] = "timeout"` read as `if row["error"]` |

    ## Why is this bad?
    The failure message makes the flag true: items with no extracted answer, errors or timeouts
    are counted among the successes by every reader that tests the flag, and the success rate is
    inflated by the failure rate.

    ## Example
        if answer is None:
            parsed_item["matched"] = "No answer extracted"
        else:
            parsed_item["matched"] = answer == gold

        correct = [m for m in models if results[m].get("matched", False)]

    Use instead:
        if answer is None:
            parsed_item["matched"] = False
            parsed_item["note"] = "No answer extracted"
        else:
            parsed_item["matched"] = answer == gold
    """

    code = "DATA060"
    category = "DATA-DEFAULT"
    severity = Severity.WARNING
    message = ("`{read}` tests the field \"{key}\" for truth, but {text_where} stores the message \"{text}\" in it "
               "(and {bool_where} a truth value): the message is true, so every failed item counts as a success")
    question = "Does the test of \"{key}\" at {where} count the items stored as \"{text}\" as successes?"
    triggers = ("] =", ".get(")
    examples = [
        invalid({
            "evaluation/__init__.py": "",
            "evaluation/math_eval.py": """
                import json

                def grade(rows, out_path):
                    parsed = []
                    for row in rows:
                        item = {"id": row["id"]}
                        answer = extract_answer(row["output"])
                        if answer is None:
                            item["matched"] = "No answer extracted"
                        else:
                            correct = answer == row["gold"]
                            item["matched"] = correct
                        parsed.append(item)
                    json.dump(parsed, open(out_path, "w"))
            """,
            "analysis/summary.py": """
                import json

                def solved_by(paths):
                    solved = {}
                    for model, path in paths.items():
                        for example in json.load(open(path)):
                            if example.get("matched", False):  # expect: DATA060
                                solved.setdefault(example["id"], []).append(model)
                    return solved
            """,
        }, note="held-out 7 (an LLM-eval framework): the grader writes a message into the flag, a summary "
                "script in another folder reads the saved records"),
        valid({
            "evaluation/__init__.py": "",
            "evaluation/math_eval.py": """
                import json

                def grade(rows, out_path):
                    parsed = []
                    for row in rows:
                        item = {"id": row["id"]}
                        answer = extract_answer(row["output"])
                        if answer is None:
                            item["matched"] = False
                            item["note"] = "No answer extracted"
                        else:
                            correct = answer == row["gold"]
                            item["matched"] = correct
                        parsed.append(item)
                    json.dump(parsed, open(out_path, "w"))
            """,
            "analysis/summary.py": """
                import json

                def solved_by(paths):
                    solved = {}
                    for model, path in paths.items():
                        for example in json.load(open(path)):
                            if example.get("matched", False):
                                solved.setdefault(example["id"], []).append(model)
                    return solved
            """,
        }, note="the twin: the flag is False and the message has its own key"),
        valid({
            "evaluation/math_eval.py": """
                def grade(item, answer, gold):
                    if answer is None:
                        item["matched"] = "No answer extracted"
                    else:
                        correct = answer == gold
                        item["matched"] = correct
                    return item
            """,
            "analysis/summary.py": """
                def solved(examples):
                    return [e for e in examples
                            if e.get("matched", False) and e.get("matched") != "No answer extracted"]
            """,
        }, note="the fix of held-out 7: the reader sets the message apart"),
        invalid({"runs.ipynb": notebook(
            """
            rows = []
            for task in tasks:
                row = {"task": task.name}
                try:
                    row["solved"] = run(task) == task.expected
                except TimeoutError:
                    row["solved"] = "timeout"
                rows.append(row)
            """,
            """
            rate = sum(1 for row in rows if row["solved"]) / len(rows)  # expect: DATA060
            """,
        )}, note="notebook: a timeout message in the flag, the rate counted in a later cell"),
        valid("""
            def summarise(rows):
                for row in rows:
                    try:
                        row["error"] = False
                        row["correct"] = check(row)
                    except Exception as e:
                        row["error"] = "failed: " + str(e)
                        row["correct"] = False
                failed = [r for r in rows if r.get("error")]
                solved = [r for r in rows if r["correct"] is True]
                return failed, solved
        """, note="near misses: a flag whose true value is the failure, and a reader that compares with `is True`"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._bools: dict[str, int] = {}
        self._texts: dict[str, list] = {}
        self._reads: list[dict] = []
        self._compared: dict[str, list[str]] = {}  # key -> strings it is compared with in this file

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        found = _key_of(node.targets[0].target)
        if found is None or not SUCCESS_KEY.match(found[1]):
            return
        key, value = found[1], node.value
        text = string_value(value) if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)) else None
        if text and FAILURE_TEXT.search(text):
            self._texts.setdefault(key, [text[:60], self.ctx.line_of(node)])
        elif _boolean(value):
            self._bools.setdefault(key, self.ctx.line_of(node))

    def visit_If(self, node: cst.If) -> None:
        self._truth(node.test)

    def visit_IfExp(self, node: cst.IfExp) -> None:
        self._truth(node.test)

    def visit_While(self, node: cst.While) -> None:
        self._truth(node.test)

    def visit_CompIf(self, node: cst.CompIf) -> None:
        self._truth(node.test)

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> None:
        self._truth(node.left)
        self._truth(node.right)

    def visit_UnaryOperation(self, node: cst.UnaryOperation) -> None:
        if isinstance(node.operator, cst.Not):
            self._truth(node.expression)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        """`example.get("matched") != "No answer extracted"`: the reader knows the message."""
        sides = [node.left, *(c.comparator for c in node.comparisons)]
        keys = [_key_of(side) for side in sides]
        texts = [string_value(side) for side in sides if isinstance(side, (cst.SimpleString, cst.ConcatenatedString))]
        for found in keys:
            if found is not None and texts:
                self._compared.setdefault(found[1], []).extend(t for t in texts if t)

    def _truth(self, test: cst.BaseExpression) -> None:
        found = _key_of(test)
        if found is None or not SUCCESS_KEY.match(found[1]) or len(self._reads) >= 30:
            return
        self._reads.append({"key": found[1], "line": self.ctx.line_of(test),
                            "read": " ".join(self.ctx.code(test).split())[:80]})

    def finish(self) -> None:
        if self._bools or self._texts or self._reads:
            self.ctx.facts[self.code] = {"bools": self._bools, "texts": self._texts, "reads": self._reads,
                                         "compared": {k: v[:10] for k, v in self._compared.items()}}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        bools: dict[str, tuple[str, int]] = {}
        texts: dict[str, tuple[str, str, int]] = {}
        for path, facts in repo.facts(cls.code):
            for key, line in facts.get("bools", {}).items():
                bools.setdefault(key, (path, line))
            for key, (text, line) in facts.get("texts", {}).items():
                texts.setdefault(key, (path, text, line))
        reported = set()
        for path, facts in repo.facts(cls.code):
            for read in facts.get("reads", []):
                key = read["key"]
                if key not in bools or key not in texts or key in reported:
                    continue
                text_path, text, text_line = texts[key]
                if any(text.startswith(c) or c.startswith(text) for c in facts.get("compared", {}).get(key, ())):
                    continue  # the reader sets the message apart
                reported.add(key)
                bool_path, bool_line = bools[key]
                repo.report(cls, path, read["line"], read=read["read"], key=key, text=text,
                            text_where=f"{text_path}:{text_line}", bool_where=f"{bool_path}:{bool_line}",
                            related=[Location(text_path, text_line, "the failure message stored in the flag"),
                                     Location(bool_path, bool_line, "a truth value stored in the flag")])
