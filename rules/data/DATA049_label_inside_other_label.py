"""DATA049: a verdict read as "LABEL in text" where another expected label contains LABEL."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.modules import locate_defined
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook

# A negated form of a label: INCORRECT for CORRECT, unsafe for safe, not_harmful for harmful.
_NEGATIONS = r"(?:in|un|non|non-|not|not |not_|not-|ir|dis|im)"
_CONTAINERS = (cst.List, cst.Tuple, cst.Set, cst.Dict, cst.ListComp, cst.SetComp, cst.DictComp)
# A collection of names rather than a text: columns, keys, a list of labels or choices.
_COLLECTION = re.compile(r"(?i)(\.(columns|index|keys\(\)|values\(\)|items\(\))|\b\w*(labels|keys|columns|choices|options|names|classes|vocab\w*|set|list|dict)\b)$")
# The tested text is a model's reply: named for it, or a string being normalised.
_VERDICT = re.compile(r"(?i)(judg|verdict|respon|repl|output|completion|generat|content|decision|rating|critique|"
                      r"classif|guard|moderat|message|pred|label|answer|text)\w*(\[[^]]*\])?$|"
                      r"\.(upper|lower|strip|casefold|text|content)\(\)$")
_SEARCHES = frozenset({"re.search", "re.findall", "re.finditer"})


def _label(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.SimpleString):
        try:
            value = expr.evaluated_value
        except Exception:  # noqa: BLE001  (a byte string or an odd prefix)
            return None
        if isinstance(value, str) and re.fullmatch(r"[A-Za-z][A-Za-z_-]{2,}", value):
            return value
    return None


_STRINGS = re.compile(r"(?s)(\"\"\".*?\"\"\"|\'\'\'.*?\'\'\'|\"[^\"\n]*\"|'[^'\n]*')")


def _offered_with_negation(label: str, literals: list[str]) -> str | None:
    """The negated label, when one of `literals` offers both as answers ("CORRECT or INCORRECT")."""
    longer = re.compile(rf"(?i)(?<![A-Za-z_]){_NEGATIONS}{re.escape(label)}(?![A-Za-z_])")
    alone = re.compile(rf"(?i)(?<![A-Za-z_-]){re.escape(label)}(?![A-Za-z_])")
    for literal in literals:
        match = longer.search(literal)
        if match and alone.search(longer.sub(" ", literal)):
            return match.group(0)
    return None


class LabelInsideOtherLabel(Rule):
    """
    ## What it does
    Finds a grader that reads a model's verdict with a substring test, `"CORRECT" in judgment`
    (also `re.search("safe", reply)`, `reply.find("relevant") != -1`), where the same file expects
    a negated label that contains it: the prompt asks for CORRECT or INCORRECT, a guard model
    answers safe or unsafe, a judge says relevant or irrelevant. A test of the longer label first
    in the same function, or in the same condition, is a near miss and is left alone. The file must
    offer both labels as answers in one string (the judge's prompt, a guard model's template), and
    the tested text must be a reply (`judgment`, `response`, `output.lower()`), not a record whose
    keys are tested.

    ## Why is this bad?
    "INCORRECT" contains "CORRECT" and "unsafe" contains "safe": every negative verdict passes the
    test and is counted as the positive one. The score then measures how often the judge answered
    at all, and looks excellent.

    ## Example
        judgment = reply.strip().upper()          # the judge answers CORRECT or INCORRECT
        return "CORRECT" in judgment

    Use instead:
        return judgment.split()[0] == "CORRECT"   # or test "INCORRECT" first
    """

    code = "DATA049"
    category = "DATA-DEFAULT"
    severity = Severity.ERROR
    # DATA078 sees the same substring test from the words alone; this finding, which names the label
    # the file itself expects, is the more precise one.
    supersedes = ("DATA078",)
    message = ("`{code}` also matches \"{longer}\", a label this file expects: every \"{longer}\" verdict is "
               "counted as \"{label}\"")
    question = "Can the text tested by `{code}` at {where} be \"{longer}\", and is it then counted as \"{label}\"?"
    triggers = ("in ", "search", "find")
    examples = [
        invalid("""
            PROMPT = "Reply with one word: CORRECT or INCORRECT."

            async def score_answer_llm(client, predicted, gold):
                resp = await client.post(url, json={"prompt": PROMPT + predicted})
                judgment = resp.json()["content"].strip().upper()
                return "CORRECT" in judgment  # expect: DATA049
        """),
        invalid("""
            import re
            GUARD = "Answer 'safe' or 'unsafe' for the conversation below."
            def is_safe(output):
                return re.search("safe", output.lower()) is not None  # expect: DATA049
        """),
        valid("""
            PROMPT = "Reply with one word: CORRECT or INCORRECT."

            def parse(judgment):
                if "INCORRECT" in judgment:
                    return False
                return "CORRECT" in judgment

            def parse2(judgment):
                return "CORRECT" in judgment and "INCORRECT" not in judgment

            def parse3(judgment):
                return judgment.strip() == "CORRECT"

            def parse4(labels):
                return "CORRECT" in ["CORRECT", "INCORRECT"]
        """, note="the longer label tested first or in the same condition, equality, a list of labels"),
        valid("""
            if "correct_answers" in examples:
                incorrect_answers = examples["incorrect_answers"]
            if "master" in branches:
                branch_name = "master"
        """, note="a key of a record or a name in a list, not a verdict"),
        valid("""
            def is_positive(review):
                return "good" in review.lower()

            def has_column(df):
                return "correct" in df.columns
        """, note="no label of this file contains the tested one"),
        invalid({
            "judge/prompts.py": '''
                JUDGE_PROMPT = """Compare the response with the reference.
                Reply with exactly one word: CORRECT or INCORRECT."""
            ''',
            "judge/grade.py": '''
                from judge.prompts import JUDGE_PROMPT

                class Judge:
                    def verdict(self, client, response, reference):
                        out = client.messages.create(model="claude-3-5-sonnet-latest", max_tokens=5,
                                                     system=JUDGE_PROMPT,
                                                     messages=[{"role": "user", "content": response + "\\n" + reference}])
                        return "CORRECT" in out.content[0].text.upper()  # expect: DATA049
            ''',
        }, note="across modules: the labels asked for in a prompt module, the substring test in the grader's method"),
        valid({
            "judge/prompts.py": '''
                JUDGE_PROMPT = """Compare the response with the reference.
                Reply with exactly one word: CORRECT or INCORRECT."""
            ''',
            "judge/grade.py": '''
                from judge.prompts import JUDGE_PROMPT

                class Judge:
                    def verdict(self, client, response, reference):
                        out = client.messages.create(model="claude-3-5-sonnet-latest", max_tokens=5,
                                                     system=JUDGE_PROMPT,
                                                     messages=[{"role": "user", "content": response + "\\n" + reference}])
                        return out.content[0].text.strip().upper() == "CORRECT"
            ''',
        }, note="near miss: the whole verdict compared"),
        invalid({"judge.ipynb": notebook(
            """
            PROMPT = "Is the reply safe? Answer safe or unsafe."
            """,
            """
            verdicts = [guard(PROMPT + "\\n" + r) for r in replies]
            safe_rate = sum("safe" in v.lower() for v in verdicts) / len(verdicts)  # expect: DATA049
            """,
        )}, note="notebook: the labels in one cell, the substring test in the next"),
        valid({"judge.ipynb": notebook(
            """
            PROMPT = "Is the reply safe? Answer safe or unsafe."
            """,
            """
            verdicts = [guard(PROMPT + "\\n" + r) for r in replies]
            safe_rate = sum(v.strip().lower() == "safe" for v in verdicts) / len(verdicts)
            """,
        )}, note="near miss: the whole verdict compared"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._strings: list[str] | None = None
        self._functions: list[list[cst.BaseExpression]] = []

    def _file_strings(self) -> list[str]:
        if self._strings is None:
            found = re.findall(r"(?s)(\"\"\".*?\"\"\"|'''.*?'''|\"[^\"\n]*\"|'[^'\n]*')", self.ctx.text)
            self._strings = found
        return self._strings

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._functions.append([])

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._functions.pop()

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, cst.In):
            return
        label = _label(node.left)
        if label is not None:
            self._check(node, label, node.comparisons[0].comparator)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("find", "count", "index") and node.args:
            label = _label(node.args[0].value)
            if label is not None and not isinstance(func.value, _CONTAINERS):
                self._check(node, label, func.value)
            return
        name = self.qualified_name(func)
        if name in _SEARCHES and len(node.args) >= 2:
            label = _label(node.args[0].value)
            if label is not None:
                self._check(node, label, node.args[1].value)

    def _check(self, node: cst.CSTNode, label: str, text: cst.BaseExpression) -> None:
        if isinstance(text, _CONTAINERS) or _label(text) is not None or _COLLECTION.search(self.ctx.code(text)):
            return
        if not _VERDICT.search(self.ctx.code(text)):
            return
        longer = self._longer_label(label)
        code = " ".join(self.ctx.code(node).split())
        statement = self._statement_text(node)
        tested_before = self._functions[-1] if self._functions else []
        if longer is None:  # the labels may be offered by a module this file imports: the repo phase reads it
            context = " ".join([statement, *(self.ctx.code(seen) for seen in tested_before)])
            self.__dict__.setdefault("_pending", []).append(
                {"label": label, "line": self.ctx.line_here(node), "code": code, "context": context[:2000]})
            return
        if re.search(re.escape(longer), statement, re.I) or any(
                re.search(re.escape(longer), self.ctx.code(seen), re.I) for seen in tested_before):
            return
        self.report(node, code=code, label=label, longer=longer)

    def _longer_label(self, label: str) -> str | None:
        """The negated label, when one string of the file offers both as answers ("CORRECT or INCORRECT")."""
        return _offered_with_negation(label, self._file_strings())

    def finish(self) -> None:
        if self.__dict__.get("_pending"):
            self.ctx.facts[self.code] = {"pending": self._pending[:20]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """A verdict test whose labels are offered by a string of a module this file imports (a prompts module)."""
        pending = {path: facts["pending"] for path, facts in repo.facts(cls.code) if facts.get("pending")}
        if not pending:
            return
        for importer, names in repo.facts("imports"):
            if importer not in pending:
                continue
            sources = {found[0] for name in names if (found := locate_defined(repo, name, importer)) and found[0] != importer}
            strings = [s for source in sorted(sources) for s in _STRINGS.findall(repo.read_bytes(source).decode("utf-8", "replace"))]
            for site in pending[importer]:
                longer = _offered_with_negation(site["label"], strings)
                if longer and not re.search(re.escape(longer), site["context"], re.I):
                    repo.report(cls, importer, site["line"], code=site["code"], label=site["label"], longer=longer)

    def _statement_text(self, node: cst.CSTNode) -> str:
        line = self.ctx.raw_line_here(node)
        lines = self.ctx.lines
        return lines[line - 1] if line and 0 < line <= len(lines) else ""

    def visit_If(self, node: cst.If) -> None:
        if self._functions:
            self._functions[-1].append(node.test)  # its code only when a verdict test needs it
