"""`words.unread_layers` of every module class, gathered during the shared walk (issue 12).

`unread_layers(node)` walks a class's whole subtree again from `visit_ClassDef`: for the classes of
a library's modeling files, nearly every node of the file a second time (about 2% of the file
phase). `LayerReads` rides the collector's walk (`CollectingRule.walkers`, just after the
collector) and sees the same nodes in the same order (the walk's and `iter_nodes`' pre-order, in
source order, decorators first), so each class gets the same answer at its `leave_ClassDef`; the
collector reads it only in `finish`. tests/test_evalmode_layers.py compares the two.
"""
from __future__ import annotations

from typing import Any

import libcst as cst

from hygiene.analysis.evalmode.builders import builds_mode_dependent
from hygiene.analysis.names import dotted

# A class that reaches its attributes by name or by listing: nothing is known to be unread.
_OPAQUE = ("getattr", "modules", "children", "named_modules", "named_children", "__getattr__")


class _Open:
    __slots__ = ("info", "opaque", "targets", "built", "calls", "reads")

    def __init__(self, info: Any) -> None:
        self.info = info
        self.opaque = False
        self.targets: set[int] = set()
        self.built: dict[str, list[str]] = {}
        self.calls: dict[str, int] = {}
        self.reads: set[str] = set()

    def result(self) -> set[str]:
        if self.opaque:
            return set()
        unread: dict[str, int] = {}
        for attr, names in self.built.items():
            if attr not in self.reads:
                for name in names:
                    unread[name] = unread.get(name, 0) + 1
        return {name for name, count in unread.items() if count == self.calls.get(name)}


class LayerReads:
    """Sets `unread` on each class the collector records with bases, when the walk leaves it."""

    def __init__(self, classes: list[Any], module: cst.Module | None = None) -> None:
        self.module = module  # to read the file's layer helpers (`builders`)
        # The collector's list of classes, not the collector: no reference cycle back to it, which
        # would keep the file's tree alive for the cycle collector (hygiene.gcpolicy).
        self.classes = classes
        self.walk_owner: object = None  # the collector's: an error here costs the same rule
        self.open: list[_Open] = []
        self.stack: list[_Open | None] = []  # one per class the walk is in

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        # The collector (walked just before) has recorded this class last.
        info = self.classes[-1]
        entry = _Open(info) if info.bases else None
        self.stack.append(entry)
        if entry is not None:
            self.open.append(entry)

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        entry = self.stack.pop()
        if entry is not None:
            self.open.pop()
            entry.info.unread = entry.result()

    def visit_Call(self, node: cst.Call) -> None:
        if not self.open:
            return
        func = node.func
        callee = dotted(func) if isinstance(func, (cst.Name, cst.Attribute)) else None
        if callee:
            last = callee.rsplit(".", 1)[-1]
            for entry in self.open:
                entry.calls[last] = entry.calls.get(last, 0) + 1
                if last in _OPAQUE:
                    entry.opaque = True

    def visit_Assign(self, node: cst.Assign) -> None:
        entry = self.stack[-1] if self.stack else None
        if entry is not None and builds_mode_dependent(self.module, node):
            entry.info.mode_dependent = True  # `self.enc = block(1, 8)`: a helper of the file builds batch norm
        value = node.value
        if not self.open or not isinstance(value, cst.Call) or not isinstance(value.func, (cst.Name, cst.Attribute)):
            return
        for t in node.targets:
            target = t.target
            if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) \
                    and target.value.value == "self":
                made = (dotted(value.func) or "").rsplit(".", 1)[-1]
                for entry in self.open:
                    entry.targets.add(id(target))
                    entry.built.setdefault(target.attr.value, []).append(made)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if not self.open or not isinstance(node.value, cst.Name) or node.value.value != "self":
            return
        for entry in self.open:
            if id(node) not in entry.targets:
                entry.reads.add(node.attr.value)
