"""JAX model calls: haiku's `net.apply(params, x)` and flax's `model.apply({"params": p}, x)` /
`state.apply_fn(...)` run the network on what they are given; outside a `jax.vmap` that is a batch."""
from __future__ import annotations

import re
from typing import Any

import libcst as cst

from hygiene.analysis.names import dotted
from hygiene.analysis.strings import string_value


def batch_apply(ctx: Any, first: cst.BaseExpression | None) -> bool:
    """An `apply` given the parameters first (`params`, `state.params`, `{"params": p}`), outside any function
    mapped over examples: its output has a row per example."""
    return _params(first) and not _per_example(ctx)


def _params(first: cst.BaseExpression | None) -> bool:
    if isinstance(first, cst.Dict):
        return any(isinstance(e, cst.DictElement) and string_value(e.key) == "params" for e in first.elements)
    text = dotted(first) if isinstance(first, (cst.Name, cst.Attribute)) else None
    return bool(text) and bool(re.search(r"(?i)param|variables", text.rsplit(".", 1)[-1]))


def _per_example(ctx: Any) -> bool:
    """Is the walk inside a function mapped over examples (`jax.vmap(f)`, `@jax.vmap`, a lambda given to vmap)?"""
    for parent in getattr(ctx, "parents", []) or []:
        if isinstance(parent, cst.FunctionDef) and (
                re.search(rf"vmap\(\s*{re.escape(parent.name.value)}\b", ctx.text)
                or any("vmap" in ctx.code(d.decorator) for d in parent.decorators)):
            return True
        if isinstance(parent, cst.Call) and "vmap" in ctx.code(parent.func):
            return True
    return False


def mapped_apply(code: str) -> bool:
    """`jax.vmap(lambda x: model.apply(params, x))`, `jax.jit(jax.vmap(net.apply, in_axes=(None, 0)))`: a network
    mapped over the examples of a batch; calling it gives a row per example."""
    return bool(re.search(r"\bvmap\(", code)) and bool(re.search(r"\.apply(_fn)?\b", code))

