"""`isinstance` against libcst's node classes at C speed (issue 12: cold CPU).

libcst's nodes derive from `abc.ABC`, so `isinstance(node, cst.Name)` runs
`ABCMeta.__instancecheck__`, a Python-level call, whenever the node is not exactly a `Name`: about
6 million calls on the 143k-line subtree of transformers, some 6% of the file phase. No libcst class
is registered as a virtual subclass or defines `__subclasshook__`, so what ABCMeta adds to the
check is the cost only: the answer is the class hierarchy's either way. `plain_metaclass` gives
every ABC of libcst's node hierarchy a metaclass that is `type` plus nothing (`__class__`
assignment: same layout), whose instance check is `type`'s own, in C.

What stays: abstract classes still cannot be instantiated (that flag is on the class, set when
ABCMeta made it); what goes: `register` on these classes, which nothing calls. Applied once, by the
command line at start (`hygiene.cli.main`, as `hygiene.gcpolicy.tune`), so a program that imports
hygiene as a library keeps libcst as it was; `tests/test_parsing_python.py` compares every pair of node
classes' subclass relation and instance checks before and after.
"""
from __future__ import annotations

import abc

import libcst as cst


class NodeMeta(type):
    """`type` with ABCMeta's layout: the metaclass libcst's abstract node classes are given."""


def node_classes() -> list[type]:
    """`cst.CSTNode` and every class under it."""
    seen: dict[type, None] = {}
    stack: list[type] = [cst.CSTNode]
    while stack:
        cls = stack.pop()
        if cls not in seen:
            seen[cls] = None
            stack.extend(cls.__subclasses__())
    return list(seen)


def plain_metaclass() -> int:
    """Give libcst's node classes the plain metaclass, unless a class has a virtual subclass or a
    `__subclasshook__` (then ABCMeta's answer could differ); the number of classes changed."""
    registry = getattr(abc, "_get_dump", None)  # the C `_abc`'s view of a class's registry
    classes = node_classes()
    if registry is None or any("__subclasshook__" in vars(c) or (type(c) is abc.ABCMeta and registry(c)[0])
                               for c in classes):
        return 0
    changed = 0
    for cls in classes:
        if type(cls) is abc.ABCMeta:
            cls.__class__ = NodeMeta
            changed += 1
    return changed
