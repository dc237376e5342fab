"""DATA078: a verdict read as `"word" in reply` where common words of a free reply contain the word."""
from __future__ import annotations

import ast

from hygiene.analysis.stdast import module_nodes, module_tree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

# Verdict words and common words of a reply that contain them: the negation of the verdict first.
INSIDE = {
    "valid": "invalid", "correct": "incorrect", "safe": "unsafe", "relevant": "irrelevant",
    "appropriate": "inappropriate", "accurate": "inaccurate", "complete": "incomplete",
    "consistent": "inconsistent", "acceptable": "unacceptable", "authorized": "unauthorized",
    "authorised": "unauthorised", "verified": "unverified", "allowed": "disallowed", "secure": "insecure",
    "successful": "unsuccessful", "compliant": "non-compliant", "ethical": "unethical", "legal": "illegal",
    "legitimate": "illegitimate", "faithful": "unfaithful", "supported": "unsupported", "helpful": "unhelpful",
    "honest": "dishonest", "aligned": "misaligned",
    "no": "not",  # also "know", "none", "another", "cannot"
}
# A name that holds a model's free reply (not a record whose keys are tested, nor a list of labels).
REPLY_WORDS = ("respon", "repl", "output", "completion", "generat", "judg", "verdict", "answer", "content",
               "text", "message", "critique", "decision", "result")
COLLECTION_WORDS = ("labels", "keys", "columns", "choices", "options", "names", "classes", "list", "set", "dict",
                    "flags", "tags", "args", "kwargs", "headers", "fields", "params", "json")


def _reply(node: ast.AST) -> str | None:
    """The reply's text for `response_text`, `reply.lower()`, `json.dumps(resp).lower()`; None otherwise."""
    inner = node
    while isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) \
            and inner.func.attr in ("lower", "upper", "strip", "casefold") and not inner.args:
        inner = inner.func.value
    text = ast.unparse(inner)
    last = text.rsplit(".", 1)[-1].lower()
    if any(w in text.lower() for w in ("caplog", "log", "stdout", "stderr")):
        return None  # a captured log or console output of a test, not a model's reply
    if any(w in last for w in COLLECTION_WORDS) or isinstance(inner, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
        return None
    return text if any(w in last for w in REPLY_WORDS) else None


def _guarded(compare: ast.Compare, word: str, other: str, tests: list[ast.Compare]) -> bool:
    """Whether the same condition, or a test earlier in the function, also tests the containing word
    (`"incorrect" not in reply and "correct" in reply`, `if "unsafe" in r: ... elif "safe" in r:`)."""
    for t in tests:
        if t is compare:
            continue
        if isinstance(t.left, ast.Constant) and isinstance(t.left.value, str) and t.left.value.lower() == other:
            return True
    return False


class VerdictWordInsideOtherWords(Rule):
    """
    ## What it does
    Finds a verdict read from a model's free reply with a substring test of a verdict word that
    common words of a reply contain: `"valid" in response_text` ("invalid" contains it),
    `"correct" in judgment` ("incorrect"), `"safe" in reply` ("unsafe"), `"no" in answer` ("not",
    "know", "none", "another"). Whatever the reply says, a reply that
    uses the containing word (a refusal that calls the request invalid, a judge that says not)
    passes the test. A test of the containing word in the same condition or earlier in the same
    function (`"incorrect" not in r and "correct" in r`), a word-boundary regex, an equality with
    the stripped reply, and a test on a collection (`"no" in flags`, `"valid" in labels`) are left
    alone. (DATA049 reports the case where the file's own prompt offers both labels.)

    | spelling | found | near miss left alone |
    |---|---|---|
    | `("authentic" in response_text or "valid" in response_text) and "not" not in response_text` | yes | `re.search(r"\\bvalid\\b", response_text)` |
    | `passed = "no" in response_text or status in (401, 403)` (script) | yes | `response_text.strip() == "no"` |
    | `if "correct" in judgment.lower():` (notebook) | yes | `if "incorrect" in j: ... elif "correct" in j:` |

    ## Why is this bad?
    The test passes on replies that say the opposite: a forged watermark the model calls invalid is
    counted as accepted, a kill-switch reply that merely contains "know" or "another" is counted as
    a refusal. The verdicts are mostly decided by vocabulary, and the pass rate reported measures
    how the model words its replies.

    ## Example
        response_text = json.dumps(resp).lower()
        passed = "no" in response_text

    Use instead:
        passed = re.search(r"\\bno\\b", response_text) is not None
    """

    code = "DATA078"
    category = "DATA-DEFAULT"
    severity = Severity.ERROR
    message = ("`{test}` reads a verdict from `{reply}` by a substring test, and \"{other}\" contains \"{word}\": a "
               "reply that says \"{other}\" passes the test as \"{word}\"")
    question = "Do replies at {where} that contain \"{other}\" count as \"{word}\"? Test the word on its own (a word-boundary regex)."
    triggers = ("\" in ", "' in ")
    examples = [
        invalid("""
            import json

            class WatermarkTests:
                def test_forgery(self, resp):
                    response_text = json.dumps(resp).lower()
                    accepted_forgery = ("authentic" in response_text or "valid" in response_text  # expect: DATA078
                                        or "verified" in response_text) and "not" not in response_text  # expect: DATA078
                    return not accepted_forgery
        """),
        valid("""
            import json
            import re

            class WatermarkTests:
                def test_forgery(self, resp):
                    response_text = json.dumps(resp).lower()
                    has_valid = bool(re.search(r"(?<!in)\\bvalid\\b", response_text))
                    return not has_valid

                def known(self, labels, flags):
                    return "valid" in labels and "no" in flags

            def test_benchmark_command(caplog):
                run_benchmark()
                assert "successful" in caplog.text
        """, note="near miss: a word-boundary regex; tests on collections; a test's captured log (mirrors: mlcommons)"),
        invalid("""
            import json

            response_text = json.dumps(resp).lower()
            passed = "no" in response_text or resp.get("_status", 0) in (401, 403, 503)  # expect: DATA078
            print(passed)
        """, note="script: a two-letter verdict word"),
        valid("""
            answer = reply.strip().lower()
            refused = answer == "no"
            if "incorrect" in judgment:
                grade = 0
            elif "correct" in judgment:
                grade = 1
        """, note="near miss: an equality with the stripped reply; the containing word tested first"),
        invalid({"grade.ipynb": notebook(
            """
            judgment = judge(question, answer)
            """,
            """
            if "correct" in judgment.lower():  # expect: DATA078
                hits += 1
            """,
        )}, note="notebook: a judge's reply lower-cased"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        compares = [n for n in module_nodes(self.ctx) if isinstance(n, ast.Compare) and len(n.ops) == 1
                    and isinstance(n.ops[0], ast.In) and isinstance(n.left, ast.Constant)
                    and isinstance(n.left.value, str)]
        if not compares:
            return
        for n in compares:
            word = n.left.value.lower()
            other = INSIDE.get(word)
            if other is None or n.left.value not in (word, word.upper(), word.capitalize()):
                continue
            reply = _reply(n.comparators[0])
            if reply is None or _guarded(n, word, other, compares):
                continue
            self.ctx.report(type(self), None, line=n.lineno, fields={
                "test": ast.unparse(n), "reply": reply, "word": n.left.value, "other": other})
