"""PROMPT005: text built from a slice that is only the marker the code just tested for."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.modules import imported_constant
from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid, notebook


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
        invalid({
            "race/markers.py": '''
                BLANK = "  _  ."
            ''',
            "race/task.py": '''
                from race.markers import BLANK

                class RaceTask:
                    def doc_to_text(self, doc):
                        text = "Article: " + doc["article"] + "\\n\\n"
                        for problem in doc["problems"][:-1]:
                            if problem["question"].endswith(BLANK):
                                text += problem["question"][-5:] + problem["answer"] + "\\n"  # expect: PROMPT005
                            else:
                                text += "Question: " + problem["question"] + "\\nAnswer: " + problem["answer"] + "\\n"
                        return text
            ''',
        }, note="across modules: the marker a constant of another module, the test and the slice in a task's method"),
        valid({
            "race/markers.py": '''
                BLANK = "  _  ."
            ''',
            "race/task.py": '''
                from race.markers import BLANK

                class RaceTask:
                    def doc_to_text(self, doc):
                        text = "Article: " + doc["article"] + "\\n\\n"
                        for problem in doc["problems"][:-1]:
                            if problem["question"].endswith(BLANK):
                                text += problem["question"][:-5] + problem["answer"] + "\\n"
                            else:
                                text += "Question: " + problem["question"] + "\\nAnswer: " + problem["answer"] + "\\n"
                        return text
            ''',
        }, note="near miss: the same layout, the complement slice"),
        invalid({"cloze.ipynb": notebook(
            """
            BLANK = " ___."
            """,
            """
            def fill(sentence, option):
                if sentence[-5:] == BLANK:
                    return f"{sentence[-4:]} {option}."  # expect: PROMPT005
                return sentence + " " + option
            """,
            """
            prompts = [fill(s, o) for s, o in zip(sentences, options)]
            """,
        )}, note="notebook: the marker in one cell, the test and the slice in the next"),
        valid({"cloze.ipynb": notebook(
            """
            BLANK = " ___."
            """,
            """
            def fill(sentence, option):
                if sentence[-5:] == BLANK:
                    return f"{sentence[:-4]} {option}."
                return sentence + " " + option
            """,
            """
            prompts = [fill(s, o) for s, o in zip(sentences, options)]
            """,
        )}, note="near miss: the complement slice"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.tests: list[tuple[cst.If, str, str, str, cst.CSTNode]] = []  # (if, base, marker, side, test)
        self.constants: dict[str, str] = {}
        self.imported: dict[int, tuple[str, int | None]] = {}  # id(if) -> (the imported marker's name, its length)
        self.pending: list[dict] = []  # slices under a marker another module defines, checked in the repo phase

    def finish(self) -> None:
        if self.pending:
            self.ctx.facts[self.code] = {"pending": self.pending[:20]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """A slice under a test of a marker constant defined in another module (`from .markers import BLANK`)."""
        for path, facts in repo.facts(cls.code):
            for site in facts.get("pending", []):
                marker = imported_constant(repo, site["name"], path)
                if not marker or (site["length"] is not None and len(marker) != site["length"]) or site["k"] > len(marker):
                    continue
                k = site["k"]
                repo.report(cls, path, site["line"], code=site["code"], k=k, base=site["base"],
                            marker=marker[-k:] if site["side"] == "end" else marker[:k], test=f"the test at line {site['test']}",
                            other=site["other"], related=[Location(path, site["test"], "the marker tested here")])

    def visit_Assign(self, node: cst.Assign) -> None:
        """Module-level string constants (`BLANK = "___."`), which a test may name."""
        if self.ctx.names.scope is self.ctx.names.module_scope and len(node.targets) == 1 \
                and isinstance(node.targets[0].target, cst.Name):
            value = string_value(node.value)
            if value:
                self.constants[node.targets[0].target.value] = value

    def visit_If(self, node: cst.If) -> None:
        found = _tested_end(node.test, self.constants)
        if found is None:
            # `s.endswith(BLANK)` / `s[-6:] == BLANK` with `BLANK` imported: its value is known in the repo phase
            for name in _names_in(node.test):
                qualified = self.qualified_name(name)
                if name.value in self.constants or not qualified or "." not in qualified:
                    continue
                length = _compared_length(node.test)
                found = _tested_end(node.test, {name.value: "\0" * (length or 1000)})
                if found is not None:
                    self.imported[id(node)] = (qualified, length)
                    break
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
            if id(branch) in self.imported:
                name, length = self.imported[id(branch)]
                self.pending.append({"name": name, "length": length, "k": k, "side": side, "line": self.ctx.line_of(node),
                                     "code": self.ctx.code(node), "base": base, "other": other,
                                     "test": self.ctx.line_of(test)})
                return
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


def _names_in(test: cst.BaseExpression) -> list[cst.Name]:
    """The bare names a marker test compares with: `s.endswith(BLANK)`, `s[-6:] == BLANK`."""
    if isinstance(test, cst.Call) and len(test.args) == 1 and isinstance(test.args[0].value, cst.Name):
        return [test.args[0].value]
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        return [e for e in (test.left, test.comparisons[0].comparator) if isinstance(e, cst.Name)]
    return []


def _compared_length(test: cst.BaseExpression) -> int | None:
    """`s[-6:] == BLANK`: the marker must be 6 characters long; None for `endswith`."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return None
    for side in (test.left, test.comparisons[0].comparator):
        if isinstance(side, cst.Subscript) and len(side.slice) == 1 and isinstance(side.slice[0].slice, cst.Slice):
            cut = side.slice[0].slice
            return _negative_int(cut.lower) if cut.upper is None else _int(cut.upper)
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
