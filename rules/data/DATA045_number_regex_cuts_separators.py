"""DATA045: an answer-extraction regex for numbers that cannot match a thousands separator."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.strings import string_value
from hygiene.analysis.modules import locate_defined
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid, notebook

REGEX_USES = frozenset({"search", "findall", "match", "fullmatch", "finditer"})
_QUANTIFIER = re.compile(r"\{\d*,\d*\}")
# A repeated digit: `\d+`, `\d*`, `[0-9]+`, `[0-9.]+`, `\d{1,}`.
_REPEATED_DIGIT = re.compile(r"(?<!#\()(?<!\\\[\()(\\d|\[(?:0-9|\\d|\\?[.+\-])+\])(\+|\*|\{\d*,)")
MARKERS = ("####", "answer is", "answer:", "answer\\s", "boxed")



def cuts_separators(pattern: str) -> bool:
    """The pattern reads a number of several digits but no `,` can be part of it."""
    return bool(_REPEATED_DIGIT.search(pattern)) and "," not in _QUANTIFIER.sub("", pattern)


def _strips_commas(node: cst.Call) -> bool:
    func = node.func
    if not (isinstance(func, cst.Attribute) and func.attr.value == "replace" and len(node.args) >= 2):
        return False
    return string_value(node.args[0].value) == "," and string_value(node.args[1].value) == ""


class _Scope:
    def __init__(self, name: str) -> None:
        self.name = name
        self.events = 0
        self.strips: list[int] = []
        self.uses: list[tuple[int, cst.CSTNode, str, str]] = []  # when, site, pattern, text argument


class NumberRegexCutsSeparators(Rule):
    """
    ## What it does
    Finds a regular expression that extracts a number from a model's answer (`r"#### (\\-?[0-9\\.]+)"`,
    `re.findall(r"\\d+", completion)[-1]`, `r"answer is (-?\\d+\\.?\\d*)"`) whose number part cannot
    contain a comma, when the text is not stripped of commas before the match. It is an answer
    extraction when the pattern names the answer (`####`, `answer is`, `answer:`, `boxed`) or when
    the code strips commas from answers elsewhere in the file (`pred.replace(",", "")`: the author
    expected commas, the pattern cannot see them). A match only tested for success
    (`if re.match(...)`), a single digit (`answer is (\\d)`) and an id after `#` or `[` are left
    alone.

    ## Why is this bad?
    Answers with thousands separators are common in math word problems (`#### 1,200`, "The answer
    is 12,000"). The regex stops at the comma, so `1,200` is read as `1` (or `200` when the last
    number is taken) and a correct answer is graded wrong. The accuracy is silently lowered by
    the share of large answers, more for models that write numbers the human way.

    ## Example
        ANSWER = re.compile(r"#### (\\-?[0-9\\.]+)")
        answer = ANSWER.search(completion).group(1).replace(",", "")

    Use instead:
        ANSWER = re.compile(r"#### (\\-?[0-9\\.\\,]+)")
        answer = ANSWER.search(completion).group(1).replace(",", "")
    """

    code = "DATA045"
    category = "DATA-DEFAULT"
    severity = Severity.WARNING
    message = ("the answer regex `{pattern}` cannot match a thousands separator ({why}): `1,200` is read as "
               "`1` or `200`, so correct answers with commas are graded wrong")
    question = "Can the answers read by `{pattern}` at {where} contain commas (`1,200`)?"
    triggers = ("re.", "import re", ".search(", ".findall(", ".match(", ".fullmatch(")  # a pattern compiled elsewhere
    examples = [
        invalid(r'''
            import re
            SOLUTION = re.compile(r"#### (\-?[0-9\.]+)")  # expect: DATA045

            def extract_solution(completion):
                match = SOLUTION.search(completion)
                if match:
                    return match.group(1).strip().replace(",", "")
                return "[invalid]"
        '''),
        invalid(r'''
            import re
            def score(pred, answer_number):
                return float(pred.replace(",", "") == str(answer_number))

            def process_results(doc, results):
                numbers = re.findall(r"\d+", results[0])  # expect: DATA045
                pred = numbers[-1] if numbers else ""
                return {"acc": score(pred, doc["answer_number"])}
        '''),
        invalid(r'''
            import re
            class Grader:
                def parse(self, response: str):
                    m = re.search(r"[Tt]he answer is\s*(-?\d+(?:\.\d+)?)", response)  # expect: DATA045
                    return float(m.group(1)) if m else None
        '''),
        valid(r'''
            import re
            SOLUTION = re.compile(r"#### (\-?[0-9\.\,]+)")
            def extract_solution(completion):
                m = SOLUTION.search(completion)
                return m.group(1).replace(",", "") if m else None
        ''', note="the comma is in the class"),
        valid(r'''
            import re
            def extract_answer(output):
                answer = output.replace(",", "")
                found = re.findall(r"-?\d+\.?\d*", answer)
                return found[0] if found else ""
            def last_number(completion):
                return re.findall(r"-?\d+\.?\d*", completion.replace(",", ""))[-1]
        ''', note="commas are removed before the match"),
        valid(r'''
            import re
            def checkpoint_step(path):
                return int(re.search(r"step_(\d+)", path).group(1))
            def choice(response):
                return re.search(r"answer is \(?([A-D])\)?", response).group(1)
            def option(response):
                return re.search(r"answer is (\d)", response).group(1)
            def passage_number(prediction):
                return re.findall(r"\d+", prediction)
            def referenced(answer):
                return re.search(r"Final Answer: #(\d+)", answer)
        ''', note="not an answer's number, a letter, or one digit"),
        valid(r'''
            import re
            def normalize(answer):
                if isinstance(answer, str) and bool(re.match(r"\$\d+(\.\d+)?", answer)):
                    return answer[1:]
                return answer.replace(",", "")
        ''', note="a format test, not an extraction"),
        invalid({
            "gsm/patterns.py": r"""
                import re
                FINAL_ANSWER = re.compile(r"The answer is (-?\d+\.?\d*)")  # expect: DATA045
            """,
            "gsm/grade.py": r"""
                from gsm.patterns import FINAL_ANSWER

                def is_correct(completion, gold):
                    match = FINAL_ANSWER.search(completion)
                    return match is not None and float(match.group(1)) == float(gold)
            """,
        }, note="across modules: the pattern compiled in one module, matched against raw completions in another"),
        valid({
            "gsm/patterns.py": r"""
                import re
                FINAL_ANSWER = re.compile(r"The answer is (-?[\d,]+\.?\d*)")
            """,
            "gsm/grade.py": r"""
                from gsm.patterns import FINAL_ANSWER

                def is_correct(completion, gold):
                    match = FINAL_ANSWER.search(completion)
                    return match is not None and float(match.group(1).replace(",", "")) == float(gold)
            """,
        }, note="near miss: the number part allows separators, removed after the match"),
        invalid({"gsm8k.ipynb": notebook(
            r"""
            import re
            ANS = re.compile(r"#### (\-?[0-9\.]+)")  # expect: DATA045
            """,
            r"""
            preds = [ANS.search(c).group(1) for c in completions if ANS.search(c)]
            acc = sum(p == g for p, g in zip(preds, golds)) / len(golds)
            """,
        )}, note="notebook: the pattern in one cell, the extraction in the next"),
        valid({"gsm8k.ipynb": notebook(
            r"""
            import re
            ANS = re.compile(r"#### (\-?[0-9\.]+)")
            """,
            r"""
            preds = [ANS.search(c.replace(",", "")).group(1) for c in completions if ANS.search(c.replace(",", ""))]
            acc = sum(p == g for p, g in zip(preds, golds)) / len(golds)
            """,
        )}, note="near miss: commas stripped before the match"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._scopes: list[_Scope] = [_Scope("")]
        self._compiled: dict[str, tuple[cst.CSTNode, str]] = {}
        self._reported: set[int] = set()
        self._done: list[_Scope] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scopes.append(_Scope(node.name.value))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._done.append(self._scopes.pop())

    def finish(self) -> None:
        self._done.extend(self._scopes)
        stripped = any(scope.strips for scope in self._done)
        for scope in self._done:
            self._decide(scope, stripped)
        # Module-level patterns other modules may use, and uses here of patterns other modules compile
        patterns = {name: [self.ctx.line_of(node), pattern] for name, (node, pattern) in self._compiled.items()
                    if cuts_separators(pattern) and id(node) not in self._reported}
        imported = [dict(use, stripped=stripped) for use in self.__dict__.get("_imported", [])]
        if patterns or imported:
            self.ctx.facts[self.code] = {"patterns": dict(list(patterns.items())[:30]), "imported": imported[:20]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """A pattern compiled in one module and matched against raw text in another (`from .patterns import ANSWER`)."""
        patterns = {(path, n): p for path, facts in repo.facts(cls.code) for n, p in facts.get("patterns", {}).items()}
        reported = set()
        for path, facts in repo.facts(cls.code):
            for use in facts.get("imported", []):
                defined = locate_defined(repo, use["callee"], path)
                if defined not in patterns or defined in reported:
                    continue
                line, pattern = patterns[defined]  # type: ignore[index]
                why = ("the code strips commas from the answers elsewhere, so it expects them" if use["stripped"]
                       else "it reads the marked answer" if any(m in pattern.lower() for m in MARKERS) else None)
                if why:
                    reported.add(defined)
                    repo.report(cls, defined[0], line, pattern=pattern[:60], why=why,  # type: ignore[index]
                                related=[Location(path, use["line"], "matched against the raw text here")])

    def visit_Call(self, node: cst.Call) -> None:
        scope = self._scopes[-1]
        scope.events += 1
        if _strips_commas(node):
            scope.strips.append(scope.events)
            return
        func = node.func
        name = self.qualified_name(func) or ""
        if name == "re.compile" and node.args:
            pattern = string_value(node.args[0].value)
            parent = self.ctx.parents[-1] if self.ctx.parents else None
            if pattern and isinstance(parent, cst.Assign) and isinstance(parent.targets[0].target, cst.Name):
                self._compiled[parent.targets[0].target.value] = (node, pattern)
            return
        site: tuple[cst.CSTNode, str] | None = None
        text: cst.BaseExpression | None = None
        if name.startswith("re.") and name[3:] in REGEX_USES and len(node.args) >= 2:
            first = node.args[0].value
            pattern = string_value(first)
            if pattern is not None:
                site = (node, pattern)
            elif isinstance(first, cst.Name):
                site = self._compiled.get(first.value)
            text = node.args[1].value
        elif (isinstance(func, cst.Attribute) and func.attr.value in REGEX_USES and isinstance(func.value, cst.Name)
              and func.value.value in self._compiled and node.args):
            site = self._compiled[func.value.value]
            text = node.args[0].value
        elif (isinstance(func, cst.Attribute) and func.attr.value in REGEX_USES and isinstance(func.value, cst.Name)
              and node.args and not self._only_tested()):
            imported = self.qualified_name(func.value)  # `FINAL_ANSWER.search(completion)`, compiled elsewhere
            code = self.ctx.code(node.args[0].value)
            if imported and "." in imported and "()" not in imported and 'replace(","' not in code \
                    and "replace(','" not in code and not scope.strips:
                self.__dict__.setdefault("_imported", []).append({"callee": imported, "line": self.ctx.line_here(node)})
            return
        if site is None or text is None or not cuts_separators(site[1]) or self._only_tested():
            return
        code = self.ctx.code(text)
        if 'replace(","' in code or "replace(','" in code:
            return
        scope.uses.append((scope.events, site[0], site[1], code))

    def _only_tested(self) -> bool:
        """The match is only asked whether it happened (`if re.match(...)`, `bool(...)`): a format
        check, not an extraction."""
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(parent, (cst.BooleanOperation, cst.If, cst.While, cst.IfExp, cst.UnaryOperation)):
            return True
        return (isinstance(parent, cst.Arg) and len(self.ctx.parents) > 1
                and isinstance(self.ctx.parents[-2], cst.Call) and isinstance(self.ctx.parents[-2].func, cst.Name)
                and self.ctx.parents[-2].func.value == "bool")

    def _decide(self, scope: _Scope, stripped: bool) -> None:
        for when, site, pattern, text in scope.uses:
            if any(at < when for at in scope.strips) or id(site) in self._reported:
                continue
            why = None
            if stripped:
                why = "the code strips commas from the answers elsewhere, so it expects them"
            elif any(marker in pattern.lower() for marker in MARKERS):
                why = "it reads the marked answer"
            if why:
                self._reported.add(id(site))
                self.report(site, pattern=pattern[:60], why=why)
