"""EVAL094: a final-answer or exit-code marker taken from its FIRST match in text the model writes."""
from __future__ import annotations

import ast
import re

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_nodes, module_tree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

# A marker written on a line of its own, in capitals, that a prompt or a harness puts LAST: the final
# `ANSWER: B` line of a chain-of-thought template, a judge's `GRADE: C`, the `EXIT_CODE:0` a harness
# appends after a command. (Lower-case cues like "the answer is" are prose, not a marker.)
MARKER = re.compile(r"(?<![A-Za-z])(FINAL[ _]ANSWER|ANSWER|GRADE|VERDICT|EXIT_?CODE|RETURN_?CODE|STATUS)"
                    r"(?:\\s\*|\\s\+|\s|\\W\*)*:")
# Names of text a model (or a program the model controls) wrote.
TEXT_WORDS = frozenset("completion completions output outputs response responses reply replies generation "
                       "generations generated text content stdout stderr transcript answer message".split())
SEARCHES = frozenset({"search", "match"})


def _pattern(call: ast.Call) -> str | None:
    arg = call.args[0] if call.args else None
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    return None


def _binds_last(pattern: str, call: ast.Call) -> bool:
    """A pattern written to find the last marker: a leading greedy `.*` under DOTALL, or one anchored
    at the end of the text."""
    flags = " ".join(ast.unparse(k.value) for k in call.keywords) + " ".join(ast.unparse(a) for a in call.args[2:])
    dotall = "(?s" in pattern or re.search(r"\(\?[a-z]*s", pattern) is not None or "DOTALL" in flags \
        or re.search(r"\bS\b", flags) is not None
    body = re.sub(r"^\(\?[a-zA-Z]+\)", "", pattern).lstrip("^")
    if body.startswith(".*") and dotall:
        return True
    if pattern.endswith("\\Z") or pattern.endswith("\\z"):
        return True
    return pattern.endswith("$") and "MULTILINE" not in flags and "(?m" not in pattern


