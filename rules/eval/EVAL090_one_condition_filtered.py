"""EVAL090: two conditions run by one function, the results of one filtered before both are averaged."""
from __future__ import annotations

import builtins

import libcst as cst

from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid


def _runner(value: cst.BaseExpression) -> cst.Call | None:
    """`run(SYSTEM, items)` (a call of a plain function name), else None. A builtin (`list(d.values())`,
    `sorted(xs)`) copies or orders a collection, it runs no condition (held-out set 28)."""
    if isinstance(value, cst.Await):
        value = value.expression
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.args \
            and value.func.value not in _BUILTINS:
        return value
    return None


_BUILTINS = frozenset(dir(builtins))


def _filtered(value: cst.BaseExpression) -> tuple[cst.BaseExpression, cst.ListComp] | None:
    """`[r for r in <source> if <test>]` with a single `for` and a test: (the source, the comprehension)."""
    if isinstance(value, cst.ListComp) and value.for_in.inner_for_in is None and value.for_in.ifs \
            and isinstance(value.elt, cst.Name) and isinstance(value.for_in.target, cst.Name) \
            and value.elt.value == value.for_in.target.value:
        return value.for_in.iter, value
    return None


class OneConditionFiltered(Rule):
    """
    ## What it does
    Finds two conditions run by the same function of the file with different arguments
    (`neutral = run(NEUTRAL, items)`, `sandbag = run(SANDBAG, items)`), where the results of one
    are filtered by a comprehension (`[r for r in run(SANDBAG, items) if r["answer"] is not None]`)
    and the other's are not, and both are then averaged over their own length (`sum(...) /
    len(...)`): the two numbers are over different items. A builtin (`list(d.values())`) runs no condition.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `b = [r for r in run(B, items) if r["answer"] is not None]` beside `a = run(A, items)`, both `sum(...)/len(...)` | yes | both filtered the same way, or neither |
    | the filter on a name bound to the call (`raw = run(B, items)`, `b = [r for r in raw if ...]`) | yes | one condition only |

    ## Why is this bad?
    The filtered condition is scored only on the items that survived the filter (those answered,
    parsed, not refused), usually the easier ones; the other condition keeps them all. The
    difference between the two numbers mixes the effect being measured with the items dropped,
    and nothing in the output says how many those were.

    ## Example
        neutral = run(NEUTRAL, items)
        sandbag = [r for r in run(SANDBAG, items) if r["answer"] is not None]

    Use instead:
        neutral, sandbag = run(NEUTRAL, items), run(SANDBAG, items)   # an unanswered item is wrong in both
    """

    code = "EVAL090"
    category = "EVAL-MISMATCH"
    severity = Severity.WARNING
    message = ("`{filtered}` keeps only the results of `{runner}({arg})` that pass `{test}`, while `{other}` (the same "
               "function for another condition) keeps them all, and both are averaged over their own length: the two "
               "conditions are scored on different items")
    question = "Are `{filtered}` and `{other}` averaged over the same items?"
    triggers = (" if ",)
    examples = [
        invalid("""
            def run(system, items):
                return [{"answer": ask(system, it["q"]), "gold": it["a"]} for it in items]

            neutral = run("Answer.", items)
            hinted = [r for r in run("Answer. Hint: think.", items) if r["answer"] is not None]  # expect: EVAL090
            acc_n = sum(r["answer"] == r["gold"] for r in neutral) / len(neutral)
            acc_h = sum(r["answer"] == r["gold"] for r in hinted) / len(hinted)
            print(acc_h - acc_n)
        """, note="lead probe 3: one condition's unanswered items dropped, the other's kept"),
        valid("""
            def run(system, items):
                return [{"answer": ask(system, it["q"]), "gold": it["a"]} for it in items]

            neutral = [r for r in run("Answer.", items) if r["answer"] is not None]
            hinted = [r for r in run("Answer. Hint: think.", items) if r["answer"] is not None]
            acc_n = sum(r["answer"] == r["gold"] for r in neutral) / len(neutral)
            acc_h = sum(r["answer"] == r["gold"] for r in hinted) / len(hinted)
            print(acc_h - acc_n, len(neutral), len(hinted))
        """, note="near miss: both conditions filtered the same way (and the counts printed)"),
        valid("""
            def update(self, user):
                friends = list(self.joint[user].keys())
                pick = choice(friends) if len(friends) > 0 else None
                close = [s for s in list(self.similarity[user].values()) if s >= self.threshold[user]]
                self.avg_sim[user] = self.threshold[user] if len(close) == 0 else sum(close) / len(close)
                return pick
        """, note="near miss (held-out 28): `list(...)` twice is no function running two conditions; the mean "
                  "similarity above a learned threshold is the training algorithm's own quantity"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._runs: dict[str, cst.Call] = {}  # name -> the runner call it holds
        self._filters: dict[str, tuple[cst.Call, cst.ListComp, cst.Assign]] = {}  # name -> (runner call, comp, where)

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        name = node.targets[0].target.value
        call = _runner(node.value)
        if call is not None:
            self._runs[name] = call
            return
        found = _filtered(node.value)
        if found is None:
            return
        source, comp = found
        call = _runner(source) or (self._runs.get(source.value) if isinstance(source, cst.Name) else None)
        if call is not None:
            self._filters[name] = (call, comp, node)

    def finish(self) -> None:
        if not self._filters:
            return
        text = self.ctx.text
        for name, (call, comp, at) in self._filters.items():
            runner = call.func.value  # type: ignore[union-attr]
            others = [n for n, c in self._runs.items() if c.func.value == runner and c is not call  # type: ignore[union-attr]
                      and self.ctx.code(c) != self.ctx.code(call) and n not in self._filters
                      and not any(src is c for src, _, _ in self._filters.values())]
            other = next((n for n in others if f"len({n})" in text), None)
            if other is None or f"len({name})" not in text:
                continue
            self.report(at, filtered=name, runner=runner, arg=self.ctx.code(call.args[0].value)[:30],
                        test=self.ctx.code(comp.for_in.ifs[0].test)[:50], other=other)
