"""A loop over a literal collection of classes or functions (`for name, Algo in {"ppo": PPO, "a2c": A2C}.items():`,
`for Model in (RandomForest, SVC):`): the loop variable is each of them in turn, so its calls are read as calls
of the first (`hygiene.analysis.randomness`)."""
from __future__ import annotations

from collections.abc import Callable

import libcst as cst


def looped_class(loop: cst.For, qualify: Callable[[cst.CSTNode], str | None]) -> tuple[str, str] | None:
    """(the loop variable, the qualified name of the collection's first item), or None."""
    found = _looped_callables(loop)
    if found is None:
        return None
    qualified = qualify(found[1])
    return (found[0], qualified) if qualified else None


def _looped_callables(loop: cst.For) -> tuple[str, cst.BaseExpression] | None:
    """(the loop variable, the first item) when a loop runs over a literal collection of names or dotted
    names (`(PPO, A2C)`, `{"ppo": PPO}.items()` / `.values()`): a loop over algorithms or models to compare."""
    it, target = loop.iter, loop.target
    items: list[cst.BaseExpression] = []
    if isinstance(it, cst.Call) and isinstance(it.func, cst.Attribute) and isinstance(it.func.value, cst.Dict) \
            and it.func.attr.value in ("items", "values") and not it.args:
        items = [e.value for e in it.func.value.elements if isinstance(e, cst.DictElement)]
        if it.func.attr.value == "items":
            if not (isinstance(target, cst.Tuple) and len(target.elements) == 2):
                return None
            target = target.elements[1].value
    elif isinstance(it, (cst.List, cst.Tuple)):
        items = [e.value for e in it.elements if isinstance(e, cst.Element)]
    if not items or not isinstance(target, cst.Name) or not all(isinstance(i, (cst.Name, cst.Attribute)) for i in items):
        return None
    return target.value, items[0]
