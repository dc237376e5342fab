"""EVAL052: a best-so-far loop whose `else` collects every lower score as a tie."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.stdast import module_nodes, module_tree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid


def _single_list(value: ast.AST) -> bool:
    return isinstance(value, ast.List) and len(value.elts) == 1


def _resets(body: list[ast.stmt]) -> set[str]:
    """Names set to a one-item list in `body` (`best_idx = [idx]`)."""
    return {s.targets[0].id for s in body if isinstance(s, ast.Assign) and len(s.targets) == 1
            and isinstance(s.targets[0], ast.Name) and _single_list(s.value)}


def _appends(body: list[ast.stmt]) -> list[tuple[str, ast.stmt]]:
    found = []
    for s in body:
        if (isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and isinstance(s.value.func, ast.Attribute)
                and s.value.func.attr == "append" and isinstance(s.value.func.value, ast.Name)):
            found.append((s.value.func.value.id, s))
    return found


class TiesCollectedInElse(Rule):
    """
    ## What it does
    Finds the loop that keeps the indices of the highest (or lowest) score with their ties, `if
    score > best: best_idx = [idx]; best = score`, when its `else:` appends the index
    unconditionally (`else: best_idx.append(idx)`): the `else` of a strict comparison holds every
    lower score, not only the equal ones. The `if` must update the running best it compares with.
    An `elif score == best:` (or an `if` inside the `else`), an `else` that appends to another
    list, and a comparison with a fixed limit (text wrapping: `if width + len(word) > limit: line =
    [word]`, `else: line.append(word)`) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `if s > best: idx = [i]` / `else: idx.append(i)` | yes | `elif s == best: idx.append(i)` |
    | `if loss < lowest: winners = [name]` / `else: winners.append(name)` | yes | `else: losers.append(name)` |

    ## Why is this bad?
    The list meant to hold the tied best candidates holds every candidate after the first best
    one, and the choice made from it (`random.choice(best_idx)`, a majority vote, "the preferred
    answer") is often a worse one. Preference judgements and best-of-n selections built on it
    compare the wrong outputs, and nothing fails.

    ## Example
        best_idx, best = [0], scores[0]
        for idx in range(1, len(scores)):
            if scores[idx] > best:
                best_idx, best = [idx], scores[idx]
            else:
                best_idx.append(idx)
        return random.choice(best_idx)

    Use instead:
        best_idx, best = [0], scores[0]
        for idx in range(1, len(scores)):
            if scores[idx] > best:
                best_idx, best = [idx], scores[idx]
            elif scores[idx] == best:
                best_idx.append(idx)
        return random.choice(best_idx)
    """

    code = "EVAL052"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("the `else` of `{test}` appends to `{name}` for every score that is not {better}, lower ones "
               "included, so `{name}` (meant to hold the tied best) collects worse candidates too")
    question = "Should `{name}.append(...)` run only for a score equal to the best (it runs for every lower one)?"
    triggers = ("append",)
    examples = [
        invalid("""
            import math
            import random

            class Evaluator:
                def compare_answer_details(self, parsed_answers):
                    scores = []
                    for ans in parsed_answers:
                        score = int(ans["succeed_tool_calling"]) * 10 - 5 * math.log(ans["total_steps"])
                        scores.append(score)
                    highest_idx = [0]
                    highest_score = scores[0]
                    for idx in range(1, len(scores)):
                        score = scores[idx]
                        if score > highest_score:
                            highest_idx = [idx]
                            highest_score = score
                        else:
                            highest_idx.append(idx)  # expect: EVAL052
                    return random.choice(highest_idx)
        """),
        invalid("""
            def lowest(runs):
                winners, best = [], float("inf")
                for name, loss in runs.items():
                    if loss < best:
                        winners = [name]
                        best = loss
                    else:
                        winners.append(name)  # expect: EVAL052
                return winners
        """, note="lowest loss"),
        valid("""
            import random

            def pick(scores):
                best_idx, best = [0], scores[0]
                for idx in range(1, len(scores)):
                    if scores[idx] > best:
                        best_idx = [idx]
                        best = scores[idx]
                    elif scores[idx] == best:
                        best_idx.append(idx)
                return random.choice(best_idx)

            def split(scores, best):
                winners, losers = [], []
                for idx, s in enumerate(scores):
                    if s > best:
                        winners = [idx]
                    else:
                        losers.append(idx)
                    if s >= best:
                        winners = [idx]
                    else:
                        if s == best:
                            winners.append(idx)
                return winners, losers

            def wrap(words, width):
                lines, line, length = [], [], 0
                for word in words:
                    if length + len(word) > width:
                        lines.append(" ".join(line))
                        line = [word]
                        length = len(word)
                    else:
                        line.append(word)
                        length += len(word)
                return lines
        """, note="near misses: ties tested for equality, another list in the else, a fixed limit (text wrapping)"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for n in module_nodes(self.ctx):
            if not (isinstance(n, ast.If) and n.orelse and isinstance(n.test, ast.Compare)
                    and len(n.test.ops) == 1 and isinstance(n.test.ops[0], (ast.Gt, ast.Lt))):
                continue
            if len(n.orelse) == 1 and isinstance(n.orelse[0], ast.If):
                continue  # an `elif`
            best = n.test.comparators[0]
            if not isinstance(best, (ast.Name, ast.Attribute, ast.Subscript)) or not any(
                    isinstance(s, ast.Assign) and any(ast.unparse(t) == ast.unparse(best) for t in s.targets)
                    for s in n.body):
                continue  # not a running best: `if width + len(word) > limit: line = [word]` wraps text
            reset = _resets(n.body)
            for name, stmt in _appends(n.orelse):
                if name in reset:
                    better = "higher" if isinstance(n.test.ops[0], ast.Gt) else "lower"
                    self.ctx.report(type(self), None, line=stmt.lineno,
                                    fields={"name": name, "test": ast.unparse(n.test), "better": better})
