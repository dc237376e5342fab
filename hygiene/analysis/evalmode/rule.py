"""The base of the rules that read the eval-mode analysis."""
from __future__ import annotations

from hygiene.context import FileContext
from hygiene.rule import Rule

from hygiene.analysis.evalmode.collect import Collector
from hygiene.analysis.evalmode.layers import LayerReads
from hygiene.analysis.evalmode.words import FACT_KEY

LAYERS_KEY = FACT_KEY + ":layers"  # `layers.LayerReads`, in `ctx.memo` beside the collector


def collector_for(ctx: FileContext) -> Collector:
    collector = ctx.memo.get(FACT_KEY)
    if collector is None:
        collector = ctx.memo[FACT_KEY] = Collector(ctx)
        ctx.memo[LAYERS_KEY] = LayerReads(collector.classes, ctx.module)
    return collector


class CollectingRule(Rule):
    """Base of the rules that read the eval-mode analysis. The file's one collector rides the shared
    walk in their place (`walkers`, `hygiene.walk.Dispatch`): walked once, just before the first of
    them, and not at all when it is off (a test file); an error in it costs the rule that asked first."""

    rides_along = True  # the rule itself has no visits

    def __init__(self, ctx: FileContext) -> None:
        super().__init__(ctx)
        self.collector = collector_for(ctx)
        layers: LayerReads = ctx.memo[LAYERS_KEY]
        if self.collector.walk_owner is None:
            self.collector.walk_owner = layers.walk_owner = self
        self.walkers = (self.collector, layers) if self.collector.enabled else ()

    def finish(self) -> None:
        self.collector.finish()
