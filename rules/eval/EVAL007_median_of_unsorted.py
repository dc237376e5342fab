"""EVAL007: a median taken as the middle element of a list that was never sorted."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.finding import Severity
from hygiene.analysis.names import dotted
from hygiene.rule import Rule, invalid, valid

_MEDIAN_WORDS = frozenset({"median", "med", "medians", "p50"})


class MedianOfUnsorted(Rule):
    """
    ## What it does
    Finds a median computed by hand as the middle element, `values[len(values) // 2]` (or
    `values[int(len(values) / 2)]`), in a function or a variable named for the median, when
    nothing in that function or script sorts `values` first (`values.sort()`,
    `values = sorted(...)`, `np.sort`).

    On public research code its findings were judged 5 times, in three repositories, none real: the
    same median helper in copies of one evaluation harness that no task of those repositories
    aggregates with (debatable). It stays a finding: the same helper in the harness itself is a real
    bug its authors fixed (benchmarks/realbugs: lm-eval-median-unsorted), and a demotion lost it.

    A checklist question by default (`--select EVAL007` makes it a finding; session 2026-12-08 s): on the
    precision corpus all 3 of its findings were judged debatable, none real. Each is the `median` of a copied
    lm-evaluation-harness metrics module (instruct-eval, a fork of the harness, GPTQ's zero-shot scripts) that no
    task of the repository aggregates with: true of the code, acted on by nobody. No labelled case of the
    development benchmark, the own cases or the blind probes depends on it.

    ## Why is this bad?
    The middle element of an unsorted list is whichever item happened to land there: the
    reported "median" is an arbitrary score, and it changes when the order of the items does.
    An aggregation registered as the median then reports noise for every task that uses it.

    ## Example
        def median(arr):
            return arr[len(arr) // 2]

    Use instead:
        def median(arr):
            return statistics.median(arr)   # or sorted(arr)[len(arr) // 2] for the upper median
    """

    code = "EVAL007"
    default = "question"  # none real on the precision corpus: see the docs
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = "`{code}` is taken as the median, but `{seq}` is not sorted first: the result is an arbitrary element"
    question = "Is `{seq}` sorted before its middle element is taken as the median at {where}?"
    triggers = ("// 2", "//2", "/ 2", "/2")
    examples = [
        invalid("""
            def median(arr):
                return arr[len(arr) // 2]  # expect: EVAL007
        """),
        invalid("""
            def summarise(scores):
                med_score = scores[int(len(scores) / 2)]  # expect: EVAL007
                return {"median": med_score, "mean": sum(scores) / len(scores)}
        """, note="a variable named for the median"),
        valid("""
            def median(arr):
                arr = sorted(arr)
                return arr[len(arr) // 2]

            def median_inplace(values):
                values.sort()
                return values[len(values) // 2]

            def p50(xs):
                return sorted(xs)[len(xs) // 2]
        """, note="sorted first, or the middle of a sorted copy"),
        valid("""
            def bisect(items, target):
                mid = items[len(items) // 2]
                return mid < target
        """, note="a middle element that is not called a median"),
    ]

    def visit_Subscript(self, node: cst.Subscript) -> None:
        seq = dotted(node.value) if isinstance(node.value, (cst.Name, cst.Attribute)) else None
        if seq is None or len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            return
        if not _middle_of(node.slice[0].slice.value, seq):
            return
        function = self.ctx.names.function
        named = function is not None and bool(set(name_tokens(function.name.value)) & _MEDIAN_WORDS)
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(parent, cst.Assign):
            named = named or any(isinstance(t.target, cst.Name) and set(name_tokens(t.target.value)) & _MEDIAN_WORDS
                                 for t in parent.targets)
        if not named:
            return
        scope_code = self.ctx.code(function) if function is not None else self.ctx.text
        if _sorted_in(seq, scope_code):
            return
        self.report(node, code=self.ctx.code(node), seq=seq)


def _middle_of(index: cst.BaseExpression, seq: str) -> bool:
    """`len(seq) // 2` or `int(len(seq) / 2)`."""
    if isinstance(index, cst.Call) and isinstance(index.func, cst.Name) and index.func.value == "int" and index.args:
        index = index.args[0].value
        operator = cst.Divide
    else:
        operator = cst.FloorDivide
    if not isinstance(index, cst.BinaryOperation) or not isinstance(index.operator, operator):
        return False
    if not (isinstance(index.right, cst.Integer) and index.right.value == "2"):
        return False
    left = index.left
    return (isinstance(left, cst.Call) and isinstance(left.func, cst.Name) and left.func.value == "len"
            and len(left.args) == 1 and isinstance(left.args[0].value, (cst.Name, cst.Attribute))
            and dotted(left.args[0].value) == seq)


def _sorted_in(seq: str, code: str) -> bool:
    name = re.escape(seq)
    return re.search(rf"\b{name}\s*\.\s*sort\s*\(|\b{name}\s*=\s*(\w+\.)*(sorted|sort|sort_values|argsort)\s*\("
                     rf"|sorted\(\s*{name}\b", code) is not None
