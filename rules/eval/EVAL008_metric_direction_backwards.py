"""EVAL008: a metric declared with the wrong direction (an error rate to maximise, an accuracy to minimise)."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.modules import imported_constant
from hygiene.analysis.values import literal
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook
from hygiene.analysis.strings import string_value

# Words of metric names whose smaller values are better, and whose larger values are.
LOWER_IS_BETTER = frozenset("""
loss losses nll ppl perplexity ter wer cer mer wil edit levenshtein error errors err mse rmse mae mape smape
brier ece fid lpips bpb bpc
""".split())
HIGHER_IS_BETTER = frozenset("""
acc accuracy f1 fscore bleu chrf rouge rougel meteor auc auroc auprc roc ap precision recall em
exact match mcc r2 spearman pearson kappa bertscore sacrebleu iou dice map ndcg mrr hits winrate
""".split())
# Words that turn a name around (`neg_mean_squared_error`, `loss_reduction`, `error_improvement`).
_FLIPS = frozenset("neg negative minus inv inverse reduction improvement gain drop delta decrease".split())
# Keyword arguments (and dict keys) that name the metric a direction is given for.
_NAME_KEYS = frozenset({"metric", "metric_name", "monitor", "metric_for_best_model", "name", "objective_metric"})
# sklearn losses, for `make_scorer(loss, greater_is_better=True)`.
_SKLEARN_LOSSES = frozenset(f"sklearn.metrics.{n}" for n in """
mean_squared_error mean_absolute_error root_mean_squared_error mean_squared_log_error median_absolute_error
mean_absolute_percentage_error log_loss brier_score_loss hamming_loss zero_one_loss hinge_loss
mean_pinball_loss mean_poisson_deviance mean_gamma_deviance mean_tweedie_deviance max_error
""".split())
_SKLEARN_SCORES = frozenset(f"sklearn.metrics.{n}" for n in """
accuracy_score balanced_accuracy_score f1_score precision_score recall_score roc_auc_score r2_score
average_precision_score matthews_corrcoef cohen_kappa_score fbeta_score jaccard_score top_k_accuracy_score
""".split())


# Cox / survival model outputs that rank like a risk (higher: earlier event).
_HAZARD_METHODS = frozenset({"predict_partial_hazard", "predict_log_partial_hazard", "predict_hazard",
                             "predict_cumulative_hazard", "predict_risk"})


def _hazard_call(node: cst.BaseExpression) -> bool:
    """`cph.predict_partial_hazard(test)` (also with `.values` / `.to_numpy()` after it)."""
    while isinstance(node, cst.Attribute) and node.attr.value in ("values", "squeeze", "to_numpy", "ravel", "flatten") \
            or isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) \
            and node.func.attr.value in ("to_numpy", "squeeze", "ravel", "flatten"):
        node = node.value if isinstance(node, cst.Attribute) else node.func.value
    if _event_probability(node):
        return True
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in _HAZARD_METHODS


def _event_probability(node: cst.BaseExpression) -> bool:
    """`clf.predict_proba(X)[:, 1]`: a classifier's probability of the positive class, which beside event times
    is the event (death, churn, failure within a horizon): a risk, higher meaning sooner."""
    if not (isinstance(node, cst.Subscript) and isinstance(node.value, cst.Call)
            and isinstance(node.value.func, cst.Attribute) and node.value.func.attr.value == "predict_proba"):
        return False
    last = node.slice[-1].slice
    return isinstance(last, cst.Index) and isinstance(last.value, cst.Integer) and last.value.value == "1"


def metric_direction(name: str) -> str | None:
    """"lower" or "higher" for a metric name whose words say which way is better; None when unsure."""
    words = set(name_tokens(name.replace("@", "_")))
    if words & _FLIPS:
        return None
    lower, higher = bool(words & LOWER_IS_BETTER), bool(words & HIGHER_IS_BETTER)
    if lower == higher:
        return None
    return "lower" if lower else "higher"


def _declared(key: str, value: cst.BaseExpression) -> str | None:
    """The direction a keyword (or dict key) and its literal value declare: "higher" or "lower"."""
    if key in ("higher_is_better", "greater_is_better", "larger_is_better", "maximize", "maximise") \
            and isinstance(value, cst.Name) and value.value in ("True", "False"):
        return "higher" if value.value == "True" else "lower"
    text = string_value(value) if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)) else None
    if key == "mode" and text in ("max", "min"):
        return "higher" if text == "max" else "lower"
    if key == "direction" and text in ("maximize", "minimize", "maximise", "minimise", "max", "min"):
        return "higher" if text.startswith("max") else "lower"
    return None


class MetricDirectionBackwards(Rule):
    """
    ## What it does
    Finds a metric declared with the direction of improvement the wrong way round: an error rate,
    loss, perplexity or distance (TER, WER, CER, `val_loss`, `mse`) registered or monitored as
    higher-is-better (`higher_is_better=True`, `greater_is_better=True`, `mode="max"`,
    `direction="maximize"`), or an accuracy, F1, BLEU or AUC as lower-is-better. The name and the
    direction are read from one call or one dict literal (`register_metric(metric="ter",
    higher_is_better=True)`, `ModelCheckpoint(monitor="val_loss", mode="max")`,
    `TrainingArguments(metric_for_best_model="eval_loss", greater_is_better=True)`,
    `{"metric": "wer", "higher_is_better": True}`), from `make_scorer(mean_squared_error,
    greater_is_better=True)`, and from a mapping of metric names to directions named
    `higher_is_better`. Names that turn the meaning around (`neg_mean_squared_error`,
    `loss_reduction`) and names mixing both kinds of words are left alone. A score handed to a metric
    in the wrong direction is the same bug: lifelines' `concordance_index(times, scores, events)` ranks
    its scores like survival times, so a Cox model's hazard (`predict_partial_hazard`, higher means an
    earlier event) given as it is yields 1 - C; negated (`-risk`) or an expected time is right.

    ## Why is this bad?
    Whatever reads the direction picks the worst value as the best: the checkpoint kept is the
    one with the highest loss, early stopping waits for the error to grow, a leaderboard or
    aggregate ranks the models backwards, and a table marks the wrong one in bold. Nothing fails.

    ## Example
        @register_metric(metric="ter", higher_is_better=True, aggregation="ter")
        def ter_fn(items):
            return items

    Use instead:
        @register_metric(metric="ter", higher_is_better=False, aggregation="ter")
    """

    code = "EVAL008"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = "`{metric}` is declared {declared}-is-better at {where}, but a {kind} is better when it is {actual}"
    question = "Should `{metric}` at {where} be {actual}-is-better? As declared, the worst value is taken as the best."
    triggers = ("is_better", "mode", "direction", "maxim", "make_scorer", "concordance_index")
    examples = [
        invalid("""
            from lifelines.utils import concordance_index
            from xgboost import XGBClassifier

            model = XGBClassifier(n_estimators=300).fit(X_train, y_train["died_within_1y"])
            p_event = model.predict_proba(X_test)[:, 1]
            print("C-index", concordance_index(y_test["days"], p_event, y_test["died"]))  # expect: EVAL008
        """, note="a classifier's probability of the event is a risk: higher means an earlier event, so lifelines' "
                  "C-index comes out as 1 - C"),
        valid("""
            from lifelines.utils import concordance_index
            from xgboost import XGBClassifier

            model = XGBClassifier(n_estimators=300).fit(X_train, y_train["died_within_1y"])
            p_event = model.predict_proba(X_test)[:, 1]
            print("C-index", concordance_index(y_test["days"], 1 - p_event, y_test["died"]))
            print("C-index", concordance_index(y_test["days"], -model.predict_proba(X_test)[:, 1], y_test["died"]))
        """, note="near miss: the probability of the event turned around (`1 - p`, `-p`) ranks like a survival time"),
        invalid("""
            from lifelines import CoxPHFitter
            from lifelines.utils import concordance_index

            cph = CoxPHFitter(penalizer=0.05).fit(train, duration_col="time", event_col="event")
            risk = cph.predict_partial_hazard(test)
            c = concordance_index(test["time"], risk, test["event"])  # expect: EVAL008
        """, note="probe 14: lifelines' concordance_index ranks scores like survival times; a hazard ranks the other "
                  "way, so the C-index comes out as 1 - C"),
        valid("""
            from lifelines import CoxPHFitter
            from lifelines.utils import concordance_index

            cph = CoxPHFitter(penalizer=0.05).fit(train, duration_col="time", event_col="event")
            risk = cph.predict_partial_hazard(test)
            c = concordance_index(test["time"], -risk, test["event"])
            c2 = concordance_index(test["time"], cph.predict_expectation(test), test["event"])
        """, note="near miss: the hazard negated, and an expected survival time as it is"),
        invalid("""
            @register_metric(
                metric="ter",
                higher_is_better=True,  # expect: EVAL008
                output_type="generate_until",
                aggregation="ter",
            )
            def ter_fn(items):
                return items
        """, note="a translation edit rate registered as higher-is-better"),
        invalid("""
            from pytorch_lightning.callbacks import EarlyStopping, ModelCheckpoint
            checkpoint = ModelCheckpoint(dirpath="ckpt", monitor="val_loss", mode="max")  # expect: EVAL008
            stopper = EarlyStopping(monitor="val_acc", mode="max", patience=3)
        """, note="the checkpoint with the highest validation loss is kept"),
        invalid("""
            from transformers import TrainingArguments
            args = TrainingArguments(
                output_dir="out",
                load_best_model_at_end=True,
                metric_for_best_model="wer",
                greater_is_better=True,  # expect: EVAL008
            )
        """, note="the Trainer keeps the checkpoint with the highest word error rate"),
        invalid("""
            from sklearn.metrics import make_scorer, mean_absolute_error
            from sklearn.model_selection import GridSearchCV
            scorer = make_scorer(mean_absolute_error, greater_is_better=True)  # expect: EVAL008
            search = GridSearchCV(model, grid, scoring=scorer)
        """, note="a grid search that picks the largest error"),
        invalid("""
            class Translation:
                def higher_is_better(self):
                    return {"bleu": True, "chrf": True, "ter": True}  # expect: EVAL008
        """, note="a mapping of metric names to directions"),
        invalid("""
            METRICS = [
                {"metric": "exact_match", "higher_is_better": True},
                {"metric": "cer", "higher_is_better": True},  # expect: EVAL008
            ]
        """, note="dict literals in a task config"),
        valid("""
            @register_metric(metric="ter", higher_is_better=False, aggregation="ter")
            def ter_fn(items):
                return items

            @register_metric(metric="bleu", higher_is_better=True, aggregation="bleu")
            def bleu_fn(items):
                return items
        """, note="near miss: each direction right"),
        valid("""
            from pytorch_lightning.callbacks import ModelCheckpoint
            from sklearn.metrics import make_scorer, mean_absolute_error
            checkpoint = ModelCheckpoint(monitor="val_loss", mode="min")
            scorer = make_scorer(mean_absolute_error, greater_is_better=False)
            search_args = dict(scoring="neg_mean_squared_error", metric="neg_mse", higher_is_better=True)
        """, note="near miss: minimised losses, and a negated error maximised"),
        valid("""
            from transformers import TrainingArguments
            args = TrainingArguments(output_dir="out", metric_for_best_model="accuracy_loss_ratio", greater_is_better=True)
            summary = {"name": "loss_reduction", "higher_is_better": True}
        """, note="names that mix both kinds of words, or turn the meaning around, are left alone"),
        invalid({
            "asr/config.py": '''
                MONITOR = "val_wer"
                PATIENCE = 5
            ''',
            "asr/train.py": '''
                import pytorch_lightning as pl
                from pytorch_lightning.callbacks import ModelCheckpoint
                from asr.config import MONITOR

                def make_trainer(out_dir):
                    best = ModelCheckpoint(dirpath=out_dir, monitor=MONITOR, mode="max")  # expect: EVAL008
                    return pl.Trainer(callbacks=[best], max_epochs=50)
            ''',
        }, note="across modules: the monitored metric named by a constant of a config module; the checkpoint "
                "keeps the highest word error rate"),
        valid({
            "asr/config.py": '''
                MONITOR = "val_wer"
                PATIENCE = 5
            ''',
            "asr/train.py": '''
                import pytorch_lightning as pl
                from pytorch_lightning.callbacks import ModelCheckpoint
                from asr.config import MONITOR

                def make_trainer(out_dir):
                    best = ModelCheckpoint(dirpath=out_dir, monitor=MONITOR, mode="min")
                    return pl.Trainer(callbacks=[best], max_epochs=50)
            ''',
        }, note="near miss: the same layout, minimised"),
        invalid({"finetune.ipynb": notebook(
            """
            from transformers import Trainer, TrainingArguments
            BEST_METRIC = "eval_loss"
            """,
            """
            args = TrainingArguments(output_dir="out", eval_strategy="epoch", save_strategy="epoch",
                                     load_best_model_at_end=True, metric_for_best_model=BEST_METRIC,
                                     greater_is_better=True)  # expect: EVAL008
            trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=val_ds)
            """,
        )}, note="notebook: the metric named in one cell, the Trainer keeps the checkpoint with the highest loss in the next"),
        valid({"finetune.ipynb": notebook(
            """
            from transformers import Trainer, TrainingArguments
            BEST_METRIC = "eval_accuracy"
            """,
            """
            args = TrainingArguments(output_dir="out", eval_strategy="epoch", save_strategy="epoch",
                                     load_best_model_at_end=True, metric_for_best_model=BEST_METRIC,
                                     greater_is_better=True)
            trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=val_ds)
            """,
        )}, note="near miss: an accuracy maximised"),
    ]

    def visit_Assign(self, node: cst.Assign) -> None:
        if _hazard_call(node.value):
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    self._hazards.add(target.target.value)

    def _concordance(self, node: cst.Call) -> None:
        """lifelines' `concordance_index(times, predicted_scores, events)` ranks its scores like survival
        times (higher, longer); a Cox model's hazard ranks the other way and must be negated."""
        scores = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "predicted_scores"),
                      node.args[1].value if len(node.args) > 1 and node.args[1].keyword is None else None)
        if scores is None:
            return
        hazard = _hazard_call(scores) or isinstance(scores, cst.Name) and scores.value in self._hazards
        if hazard:
            self.report(node, metric="concordance_index", declared="higher", actual="lower",
                        kind="hazard (a risk)",
                        message="`concordance_index` reads `{scores}` as predicted survival times (higher, longer), but "
                                "it is a {kind}: higher means earlier events, so the C-index comes out as 1 - C",
                        scores=self.ctx.code(scores))

    def visit_Call(self, node: cst.Call) -> None:
        keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        name = self.qualified_name(node.func)
        if name and plain(name).startswith("lifelines.") and plain(name).endswith(".concordance_index"):
            self._concordance(node)
            return
        if name and plain(name) == "sklearn.metrics.make_scorer" and node.args and node.args[0].keyword is None:
            scorer = self.qualified_name(node.args[0].value)
            value = keywords.get("greater_is_better")
            declared = _declared("greater_is_better", value) if value is not None else None
            actual = "lower" if scorer in _SKLEARN_LOSSES else "higher" if scorer in _SKLEARN_SCORES else None
            if declared and actual and declared != actual:
                self._report(value, scorer.rsplit(".", 1)[-1], declared, actual)
            return
        self._pair(keywords)

    def visit_Dict(self, node: cst.Dict) -> None:
        entries = {}
        for element in node.elements:
            if isinstance(element, cst.DictElement) and isinstance(element.key, (cst.SimpleString, cst.ConcatenatedString)):
                key = string_value(element.key)
                if key is not None:
                    entries[key] = element.value
        if self._pair(entries) or not self._in_direction_mapping():
            return
        for key, value in entries.items():
            declared = _declared("higher_is_better", value)
            actual = metric_direction(key)
            if declared and actual and declared != actual:
                self._report(value, key, declared, actual)

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._pending: list[dict] = []  # a metric named by a constant of another module, checked in the repo phase
        self._hazards: set[str] = set()  # names holding a survival model's hazard

    def finish(self) -> None:
        if self._pending:
            self.ctx.facts[self.code] = {"pending": self._pending[:20]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """`ModelCheckpoint(monitor=MONITOR, mode="max")` with `MONITOR = "val_loss"` in another module."""
        for path, facts in repo.facts(cls.code):
            for site in facts.get("pending", []):
                metric = imported_constant(repo, site["name"], path, site["module"])
                actual = metric_direction(metric) if metric else None
                if actual and actual != site["declared"]:
                    kind = "loss or error rate" if actual == "lower" else "score such as an accuracy"
                    repo.report(cls, path, site["line"], metric=metric, declared=site["declared"], actual=actual, kind=kind)

    def _pair(self, entries: dict[str, cst.BaseExpression]) -> bool:
        """A metric name and a direction side by side (keywords of one call, keys of one dict)."""
        named = [v for k, v in entries.items() if k in _NAME_KEYS]
        if len(named) != 1:
            return False  # (asked first: every call's keywords and every dict come here, issue 12)
        directions = [(v, _declared(k, v)) for k, v in entries.items()]
        directions = [(v, d) for v, d in directions if d]
        if len(directions) != 1:
            return False
        (value, declared), metric = directions[0], self._metric_name(named[0])
        if metric is None and isinstance(named[0], (cst.Name, cst.Attribute)):
            # a constant of another module (`from config import MONITOR`): its value is read in the repo phase
            qualified = self.qualified_name(named[0])
            if qualified and "." in qualified and "()" not in qualified:
                self._pending.append({"name": qualified, "module": self.ctx.names.module_name,
                                      "line": self.ctx.line_of(value), "declared": declared})
            return True
        if metric is None:
            return False
        actual = metric_direction(metric)
        if actual and declared != actual:
            self._report(value, metric, declared, actual)
        return True

    def _metric_name(self, value: cst.BaseExpression) -> str | None:
        """The metric a name argument names: a literal, or a constant of this module (an earlier notebook cell)."""
        if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
            return string_value(value)
        if isinstance(value, cst.Name):
            known = literal(self.ctx, value)
            return known if isinstance(known, str) else None
        return None

    def _in_direction_mapping(self) -> bool:
        """Is the dict being visited returned by, or assigned to, something named `higher_is_better`?"""
        for parent in reversed(self.ctx.parents):
            if isinstance(parent, cst.FunctionDef):
                return parent.name.value in ("higher_is_better", "greater_is_better")
            if isinstance(parent, cst.Assign):
                return any(isinstance(t.target, (cst.Name, cst.Attribute)) and "is_better" in self.ctx.code(t.target)
                           for t in parent.targets)
        return False

    def _report(self, node: cst.CSTNode, metric: str, declared: str, actual: str) -> None:
        kind = "loss or error rate" if actual == "lower" else "score such as an accuracy"
        self.report(node, metric=metric, declared=declared, actual=actual, kind=kind)
