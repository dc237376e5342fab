"""What a name or a label text says about a split: the words of identifiers and label strings.

`val` must not match `value` or `interval`, `test` not `latest`: names are cut into words at `_`,
`-`, `/`, `.`, spaces and camel-case humps, and the words are compared whole. Shared by
the rules that ask whether a figure, an environment or a branch is about evaluation, the test part
or the dev part (EVAL015, EVAL016).
"""
from __future__ import annotations

import re

import libcst as cst

_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^A-Za-z0-9]+")

EVAL_WORDS = frozenset({"eval", "evaluation", "evaluate", "test", "testing"})
TEST_WORDS = frozenset({"test", "testing"})
DEV_WORDS = frozenset({"dev", "val", "valid", "validation", "devacc", "valacc", "devloss", "valloss"})
METRIC_WORDS = frozenset({
    "acc", "accuracy", "loss", "f1", "score", "scores", "auc", "auroc", "result", "results", "metric",
    "metrics", "perf", "performance", "err", "error", "ppl", "perplexity", "bleu", "rouge", "em", "mse",
    "mae", "rmse", "precision", "recall", "spearman", "pearson", "corr", "devacc", "valacc", "devloss",
    "valloss", "top1", "map", "ndcg", "mrr", "r2",
})


def words(text: str) -> list[str]:
    """The lower-case words of an identifier or a short label (`bestValAcc` -> best, val, acc)."""
    return [w.lower() for w in _SPLIT.split(_HUMP.sub(" ", text)) if w]


def says(text: str, vocabulary: frozenset[str]) -> bool:
    return any(w in vocabulary for w in words(text))


def expression_names(expr: cst.CSTNode) -> list[str]:
    """The identifiers and string subscripts an expression reads (`results[task]['devacc']` ->
    results, task, devacc), without descending into calls' function names' receivers twice."""
    out: list[str] = []
    stack: list[cst.CSTNode] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Name):
            out.append(node.value)
        elif isinstance(node, cst.Attribute):
            out.append(node.attr.value)
            stack.append(node.value)
        elif isinstance(node, cst.SimpleString):
            if len(node.value) < 40:
                out.append(node.value.strip("'\"rbuRBU"))
        elif isinstance(node, (cst.Lambda, cst.FunctionDef)):
            continue
        else:
            stack.extend(node.children)
    return out
