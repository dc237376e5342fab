"""DATA066: a parsed choice returned as a boolean verdict by equality with one option, the failed parse unchecked."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import scope_nodes, walk_scope

EXTRACTOR = re.compile(r"(?i)extract|parse|get_tag|find_tag|read_tag|get_choice|get_answer|get_verdict")


def _compared(expr: cst.BaseExpression, name: str) -> list[str]:
    """The options `expr` compares `name` with for equality: `choose == "B"` -> ["B"]; an `a if c else b`
    of such comparisons gives both."""
    if isinstance(expr, cst.IfExp):
        body, orelse = _compared(expr.body, name), _compared(expr.orelse, name)
        return body + orelse if body and orelse else []
    if isinstance(expr, cst.Comparison) and len(expr.comparisons) == 1 \
            and isinstance(expr.comparisons[0].operator, cst.Equal):
        sides = (expr.left, expr.comparisons[0].comparator)
        for a, b in (sides, sides[::-1]):
            text = string_value(b)
            if isinstance(a, cst.Name) and a.value == name and text is not None and 0 < len(text.strip()) <= 16:
                return [text]
    return []


def _checked(scope: list[cst.CSTNode], name: str) -> bool:
    """Does the function look at whether the parse found anything (`is None`, `not choose`, `in (...)`,
    `if choose:`)?"""
    for node in scope:
        if isinstance(node, cst.Comparison) and any(
                isinstance(c.operator, (cst.Is, cst.IsNot, cst.In, cst.NotIn, cst.NotEqual)) for c in node.comparisons):
            sides = [node.left, *(c.comparator for c in node.comparisons)]
            if any(isinstance(s, cst.Name) and s.value == name for s in sides):
                return True
        elif isinstance(node, (cst.If, cst.While, cst.IfExp)):
            test = node.test
            if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
                test = test.expression
            if isinstance(test, cst.Name) and test.value == name:
                return True
        elif isinstance(node, cst.BooleanOperation):
            for side in (node.left, node.right):
                if isinstance(side, cst.Name) and side.value == name:
                    return True
    return False


class ParsedChoiceReturnedAsVerdict(Rule):
    """
    ## What it does
    Finds a function that parses a choice out of a judge's reply (`choose =
    extract_content(response, "choose")`, `verdict = parse_verdict(text)`) and returns the verdict as
    a boolean by comparing the parsed value with one option (`return choose == "B"`, or `choose ==
    "A" if is_swapped else choose == "B"`) while nothing in the function checks whether the parse
    found anything (`is None`, `not choose`, `choose in ("A", "B")`). A parser returns `None` (or
    an empty string) when the reply has no tag, and `None == "B"` is `False`: the failed parse is
    a vote for the other option. A parsed value checked first, and a comparison with a variable
    (`pred == gold`, a correctness check) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `choose = extract_content(response, "choose")`, `return choose == "A" if is_swapped else choose == "B"` (async method) | yes | `if choose is None: return None` first |
    | `v = parse_verdict(judge(prompt))`, `return v == "yes"` (function) | yes | `return v == gold` |
    | `winner = get_choice(reply)`, `wins.append(winner == "model_b")` ... `return` (notebook) | no: not returned | |

    ## Why is this bad?
    The majority vote or win rate counts every reply the parser could not read (a missing tag, a
    refusal, a truncated or errored reply) for one side: a prompt-optimisation loop rejects new
    prompts because the judge misformatted its answer, a pairwise win rate drops with the judge's
    formatting errors, and nothing reports how many verdicts were never given.

    ## Example
        choose = extract_content(response, "choose")
        return choose == "A" if is_swapped else choose == "B"

    Use instead:
        choose = extract_content(response, "choose")
        if choose not in ("A", "B"):
            return None  # counted apart as no verdict
        return choose == "A" if is_swapped else choose == "B"
    """

    code = "DATA066"
    category = "DATA-DEFAULT"
    severity = Severity.WARNING
    message = ("`{name}` is parsed by `{parser}` (line {line}) and returned as the verdict `{text}`, with nothing "
               "checking that the parse found anything: a reply with no readable choice counts as a vote against {options}")
    question = "What should `{text}` at {where} return when `{parser}` finds no choice in the reply (it returns False now)?"
    triggers = ("return",)
    examples = [
        invalid("""
            import random

            class QuickEvaluate:
                async def prompt_evaluate(self, samples: dict, new_samples: dict) -> bool:
                    if random.random() < 0.5:
                        samples, new_samples = new_samples, samples
                        is_swapped = True
                    else:
                        is_swapped = False
                    messages = [{"role": "user", "content": build_prompt(samples, new_samples)}]
                    try:
                        response = await self.llm.responser(messages=messages)
                        choose = extract_content(response, "choose")
                        return choose == "A" if is_swapped else choose == "B"  # expect: DATA066
                    except Exception as e:
                        logger.error(e)
                        return False
        """),
        valid("""
            class QuickEvaluate:
                async def prompt_evaluate(self, samples: dict, new_samples: dict, is_swapped: bool):
                    response = await self.llm.responser(messages=build(samples, new_samples))
                    choose = extract_content(response, "choose")
                    if choose is None:
                        return None
                    return choose == "A" if is_swapped else choose == "B"

                def is_correct(self, reply, gold):
                    pred = extract_answer(reply)
                    return pred == gold
        """, note="near miss: a failed parse returned apart; a correctness check against the gold"),
        invalid("""
            def judge_pair(client, prompt):
                v = parse_verdict(client.complete(prompt))
                return v == "yes"  # expect: DATA066
        """, note="a plain function"),
        invalid({"judge.ipynb": notebook(
            """
            def better(reply):
                winner = get_choice(reply)
                return winner == "model_b"  # expect: DATA066
            """,
            """
            win_rate = sum(better(r) for r in replies) / len(replies)
            """,
        )}, note="notebook: a win rate over the verdicts"),
        valid({"judge.ipynb": notebook(
            """
            def better(reply):
                winner = get_choice(reply)
                if not winner:
                    raise ValueError(reply)
                return winner == "model_b"
            """,
        )}, note="near miss (notebook): an unreadable reply raises"),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        parsed: dict[str, tuple[str, cst.CSTNode]] = {}
        for n in scope_nodes(node.body, (cst.Assign,)):  # every node of the scope only once a parse is found (issue 12)
            if len(n.targets) == 1 and isinstance(n.targets[0].target, cst.Name):
                value = n.value
                if isinstance(value, cst.Await):
                    value = value.expression
                if isinstance(value, cst.Call):
                    func = value.func
                    tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
                    if EXTRACTOR.search(tail):
                        parsed[n.targets[0].target.value] = (tail, n)
        if not parsed:
            return
        scope = list(walk_scope(node.body))
        for n in scope:
            if not isinstance(n, cst.Return) or n.value is None:
                continue
            for name, (parser, where) in parsed.items():
                options = _compared(n.value, name)
                if options and not _checked(scope, name):
                    shown = " and ".join(f'"{o}"' for o in dict.fromkeys(options))
                    self.report(n, related=[Location(self.ctx.path, self.ctx.line_of(where), "the parse")],
                                name=name, parser=parser, line=self.ctx.line_of(where) or "?",
                                text=self.ctx.code(n.value).strip(), options=shown)
                    return