def _text_name(node: ast.AST) -> str | None:
    """The name of the searched text when it reads as model output: `completion`, `state.output.completion`,
    `result.stdout + result.stderr` assigned to `output`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("strip", "upper",
                                                                                                   "lower"):
        node = node.func.value
    if isinstance(node, (ast.Name, ast.Attribute)):
        last = node.id if isinstance(node, ast.Name) else node.attr
        if set(name_tokens(last)) & TEXT_WORDS:
            return ast.unparse(node)
    return None


class FirstMarkerInModelText(Rule):
    """
    ## What it does
    Finds `re.search` (or `re.match` with `re.MULTILINE`) for a marker that is meant to come last
    (a line-anchored `^ANSWER:`, `^FINAL ANSWER:`, `^GRADE:`, `^VERDICT:` under `re.MULTILINE`, or an
    `EXIT_CODE:` a harness appends) in text a model wrote (`completion`, `output`, `response`, a command's `stdout`), whose match is then
    read as the verdict. `re.search` returns the FIRST occurrence: a mid-reasoning "Answer: ..."
    line, or a marker the model itself printed, wins over the final one. `re.findall(...)[-1]`,
    the last of `re.finditer`, a pattern that binds the last marker (`(?s).*ANSWER:` or anchored
    with `\\Z`), and a search in the last line only are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `re.search(r"(?i)^ANSWER\\s*:\\s*([A-Za-z\\d ,]+)", state.output.completion, flags=re.MULTILINE)` | yes | `re.findall(...)[-1]` |
    | `re.search(r"EXIT_CODE:(\\d+)", output)` on a proof checker's output | yes | `list(re.finditer(...))[-1]` |
    | `re.search(r"^GRADE: ([CI])", response, re.M)` (notebook) | yes | `re.search(r"(?s).*GRADE: ([CI])", response)`; `re.search(r"ANSWER:\\s*([A-E])", text)` (unanchored) |

    ## Why is this bad?
    Chain-of-thought templates tell the model to end with `ANSWER: X`, and models restate or
    revise their answer on the way; a judge may quote the grading scale before its grade; and a
    program under test can print the marker the harness relies on. Taking the first match scores
    the wrong letter, or rewards a proof that printed `EXIT_CODE:0` and was cut off before its
    real diagnostics: accuracy and pass rates measure the parser, not the model.

    ## Example
        match = re.search(r"EXIT_CODE:(\\d+)", output)
        if match:
            exit_code = int(match.group(1))

    Use instead:
        matches = list(re.finditer(r"EXIT_CODE:(\\d+)", output))
        if matches:
            exit_code = int(matches[-1].group(1))
    """

    code = "EVAL094"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = ("`{text}` takes the FIRST `{marker}` in `{target}`, text the model writes, although the marker "
               "is meant to come last: an earlier or model-printed `{marker}` decides the score")
    question = "Should the search at {where} take the last `{marker}` in `{target}` (`re.findall(...)[-1]`)?"
    triggers = ("re.",)
    examples = [
        invalid("""
            import re

            def parse_answers(state, multiple_correct):
                match = re.search(  # expect: EVAL094
                    r"(?i)^ANSWER\\s*:\\s*([A-Za-z\\d ,]+)\\s*(?:$|\\n|\\.)",
                    state.output.completion,
                    flags=re.MULTILINE,
                )
                if match is None:
                    return set()
                return set(match.group(1).strip())
        """),
        invalid("""
            import re
            import subprocess

            def score_proof(path):
                result = subprocess.run(["lake", "env", "lean", path], capture_output=True, text=True)
                output = (result.stdout or "") + (result.stderr or "")
                exit_code = 1
                match = re.search(r"EXIT_CODE:(\\d+)", output)  # expect: EVAL094
                if match:
                    exit_code = int(match.group(1))
                    output = output[: match.start()].strip()
                return exit_code == 0 and "sorry" not in output
        """, note="a harness marker in a program's output"),
        invalid({"judge.ipynb": notebook(
            """
            import re
            response = judge(prompt)
            """,
            """
            m = re.search(r"^GRADE: ([CI])", response, re.M)  # expect: EVAL094
            grade = m.group(1) if m else None
            """,
        )}, note="notebook: a judge's grade"),
        valid("""
            import re

            def parse(completion, output, response, template):
                matches = re.findall(r"(?i)^ANSWER\\s*:\\s*([A-D])", completion, flags=re.MULTILINE)
                letter = matches[-1] if matches else None
                codes = list(re.finditer(r"EXIT_CODE:(\\d+)", output))
                code = int(codes[-1].group(1)) if codes else 1
                grade = re.search(r"(?is).*GRADE\\s*:\\s*([CPI])", response)
                last = re.search(r"ANSWER:\\s*([A-D])\\s*\\Z", completion)
                header = re.search(r"ANSWER:\\s*([A-D])", template)
                cue = re.search(r"the answer is \\(?([A-D])", completion)
                one = re.search(r"ANSWER:\\s*([A-E])", completion)
                return letter, code, grade, last, header, cue, one
        """, note="near misses: the last match; a pattern that binds the last marker; text that is no "
                  "model output; a lower-case prose cue; an unanchored marker search (one marker per reply)"),
    ]

    def visit_Module(self, node) -> None:
        if module_tree(self.ctx) is None:
            return
        for n in module_nodes(self.ctx):
            if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in SEARCHES
                    and isinstance(n.func.value, ast.Name) and n.func.value.id == "re" and len(n.args) >= 2):
                continue
            pattern = _pattern(n)
            if pattern is None:
                continue
            m = MARKER.search(pattern)
            if m is None:
                continue
            if n.func.attr == "match" and "MULTILINE" not in ast.unparse(n) and "(?m" not in pattern:
                continue  # `re.match` anchors at the start of the text: a first line, not a first marker
            if _binds_last(pattern, n):
                continue
            harness = m.group(1).replace("_", "") in ("EXITCODE", "RETURNCODE", "STATUS")
            flags = ast.unparse(n)
            lines = pattern[:m.start()].replace("(?i)", "").rstrip("(").endswith("^") and (
                "MULTILINE" in flags or "re.M" in flags or re.search(r"\(\?[a-z]*m", pattern) is not None)
            if not (harness or lines):
                continue  # an unanchored `ANSWER:` search: a reply with one marker is the common, fine case
            target = _text_name(n.args[1])
            if target is None:
                continue
            marker = m.group(1)
            self.ctx.report(type(self), None, line=n.lineno, fields={
                "text": f"re.{n.func.attr}({ast.unparse(n.args[0])[:60]}, {ast.unparse(n.args[1])})",
                "marker": marker + ":", "target": target})
