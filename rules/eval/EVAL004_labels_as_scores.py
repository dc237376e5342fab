"""EVAL004: a ranking or calibration metric given hard predicted labels instead of scores."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.dataflow.program import Program, Ref, program
from hygiene.analysis.value_kinds import _CLASSIFIER_HINTS
from hygiene.analysis.apis.sklearn import RANKING_METRICS, metric_arguments, short
from hygiene.finding import Location, Severity
from hygiene.analysis.predictions import PREDICTIVE, describe_value, kind_of
from hygiene.analysis.stdast import FUNCTIONS, module_nodes, module_tree, walk_list
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


# Metrics that only accept class labels as their prediction: a value they score is a label (they raise
# on continuous scores, so code that runs gives them labels).
LABEL_METRICS = frozenset("""
accuracy_score balanced_accuracy_score f1_score fbeta_score precision_score recall_score confusion_matrix
classification_report matthews_corrcoef cohen_kappa_score jaccard_score hamming_loss zero_one_loss
precision_recall_fscore_support multilabel_confusion_matrix
""".split())


def _label_uses(tree: ast.Module) -> dict[str, list[tuple[int, str, ast.AST]]]:
    """For each name, where a label-only metric scores it: `[(line, metric, scope)]` (`accuracy_score(y_test, y_pred)`)."""
    found: dict[str, list[tuple[int, str, ast.AST]]] = {}
    scopes = [tree, *(n for n in walk_list(tree) if isinstance(n, FUNCTIONS))]
    for scope in scopes:
        stack = list(ast.iter_child_nodes(scope))
        while stack:
            node = stack.pop()
            if isinstance(node, (*FUNCTIONS, ast.Lambda, ast.ClassDef)):
                continue
            stack.extend(ast.iter_child_nodes(node))
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            metric = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if metric not in LABEL_METRICS:
                continue
            pred = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "y_pred"), None)
            if isinstance(pred, ast.Name):
                found.setdefault(pred.id, []).append((node.lineno, metric, scope))
    return found


def _stores_between(scope: ast.AST, name: str, lo: int, hi: int) -> bool:
    """Is `name` rebound or changed in place between two lines (`scores[scores >= 0.5] = 1`, `scores.round_()`)?"""
    for n in walk_list(scope):
        if not lo < getattr(n, "lineno", 0) < hi:
            continue
        if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store):
            return True
        if isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Store) and isinstance(n.value, ast.Name) \
                and n.value.id == name:
            return True
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr.endswith("_") \
                and isinstance(n.func.value, ast.Name) and n.func.value.id == name:
            return True
    return False


def _scores_arg(call: ast.Call) -> str:
    """The text of a metric call's score argument (second positional or `y_score=`), or ""."""
    arg = call.args[1] if len(call.args) > 1 else next(
        (k.value for k in call.keywords if k.arg in ("y_score", "y_pred", "y_prob", "probas_pred")), None)
    return ast.unparse(arg) if arg is not None else ""


