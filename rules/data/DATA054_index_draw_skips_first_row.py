"""DATA054: rows drawn by index from 1 to n of an array indexed from 0, so its first row is never drawn."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook

# Draws whose first two positional arguments are the bounds, and draws from a population argument.
_BOUNDED = frozenset({"numpy.random.randint", "torch.randint", "random.randrange", "random.randint"})
_FROM_POPULATION = frozenset({"random.sample", "random.choices", "random.choice", "numpy.random.choice",
                              "numpy.random.permutation"})
_RANGES = frozenset({"range", "builtins.range", "numpy.arange"})


def _is_one(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Integer) and expr.value == "1"


class IndexDrawSkipsFirstRow(Rule):
    """
    ## What it does
    Finds row indices drawn from 1 up to the number of rows of an array and then used to index
    that array: `n = x_all.shape[0]` and `I = random.sample(range(1, n), batch_size)` followed by
    `x_all[I, :]` (also `np.random.choice(range(1, n))`, `np.arange(1, n)`, `np.random.randint(1,
    n, size)`, `torch.randint(1, n, ...)`, `random.randrange(1, n)`, and `len(x)` for the size).
    Python arrays start at 0, so row 0 is never drawn. Draws from 0, draws whose bound is not the
    size of the array they index (item ids where 0 is padding), and indices that never index the
    sized array are left alone.

    ## Why is this bad?
    One unit (often the first subject, the first treated example) is silently never trained on or
    never evaluated, and the minibatch statistics differ from those of the data the paper
    describes; with small n the skipped row can matter.

    ## Example
        n = x_all.shape[0]
        I = random.sample(range(1, n), batch_size)
        x_batch = x_all[I, :]

    Use instead:
        I = random.sample(range(n), batch_size)
    """

    code = "DATA054"
    category = "DATA-DROP"
    severity = Severity.WARNING
    message = ("`{draw}` draws indices from 1 to the number of rows of `{array}`, which `{use}` indexes from 0: row 0 "
               "is never drawn")
    question = "Should the draw at {where} include row 0 of `{array}` (start the range at 0)?"
    triggers = ("(1,",)
    examples = [
        invalid("""
            import random

            def train(x_all, t_all, y_f_all, batch_size, iterations):
                n = x_all.shape[0]
                for i in range(iterations):
                    I = random.sample(range(1, n), batch_size)  # expect: DATA054
                    x_batch = x_all[I, :]
                    t_batch = t_all[I]
        """),
        invalid("""
            import numpy as np
            idx = np.random.randint(1, len(features), 64)  # expect: DATA054
            batch = features[idx]
        """),
        valid("""
            import random
            import numpy as np
            import torch
            n = x_all.shape[0]
            I = random.sample(range(n), batch_size)
            x_batch = x_all[I, :]
            n_items = len(item_map)
            neg = torch.randint(1, n_items, (256,))
            emb = item_embedding[neg]
            k = np.random.randint(1, len(sizes))
            steps = random.sample(range(1, n), 5)
        """, note="from 0, a bound that sizes another array, a count, or an index never used on the array"),
        invalid({"bootstrap.ipynb": notebook(
            """
            import numpy as np
            X = np.load("features.npy")
            n = X.shape[0]
            """,
            """
            idx = np.random.randint(1, n, size=256)  # expect: DATA054
            batch = X[idx]
            """,
        )}, note="notebook: the size in one cell, the draw from 1 and the indexing in the next"),
        valid({"bootstrap.ipynb": notebook(
            """
            import numpy as np
            X = np.load("features.npy")
            n = X.shape[0]
            """,
            """
            idx = np.random.randint(0, n, size=256)
            batch = X[idx]
            """,
        )}, note="near miss: drawn from 0"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._scopes: list[tuple[dict[str, str], dict[str, tuple[cst.CSTNode, str, str]]]] = [({}, {})]
        self._reported: set[int] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scopes.append(({}, {}))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._scopes.pop()

    def _size_of(self, expr: cst.BaseExpression) -> str | None:
        """`A` when `expr` is `A.shape[0]`, `len(A)` or a name assigned one of them."""
        if isinstance(expr, cst.Name):
            return self._scopes[-1][0].get(expr.value)
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "len" \
                and len(expr.args) == 1 and isinstance(expr.args[0].value, cst.Name):
            return expr.args[0].value.value
        if (isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index)
                and isinstance(expr.slice[0].slice.value, cst.Integer) and expr.slice[0].slice.value.value == "0"
                and isinstance(expr.value, cst.Attribute) and expr.value.attr.value == "shape"
                and isinstance(expr.value.value, cst.Name)):
            return expr.value.value.value
        return None

    def _draw(self, expr: cst.BaseExpression) -> str | None:
        """The sized array when `expr` draws indices from 1 to its size."""
        if not isinstance(expr, cst.Call):
            return None
        name = (self.qualified_name(expr.func) or "").removeprefix("builtins.")
        positional = [a.value for a in expr.args if a.keyword is None]
        if name in _BOUNDED and len(positional) >= 2 and _is_one(positional[0]):
            return self._size_of(positional[1])
        if name in _FROM_POPULATION and positional and isinstance(positional[0], cst.Call):
            population = positional[0]
            kind = (self.qualified_name(population.func) or "").removeprefix("builtins.")
            bounds = [a.value for a in population.args if a.keyword is None]
            if kind in _RANGES and len(bounds) == 2 and _is_one(bounds[0]):
                return self._size_of(bounds[1])
        return None

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        name = node.targets[0].target.value
        sizes, drawn = self._scopes[-1]
        size = self._size_of(node.value) if not isinstance(node.value, cst.Name) else None
        if size is not None:
            sizes[name] = size
        else:
            sizes.pop(name, None)
        array = self._draw(node.value)
        if array is not None:
            drawn[name] = (node.value, array, self.ctx.code(node.value))
        else:
            drawn.pop(name, None)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if not node.slice or not isinstance(node.slice[0].slice, cst.Index) or not isinstance(node.value, cst.Name):
            return
        index = node.slice[0].slice.value
        if isinstance(index, cst.Name):
            found = self._scopes[-1][1].get(index.value)
        else:
            array = self._draw(index)
            found = (index, array, self.ctx.code(index)) if array is not None else None
        if found is None or found[1] != node.value.value:
            return
        draw, array, code = found
        line = self.ctx.line_of(draw)
        if line in self._reported:
            return
        self._reported.add(line)
        self.report(draw, draw=" ".join(code.split())[:80], array=array,
                    use=" ".join(self.ctx.code(node).split())[:60])
