"""DATA051: k positions of a mask set from `randint` draws, which repeat, so fewer than k are set."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook

_DRAWS = frozenset({"numpy.random.randint", "numpy.random.random_integers", "torch.randint"})
_GENERATOR_DRAWS = ("integers",)  # np.random.default_rng().integers


def _constant(expr: cst.BaseExpression) -> bool:
    if isinstance(expr, cst.Name):
        return expr.value in ("True", "False")
    return isinstance(expr, (cst.Integer, cst.Float))


class MaskFromDrawsWithReplacement(Rule):
    """
    ## What it does
    Finds positions of an array set to a constant at indices drawn with `randint`:
    `idxs_lb[np.random.randint(0, n_pool, NUM_INIT_LB)] = True` (also `torch.randint`, a
    generator's `rng.integers`, and indices drawn into a variable first). The draws repeat, so
    the mask holds fewer than the requested number of positions. A draw without replacement
    (`np.random.choice(n, k, replace=False)`, `np.random.permutation(n)[:k]`, `torch.randperm`)
    and a bootstrap that reads rows at `randint` indices are left alone.

    ## Why is this bad?
    The labelled pool, the training subset or the corrupted entries are fewer than the number the
    run and the paper state (about 5% fewer when 100 of 2,000 are drawn, more as k grows toward
    n), and the count differs with the seed. Learning curves start from an uncounted smaller set.

    ## Example
        idxs_lb = np.zeros(n_pool, dtype=bool)
        idxs_lb[np.random.randint(0, n_pool, NUM_INIT_LB)] = True

    Use instead:
        idxs_lb[np.random.choice(n_pool, NUM_INIT_LB, replace=False)] = True
    """

    code = "DATA051"
    category = "DATA-DROP"
    severity = Severity.WARNING
    message = ("`{code}` sets positions drawn with `{draw}`, which repeat: fewer than the requested number of "
               "positions are set, and how many differs from run to run")
    question = "Should the positions set by `{code}` at {where} be distinct (a draw without replacement)?"
    triggers = ("randint", "integers")
    examples = [
        invalid("""
            import numpy as np
            idxs_lb = np.zeros(n_pool, dtype=bool)
            idxs_lb[np.random.randint(0, n_pool, NUM_INIT_LB)] = True  # expect: DATA051
        """),
        invalid("""
            import torch

            def corrupt(labels, k):
                flip = torch.randint(0, labels.numel(), (k,))
                mask = torch.zeros_like(labels, dtype=torch.bool)
                mask[flip] = True  # expect: DATA051
                return mask
        """),
        valid("""
            import numpy as np
            idxs_lb[np.random.choice(n_pool, NUM_INIT_LB, replace=False)] = True
            idxs_lb[np.random.permutation(n_pool)[:NUM_INIT_LB]] = True
            boot = X[np.random.randint(0, n, n)]
            i = np.random.randint(0, n)
            x[i] = 0
            counts[np.random.randint(0, n, k)] += 1
        """, note="without replacement, a bootstrap read, one draw, or a count"),
        invalid({"active_learning.ipynb": notebook(
            """
            import numpy as np
            n_pool = len(X_pool)
            labelled = np.zeros(n_pool, dtype=bool)
            """,
            """
            seed_idx = np.random.randint(0, n_pool, 100)
            labelled[seed_idx] = True  # expect: DATA051
            """,
            """
            clf.fit(X_pool[labelled], y_pool[labelled])
            """,
        )}, note="notebook: the indices drawn into a variable, the mask set in the same cell, trained on in the next"),
        valid({"active_learning.ipynb": notebook(
            """
            import numpy as np
            n_pool = len(X_pool)
            labelled = np.zeros(n_pool, dtype=bool)
            """,
            """
            seed_idx = np.random.choice(n_pool, 100, replace=False)
            labelled[seed_idx] = True
            """,
            """
            clf.fit(X_pool[labelled], y_pool[labelled])
            """,
        )}, note="near miss: drawn without replacement"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._drawn: list[dict[str, str]] = [{}]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._drawn.append({})

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._drawn.pop()

    def _draw(self, expr: cst.BaseExpression) -> str | None:
        """The drawing function when `expr` draws several integers with replacement."""
        if not isinstance(expr, cst.Call):
            return None
        name = self.qualified_name(expr.func) or ""
        if name in _DRAWS:
            positional = [a for a in expr.args if a.keyword is None]
            sized = len(positional) >= 3 or any(a.keyword and a.keyword.value == "size" for a in expr.args)
            if name == "torch.randint":
                sized = len(positional) >= 2 or any(a.keyword and a.keyword.value == "size" for a in expr.args)
            return name.replace("numpy", "np") if sized else None
        if isinstance(expr.func, cst.Attribute) and expr.func.attr.value in _GENERATOR_DRAWS:
            positional = [a for a in expr.args if a.keyword is None]
            if len(positional) >= 3 or any(a.keyword and a.keyword.value == "size" for a in expr.args):
                return self.ctx.code(expr.func)
        return None

    def visit_Assign(self, node: cst.Assign) -> None:
        draw = self._draw(node.value)
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                scope = self._drawn[-1]
                if draw is not None:
                    scope[target.target.value] = draw
                else:
                    scope.pop(target.target.value, None)
            elif isinstance(target.target, cst.Subscript) and _constant(node.value):
                self._check(node, target.target)

    def _check(self, node: cst.Assign, target: cst.Subscript) -> None:
        if len(target.slice) != 1 or not isinstance(target.slice[0].slice, cst.Index):
            return
        index = target.slice[0].slice.value
        draw = self._draw(index)
        if draw is None and isinstance(index, cst.Name):
            draw = self._drawn[-1].get(index.value)
        if draw is not None:
            self.report(node, code=" ".join(self.ctx.code(node).split()), draw=draw)