def _fallback_branch(tree: ast.Module, line: int, metric: str) -> bool:
    """Is the call at `line` the fallback of a branch whose other arm calls the same metric with something
    else (`if proba is None: roc_auc_score(y, labels) else: roc_auc_score(y, proba)`, also the `else` of
    `if hasattr(pipe, "predict_proba"): ... else: roc_auc_score(y, y_pred)`)?"""
    def calls_metric(stmts: list[ast.stmt]) -> bool:
        """Does the other arm score something that is not a hard label (`argmax`, a threshold, `predict`)?"""
        return any(isinstance(c, ast.Call) and metric in ast.unparse(c.func) and (text := _scores_arg(c))
                   and not any(m in text for m in ("argmax", ">", "<", "predict(", "round(")) and text != here
                   for stmt in stmts for c in walk_list(stmt))

    here = next((_scores_arg(c) for c in walk_list(tree) if isinstance(c, ast.Call) and getattr(c, "lineno", 0) == line
                 and metric in ast.unparse(c.func)), "")

    def holds(stmts: list[ast.stmt]) -> bool:
        return bool(stmts) and stmts[0].lineno <= line <= (stmts[-1].end_lineno or line)

    for n in walk_list(tree):
        if isinstance(n, ast.If) and n.orelse and (holds(n.body) and calls_metric(n.orelse)
                                                   or holds(n.orelse) and calls_metric(n.body)):
            return True
    return False


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
    A value the same function also gives a label-only metric (`accuracy_score(y_test, y_pred)`,
    `f1_score`, `confusion_matrix`, which raise on continuous scores) is a label too, whatever
    made it (a pipeline whose estimator is picked from a list, `pipe.predict(X_test)`), unless it is
    rebound or changed in place between the two calls (`scores[scores >= 0.5] = 1` after the AUC), or
    the call is the fallback of a branch whose other arm scores probabilities (`if proba is None:`).

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
        invalid("""
            import pandas as pd
            from autogluon.tabular import TabularPredictor
            from sklearn.metrics import roc_auc_score

            train, val, test = (pd.read_parquet(f"data/{s}.parquet") for s in ("train", "val", "test"))
            predictor = TabularPredictor(label="is_fraud", eval_metric="roc_auc").fit(train, tuning_data=val)
            pred = predictor.predict(test)
            auc = roc_auc_score(test["is_fraud"], pred)  # expect: EVAL004
        """, note="held-out probe 23: a predictor built for classification (`eval_metric=\"roc_auc\"`) predicts labels"),
        valid("""
            import pandas as pd
            from autogluon.tabular import TabularPredictor
            from sklearn.metrics import roc_auc_score

            train, val, test = (pd.read_parquet(f"data/{s}.parquet") for s in ("train", "val", "test"))
            predictor = TabularPredictor(label="is_fraud", eval_metric="roc_auc").fit(train, tuning_data=val)
            pred = predictor.predict_proba(test)[1]
            auc = roc_auc_score(test["is_fraud"], pred)
        """, note="near miss: the positive class's probability"),
        valid("""
            import pandas as pd
            from autogluon.tabular import TabularPredictor
            from sklearn.metrics import roc_auc_score

            train, test = pd.read_parquet("data/train.parquet"), pd.read_parquet("data/test.parquet")
            predictor = TabularPredictor(label="risk_score", eval_metric="rmse").fit(train)
            print(roc_auc_score(test["defaulted"], predictor.predict(test)))
        """, note="near miss: a regression predictor's predictions are continuous scores"),
        invalid("""
            from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
            from sklearn.pipeline import Pipeline

            def leaderboard(models, preprocessor, X_train, y_train, X_test, y_test):
                rows = []
                for name, model in models:
                    pipe = Pipeline(steps=[("preprocessor", preprocessor), ("classifier", model())])
                    pipe.fit(X_train, y_train)
                    y_pred = pipe.predict(X_test)
                    accuracy = accuracy_score(y_test, y_pred)
                    f1 = f1_score(y_test, y_pred, average="weighted")
                    roc_auc = roc_auc_score(y_test, y_pred)  # expect: EVAL004
                    rows.append((name, accuracy, f1, roc_auc))
                return rows
        """, note="the same value scored by accuracy_score: labels, whatever estimator the pipeline holds"),
        valid("""
            from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

            def leaderboard(models, X_train, y_train, X_test, y_test):
                rows = []
                for name, model in models:
                    model.fit(X_train, y_train)
                    y_pred = model.predict(X_test)
                    accuracy = accuracy_score(y_test, y_pred)
                    y_pred = model.predict_proba(X_test)[:, 1]
                    roc_auc = roc_auc_score(y_test, y_pred)
                    rows.append((name, accuracy, roc_auc))
                return rows

            def scores(y_test, y_score):
                return roc_auc_score(y_test, y_score)

            def auc_then_f1(labels, scores, proba, y_pred):
                auc = roc_auc_score(labels, scores)
                scores[scores >= 0.5] = 1
                f1 = f1_score(labels, scores)
                if proba is None:
                    auc2 = roc_auc_score(labels, y_pred)
                else:
                    auc2 = roc_auc_score(labels, proba)
                if proba is not None:
                    auc3 = roc_auc_score(labels, proba)
                else:
                    auc3 = roc_auc_score(labels, y_pred)
                return auc, f1, auc2, auc3, accuracy_score(labels, y_pred)

            def accuracy(y_test, y_score):
                return accuracy_score(y_test, y_score > 0.5)
        """, note="near misses: the name rebound to probabilities between the two metrics, a name of another function, "
                  "changed in place after the AUC, the labels only where the other arm has no scores"),
        invalid("""
            import torch
            from sklearn.metrics import average_precision_score

            def average_precision_metric(target, pred):
                if len(torch.unique(target)) > 2:
                    return average_precision_score(target, torch.argmax(pred, -1))  # expect: EVAL004
                else:
                    return average_precision_score(target, pred[:, 1] > 0.5)  # expect: EVAL004
        """, note="a branch is no fallback when both arms score hard labels (a mirror's TabPFN)"),
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
            scored = self._scored_as_labels(score_arg, node)
            if scored:
                self.report(node, metric=short(plain(name)), labels=scored,
                            consequence=CONSEQUENCES.get(short(plain(name)), "the metric expects scores"))
            return
        truth = kind_of(self.ctx, truth_arg, node)
        if truth is not None and truth.kind in PREDICTIVE:
            return  # arguments swapped: EVAL003's business
        tree, pos = module_tree(self.ctx), self.ctx.position(node)
        if tree is not None and pos is not None and _fallback_branch(tree, pos.start.line, short(plain(name))):
            return  # the labels only where the other arm has no scores to give (lazypredict's fix)
        self.report(node, metric=short(plain(name)), labels=describe_value(score, self.ctx.code(score_arg)),
                    consequence=CONSEQUENCES.get(short(plain(name)), "the metric expects scores"))

    def _scored_as_labels(self, score_arg: cst.BaseExpression, node: cst.Call) -> str:
        """"`y_pred`, which `accuracy_score` scores as labels at line 352" when the same scope gives the
        name to a label-only metric and does not rebind it between the two calls; "" otherwise."""
        if not isinstance(score_arg, cst.Name):
            return ""
        pos = self.ctx.position(node)
        tree = module_tree(self.ctx)
        if pos is None or tree is None:
            return ""
        memo = self.ctx.memo
        if "eval004_label_uses" not in memo:
            memo["eval004_label_uses"] = _label_uses(tree)
        line, name = pos.start.line, score_arg.value
        if _fallback_branch(tree, line, short(plain(self.qualified_name(node.func) or "")) or "?"):
            return ""
        uses = memo["eval004_label_uses"].get(name, [])
        inner = sorted((u for u in uses if u[2] is tree or (u[2].lineno <= line <= (u[2].end_lineno or u[2].lineno))),
                       key=lambda u: u[0])
        for use_line, metric, scope in inner:
            if scope is tree and any(f.lineno <= line <= (f.end_lineno or f.lineno)
                                     for f in module_nodes(self.ctx) if isinstance(f, FUNCTIONS)):
                continue
            if not _stores_between(scope, name, min(line, use_line), max(line, use_line)):
                return f"`{name}`, which `{metric}` scores as class labels at line {use_line},"
        return ""

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
