"""EVAL004: a ranking or calibration metric given hard predicted labels instead of scores."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.dataflow.program import Program, Ref, program
from hygiene.analysis.value_kinds import _CLASSIFIER_HINTS
from hygiene.analysis.apis.sklearn import RANKING_METRICS, metric_arguments, short
from hygiene.finding import Location, Severity
from hygiene.analysis.predictions import PREDICTIVE, describe_value, kind_of
from hygiene.rule import Rule, invalid, notebook, valid

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
    `predict_proba` on), an `argmax`, or a score compared with a threshold; also a classifier's
    `.predict(...)` returned by a function of another module (`scores = fit_and_predict(...)`). A `.predict(...)` of
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
    dataflow_starts = frozenset({"metric"})
    examples = [
        invalid({
            "models.py": """
                from sklearn.ensemble import RandomForestClassifier

                def fit_and_predict(X_train, y_train, X_test):
                    clf = RandomForestClassifier(n_estimators=500, random_state=0).fit(X_train, y_train)
                    return clf.predict(X_test)
            """,
            "evaluate.py": """
                from sklearn.metrics import roc_auc_score
                from models import fit_and_predict

                def report(X_train, y_train, X_test, y_test):
                    scores = fit_and_predict(X_train, y_train, X_test)
                    print("AUROC", roc_auc_score(y_test, scores))  # expect: EVAL004
            """,
        }, note="across modules: the helper of another module returns the classifier's hard labels, the "
                "report scores them as if they were probabilities"),
        valid({
            "models.py": """
                from sklearn.ensemble import RandomForestClassifier

                def fit_and_predict(X_train, y_train, X_test):
                    clf = RandomForestClassifier(n_estimators=500, random_state=0).fit(X_train, y_train)
                    return clf.predict_proba(X_test)[:, 1]
            """,
            "evaluate.py": """
                from sklearn.metrics import roc_auc_score
                from models import fit_and_predict

                def report(X_train, y_train, X_test, y_test):
                    scores = fit_and_predict(X_train, y_train, X_test)
                    print("AUROC", roc_auc_score(y_test, scores))
            """,
        }, note="near miss of the same layout: the helper returns the positive class's probability"),
        valid({
            "models.py": """
                from sklearn.ensemble import RandomForestRegressor

                def fit_and_predict(X_train, y_train, X_test):
                    reg = RandomForestRegressor(n_estimators=500, random_state=0).fit(X_train, y_train)
                    return reg.predict(X_test)
            """,
            "evaluate.py": """
                from sklearn.metrics import roc_auc_score
                from models import fit_and_predict

                def report(X_train, y_train, X_test, y_test):
                    scores = fit_and_predict(X_train, y_train, X_test)
                    print("AUROC", roc_auc_score(y_test, scores))
            """,
        }, note="near miss: a regressor's predict returns continuous scores"),
        invalid({"churn_model.ipynb": notebook(
            """
            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import roc_auc_score
            train, test = pd.read_csv("data/train.csv"), pd.read_csv("data/test.csv")
            """,
            """
            clf = LogisticRegression(max_iter=1000).fit(train.drop(columns="churn"), train["churn"])
            preds = clf.predict(test.drop(columns="churn"))
            """,
            """
            roc_auc_score(test["churn"], preds)  # expect: EVAL004
            """,
        )}, note="notebook: hard predictions in one cell, the AUROC of them in the next"),
        valid({"churn_model.ipynb": notebook(
            """
            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import roc_auc_score
            train, test = pd.read_csv("data/train.csv"), pd.read_csv("data/test.csv")
            """,
            """
            clf = LogisticRegression(max_iter=1000).fit(train.drop(columns="churn"), train["churn"])
            preds = clf.predict_proba(test.drop(columns="churn"))[:, 1]
            """,
            """
            roc_auc_score(test["churn"], preds)
            """,
        )}, note="near miss: the same cells with probabilities"),
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

    @classmethod
    def check_repo(cls, repo) -> None:
        """The hard labels made in another file: `scores = fit_and_predict(...)` imported from a module
        whose function returns a classifier's `.predict(X)` (the walk of one file cannot see it)."""
        prog = program(repo)
        for metric in prog.nodes("metric"):
            name = short(plain(str(prog.info(metric).get("metric", ""))))
            if name not in CONSEQUENCES:
                continue
            predict = _labels_from_elsewhere(prog, prog.input(metric, 1), prog.path(metric))
            if predict:
                repo.report(cls, **prog.where(metric), metric=name,
                            labels=f"of `.predict(...)` at {prog.describe(predict)}",
                            consequence=CONSEQUENCES[name],
                            related=[Location(prog.path(predict), prog.line(predict), "hard labels predicted here")])


# Values a prediction passes through unchanged on its way to the metric: returned by a function of
# the repo, an element of a returned tuple, a name bound at module level or imported, a parameter.
_CARRIERS = frozenset({"call", "elem", "global", "import", "param", "selfattr"})


def _labels_from_elsewhere(prog: Program, score: Ref, here: str) -> Ref:
    """The classifier's `.predict(...)` in another file that `score` holds, unchanged (0 if none, or
    if anything else may reach it)."""
    if not score:
        return 0
    found: list[Ref] = []
    for ref, _, _ in prog.trace_back([(score, ())], stop=lambda r: prog.kind(r) == "pred", limit=200):
        kind = prog.kind(ref)
        if kind == "pred":
            found.append(ref)
        elif kind not in _CARRIERS or (kind == "call" and prog.callee(ref) is None):
            return 0  # transformed on the way, or a library call: the file's own walk judges it
    if len(found) != 1 or prog.path(found[0]) == here:
        return 0
    pred = found[0]
    model = prog.input(pred, 0)
    if prog.info(pred).get("m") != "predict" or not model or prog.kind(model) != "fit":
        return 0
    fitted = str(prog.info(model).get("cls", ""))
    return pred if any(hint in fitted.rsplit(".", 1)[-1] for hint in _CLASSIFIER_HINTS) else 0
