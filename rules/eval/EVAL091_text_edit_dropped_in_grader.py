"""EVAL091: an answer normaliser or grader that calls a text method as a statement, its result dropped."""
from __future__ import annotations

import ast
import re

import libcst as cst

from hygiene.analysis.stdast import module_functions, module_tree, scope_nodes
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# Methods of `str` that return the edited text and change nothing (answer normalisers call them).
TEXT_METHODS = frozenset({"replace", "strip", "lstrip", "rstrip", "lower", "upper", "removeprefix", "removesuffix",
                          "casefold", "title", "capitalize", "translate", "expandtabs"})
# Of those, the ones no common non-text type has: their result is text.
STR_ONLY = TEXT_METHODS - {"replace", "translate"}
# Words of a function (or of the name it edits) that grades or normalises answers.
GRADING_WORDS = frozenset("""
answer answers ans pred preds prediction predictions output response reply completion normalize normalise
normalized normalised norm clean strip extract parse grade grader score scoring match matches equal equiv
equivalent compare label target gold reference ref judge verdict verify check reward correct
""".split())


def _texty(value: ast.AST) -> bool:
    """Whether `value` evidently makes a string: a literal, an f-string, `str(...)`, `re.sub(...)`, a method
    only text has (`s.strip()`), `"sep".join(...)`."""
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str)
    if isinstance(value, ast.JoinedStr):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        if isinstance(func, ast.Name):
            return func.id == "str"
        if isinstance(func, ast.Attribute):
            if ast.unparse(func) in ("re.sub", "regex.sub"):
                return True
            if func.attr == "join":
                return isinstance(func.value, ast.Constant) and isinstance(func.value.value, str)
            return func.attr in STR_ONLY or (func.attr == "replace" and _texty(func.value))
    return False


def _name_words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][a-z]*|[A-Z]+(?![a-z])|\d+", name)}


class TextEditDroppedInGrader(Rule):
    """
    ## What it does
    Finds an answer normaliser or grader (a function named for answers, predictions, normalising,
    grading, matching, or editing a name that is) that calls a text method as a statement on a name
    holding text, `string.replace("'", "")` after `string = re.sub(...)`, and reads the name
    afterwards: strings do not change, so the answer is compared as it was before the edit. A
    parameter of unknown type (it may be a DataFrame, whose `replace(..., inplace=True)` edits it), a
    result assigned back, and a name never read again are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `string.replace("'", "")` in `strip_answer_string` after `string = re.sub(...)` | yes | `string = string.replace("'", "")` |
    | `pred.strip()` in `is_match(pred, gold)` after `pred = str(pred).lower()`, then `pred == gold` | yes | `pred` never read after the call |
    | `answer.strip()` on a parameter | no | the parameter's type is unknown |

    ## Why is this bad?
    The normaliser returns the answer unedited: quotes, case or whitespace the author meant to
    remove stay, and answers that differ only by them are scored wrong (or, in a matching grader,
    right). The code reads as if the edit happened; nothing fails.

    ## Example
        string = re.sub("<[^>]+>", "", str(string))
        string.replace("'", "")

    Use instead:
        string = string.replace("'", "")
    """

    code = "EVAL091"
    category = "EVAL-MISMATCH"
    severity = Severity.ERROR
    message = ("`{text}` returns the edited text and leaves `{receiver}` unchanged (strings do not change), and its "
               "result is dropped: `{receiver}` is used as it was, so the answer is compared without the {method}")
    question = "Should the result of `{text}` be assigned back to `{receiver}`?"
    triggers = (".replace(", ".strip(", ".lower(", ".upper(", ".remove", ".casefold(", ".translate(", ".title(",
                ".capitalize(", ".expandtabs(")
    examples = [
        invalid("""
            def is_match(pred, gold):
                pred = str(pred).lower()
                pred.strip()  # expect: EVAL091
                return pred == gold.strip().lower()
        """, note="a grader's own comparison after a dropped strip"),
        invalid("""
            import re

            def strip_answer_string(string):
                string = str(string).strip()
                string = re.sub("<[^>]+>", "", string)
                string.replace("'", "")  # expect: EVAL091
                string.replace('"', "")  # expect: EVAL091
                if "j" in string and "i" not in string:
                    string = string.replace("j", "i")
                return string
        """, note="real bugs 20 (evalscope): an answer normaliser drops the results of `str.replace`"),
        valid("""
            import re

            def strip_answer_string(string):
                string = re.sub("<[^>]+>", "", str(string))
                string = string.replace("'", "")
                return string

            def normalize_answer(answer, table):
                answer.strip()
                table.replace("-", None, inplace=True)
                return answer

            def clean_text(text):
                text = text.lower()
                text.strip()
        """, note="near misses: the result kept; a parameter of unknown type; a name not read after the call"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        if module_tree(self.ctx) is not None:
            self._text_edits_dropped()

    def _text_edits_dropped(self) -> None:
        """`string.replace("'", "")` as a statement in an answer normaliser, on a name bound to text, read later."""
        for f in module_functions(self.ctx):
            function_words = _name_words(f.name)
            nodes = scope_nodes(self.ctx, f)
            for n in nodes:
                if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)
                        and isinstance(n.value.func, ast.Attribute) and n.value.func.attr in TEXT_METHODS
                        and isinstance(n.value.func.value, ast.Name) and not n.value.keywords):
                    continue
                name = n.value.func.value.id
                if not (function_words | _name_words(name)) & GRADING_WORDS:
                    continue
                bound = [m for m in nodes if isinstance(m, ast.Assign) and m.lineno < n.lineno
                         and any(isinstance(t, ast.Name) and t.id == name for t in m.targets)]
                if not bound or not _texty(bound[-1].value):
                    continue
                later = next((m for m in nodes if isinstance(m, ast.Name) and m.id == name and m.lineno > n.lineno), None)
                if later is None:
                    continue
                self.ctx.report(type(self), None, line=n.lineno, fields={
                    "text": ast.unparse(n.value), "receiver": name, "method": n.value.func.attr})
