"""Code behind an opt-in flag that no caller sets: `if shuffle: random.shuffle(rows)` in a function
whose parameter `shuffle` defaults to False, when no call in the repository passes `shuffle`.

Such code never runs in the repository's programs (a library offering an option its own callers do
not take), so what it would draw decides nothing. The `flag_guards` fact of a code file holds

    {"guards": [{"callee": "JailbreakDataset", "param": "shuffle", "index": 1, "start": 60, "end": 61}],
     "calls": {"JailbreakDataset": [2, ["local_file_type"]], ...}}

`guards`: blocks under `if <param>:` where `<param>` is a parameter of the enclosing function with a
falsy default (False, None, 0, ""); `callee` is the name a caller writes (the class for `__init__`),
`index` the parameter's position after `self`/`cls`. `calls`: per called name (the last part), the
most positional arguments of any call and the keyword names passed (`**` for `**kwargs`, and `*`
as a positional count of 99 for `*args`), so the repo phase can tell whether any caller sets it;
`super().__init__(...)` counts as a call of the class's bases.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import libcst as cst

from hygiene.context import FileContext

if TYPE_CHECKING:
    from hygiene.context import RepoContext

FACT = "flag_guards"
_FALSY = ("False", "None")


def _falsy(default: cst.BaseExpression | None) -> bool:
    if isinstance(default, cst.Name):
        return default.value in _FALSY
    if isinstance(default, cst.Integer):
        return default.value == "0"
    if isinstance(default, cst.SimpleString):
        return default.value in ('""', "''")
    return False


def _last_name(func: cst.BaseExpression) -> str | None:
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return None


class FlagGuardExtractor:
    kinds = frozenset({"python", "notebook"})

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.functions: list[tuple[str, dict[str, int]]] = []  # (callee name, {flag param: index})
        self.classes: list[tuple[str, list[str]]] = []  # (name, last names of its bases)
        self.guards: list[dict[str, Any]] = []
        self.calls: dict[str, list[Any]] = {}

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append((node.name.value, [n for n in (_last_name(b.value) for b in node.bases) if n]))

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        name = node.name.value
        method = bool(self.classes) and len(self.functions) == 0
        callee = self.classes[-1][0] if method and name == "__init__" else name
        params = list(node.params.posonly_params) + list(node.params.params)
        if method and params and params[0].name.value in ("self", "cls"):
            params = params[1:]
        flags = {p.name.value: i for i, p in enumerate(params) if _falsy(p.default)}
        flags.update({p.name.value: 99 for p in node.params.kwonly_params if _falsy(p.default)})
        self.functions.append((callee, flags))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.pop()

    def visit_If(self, node: cst.If) -> None:
        if not self.functions or not isinstance(node.test, cst.Name):
            return
        callee, flags = self.functions[-1]
        param = node.test.value
        if param not in flags:
            return
        start = self.ctx.line_here(node)
        if start is not None:  # the statement's line from `ast`, and its extent: no positions (issue 12)
            end = start + self.ctx.code(node.body).rstrip().count("\n")  # the body only, not an `else`
            self.guards.append({"callee": callee, "param": param, "index": flags[param], "start": start, "end": end})

    def visit_Call(self, node: cst.Call) -> None:
        names, positional = self._callees(node.func)
        if not names:
            return
        keywords: set[str] = set()
        for arg in node.args:
            if arg.star == "*":
                positional = 99
            elif arg.star == "**":
                keywords.add("**")
            elif arg.keyword is not None:
                if not _falsy(arg.value):
                    keywords.add(arg.keyword.value)
            else:
                positional += 1
        if positional <= 0 and not keywords:
            return
        for name in names:
            entry = self.calls.setdefault(name, [0, []])
            entry[0] = max(entry[0], positional)
            entry[1] = sorted(set(entry[1]) | keywords)

    def _callees(self, func: cst.BaseExpression) -> tuple[list[str], int]:
        """The names a call may set a flag of, and its positional count so far: `super().__init__(...)`
        calls the bases' constructors, `Base.__init__(self, ...)` the base's (after `self`)."""
        name = _last_name(func)
        if name != "__init__" or not isinstance(func, cst.Attribute):
            return ([name] if name else []), 0
        owner = func.value
        if isinstance(owner, cst.Call) and isinstance(owner.func, cst.Name) and owner.func.value == "super":
            return (list(self.classes[-1][1]) if self.classes else []), 0
        base = _last_name(owner)
        return ([base] if base else []), -1

    def finish(self) -> None:
        if self.guards:
            self.ctx.facts[FACT] = {"guards": self.guards, "calls": self.calls}
        elif self.calls:
            self.ctx.facts[FACT] = {"calls": self.calls}


def _sets(call: list[Any], param: str, index: int) -> bool:
    positional, keywords = call
    return param in keywords or "**" in keywords or (index < 99 and positional > index)


def unset_flag_lines(repo: RepoContext) -> dict[str, list[tuple[int, int]]]:
    """Per file, the line spans of blocks behind a falsy-default flag that no call in the repo sets."""
    def build() -> dict[str, list[tuple[int, int]]]:
        facts = dict(repo.facts(FACT))
        out: dict[str, list[tuple[int, int]]] = {}
        for path, fact in facts.items():
            for guard in fact.get("guards", ()):
                if not any(_sets(calls[name], guard["param"], guard["index"])
                           for other in facts.values() for calls in [other.get("calls", {})]
                           for name in (guard["callee"],) if name in calls):
                    out.setdefault(path, []).append((guard["start"], guard["end"]))
        return out
    return repo.shared("flag_guards.unset", build)


def behind_unset_flag(spans: dict[str, list[tuple[int, int]]], path: str, line: int | None) -> bool:
    return line is not None and any(start <= line <= end for start, end in spans.get(path, ()))
