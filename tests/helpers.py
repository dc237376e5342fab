"""Small helpers for engine tests: a FileContext over a snippet, walked like the runner does."""
from __future__ import annotations

import textwrap
from collections.abc import Callable

import libcst as cst

from hygiene.config import Config
from hygiene.context import FileContext
from hygiene.analysis.names import NameResolver
from hygiene.walk import Dispatch, walk


class _Collect:
    def __init__(self, ctx: FileContext, on_call: Callable[[FileContext, cst.Call], object]) -> None:
        self.ctx, self.on_call, self.seen = ctx, on_call, []

    def visit_Call(self, node: cst.Call) -> None:
        self.seen.append((self.ctx.code(node.func), self.on_call(self.ctx, node)))


def calls(source: str, on_call: Callable[[FileContext, cst.Call], object], module_name: str = "example") -> dict:
    """{callee code: on_call(ctx, call)} for every call in `source`, evaluated during the walk."""
    text = textwrap.dedent(source)
    module = cst.parse_module(text)
    resolver = NameResolver(module, module_name)
    ctx = FileContext("example.py", "python", text, Config(), module, resolver)
    collector = _Collect(ctx, on_call)
    walk(module, Dispatch([resolver, collector]), ctx.parents)
    return dict(collector.seen)
