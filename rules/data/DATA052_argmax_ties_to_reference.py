"""DATA052: correctness read as `argmax(scores) == 0` with the right answer at 0, so every tie counts as right."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook
from hygiene.walk import nodes_outside_functions

_ARGMAX = frozenset({"numpy.argmax", "torch.argmax", "numpy.nanargmax"})
_CORRECTNESS = re.compile(r"(?i)result|correct|accura|acc(?![a-z])|win|success|match|hit|is_right|right(?![a-z])|"
                          r"chosen|pref|agree")


def _zero(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Integer) and expr.value == "0"


class ArgmaxTiesToReference(Rule):
    """
    ## What it does
    Finds correctness computed as "the best-scored candidate is the one at index 0", `1 if
    np.argmax(scores) == 0 else 0` (also `torch.argmax`, `scores.argmax() == 0`), stored under a
    name that records a result (`results`, `correct`, `win`, `acc`) when the reference answer, the
    chosen completion or the gold option, sits at position 0. `argmax` returns the first of equal
    maxima, so a tie is decided for the reference. A comparison with a gold index that varies
    (`argmax(scores) == label`) and an argmax read as a class (`pred = argmax(...)`) are left alone.

    ## Why is this bad?
    A reward model or a scorer that gives every candidate the same score (a constant, a
    saturated or a broken one) is counted right on every item, and one that ties often is
    inflated by its ties: a reward-model accuracy or a best-of-n win rate reads higher than any
    real preference supports.

    ## Example
        new_row["results"] = 1 if np.argmax(new_row["scores"]) == 0 else 0

    Use instead:
        scores = np.asarray(new_row["scores"])
        new_row["results"] = float(scores[0] == scores.max()) / np.sum(scores == scores.max())
    """

    code = "DATA052"
    category = "DATA-DEFAULT"
    severity = Severity.WARNING
    message = ("`{code}` counts the candidate at index 0 as chosen whenever scores tie (`argmax` returns the "
               "first maximum): equal scores are scored as a correct preference")
    question = "Can the scores of `{code}` at {where} tie, and is a tie then counted as correct?"
    triggers = ("argmax",)
    examples = [
        invalid("""
            import numpy as np

            def reroll_and_score_dataset(dataset):
                for row in dataset:
                    new_row = dict(row)
                    new_row["results"] = 1 if np.argmax(new_row["scores"]) == 0 else 0  # expect: DATA052
        """),
        invalid("""
            import torch
            correct = (torch.stack([chosen_reward, rejected_reward]).argmax(0) == 0).float().mean()  # expect: DATA052
        """),
        valid("""
            import numpy as np
            correct = np.argmax(scores) == label
            pred = np.argmax(probs) == 0
            results = [1 if s[0] > max(s[1:]) else 0 for s in scores]
            is_first = int(np.argmax(logits) == 0)
        """, note="a varying gold index, a strict comparison, or not stored as correctness"),
        invalid({
            "rm/scoring.py": '''
                import torch

                @torch.no_grad()
                def pair_rewards(reward_model, chosen, rejected):
                    return [reward_model(chosen).item(), reward_model(rejected).item()]
            ''',
            "rm/evaluate.py": '''
                import numpy as np
                from rm.scoring import pair_rewards

                class PreferenceEval:
                    def run(self, reward_model, pairs):
                        wins = [1 if np.argmax(pair_rewards(reward_model, c, r)) == 0 else 0 for c, r in pairs]  # expect: DATA052
                        return sum(wins) / len(wins)
            ''',
        }, note="across modules: rewards of (chosen, rejected) from a helper of another module; a tie counts as a win"),
        valid({
            "rm/scoring.py": '''
                import torch

                @torch.no_grad()
                def pair_rewards(reward_model, chosen, rejected):
                    return [reward_model(chosen).item(), reward_model(rejected).item()]
            ''',
            "rm/evaluate.py": '''
                from rm.scoring import pair_rewards

                class PreferenceEval:
                    def run(self, reward_model, pairs):
                        wins = []
                        for c, r in pairs:
                            chosen, rejected = pair_rewards(reward_model, c, r)
                            wins.append(1 if chosen > rejected else 0)
                        return sum(wins) / len(wins)
            ''',
        }, note="near miss: a strict comparison, ties are losses"),
        invalid({"rerank.ipynb": notebook(
            """
            import numpy as np
            scores = [[score(q, d) for d in [gold] + negatives] for q, gold, negatives in eval_items]
            """,
            """
            correct = [int(np.argmax(s) == 0) for s in scores]  # expect: DATA052
            np.mean(correct)
            """,
        )}, note="notebook: the gold candidate first in one cell, its argmax counted as correct in the next"),
        valid({"rerank.ipynb": notebook(
            """
            import numpy as np
            scores = [[score(q, d) for d in [gold] + negatives] for q, gold, negatives in eval_items]
            """,
            """
            correct = [int(s[0] > max(s[1:])) for s in scores]
            np.mean(correct)
            """,
        )}, note="near miss: the gold must score strictly higher"),
    ]

    def visit_Assign(self, node: cst.Assign) -> None:
        names = " ".join(self.ctx.code(t.target) for t in node.targets)
        if _CORRECTNESS.search(names):
            self._scan(node.value, node)

    def _scan(self, expr: cst.BaseExpression, anchor: cst.CSTNode) -> None:
        for comparison in nodes_outside_functions(expr, cst.Comparison):
            if len(comparison.comparisons) != 1 or not isinstance(comparison.comparisons[0].operator, cst.Equal):
                continue
            left, right = comparison.left, comparison.comparisons[0].comparator
            if (_zero(right) and self._argmax(left)) or (_zero(left) and self._argmax(right)):
                self.report(anchor, code=" ".join(self.ctx.code(comparison).split()))
                return

    def _argmax(self, expr: cst.BaseExpression) -> bool:
        if not isinstance(expr, cst.Call):
            return False
        if isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "argmax":
            return True
        return (self.qualified_name(expr.func) or "") in _ARGMAX


