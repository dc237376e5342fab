"""Dispatch tables of factories: `LOADERS = {"open_clip": load_open_clip, "ja_clip": load_ja}` at module
level, `load = LOADERS[kind]` in a function, then `return load(...)`. The call may run any of the
table's functions; it is recorded as one constructor naming them all (`a|b`), which
`hygiene.analysis.evalmode.factory.factory_made` resolves one by one."""
from __future__ import annotations

from typing import Any

import libcst as cst

SEPARATOR = "|"


def note_table(collector: Any, target: str, value: cst.BaseExpression) -> None:
    """Record a module-level dict of two or more functions, and a name bound to one of its entries."""
    tables: dict[str, list[str]] = collector.__dict__.setdefault("_dispatch_tables", {})
    picked: dict[tuple[int, str], list[str]] = collector.__dict__.setdefault("_dispatch_picked", {})
    if isinstance(value, cst.Dict) and collector.frame.name == "<module>":
        names = []
        for element in value.elements:
            if not isinstance(element, cst.DictElement) or not isinstance(element.value, (cst.Name, cst.Attribute)):
                return
            name = collector._qualified(element.value)
            if not name or "()" in name:
                return
            names.append(name)
        if len(names) >= 2:
            tables[target] = names
    elif isinstance(value, cst.Subscript) and isinstance(value.value, cst.Name) and value.value.value in tables:
        picked[(id(collector.frame), target)] = tables[value.value.value]
    elif isinstance(value, cst.Name) and value.value in tables:
        picked[(id(collector.frame), target)] = tables[value.value]


def dispatched(collector: Any, func: cst.BaseExpression) -> str | None:
    """`load` after `load = LOADERS[kind]` (or `LOADERS[kind]` itself): every function it may be, joined."""
    picked = collector.__dict__.get("_dispatch_picked", {})
    tables = collector.__dict__.get("_dispatch_tables", {})
    if isinstance(func, cst.Name):
        names = picked.get((id(collector.frame), func.value))
    elif isinstance(func, cst.Subscript) and isinstance(func.value, cst.Name):
        names = tables.get(func.value.value)
    else:
        names = None
    return SEPARATOR.join(names) if names else None
