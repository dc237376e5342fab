"""Where torch models are evaluated, and whether they are in eval mode with gradients off.

`collect` rides the shared walk and records, per function and for the module body, what happens
to model-like objects in order: made, switched to train or eval mode, called forward inside an
evaluation, passed to another function. `resolve` runs in the repo phase and follows those events
through calls within a file and across files to decide, for every forward call inside an
evaluation, which modes can reach it. EVAL001 (training mode) and EVAL002 (gradients on) report
from the same analysis.
"""
from typing import Any

from hygiene.analysis.evalmode.rule import CollectingRule, collector_for
from hygiene.analysis.evalmode.words import FACT_KEY
from hygiene.analysis.evalmode.verdict import Verdict

__all__ = ["FACT_KEY", "CollectingRule", "Verdict", "collector_for", "verdicts"]


def verdicts(repo: Any) -> list[Verdict]:
    """Every evaluation in the repo that training mode or gradients reach (shared by the rules);
    replayed from the last scan's when the files that changed cannot reach them
    (`hygiene.cache.evalreplay`)."""
    from hygiene.analysis.evalmode.frames import SUMMARY_VERSION, summarise
    from hygiene.analysis.evalmode.resolve import Analysis
    from hygiene.cache.evalreplay import verdicts as replayed

    def analyse() -> tuple[Any, list[Verdict]]:
        analysis = Analysis(repo)
        return analysis, analysis.verdicts()

    return repo.shared(FACT_KEY, lambda: replayed(repo, FACT_KEY, analyse, summarise, SUMMARY_VERSION, Verdict))

