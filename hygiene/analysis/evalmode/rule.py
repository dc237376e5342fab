"""The base of the rules that read the eval-mode analysis."""
from __future__ import annotations

import libcst as cst

from hygiene.context import FileContext
from hygiene.rule import Rule

from hygiene.analysis.evalmode.collect import Collector
from hygiene.analysis.evalmode.words import FACT_KEY


def collector_for(ctx: FileContext) -> Collector:
    collector = ctx.memo.get(FACT_KEY)
    if collector is None:
        collector = ctx.memo[FACT_KEY] = Collector(ctx)
    return collector


class CollectingRule(Rule):
    """Base of the rules that read the eval-mode analysis: forwards the walk to the collector."""

    def __init__(self, ctx: FileContext) -> None:
        super().__init__(ctx)
        self.collector = collector_for(ctx)
        # One of the rules forwards the walk to the shared collector; the others ride along and
        # are not walked at all (`hygiene.walk.Dispatch`), nor is any when the collector is off.
        self.rides_along = not self.collector.enabled or self.collector.forwarder is not None
        if not self.rides_along:
            self.collector.forwarder = self

    def _forward(self, handler: str, node: cst.CSTNode) -> None:
        getattr(self.collector, handler)(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._forward("visit_ClassDef", node)

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self._forward("leave_ClassDef", node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._forward("visit_FunctionDef", node)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._forward("leave_FunctionDef", node)

    def visit_For(self, node: cst.For) -> None:
        self._forward("visit_For", node)

    def leave_For(self, node: cst.For) -> None:
        self._forward("leave_For", node)

    def visit_While(self, node: cst.While) -> None:
        self._forward("visit_While", node)

    def leave_While(self, node: cst.While) -> None:
        self._forward("leave_While", node)

    def visit_With(self, node: cst.With) -> None:
        self._forward("visit_With", node)

    def leave_With(self, node: cst.With) -> None:
        self._forward("leave_With", node)

    def visit_Call(self, node: cst.Call) -> None:
        self._forward("visit_Call", node)

    def leave_Assign(self, node: cst.Assign) -> None:
        self._forward("leave_Assign", node)

    def leave_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._forward("leave_AnnAssign", node)

    def leave_Return(self, node: cst.Return) -> None:
        self._forward("leave_Return", node)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._forward("visit_AugAssign", node)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        self._forward("visit_Comparison", node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._forward("visit_Attribute", node)

    def finish(self) -> None:
        self.collector.finish()
