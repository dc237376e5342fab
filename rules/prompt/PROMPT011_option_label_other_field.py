"""PROMPT011: a lettered option of a prompt filled from the field of another letter."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import Dispatch, iter_nodes, walk

Pair = tuple[str, str, str, cst.CSTNode]  # (label, field letter, field, node)

# Text that ends in an option's letter: "\nB. ", "(C) ", "D: ", "Option E) ".
_LABEL = re.compile(r"(?:^|[\s(\[])([A-Ha-h])\s*[.):\]]\s*$")


def _field_letters(expr: cst.CSTNode) -> list[tuple[str, str]]:
    """(letter, spelling) of the fields `expr` reads whose name ends in one letter: `doc['choice_a']`,
    `item["option_b"]`, `row.answerC`, `choice_d`."""
    found: list[tuple[str, str]] = []
    for node in iter_nodes(expr):
        word = None
        if isinstance(node, cst.SubscriptElement) and isinstance(node.slice, cst.Index):
            word = string_value(node.slice.value)
        elif isinstance(node, cst.Attribute):
            word = node.attr.value
        elif isinstance(node, cst.Name):
            word = node.value
        if not word:
            continue
        tokens = name_tokens(word)
        if len(tokens) >= 2 and len(tokens[-1]) == 1 and tokens[-1] in "abcdefgh" and len(tokens[-2]) > 2:
            found.append((tokens[-1], word))
    return found


class OptionLabelOtherField(Rule):
    """
    ## What it does
    Finds the options of a multiple-choice prompt written one letter at a time (`f"B. {...}"`,
    `"(C) " + ...`) where an option's text comes from the field named for another letter:
    `f"B. {doc['choice_a']}"` next to `f"A. {doc['choice_a']}"`. The fields are known by a name
    or key that ends in one letter (`choice_a`, `option_b`, `answerC`); a function (or script)
    is reported only when another of its options pairs its letter with its own field, which shows
    the convention, and one finding names every mismatched line. Options built in a loop
    (`for letter, key in zip("ABCD", keys)`) or from a list are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `question += f"B. {parse(doc['choice_a'], tok)}\\n"` after `f"A. {...doc['choice_a']...}"` (function) | yes | `doc['choice_b']` |
    | `"(C) " + row["option_a"]` next to `"(A) " + row["option_a"]` (script) | yes | each letter its own key |
    | `f"B: {item.answerA}"` next to `f"A: {item.answerA}"` (notebook cell) | yes | one option only, no convention shown |

    ## Why is this bad?
    The model sees the same answer text under two or more letters and never sees the real options,
    so it cannot pick the right one: accuracy falls to chance on every item, and the benchmark
    reads as a model failure.

    ## Example
        def doc_to_text(doc):
            text = doc["question"] + "\\n"
            text += f"A. {doc['choice_a']}\\n"
            text += f"B. {doc['choice_a']}\\n"
            return text

    Use instead:
        def doc_to_text(doc):
            text = doc["question"] + "\\n"
            text += f"A. {doc['choice_a']}\\n"
            text += f"B. {doc['choice_b']}\\n"
            return text
    """

    code = "PROMPT011"
    category = "PROMPT-UNFILLED"
    severity = Severity.ERROR
    message = ("option {label} of the prompt is filled from `{field}`, the field of option {other}{more}: the model "
               "sees that option's text under two letters and never sees option {label}'s")
    question = "Should option {label} at {where} read its own field rather than `{field}`?"
    triggers = ("_a", "A.", "A)", "A:", "(A", "A]")
    examples = [
        invalid("""
            def parse_choice(choice, img_token):
                return img_token if choice.endswith(".jpg") else choice

            def doc_to_text(doc, kwargs):
                question = doc["question"]
                question += "\\n" + f"A. {parse_choice(doc['choice_a'], kwargs['img_token'])}\\n"
                question += f"B. {parse_choice(doc['choice_a'], kwargs['img_token'])}\\n"  # expect: PROMPT011
                question += f"C. {parse_choice(doc['choice_a'], kwargs['img_token'])}\\n"
                question += f"D. {parse_choice(doc['choice_d'], kwargs['img_token'])}"
                return question
        """),
        valid("""
            def parse_choice(choice, img_token):
                return img_token if choice.endswith(".jpg") else choice

            def doc_to_text(doc, kwargs):
                question = doc["question"]
                question += "\\n" + f"A. {parse_choice(doc['choice_a'], kwargs['img_token'])}\\n"
                question += f"B. {parse_choice(doc['choice_b'], kwargs['img_token'])}\\n"
                question += f"C. {parse_choice(doc['choice_c'], kwargs['img_token'])}\\n"
                question += f"D. {parse_choice(doc['choice_d'], kwargs['img_token'])}"
                return question
        """, note="near miss: each option its own field"),
        invalid("""
            import pandas as pd

            rows = pd.read_csv("items.csv").to_dict("records")
            prompts = []
            for row in rows:
                prompts.append(row["stem"] + "\\n(A) " + row["option_a"] + "\\n(B) " + row["option_b"]
                               + "\\n(C) " + row["option_a"] + "\\nAnswer:")  # expect: PROMPT011
        """, note="a script: options joined with `+`, option C from option A's column"),
        valid("""
            def render(item):
                return f"Question: {item['question_a']}\\nB. {item['choice_a']}"
        """, note="near miss: one lettered option and no other to show the convention"),
        invalid({"build.ipynb": notebook(
            """
            items = load_items()
            """,
            """
            for item in items:
                item.prompt = f"{item.stem}\\nA: {item.answerA}\\nB: {item.answerA}\\nAnswer with A or B."  # expect: PROMPT011
            """,
        )}, note="notebook: attributes named for their letter, B from A's"),
        valid({"build.ipynb": notebook(
            """
            items = load_items()
            """,
            """
            for item in items:
                item.prompt = f"{item.stem}\\nA: {item.answerA}\\nB: {item.answerB}\\nAnswer with A or B."
            """,
        )}, note="near miss: the same cell, each letter its own attribute"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        # Each function's pairs, by id of its `FunctionDef`, from the one walk of `visit_Module`
        # (a walk per function and three of the module cost 9% of the file phase on nested code,
        # issue 12); reported when the shared walk reaches the function, so in its scope.
        self._functions: dict[int, list[Pair]] = {}

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        pairs = self._functions.pop(id(node), None)
        self._judge(self._collect(node.body) if pairs is None else pairs)

    def visit_Module(self, node: cst.Module) -> None:
        """The pairs of the script (outside every function) and of each function's body (a nested
        function's count in the function around it too), in source order, from one walk: the
        engine's (`hygiene.walk.walk`), stopping only at f-strings and sums (a walk of its own, a
        stack entry per node, cost 3% of the file phase, issue 12)."""
        gather = _Gather(self)
        walk(node, Dispatch([gather]), gather.parents)
        self._judge(gather.script)

    def _collect(self, root: cst.CSTNode) -> list[Pair]:
        """The pairs under `root`, nested functions included (a function walked on its own)."""
        pairs: list[Pair] = []
        for node in iter_nodes(root):
            pairs.extend(self._candidate(node))
        return pairs

    def _candidate(self, node: cst.CSTNode) -> list[Pair]:
        """The pairs `node` makes: the label texts of an f-string with the fields after them, or a
        string literal added to a field."""
        pairs: list[Pair] = []
        kind = node.__class__  # not `isinstance`: every node of the file comes here (see hygiene.walk.is_node)
        if kind is cst.FormattedString:
            before = ""
            for part in node.parts:
                if isinstance(part, cst.FormattedStringText):
                    before = part.value.replace("\\n", "\n").replace("\\t", "\t")  # the source's escapes
                elif isinstance(part, cst.FormattedStringExpression):
                    self._pair(before, part.expression, part, pairs)
                    before = ""
        elif kind is cst.BinaryOperation and isinstance(node.operator, cst.Add):
            left = node.left.right if isinstance(node.left, cst.BinaryOperation) and isinstance(
                node.left.operator, cst.Add) else node.left
            text = string_value(left) if isinstance(left, (cst.SimpleString, cst.ConcatenatedString)) else None
            if text is not None:
                self._pair(text, node.right, node.right, pairs)
        return pairs

    def _judge(self, pairs: list[Pair]) -> None:
        if not any(label == letter for label, letter, _, _ in pairs):
            return  # no option shows the convention
        wrong = [p for p in pairs if p[0] != p[1]]
        if not wrong:
            return
        label, letter, field, node = wrong[0]
        lines = sorted({self.ctx.line_of(p[3]) for p in wrong[1:]} - {self.ctx.line_of(node), None})
        self.report(node, related=[Location(self.ctx.path, line, "also from another option's field") for line in lines],
                    label=label.upper(), other=letter.upper(), field=field,
                    more=f" (and {len(wrong) - 1} more option{'s' if len(wrong) > 2 else ''} likewise)" if len(wrong) > 1 else "")

    @staticmethod
    def _pair(before: str, expr: cst.CSTNode, node: cst.CSTNode, pairs: list) -> None:
        match = _LABEL.search(before)
        if not match:
            return
        letters = {letter for letter, _ in _field_letters(expr)}
        fields = _field_letters(expr)
        if len(letters) != 1:
            return  # no lettered field, or several (a helper given two options)
        pairs.append((match.group(1).lower(), fields[0][0], fields[0][1], node))


class _Gather:
    """The pairs of every f-string and sum of a module, for the function bodies that hold them and
    for the script (what no function holds; a parameter's default or a decorator is the enclosing
    code's, not the function's)."""

    def __init__(self, rule: OptionLabelOtherField) -> None:
        self.rule = rule
        self.parents: list[cst.CSTNode] = []  # the walk's ancestors of the node it is at
        self.script: list[Pair] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.rule._functions[id(node)] = []

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._found(node)

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        self._found(node)

    def _found(self, node: cst.CSTNode) -> None:
        found = self.rule._candidate(node)
        if not found:
            return
        parents, functions = self.parents, self.rule._functions
        inside = False
        last = len(parents) - 1
        for index, parent in enumerate(parents):
            if parent.__class__ is cst.FunctionDef:
                inside = True
                if (parents[index + 1] if index < last else node) is parent.body:
                    functions[id(parent)].extend(found)
        if not inside:
            self.script.extend(found)
