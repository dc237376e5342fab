"""`isinstance` against libcst's node classes without `ABCMeta.__instancecheck__` (issue 12: cold CPU).

Every libcst node class derives from `CSTNode`, an `abc.ABC`, so its metaclass is `ABCMeta`: any
`isinstance(value, cst.Name)` that is not an exact match (and every check against a base such as
`cst.BaseExpression`) runs `ABCMeta.__instancecheck__`, a Python function around `_abc`'s cache, for
each call. The rules and analyses make millions of such checks per scan (5% of the file phase on a
sample of transformers' src/, py-spy). libcst registers no virtual subclass and defines no
`__subclasshook__`, so for its classes the ABC check answers exactly what `type`'s own does: the node
classes get a metaclass that is `type`'s (`_NodeMeta`), whose check runs in C. Abstract methods stay
enforced (`__abstractmethods__` is set when a class is made, not checked by the metaclass).

`hygiene.walk`, which every rule and the engine import, calls `adopt()` when it is imported; node classes made later (none in libcst) keep `ABCMeta`.
"""
from __future__ import annotations

import abc

import libcst as cst


class _NodeMeta(type):
    """A metaclass with `type`'s `isinstance` / `issubclass` (the layout of `ABCMeta`'s instances)."""


def _node_classes() -> list[type]:
    seen: dict[type, None] = {cst.CSTNode: None}
    stack = [cst.CSTNode]
    while stack:
        for sub in stack.pop().__subclasses__():
            if sub not in seen:
                seen[sub] = None
                stack.append(sub)
    return list(seen)


def adopt() -> int:
    """Give libcst's node classes `_NodeMeta` (those whose metaclass is exactly `ABCMeta` and that
    no class registered to); the number changed."""
    dump = getattr(abc, "_get_dump", None)  # C `_abc`'s registry of a class (absent under `_py_abc`)
    changed = 0
    for cls in _node_classes():
        if type(cls) is abc.ABCMeta and dump is not None and not dump(cls)[0]:  # no virtual subclass registered
            cls.__class__ = _NodeMeta
            changed += 1
    return changed

