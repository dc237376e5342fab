"""DATA055: an index set replaced by a draw of its own size from itself, with replacement."""
from __future__ import annotations

import libcst as cst

from hygiene.context import FileContext
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid, notebook
from hygiene.walk import iter_nodes

_CHOICE = frozenset({"numpy.random.choice", "random.choices"})


def _name(expr: cst.BaseExpression | None) -> str | None:
    return expr.value if isinstance(expr, cst.Name) else None


class IndexSetRedrawnWithReplacement(Rule):
    """
    ## What it does
    Finds a variable re-assigned from draws of its own size out of itself with replacement:
    `labeled_idx = np.hstack([np.random.choice(labeled_idx, len(labeled_idx)) for _ in range(m)])`
    (also `idx = np.random.choice(idx, len(idx))`, a generator's `rng.choice`, `random.choices(idx,
    k=len(idx))`). Drawing n of n with replacement is not a shuffle: about a third of the items are
    left out and others repeat. A draw with `replace=False`, `np.random.permutation`, and a
    bootstrap kept in another variable (`boot = np.random.choice(scores, len(scores))`) are left alone.

    ## Why is this bad?
    The set the run trains or evaluates on is not the one it names: a "4000 labels" semi-supervised
    run sees about 2,500 distinct labelled examples, a "shuffled" pool loses a third of its items,
    and the count changes with the seed.

    ## Example
        labeled_idx = np.hstack([np.random.choice(labeled_idx, len(labeled_idx)) for _ in range(expand)])

    Use instead:
        labeled_idx = np.hstack([np.random.choice(labeled_idx, len(labeled_idx), replace=False)
                                 for _ in range(expand)])
    """

    code = "DATA055"
    category = "DATA-DROP"
    severity = Severity.WARNING
    message = ("`{draw}` redraws `{name}` from itself at its own size with replacement: about a third of its items "
               "are dropped and others repeat, so `{name}` is no longer the set it names")
    question = "Was `{draw}` at {where} meant as a shuffle of `{name}` (`replace=False` or a permutation)?"
    triggers = ("choice",)
    examples = [
        invalid("""
            import numpy as np

            def x_u_split(labels, num_labeled, num_expand_x):
                labeled_idx = np.array(range(len(labels)))[:num_labeled]
                exapand_labeled = num_expand_x // len(labeled_idx)
                labeled_idx = np.hstack(
                    [np.random.choice(labeled_idx, len(labeled_idx)) for _ in range(exapand_labeled)])  # expect: DATA055
                return labeled_idx
        """),
        invalid("""
            import random
            pool = list(range(n))
            pool = random.choices(pool, k=len(pool))  # expect: DATA055
        """),
        invalid("""
            import numpy as np

            class SplitMaker:
                def make(self, targets, n_lab, steps, batch):
                    rng = np.random.default_rng(0)
                    lab = np.flatnonzero(np.arange(len(targets)) < n_lab)
                    unl = np.arange(len(targets))
                    reps = max(1, steps * batch // len(lab))
                    lab = np.concatenate([rng.choice(lab, len(lab)) for _ in range(reps)])  # expect: DATA055
                    unl = np.concatenate([rng.choice(unl, len(unl)) for _ in range(reps)])
                    return lab, unl
        """, note="one decision: two index sets of one function redrawn the same way; one finding at the first, "
                  "the second named as related (realbugs5 FixMatch reported twice)"),
        valid("""
            import numpy as np
            labeled_idx = np.hstack([np.random.choice(labeled_idx, len(labeled_idx), replace=False) for _ in range(4)])
            idx = np.random.permutation(idx)
            boot = np.random.choice(scores, len(scores))
            idx = np.random.choice(idx, 100)
        """, note="without replacement, a permutation, a bootstrap in another variable, or a subset size"),
        invalid({"ssl_split.ipynb": notebook(
            """
            import numpy as np
            labeled_idx = np.arange(len(labels))[:num_labeled]
            """,
            """
            labeled_idx = np.random.choice(labeled_idx, len(labeled_idx))  # expect: DATA055
            """,
        )}, note="notebook: the index set in one cell, redrawn of its own size with replacement in the next"),
        valid({"ssl_split.ipynb": notebook(
            """
            import numpy as np
            labeled_idx = np.arange(len(labels))[:num_labeled]
            """,
            """
            labeled_idx = np.random.permutation(labeled_idx)
            """,
        )}, note="near miss: a permutation"),
    ]

    def __init__(self, ctx: FileContext) -> None:
        super().__init__(ctx)
        self.draws: dict[str, list[tuple[cst.Call, str]]] = {}

    def _self_draw(self, call: cst.Call, name: str) -> bool:
        """True when `call` draws len(name) items out of `name` with replacement."""
        qualified = self.qualified_name(call.func) or ""
        generator = isinstance(call.func, cst.Attribute) and call.func.attr.value == "choice" and "random.choice" not in qualified
        if qualified not in _CHOICE and not generator:
            return False
        positional = [a.value for a in call.args if a.keyword is None]
        keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
        if not positional or _name(positional[0]) != name:
            return False
        replace = keywords.get("replace")
        if replace is not None and not (isinstance(replace, cst.Name) and replace.value == "True"):
            return False
        size = keywords.get("k" if qualified == "random.choices" else "size")
        if size is None and len(positional) > 1 and qualified != "random.choices":
            size = positional[1]
        return (isinstance(size, cst.Call) and _name(size.func) == "len" and len(size.args) == 1
                and _name(size.args[0].value) == name)

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        name = _name(node.targets[0].target)
        if name is None:
            return
        for sub in iter_nodes(node.value):
            if isinstance(sub, cst.Call) and self._self_draw(sub, name):
                # One function redrawing several index sets (labelled and unlabelled) is one decision.
                scope = self.ctx.scope_of(node)
                self.draws.setdefault(scope, []).append((sub, name))
                return

    def finish(self) -> None:
        for draws in self.draws.values():
            (sub, name), others = draws[0], draws[1:]
            self.report(sub, draw=" ".join(self.ctx.code(sub).split())[:80], name=name,
                        related=[Location(self.ctx.path, self.ctx.line_of(o), f"`{n}` redrawn the same way")
                                 for o, n in others])
