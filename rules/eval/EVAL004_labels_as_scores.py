"""EVAL004: a ranking or calibration metric given hard predicted labels instead of scores."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.apis.sklearn import RANKING_METRICS, metric_arguments, short
from hygiene.finding import Severity
from hygiene.analysis.predictions import PREDICTIVE, describe_value, kind_of
from hygiene.rule import Rule, invalid, valid

CONSEQUENCES = {
    "roc_auc_score": "the ROC curve collapses to a single threshold, so the AUROC is a balanced accuracy",
    "roc_curve": "the curve has a single threshold",
    "average_precision_score": "the precision-recall curve collapses to a single threshold",
    "precision_recall_curve": "the curve has a single threshold",
    "det_curve": "the curve has a single threshold",
    "log_loss": "probabilities of exactly 0 and 1 turn every error into a clipped, huge loss",
    "brier_score_loss": "with 0/1 probabilities the Brier score is the error rate, not a calibration measure",
}


class LabelsAsScores(Rule):
    """
    ## What it does
    Finds ranking and calibration metrics (`roc_auc_score`, `average_precision_score`,
    `roc_curve`, `precision_recall_curve`, `log_loss`, `brier_score_loss`) whose score argument
    is a hard prediction: the output of a classifier's `.predict(...)` (a scikit-learn,
    XGBoost, LightGBM or CatBoost classifier, or any estimator the same code calls
    `predict_proba` on), an `argmax`, or a score compared with a threshold. A `.predict(...)` of
    an estimator that may return scores (a Keras model, a regressor, a booster) is not reported.

    ## Why is this bad?
    These metrics rank examples by a continuous score. Given 0/1 labels, the ROC curve has one
    threshold and the "AUROC" is the balanced accuracy; average precision and the curves collapse
    the same way; log loss and the Brier score stop measuring calibration. The number is
    plausible and lower than the model deserves, or just different from what the paper claims.

    ## Example
        pred = clf.predict(X_test)
        auroc = roc_auc_score(y_test, pred)

    Use instead:
        auroc = roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1])
    """

    code = "EVAL004"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = "`{metric}` scores the hard labels {labels} instead of probabilities: {consequence}"
    question = "Was `{metric}` at {where} computed from scores or probabilities, as the reported metric assumes?"
    triggers = ("sklearn",)
    examples = [
        invalid("""
            from sklearn import metrics as skm
            pred = pipe.predict(X_te)
            score = pipe.predict_proba(X_te)[:, 1]
            auroc = skm.roc_auc_score(y_te, pred)  # expect: EVAL004
            auprc = skm.average_precision_score(y_te, score)
        """, note="the same pipeline has predict_proba, so predict gives labels"),
        invalid("""
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import roc_auc_score
            clf = LogisticRegression().fit(X_tr, y_tr)
            print(roc_auc_score(y_te, clf.predict(X_te)))  # expect: EVAL004
        """),
        invalid("""
            import numpy as np
            from sklearn.metrics import average_precision_score
            p = booster.predict_proba(X_te)[:, 1]
            flagged = (p > 0.5).astype(int)
            ap = average_precision_score(y_te, flagged)  # expect: EVAL004
        """, note="a thresholded score"),
        valid("""
            from sklearn.metrics import roc_auc_score
            proba = clf.predict_proba(X_te)[:, 1]
            print(roc_auc_score(y_te, proba))
        """),
        valid("""
            from sklearn.metrics import roc_auc_score
            y_pred = keras_model.predict(X_te)
            print(roc_auc_score(y_te, y_pred))
        """, note="Keras' predict returns probabilities; only the name says `pred`"),
        valid("""
            from sklearn.ensemble import GradientBoostingRegressor
            from sklearn.metrics import roc_auc_score
            reg = GradientBoostingRegressor().fit(X_tr, y_tr)
            print(roc_auc_score(y_te, reg.predict(X_te)))
        """, note="a regressor's predictions are continuous scores"),
        valid("""
            from sklearn.metrics import roc_auc_score
            scores = clf.decision_function(X_te)
            print(roc_auc_score(y_te, scores))
        """),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        name = self.qualified_name(node.func)
        if name is None or plain(name) not in RANKING_METRICS:
            return
        truth_arg, score_arg = metric_arguments(list(node.args))
        if truth_arg is None or score_arg is None:
            return
        score = kind_of(self.ctx, score_arg, node)
        if score is None or score.kind != "labels" or score.by_name:
            return
        truth = kind_of(self.ctx, truth_arg, node)
        if truth is not None and truth.kind in PREDICTIVE:
            return  # arguments swapped: EVAL003's business
        self.report(node, metric=short(plain(name)), labels=describe_value(score, self.ctx.code(score_arg)),
                    consequence=CONSEQUENCES.get(short(plain(name)), "the metric expects scores"))
