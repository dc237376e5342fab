"""EVAL031: a mapping's keys ordered by `item[1]`, as if they were `(key, value)` pairs."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook

# Calls whose `key=` orders or picks among what they are given.
_ORDERING = frozenset({"sorted", "max", "min", "heapq.nlargest", "heapq.nsmallest"})


def _pair_index(body: cst.BaseExpression, param: str) -> int | None:
    """1 or -1 when the lambda body is `param[1]` / `param[-1]` (possibly negated), the value slot of an item."""
    if isinstance(body, cst.UnaryOperation) and isinstance(body.operator, cst.Minus):
        body = body.expression
    if not (isinstance(body, cst.Subscript) and isinstance(body.value, cst.Name) and body.value.value == param):
        return None
    if len(body.slice) != 1 or not isinstance(body.slice[0].slice, cst.Index):
        return None
    index = body.slice[0].slice.value
    if isinstance(index, cst.Integer) and index.value == "1":
        return 1
    if (isinstance(index, cst.UnaryOperation) and isinstance(index.operator, cst.Minus)
            and isinstance(index.expression, cst.Integer) and index.expression.value == "1"):
        return -1
    return None


class SortKeyReadsKeysAsPairs(Rule):
    """
    ## What it does
    Finds `sorted(d.keys(), key=lambda item: item[1])` (also `max`, `min`, `heapq.nlargest`,
    `nsmallest`, and `item[-1]`): the key function reads the second slot of each element as if
    the elements were the `(key, value)` pairs of `d.items()`, but `.keys()` gives the keys alone.
    For string keys `item[1]` is the key's second character. Orderings of `.items()` and key
    functions that look the value up (`key=d.get`, `key=lambda k: d[k]`) are left alone.

    ## Why is this bad?
    The ranking is by an arbitrary character of each id, not by the score: the "top-k" documents,
    the best checkpoint or the most frequent label are wrong while the code runs without an error
    (a key of two characters or more always has an `[1]`).

    ## Example
        top_hits = sorted(doc_scores.keys(), key=lambda item: item[1], reverse=True)[:k]

    Use instead:
        top_hits = sorted(doc_scores, key=doc_scores.get, reverse=True)[:k]
    """

    code = "EVAL031"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = ("`{call}` orders the keys of `{mapping}` by `{lam}`, the second element of each key, not its "
               "value: `.keys()` gives keys, not `(key, value)` pairs")
    question = "Should `{call}` at {where} order `{mapping}` by its values (`.items()` or `key={mapping}.get`)?"
    triggers = (".keys()",)
    examples = [
        invalid("""
            def top_k_accuracy(qrels, results, k_values):
                top_hits = {}
                for query_id, doc_scores in results.items():
                    top_hits[query_id] = sorted(doc_scores.keys(), key=lambda item: item[1], reverse=True)[0:max(k_values)]  # expect: EVAL031
                return top_hits
        """),
        invalid("""
            best = max(val_scores.keys(), key=lambda kv: kv[-1])  # expect: EVAL031
        """),
        valid("""
            ranked = sorted(doc_scores.items(), key=lambda item: item[1], reverse=True)
            ranked = sorted(doc_scores, key=doc_scores.get, reverse=True)
            ranked = sorted(doc_scores.keys(), key=lambda doc: doc_scores[doc])
            names = sorted(files.keys())
            by_len = sorted(d.keys(), key=lambda k: len(k))
        """, note="items, a lookup of the value, no key, or a key of the key itself"),
        invalid({"retrieval.ipynb": notebook(
            """
            scores = {doc_id: float(model.score(query, text)) for doc_id, text in corpus.items()}
            """,
            """
            top10 = sorted(scores.keys(), key=lambda kv: kv[1], reverse=True)[:10]  # expect: EVAL031
            recall = len(set(top10) & relevant) / len(relevant)
            """,
        )}, note="notebook: the scores in one cell, the ranking of their keys by a second character in the next"),
        valid({"retrieval.ipynb": notebook(
            """
            scores = {doc_id: float(model.score(query, text)) for doc_id, text in corpus.items()}
            """,
            """
            top10 = sorted(scores.keys(), key=scores.get, reverse=True)[:10]
            recall = len(set(top10) & relevant) / len(relevant)
            """,
        )}, note="near miss: the key looks the score up"),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        name = (self.qualified_name(node.func) or "").removeprefix("builtins.")
        if name not in _ORDERING:
            return
        positional = [a for a in node.args if a.keyword is None and a.star == ""]
        keyed = [a for a in node.args if a.keyword is not None and a.keyword.value == "key"]
        if not positional or not keyed:
            return
        source = positional[0].value if name not in ("heapq.nlargest", "heapq.nsmallest") else (
            positional[1].value if len(positional) > 1 else None)
        if not (isinstance(source, cst.Call) and isinstance(source.func, cst.Attribute)
                and source.func.attr.value == "keys" and not source.args):
            return
        lam = keyed[0].value
        if not (isinstance(lam, cst.Lambda) and len(lam.params.params) == 1):
            return
        if _pair_index(lam.body, lam.params.params[0].name.value) is None:
            return
        self.report(node, call=name.split(".")[-1] + "(...)", mapping=self.ctx.code(source.func.value),
                    lam=self.ctx.code(lam))
