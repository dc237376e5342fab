"""DATA046: a filter comprehension whose condition tests the whole collection, not the item."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook
from hygiene.walk import iter_nodes

_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)


class FilterTestsWholeCollection(Rule):
    """
    ## What it does
    Finds a comprehension that filters a collection with a condition that reads the collection
    itself and never the loop variable: `[s for s in samples if self._keep_sample(samples)]`,
    `{k: v for k, v in rows.items() if valid(rows)}`. The condition must name the very expression
    the comprehension iterates (or the variable it is an attribute or method of) and none of the
    names the loop binds. A condition on something else entirely (`if args.verbose`) is a switch,
    not this slip, and is left alone.

    ## Why is this bad?
    The condition is the same for every item, so the filter keeps every item or none: the rows it
    was written to exclude (other languages, too-long audio, items without a label) are scored
    with the rest, or the data set silently becomes empty. The numbers look ordinary either way,
    and the count printed afterwards is the count of the whole set.

    ## Example
        samples = [s for s in samples if self._keep_sample(samples)]

    Use instead:
        samples = [s for s in samples if self._keep_sample(s)]
    """

    code = "DATA046"
    category = "DATA-DROP"
    severity = Severity.ERROR
    message = ("the filter `{condition}` tests `{collection}`, the whole collection, not `{item}`: "
               "it keeps every item or none")
    question = "Should the condition at {where} test each `{item}` rather than `{collection}`?"
    examples = [
        invalid("""
            class AudioTask:
                def _keep_sample(self, sample):
                    return sample["language"] == self.language

                def run(self, samples):
                    samples = [s for s in samples if self._keep_sample(samples)]  # expect: DATA046
                    return self.score_all(samples)
        """),
        invalid("""
            def usable(rows):
                return {rid: row for rid, row in rows.items() if is_labelled(rows)}  # expect: DATA046
        """, note="a dict comprehension over `.items()` testing the dict"),
        invalid("""
            kept = list(x for x in batch.texts if len(batch.texts) < max_len)  # expect: DATA046
        """, note="a generator over an attribute, the condition on the same attribute"),
        valid("""
            samples = [s for s in samples if self._keep_sample(s)]
            rows = {rid: row for rid, row in rows.items() if is_labelled(row)}
        """, note="each item tested"),
        valid("""
            shown = [x for x in results if args.verbose]
            ready = [s for s in samples if self.samples_loaded]
            tail = [x for x in items if x not in items[:10]]
            firsts = [g for g in groups if g is groups[0] or len(g) > 1]
        """, note="near miss: a switch on something else; conditions that read the item too"),
        valid("""
            pairs = [(a, b) for a in words for b in words if a != b]
            nested = [cell for row in table for cell in row if table.ok(cell)]
        """, note="the loop variable is read"),
        invalid({
            "asr/filters.py": '''
                MAX_SECONDS = 30.0

                def short_enough(clip):
                    return clip["duration"] <= MAX_SECONDS
            ''',
            "asr/evaluate.py": '''
                from asr.filters import short_enough

                def evaluate(model, clips):
                    kept = [c for c in clips if short_enough(clips)]  # expect: DATA046
                    return sum(model.wer(c) for c in kept) / len(kept)
            ''',
        }, note="across modules: the predicate imported from another module, handed the whole list"),
        valid({
            "asr/filters.py": '''
                MAX_SECONDS = 30.0

                def short_enough(clip):
                    return clip["duration"] <= MAX_SECONDS
            ''',
            "asr/evaluate.py": '''
                from asr.filters import short_enough

                def evaluate(model, clips):
                    kept = [c for c in clips if short_enough(c)]
                    return sum(model.wer(c) for c in kept) / len(kept)
            ''',
        }, note="near miss: the same layout, each clip tested"),
        invalid({"filter.ipynb": notebook(
            """
            import json
            items = [json.loads(line) for line in open("eval.jsonl")]
            def has_label(item):
                return item.get("label") is not None
            """,
            """
            items = [it for it in items if has_label(items)]  # expect: DATA046
            len(items)
            """,
        )}, note="notebook: the items and the predicate in one cell, the filter in the next tests the list"),
        valid({"filter.ipynb": notebook(
            """
            import json
            items = [json.loads(line) for line in open("eval.jsonl")]
            def has_label(item):
                return item.get("label") is not None
            """,
            """
            items = [it for it in items if has_label(it)]
            len(items)
            """,
        )}, note="near miss: each item tested"),
    ]

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._check(node)

    def visit_SetComp(self, node: cst.SetComp) -> None:
        self._check(node)

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._check(node)

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self._check(node)

    def _check(self, node: cst.CSTNode) -> None:
        bound: set[str] = set()
        loops = []
        clause = node.for_in
        while clause is not None:
            bound |= {n.value for n in iter_nodes(clause.target) if isinstance(n, cst.Name)}
            loops.append(clause)
            clause = clause.inner_for_in
        for loop in loops:
            collection = _collection(loop.iter)
            if collection is None:
                continue
            for test in loop.ifs:
                condition = test.test
                names = {n.value for n in iter_nodes(condition) if isinstance(n, cst.Name)}
                if names & bound or not _mentions(condition, collection, self.ctx.code):
                    continue
                code = " ".join(self.ctx.code(condition).split())
                item = " ".join(self.ctx.code(loop.target).split())
                self.report(condition, condition=code, collection=self.ctx.code(collection), item=item)
                return


def _collection(iterated: cst.BaseExpression) -> cst.BaseExpression | None:
    """What the loop walks: `samples`, `batch.texts`; `rows.items()` and the like walk `rows`."""
    if (isinstance(iterated, cst.Call) and isinstance(iterated.func, cst.Attribute)
            and iterated.func.attr.value in {"items", "keys", "values"} and not iterated.args):
        iterated = iterated.func.value
    if isinstance(iterated, (cst.Name, cst.Attribute)):
        return iterated
    return None


def _mentions(condition: cst.BaseExpression, collection: cst.BaseExpression, code) -> bool:
    """The condition reads the collection whole: the same expression, not a subscript or a call on it."""
    wanted = code(collection)
    nodes = list(iter_nodes(condition))
    attrs = {id(n.attr) for n in nodes if isinstance(n, cst.Attribute)}  # `self.samples`: not `samples`
    return any(isinstance(n, (cst.Name, cst.Attribute)) and id(n) not in attrs and code(n) == wanted for n in nodes)
