"""The `activity` fact: what a code file does, for the checklist's repo-level questions.

    {"split": [[31, "sklearn.model_selection.train_test_split"]], "model_call": [[12, "..."]], ...}

At most a few places per kind: `split` (train/test splits and cross-validation), `tuning`
(hyperparameter search), `model_call` (text sent to a model, `hygiene.analysis.apis.llm`; generation in the
process itself, transformers' `generate`, vLLM's `LLM`, is `local_model_call`), `metric`
(scores computed) and `stats_test` (significance tests, bootstraps). An extractor like those of
`hygiene.analysis.facts` (it rides the shared walk; facts are cached with the file).
"""
from __future__ import annotations

from typing import Any, ClassVar

import libcst as cst

from hygiene.analysis.apis import llm as llm_api
from hygiene.analysis.apis import sklearn as sklearn_api
from hygiene.context import FileContext

TUNING = frozenset({
    "sklearn.model_selection.GridSearchCV", "sklearn.model_selection.RandomizedSearchCV",
    "sklearn.model_selection.HalvingGridSearchCV", "sklearn.model_selection.HalvingRandomSearchCV",
    "optuna.create_study", "ray.tune.run", "ray.tune.Tuner", "hyperopt.fmin", "skopt.gp_minimize",
})
STATS_TESTS = ("scipy.stats.ttest_", "scipy.stats.wilcoxon", "scipy.stats.mannwhitneyu",
               "scipy.stats.bootstrap", "scipy.stats.permutation_test", "scipy.stats.binomtest",
               "scipy.stats.chi2_contingency", "statsmodels.stats.", "scipy.stats.sem")
# Method names distinctive enough to mean a split whatever the receiver (datasets.Dataset, ...).
SPLIT_METHODS = frozenset({"train_test_split", "random_split"})
MAX_PLACES = 4


def _in_process(name: str | None, node: cst.Call) -> bool:
    """A model call that generates in this process (transformers' `generate` or pipeline, vLLM's `LLM`,
    outlines): it cannot time out, hit a rate limit or be refused by a provider (held-out set 30)."""
    bare = llm_api.plain(name) if name else ""
    root = bare.split(".", 1)[0]
    if root in ("vllm", "transformers", "outlines"):
        return True
    if root in llm_api.PROVIDER_ROOTS or bare in llm_api.KNOWN_CALLS:
        return False
    keywords = {a.keyword.value for a in node.args if a.keyword is not None}
    return isinstance(node.func, cst.Attribute) and node.func.attr.value in ("generate", "agenerate") \
        or "max_new_tokens" in keywords


class ActivityExtractor:
    kinds: ClassVar[frozenset[str]] = frozenset({"python", "notebook"})

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.places: dict[str, list[list[Any]]] = {}

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.names.qualified_name(node.func)
        kind = None
        if name is not None:
            bare = name.replace("()", "")
            if bare in TUNING:
                kind = "tuning"
            elif bare in sklearn_api.SPLIT_FUNCTIONS or bare in sklearn_api.SPLITTERS or bare in sklearn_api.CV_FUNCTIONS:
                kind = "split"
            elif sklearn_api.is_metric(bare) or bare.startswith("evaluate.load"):
                kind = "metric"
            elif bare.startswith(STATS_TESTS):
                kind = "stats_test"
        if kind is None and isinstance(node.func, cst.Attribute) and node.func.attr.value in SPLIT_METHODS:
            kind, name = "split", name or node.func.attr.value
        if kind is None and llm_api.model_call(name, node):
            kind = "local_model_call" if _in_process(name, node) else "model_call"
            name = name or self.ctx.code(node.func)
        if kind is None:
            return
        places = self.places.setdefault(kind, [])
        if len(places) < MAX_PLACES:
            places.append([self.ctx.line_of(node), name])

    def finish(self) -> None:
        if self.places:
            self.ctx.facts["activity"] = self.places
