"""EVAL033: a cut-off written as the default of the parameter that should set it (`[:10]` with `k=10`)."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook
from hygiene.walk import iter_nodes


_K_NAMES = re.compile(r"^(k|top_?k|top_?n|n_?top|n_?best|at_k|\w+_k)$")
_RANKINGS = frozenset({"argsort", "sorted", "topk", "argpartition", "most_common", "nlargest"})


def _ranking(expr: cst.BaseExpression) -> bool:
    """True when `expr` is a ranking: `x.argsort()`, `np.argsort(x)`, `sorted(...)`, `x.topk(...)`, possibly reversed."""
    while isinstance(expr, cst.Subscript):  # argsort()[::-1]
        expr = expr.value
    if not isinstance(expr, cst.Call):
        return False
    func = expr.func
    name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
    return name in _RANKINGS


def _int(expr: cst.BaseExpression | None) -> int | None:
    return expr.evaluated_value if isinstance(expr, cst.Integer) else None


class DefaultLiteralForParameter(Rule):
    """
    ## What it does
    Finds a cut of a ranking (`x.argsort()[:10]`, `sorted(...)[:10]`, `topk`, `most_common`) written
    as the number that is the default of the function's cut-off parameter (`k`, `top_k`, `top_n`,
    `..._k`), while the body uses that parameter elsewhere:
    `def sequence_precision_recall_score(model, test, k=10)` that keeps `predictions.argsort()[:10]`
    and passes `k` on to the metric. The literal is the default frozen in: called with `k=5`, the
    cut is still 10. Defaults of 0 and 1, parameters the body never reads, a default shared by two
    parameters (which one is meant is unknown), parameters not named as a cut-off (`max_depth=5`
    beside `obj[:5]`) and slices of anything but a ranking are left alone.

    ## Why is this bad?
    Precision@k, recall@k or a top-k list for any k but the default is computed over the wrong
    number of items, and the reported "@5" or "@20" figures are the "@10" ones under another name.

    The same slip one level up: a function whose cut-off parameter is never read while it hands a
    literal of that name to the call that does the cutting (`def success_at_k(examples, k=20)`
    scoring each example with `evaluate_retrieval_example(ex, k=5)`): success@20 is success@5.
    A call that passes the parameter (`k=k`) and parameters read anywhere in the body are left alone.

    ## Example
        def precision_recall(model, test, k=10):
            predictions = -model.predict(user)
            predictions = predictions.argsort()[:10]
            return _precision_recall(predictions, targets, k)

    Use instead:
            predictions = predictions.argsort()[:k]
    """

    code = "EVAL033"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = ("`{code}` cuts at {value}, the default of parameter `{param}`, which the function uses elsewhere: "
               "called with another `{param}`, this cut stays at {value}")
    question = "Should `{code}` at {where} cut at `{param}` rather than the literal {value}?"
    triggers = (":",)
    examples = [
        invalid("""
            def sequence_precision_recall_score(model, test, k=10, exclude_preceding=False):
                sequences = test.sequences[:, :-k]
                targets = test.sequences[:, -k:]
                precision_recalls = []
                for i in range(len(sequences)):
                    predictions = -model.predict(sequences[i])
                    predictions = predictions.argsort()[:10]  # expect: EVAL033
                    precision_recalls.append(_get_precision_recall(predictions, targets[i], k))
                return precision_recalls
        """),
        valid("""
            def suggest(query, max_suggestions=3):
                prefix = query.lower()[:3]
                return [m for m in MODELS if m.startswith(prefix)][:max_suggestions]

            def show(obj, max_depth=5, k=5):
                return repr(sorted(obj)[:5])[:max_depth]
        """, note="a parameter not named as a cut-off, or two parameters with the default"),
        valid("""
            def top_k(scores, k=10):
                return scores.argsort()[::-1][:k]

            def head(rows, top_n=5):
                print(sorted(rows)[:5])

            def window(x, size=3, step=1):
                return x[:3] + x[1:]
        """, note="the parameter used, a parameter never read, defaults of 1"),
        invalid({
            "recsys/metrics.py": '''
                def precision_recall_at(predictions, targets, k):
                    hits = len(set(predictions[:k]) & set(targets))
                    return hits / k, hits / len(targets)
            ''',
            "recsys/evaluate.py": '''
                from recsys.metrics import precision_recall_at

                class Evaluator:
                    def score(self, model, test, k=10):
                        results = []
                        for user, targets in test.items():
                            ranked = (-model.predict(user)).argsort()[:10]  # expect: EVAL033
                            results.append(precision_recall_at(ranked, targets, k))
                        return results
            ''',
        }, note="across modules: the metric of another module gets k while the ranking keeps the default's 10"),
        valid({
            "recsys/metrics.py": '''
                def precision_recall_at(predictions, targets, k):
                    hits = len(set(predictions[:k]) & set(targets))
                    return hits / k, hits / len(targets)
            ''',
            "recsys/evaluate.py": '''
                from recsys.metrics import precision_recall_at

                class Evaluator:
                    def score(self, model, test, k=10):
                        results = []
                        for user, targets in test.items():
                            ranked = (-model.predict(user)).argsort()[:k]
                            results.append(precision_recall_at(ranked, targets, k))
                        return results
            ''',
        }, note="near miss: the ranking cut at k"),
        invalid({"ranking.ipynb": notebook(
            """
            import numpy as np
            def hit_rate(scores, gold, top_k=5):
                top = np.argsort(-scores)[:5]  # expect: EVAL033
                return float(gold in top), top_k
            """,
            """
            hit_rate(scores, gold, top_k=20)
            """,
        )}, note="notebook: the cut-off frozen at its default in one cell, called with another in the next"),
        valid({"ranking.ipynb": notebook(
            """
            import numpy as np
            def hit_rate(scores, gold, top_k=5):
                top = np.argsort(-scores)[:top_k]
                return float(gold in top), top_k
            """,
            """
            hit_rate(scores, gold, top_k=20)
            """,
        )}, note="near miss: the parameter used"),
        invalid({"hw_openqa.ipynb": notebook(
            """
            def success_at_k(examples, k=20):
                scores = []
                for ex in examples:
                    scores.append(evaluate_retrieval_example(ex, k=5))  # expect: EVAL033
                return sum(scores) / len(scores)
            """,
            """
            print(success_at_k(dev_exs))
            """,
        )}, note="held-out real bugs 16 (cs224u): the cut-off parameter unread, a literal handed on in its place"),
        valid("""
            def success_at_k(examples, k=20):
                return sum(evaluate_retrieval_example(ex, k=k) for ex in examples) / len(examples)

            def recall_at(examples, top_k=10):
                hits = [retrieve(ex, top_k=top_k) for ex in examples]
                return summarise(hits, top_k=5) if top_k > 5 else hits
        """, note="near misses: the parameter handed on, the parameter read elsewhere in the body"),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._unread_cut_off(node)
        defaults: dict[int, str] = {}
        for param in [*node.params.params, *node.params.kwonly_params]:
            value = _int(param.default) if param.default is not None else None
            if value is not None and value >= 2 and _K_NAMES.match(param.name.value):
                if value in defaults:
                    defaults[value] = ""  # two parameters share the default: which one is meant is unknown
                else:
                    defaults[value] = param.name.value
        defaults = {v: p for v, p in defaults.items() if p}
        if not defaults:
            return
        used: set[str] = set()
        cuts: list[tuple[cst.Subscript, int]] = []
        for sub in iter_nodes(node.body):
            if isinstance(sub, cst.Name):
                used.add(sub.value)
            elif isinstance(sub, (cst.FunctionDef, cst.ClassDef)):
                continue
            elif (isinstance(sub, cst.Subscript) and len(sub.slice) == 1 and isinstance(sub.slice[0].slice, cst.Slice)
                  and _ranking(sub.value)):
                part = sub.slice[0].slice
                for bound in (part.lower, part.upper):
                    value = _int(bound)
                    if value in defaults:
                        cuts.append((sub, value))
        seen: set[int] = set()
        for sub, value in cuts:
            param = defaults[value]
            if param not in used or value in seen:
                continue
            seen.add(value)
            self.report(sub, code=" ".join(self.ctx.code(sub).split())[:80], value=value, param=param)

    def _unread_cut_off(self, node: cst.FunctionDef) -> None:
        """A cut-off parameter the body never reads while a call in it takes a literal of that name."""
        params = {p.name.value for p in [*node.params.params, *node.params.kwonly_params]
                  if _K_NAMES.match(p.name.value)}
        if not params:
            return
        used: set[str] = set()
        passed: list[tuple[cst.Arg, str, int]] = []
        keywords: set[int] = set()  # `k` of `f(k=5)` names the callee's parameter, it reads nothing
        for sub in iter_nodes(node.body):
            if isinstance(sub, cst.Name) and id(sub) not in keywords:
                used.add(sub.value)
            elif isinstance(sub, cst.Arg) and sub.keyword is not None:
                keywords.add(id(sub.keyword))
            if isinstance(sub, cst.Arg) and sub.keyword is not None and sub.keyword.value in params:
                value = _int(sub.value)
                if value is not None:
                    passed.append((sub, sub.keyword.value, value))
        for arg, param, value in passed:
            if param in used:
                continue
            self.report(arg, param=param, value=value, code=f"{param}={value}",
                        message=(f"`{node.name.value}` never reads its parameter `{param}` and passes `{param}={value}` "
                                 f"on instead: called with any other `{param}`, the figure is still the one at {value}"))
            return
