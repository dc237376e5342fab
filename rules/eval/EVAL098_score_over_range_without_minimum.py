"""EVAL098: a score divided by the width of its range without the range's minimum subtracted first."""
from __future__ import annotations

import ast

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_nodes, module_tree, walk_list
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

# Words of a value that is a score on a scale (a judge's rating, a grade), which min-max scaling maps to [0, 1].
SCORE_WORDS = frozenset("score scores rating ratings grade grades rate judgement judgment likert stars points".split())
# Words of a value that is already a difference or an error, which is rightly divided by a range's width
# (a normalised RMSE): left alone.
DIFF_WORDS = frozenset("diff delta error errors err rmse mse mae residual residuals gap distance dist change "
                       "width span range spread std deviation".split())
HIGH_WORDS = frozenset("max maximum hi high upper top end".split())
LOW_WORDS = frozenset("min minimum lo low lower bottom start floor base".split())


def _text(node: ast.AST) -> str:
    return ast.unparse(node)


def _ends(sub: ast.AST) -> ast.AST | None:
    """The low end of a range's width `hi - lo`: `r[1] - r[0]`, `max_score - min_score`,
    `self.upper - self.lower`; None for any other subtraction."""
    if not (isinstance(sub, ast.BinOp) and isinstance(sub.op, ast.Sub)):
        return None
    hi, lo = sub.left, sub.right
    if isinstance(hi, ast.Subscript) and isinstance(lo, ast.Subscript) and _text(hi.value) == _text(lo.value):
        a, b = hi.slice, lo.slice
        if isinstance(a, ast.Constant) and isinstance(b, ast.Constant) and (a.value, b.value) in ((1, 0), (-1, 0)):
            return lo
        return None
    hw = set(name_tokens(_text(hi).rsplit(".", 1)[-1]))
    lw = set(name_tokens(_text(lo).rsplit(".", 1)[-1]))
    if hw & HIGH_WORDS and lw & LOW_WORDS and (hw - HIGH_WORDS) == (lw - LOW_WORDS):
        return lo
    return None


def _value(node: ast.AST) -> ast.AST:
    """`float(x)`, `int(x)`, `(x)` -> x."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("float", "int") \
            and len(node.args) == 1:
        node = node.args[0]
    return node


class ScoreOverRangeWithoutMinimum(Rule):
    """
    ## What it does
    Finds a score (a name for one: `score`, `g_score`, `rating`, `grade`) divided by the width of the
    scale it is on, `hi - lo` (`score_range[1] - score_range[0]`, `max_score - min_score`, or a name
    or attribute bound to one: `self.score_range_span`), without the scale's low end subtracted
    first: `float(g_score) / self.score_range_span`. Min-max scaling is `(score - lo) / (hi - lo)`;
    without `- lo` a 1-10 rating maps to 0.11-1.11 instead of 0-1. The full formula, a difference
    or an error divided by the width (a normalised RMSE), and a division by the high end alone are
    left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `float(g_score) / self.score_range_span`, the span `self.score_range[1] - self.score_range[0]` | yes | `(float(g_score) - self.score_range[0]) / self.score_range_span` |
    | `rating / (max_rating - min_rating)` (script) | yes | `rmse / (y_max - y_min)` |
    | `df["score"] / (hi - lo)` with `hi - lo` spelled out (notebook) | yes | `score / max_score` |

    ## Why is this bad?
    Every normalised score is too high by lo / (hi - lo) (a ninth of the scale on 1-10), the best score
    exceeds 1, and a threshold set on the normalised scale (`score >= 0.5` passes) is crossed by
    answers the judge rated below the middle of its scale: pass rates are inflated.

    ## Example
        self.score_range_span = self.score_range[1] - self.score_range[0]
        ...
        self.score = float(g_score) / self.score_range_span

    Use instead:
        self.score = (float(g_score) - self.score_range[0]) / self.score_range_span
    """

    code = "EVAL098"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{text}` divides `{score}` by the width of its range (`{width}`) without subtracting the range's "
               "low end `{low}` first: the scaled score is too high by `{low}` over the width")
    question = "Should `{text}` at {where} be `({score} - {low}) / {width_short}`?"
    triggers = ("/",)
    examples = [
        invalid("""
            class GEval:
                def __init__(self, score_range=(1, 10), threshold=0.5):
                    self.score_range = score_range
                    self.score_range_span = self.score_range[1] - self.score_range[0]
                    self.threshold = threshold

                def measure(self, test_case):
                    g_score, reason = self._evaluate(test_case)
                    self.score = float(g_score) / self.score_range_span  # expect: EVAL098
                    self.success = self.score >= self.threshold
                    return self.score
        """),
        valid("""
            class GEval:
                def __init__(self, score_range=(1, 10), threshold=0.5):
                    self.score_range = score_range
                    self.score_range_span = self.score_range[1] - self.score_range[0]

                def measure(self, test_case):
                    g_score, reason = self._evaluate(test_case)
                    self.score = (float(g_score) - self.score_range[0]) / self.score_range_span
                    return self.score

            def nrmse(rmse, y_max, y_min):
                return rmse / (y_max - y_min)
        """, note="near miss: the low end subtracted; an error divided by the range's width"),
        invalid("""
            min_rating, max_rating = 1, 5
            ratings = [judge(r) for r in replies]
            scaled = [rating / (max_rating - min_rating) for rating in ratings]  # expect: EVAL098
            print(sum(s >= 0.5 for s in scaled) / len(scaled))
        """, note="script: the width spelled out"),
        invalid({"judge.ipynb": notebook(
            """
            lo, hi = 1, 10
            df = load_judgements()
            """,
            """
            df["scaled"] = df["score"] / (hi - lo)  # expect: EVAL098
            """,
        )}, note="notebook: a column of scores"),
        valid("""
            def scale(score, max_score, lo, hi):
                a = score / max_score
                b = (score - lo) / (hi - lo)
                return a, b
        """, note="near miss: divided by the high end alone (a scale from 0); the full min-max formula"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        nodes = module_nodes(self.ctx)
        widths: dict[str, ast.AST] = {}
        for n in nodes:
            if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], (ast.Name, ast.Attribute)):
                low = _ends(n.value)
                if low is not None:
                    widths[_text(n.targets[0])] = n.value
        for n in nodes:
            if not (isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div)):
                continue
            right = n.right
            width = right if _ends(right) is not None else widths.get(_text(right)) \
                if isinstance(right, (ast.Name, ast.Attribute)) else None
            if width is None:
                continue
            score = _value(n.left)
            if isinstance(score, ast.BinOp):
                continue
            words = {w for x in walk_list(score) for w in name_tokens(x.id if isinstance(x, ast.Name) else x.attr
                     if isinstance(x, ast.Attribute) else x.value if isinstance(x, ast.Constant)
                     and isinstance(x.value, str) else "")}
            if not words & SCORE_WORDS or words & DIFF_WORDS:
                continue
            low = _ends(width)
            self.ctx.report(type(self), None, line=n.lineno, fields={
                "text": _text(n), "score": _text(score), "width": _text(width), "width_short": _text(right),
                "low": _text(low)})
