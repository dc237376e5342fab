"""DATA079: a judge's yes/no verdict read by searching the positive word anywhere in its reply."""
from __future__ import annotations

import ast
import re

from hygiene.analysis.stdast import module_functions, module_tree, scope_nodes, walk_list
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

# A positive verdict word and the opposite word a judge may answer instead.
OPPOSITE = {"yes": "no", "true": "false", "correct": "incorrect", "pass": "fail", "agree": "disagree",
            "safe": "unsafe", "valid": "invalid", "consistent": "inconsistent", "faithful": "unfaithful"}
SEARCHES = frozenset({"re.search", "re.findall", "re.finditer", "regex.search"})
REPLY_WORDS = ("judg", "respon", "repl", "output", "completion", "verdict", "critique", "decision", "evaluation",
               "grade", "content", "generat")


def _word(pattern: str) -> str | None:
    """The verdict word an unanchored pattern looks for: `\\bYes\\b`, `yes`, `(?i)correct`; None when the
    pattern is anchored (`^yes`, a whole line) or is more than one word."""
    if pattern.startswith("^") or pattern.endswith("$") or "\\n" in pattern:
        return None
    core = re.sub(r"^\(\?[a-z]+\)", "", pattern).replace("\\b", "").strip()
    return core.lower() if core.lower() in OPPOSITE else None


def _reply(node: ast.AST) -> bool:
    text = ast.unparse(node).lower()
    return any(w in text.rsplit(".", 1)[-1] or w in text for w in REPLY_WORDS)


class VerdictWordSearchedAnywhere(Rule):
    """
    ## What it does
    Finds a judge's two-way verdict read by searching its reply for the positive word anywhere:
    `is_correct = bool(re.search(r"\\bYes\\b", judge_response, re.IGNORECASE))`, `re.findall("correct",
    critique)`, while nothing in the function looks for the opposite word (No, incorrect, false) or
    pins the word to where the verdict is (`^Yes`, a line of its own, the last word). A judge that
    explains itself ("Yes, the model's answer is incorrect", "No. A yes would require...") is read
    as the positive verdict. A pattern anchored to the start or a whole line, a function that also
    searches the opposite word (a three-way parse), and searches of texts that are not replies are
    left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `is_correct = bool(re.search(r"\\bYes\\b", judge_response, re.IGNORECASE))` | yes | `re.match(r"^\\s*yes\\b", judge_response, re.I)` |
    | `passed = len(re.findall("correct", critique)) > 0` (script) | yes | also `re.search("incorrect", critique)` first |
    | `re.search("true", verdict.lower()) is not None` (notebook) | yes | `verdict.strip().lower() == "true"` |

    ## Why is this bad?
    The prompt asks for Yes or No, but judges often explain: every reply that uses the word in
    passing, quotes the question, or negates it ("not a yes") becomes a pass. The accuracy reported
    is inflated by however often the judge talks, and moves when the judge model changes.

    ## Example
        is_correct = bool(re.search(r"\\bYes\\b", judge_response, re.IGNORECASE))

    Use instead:
        verdicts = {line.strip(" *.").lower() for line in judge_response.splitlines()} & {"yes", "no"}
        is_correct = verdicts == {"yes"}
    """

    code = "DATA079"
    category = "DATA-DEFAULT"
    severity = Severity.ERROR
    message = ("`{call}` reads the verdict as \"{word}\" wherever the word appears in `{reply}`, and nothing here "
               "looks for \"{opposite}\": a judge that explains itself or negates the word is counted as \"{word}\"")
    question = "How many replies at {where} contain \"{word}\" but give the verdict \"{opposite}\"?"
    triggers = ("re.search", "re.findall", "re.finditer")
    requires = frozenset({"re", "regex"})
    examples = [
        invalid("""
            import re

            class AIMEAdapter:
                def match_score(self, judge_response, score):
                    is_correct = bool(re.search(r"\\bYes\\b", judge_response, re.IGNORECASE))  # expect: DATA079
                    score.value = {"acc": 1.0 if is_correct else 0.0}
                    return score
        """),
        valid("""
            import re

            class AIMEAdapter:
                def match_score(self, judge_response, score):
                    first = re.match(r"^\\s*(yes|no)\\b", judge_response, re.IGNORECASE)
                    score.value = {"acc": 1.0 if first and first.group(1).lower() == "yes" else 0.0}
                    return score

                def three_way(self, judge_response):
                    if re.search(r"\\bno\\b", judge_response, re.I):
                        return False
                    return bool(re.search(r"\\byes\\b", judge_response, re.I))
        """, note="near miss: an anchored match; the opposite word searched too"),
        invalid("""
            import re

            critique = ask_judge(question, answer)
            passed = len(re.findall("correct", critique)) > 0  # expect: DATA079
            print(passed)
        """, note="script: findall of the positive word"),
        invalid({"judge.ipynb": notebook(
            """
            import re
            """,
            """
            verdict = judge(item)
            ok = re.search("true", verdict.lower()) is not None  # expect: DATA079
            """,
        )}, note="notebook"),
        valid("""
            import re

            def has_year(text):
                return re.search(r"\\byes\\b", text) is not None

            def count_yes(log_lines):
                return sum(bool(re.search("yes", line)) for line in log_lines)
        """, note="near miss: texts that are not a judge's reply"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for scope in [tree, *module_functions(self.ctx)]:
            nodes = scope_nodes(self.ctx, scope)
            calls = [n for n in nodes if isinstance(n, ast.Call) and ast.unparse(n.func) in SEARCHES and len(n.args) >= 2
                     and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str)]
            if not calls:
                continue
            strings = [s.value.lower() for n in nodes for s in walk_list(n)
                       if isinstance(s, ast.Constant) and isinstance(s.value, str)] if len(calls) else []
            for call in calls:
                word = _word(call.args[0].value)
                if word is None or not _reply(call.args[1]):
                    continue
                opposite = OPPOSITE[word]
                if any(re.search(rf"(?<![a-z]){opposite}(?![a-z])", s.replace("\\b", " ")) for s in strings):
                    continue
                self.ctx.report(type(self), None, line=call.lineno, fields={
                    "call": ast.unparse(call), "word": word, "reply": ast.unparse(call.args[1]), "opposite": opposite})
