"""PROMPT005: text built from a slice that is only the marker the code just tested for."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid


class SliceOfTestedMarker(Rule):
    """
    ## What it does
    Finds text built from a slice of a string that lies inside an end the code has just tested
    against a literal: under `if s[-6:] == "  _  .":` (or `s.endswith(...)`), the slice `s[-5:]`
    can only be the tail of that marker, never the rest of `s`; the same for a prefix tested with
    `s[:n] == ...` / `s.startswith(...)` and then sliced as `s[:k]`. Reported when the slice is
    spliced into text (concatenated, formatted, joined), the usual way a prompt is built.

    The intended slice is almost always the complement, `s[:-5]` (the text without the marker);
    a slice of the other side, a slice longer than the marker, or one outside the tested branch
    are left alone.

    ## Why is this bad?
    The text gets a constant (the marker) instead of the variable part: a few-shot context or a
    prompt loses its question and keeps the blank, and every item is evaluated on a prompt that
    does not contain what the task is about. Nothing fails; the score is computed on the wrong
    prompts.

    ## Example
        if problem["question"][-6:] == "  _  .":
            text += problem["question"][-5:] + answer + "\\n"

    Use instead:
        if problem["question"][-6:] == "  _  .":
            text += problem["question"][:-5] + answer + "\\n"
    """

    code = "PROMPT005"
    category = "PROMPT-UNFILLED"
    severity = Severity.ERROR
    message = "`{code}` is the last {k} characters of `{base}`, which {test} fixed to {marker!r}: the text gets " \
              "only the marker, never the rest of `{base}` (`{other}` drops the marker)"
    question = "Should the text at {where} use `{other}` (the string without the marker) instead of `{code}`?"
    triggers = ("[-", "[:", "endswith", "startswith")
    examples = [
        invalid("""
            def doc_to_text(doc):
                text = "Article: " + doc["article"] + "\\n\\n"
                for problem in doc["problems"][:-1]:
                    if problem["question"][-6:] == "  _  .":
                        text += problem["question"][-5:] + problem["answer"] + "\\n"  # expect: PROMPT005
                    else:
                        text += "Question: " + problem["question"] + "\\nAnswer: " + problem["answer"] + "\\n"
                return text
        """),
        valid("""
            def doc_to_text(doc):
                text = ""
                for problem in doc["problems"]:
                    if problem["question"][-6:] == "  _  .":
                        text += problem["question"][:-5] + problem["answer"] + "\\n"
                return text
        """, note="near miss: the complement slice keeps the question and drops the blank"),
        invalid("""
            def fill(sentence, option):
                if sentence.endswith(" ___."):
                    return f"{sentence[-4:]} {option}."  # expect: PROMPT005
                return sentence + " " + option
        """, note="an f-string; the marker tested with endswith"),
        invalid("""
            def strip_label(line):
                if line.startswith("Q: "):
                    return "Question: " + line[:3]  # expect: PROMPT005
                return line
        """, note="a prefix tested, then only the prefix kept"),
        valid("""
            def ext(path):
                if path.endswith(".tar.gz"):
                    kind = path[-7:]
                    return kind
                return path.rsplit(".", 1)[-1]
        """, note="near miss: the marker itself is what the function returns, not spliced into text"),
        valid("""
            def year(stamp):
                if stamp[-1:] == "Z":
                    return "year " + stamp[:4]
                return stamp
        """, note="near miss: a slice of the other end"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.tests: list[tuple[cst.If, str, str, str, cst.CSTNode]] = []  # (if, base, marker, side, test)
        self.constants: dict[str, str] = {}

    def visit_Assign(self, node: cst.Assign) -> None:
        """Module-level string constants (`BLANK = "___."`), which a test may name."""
        if self.ctx.names.scope is self.ctx.names.module_scope and len(node.targets) == 1 \
                and isinstance(node.targets[0].target, cst.Name):
            value = string_value(node.value)
            if value:
                self.constants[node.targets[0].target.value] = value

    def visit_If(self, node: cst.If) -> None:
        found = _tested_end(node.test, self.constants)
        if found is not None:
            base, marker, side = found
            self.tests.append((node, self.ctx.code(base), marker, side, node.test))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if not self.tests or len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Slice):
            return
        cut = node.slice[0].slice
        parents = self.ctx.parents
        for branch, base, marker, side, test in self.tests:
            if not any(p is branch.body for p in parents) or self.ctx.code(node.value) != base:
                continue
            if side == "end" and cut.upper is None and cut.step is None:
                k = _negative_int(cut.lower)
                other = f"{base}[:-{k}]"
            elif side == "start" and cut.lower is None and cut.step is None:
                k = _int(cut.upper)
                other = f"{base}[{k}:]"
            else:
                continue
            if k is None or k > len(marker) or not _spliced(parents):
                continue
            self.report(node, code=self.ctx.code(node), k=k, base=base, marker=marker[-k:] if side == "end" else marker[:k],
                        test=f"the test at line {self.ctx.line_of(test)}", other=other,
                        related=[Location(self.ctx.path, self.ctx.line_of(test), "the marker tested here")])
            return


def _tested_end(test: cst.BaseExpression, constants: dict[str, str]) -> tuple[cst.BaseExpression, str, str] | None:
    """(the string, the literal, "end" or "start") for `s[-n:] == "lit"`, `s.endswith("lit")` and the
    prefix forms; None for anything else."""
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(test.comparisons[0].operator, cst.Equal):
        for sliced, literal in ((test.left, test.comparisons[0].comparator), (test.comparisons[0].comparator, test.left)):
            marker = _literal(literal, constants)
            if marker is None or not isinstance(sliced, cst.Subscript) or len(sliced.slice) != 1:
                continue
            cut = sliced.slice[0].slice
            if not isinstance(cut, cst.Slice) or cut.step is not None:
                continue
            if cut.upper is None and _negative_int(cut.lower) == len(marker):
                return sliced.value, marker, "end"
            if cut.lower is None and _int(cut.upper) == len(marker):
                return sliced.value, marker, "start"
    if isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute) and len(test.args) == 1 \
            and test.func.attr.value in ("endswith", "startswith"):
        marker = _literal(test.args[0].value, constants)
        if marker:
            return test.func.value, marker, "end" if test.func.attr.value == "endswith" else "start"
    return None


def _literal(expr: cst.BaseExpression, constants: dict[str, str]) -> str | None:
    return constants.get(expr.value) if isinstance(expr, cst.Name) else string_value(expr)


def _int(expr: cst.BaseExpression | None) -> int | None:
    return expr.evaluated_value if isinstance(expr, cst.Integer) else None


def _negative_int(expr: cst.BaseExpression | None) -> int | None:
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        return _int(expr.expression)
    return None


def _spliced(parents: list[cst.CSTNode]) -> bool:
    """Is the value being built into text: concatenated, formatted, or joined?"""
    for parent in reversed(parents):
        if isinstance(parent, (cst.BinaryOperation, cst.FormattedStringExpression)):
            return True
        if isinstance(parent, cst.AugAssign) and isinstance(parent.operator, cst.AddAssign):
            return True
        if isinstance(parent, cst.Call):
            func = parent.func
            if isinstance(func, cst.Attribute) and func.attr.value in ("format", "join"):
                return True
        if isinstance(parent, cst.BaseSmallStatement):
            return False
    return False
