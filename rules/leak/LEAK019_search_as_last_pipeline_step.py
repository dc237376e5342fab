"""LEAK019: a cross-validated search as the last step of a pipeline whose earlier steps are fitted on all its rows."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.stdast import module_tree
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid

# Searches that cut the rows they are given into cross-validation folds and score each setting on them.
SEARCHES = frozenset({"GridSearchCV", "RandomizedSearchCV", "HalvingGridSearchCV", "HalvingRandomSearchCV",
                      "BayesSearchCV", "TuneSearchCV", "TuneGridSearchCV", "EvolutionaryAlgorithmSearchCV"})
PIPELINES = frozenset({"make_pipeline", "Pipeline"})
# Steps that learn nothing from the rows they see.
STATELESS = frozenset({"FunctionTransformer", "Normalizer", "Binarizer", "PolynomialFeatures", "SplineTransformer"})


def _tail(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


class SearchAsLastPipelineStep(Rule):
    """
    ## What it does
    Finds a pipeline (`make_pipeline(...)`, `Pipeline([...])`) whose last step is a cross-validated
    search (`GridSearchCV`, `RandomizedSearchCV`, the halving and Bayesian searches) and whose
    earlier steps learn from the rows they are fitted on (a scaler, a feature selector, PCA, an
    imputer), given inline or bound to a name first (`clf_grid = GridSearchCV(...)`,
    `feature_select = SelectKBest(...)`). Steps that learn nothing (`FunctionTransformer`,
    `Normalizer`, `'passthrough'`) are left alone, and so is the search wrapped around the pipeline
    (`GridSearchCV(make_pipeline(StandardScaler(), clf), grid)`).

    | spelling | found | near miss left alone |
    |---|---|---|
    | `make_pipeline(feature_select, StandardScaler(), clf_grid)` with `clf_grid = GridSearchCV(...)` (script) | yes | `GridSearchCV(make_pipeline(feature_select, StandardScaler(), clf), grid)` |
    | `Pipeline([("scale", StandardScaler()), ("search", RandomizedSearchCV(...))])` (function) | yes | `Pipeline([("search", RandomizedSearchCV(...))])` |
    | `make_pipeline(SimpleImputer(), PCA(10), GridSearchCV(...))` (notebook) | yes | `make_pipeline(FunctionTransformer(np.log1p), GridSearchCV(...))` |

    ## Why is this bad?
    Fitting the pipeline fits each earlier step on all the rows it is given and only then hands the
    transformed rows to the search, which cuts them into folds. Every fold's held-out part has
    already shaped the scaling, the selected features or the components, so the cross-validation
    scores that choose the hyperparameters are optimistic, and more so the more the step learns
    (a supervised feature selection most of all). The chosen setting and the reported CV score are
    not what a clean nested fit would give.

    ## Example
        clf_grid = GridSearchCV(SGDClassifier(), param_grid, scoring="roc_auc")
        pipeline = make_pipeline(SelectKBest(k=500), StandardScaler(), clf_grid)
        pipeline.fit(X_train, y_train)

    Use instead:
        pipeline = Pipeline([("select", SelectKBest()), ("scale", StandardScaler()), ("clf", SGDClassifier())])
        clf_grid = GridSearchCV(pipeline, {"select__k": [500], "clf__alpha": alphas}, scoring="roc_auc")
        clf_grid.fit(X_train, y_train)
    """

    code = "LEAK019"
    category = "LEAK-PREPROC"
    severity = Severity.ERROR
    message = ("`{search}` is the last step of a pipeline after {steps}: those steps are fitted on every row the "
               "search then cuts into cross-validation folds, so each fold's held-out rows shape the features it "
               "is scored on and the hyperparameters are chosen on optimistic scores")
    question = ("Should the search wrap the pipeline (`{search_class}(pipeline, grid)`) so that {steps} is refitted "
                "in each fold?")
    triggers = tuple(sorted(SEARCHES))
    examples = [
        invalid("""
            from sklearn.feature_selection import SelectKBest
            from sklearn.linear_model import SGDClassifier
            from sklearn.model_selection import GridSearchCV, train_test_split
            from sklearn.pipeline import make_pipeline
            from sklearn.preprocessing import StandardScaler

            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.1, random_state=0)
            feature_select = SelectKBest(fs_mad, k=500)
            clf = SGDClassifier(random_state=0, class_weight="balanced")
            clf_grid = GridSearchCV(estimator=clf, param_grid=param_grid, scoring="roc_auc")
            pipeline = make_pipeline(  # expect: LEAK019
                feature_select,
                StandardScaler(),
                clf_grid)
            pipeline.fit(X=X_train, y=y_train)
        """, note="a script: the selector and the scaler bound to names, the search last"),
        valid("""
            from sklearn.feature_selection import SelectKBest
            from sklearn.linear_model import SGDClassifier
            from sklearn.model_selection import GridSearchCV
            from sklearn.pipeline import Pipeline
            from sklearn.preprocessing import StandardScaler

            pipeline = Pipeline(steps=[("select", SelectKBest(fs_mad)), ("standardize", StandardScaler()),
                                       ("classify", SGDClassifier(random_state=0))])
            cv_pipeline = GridSearchCV(estimator=pipeline, param_grid=param_grid, scoring="roc_auc")
            cv_pipeline.fit(X=X_train, y=y_train)
        """, note="near miss: the search wraps the pipeline, each fold refits the selector and the scaler"),
        invalid("""
            from sklearn.pipeline import Pipeline
            from sklearn.preprocessing import StandardScaler
            from sklearn.model_selection import RandomizedSearchCV
            from sklearn.ensemble import RandomForestClassifier

            def build(grid):
                return Pipeline([  # expect: LEAK019
                    ("scale", StandardScaler()),
                    ("search", RandomizedSearchCV(RandomForestClassifier(), grid, n_iter=20, cv=5)),
                ])
        """, note="a function: Pipeline steps as (name, step) pairs"),
        valid("""
            from sklearn.pipeline import Pipeline
            from sklearn.model_selection import RandomizedSearchCV
            from sklearn.ensemble import RandomForestClassifier

            def build(grid):
                return Pipeline([("search", RandomizedSearchCV(RandomForestClassifier(), grid, n_iter=20, cv=5))])
        """, note="near miss: the search is the only step"),
        invalid({"tune.ipynb": notebook(
            """
            import numpy as np
            from sklearn.decomposition import PCA
            from sklearn.impute import SimpleImputer
            from sklearn.model_selection import GridSearchCV
            from sklearn.pipeline import make_pipeline
            from sklearn.svm import SVC
            model = make_pipeline(SimpleImputer(), PCA(10), GridSearchCV(SVC(), {"C": [0.1, 1, 10]}))  # expect: LEAK019
            model.fit(X_train, y_train)
            """,
        )}, note="notebook: an imputer and PCA before the search"),
        valid({"tune.ipynb": notebook(
            """
            import numpy as np
            from sklearn.model_selection import GridSearchCV
            from sklearn.pipeline import make_pipeline
            from sklearn.preprocessing import FunctionTransformer
            from sklearn.svm import SVC
            model = make_pipeline(FunctionTransformer(np.log1p), "passthrough", GridSearchCV(SVC(), {"C": [0.1, 1, 10]}))
            model.fit(X_train, y_train)
            """,
        )}, note="near miss (notebook): steps that learn nothing from the rows before the search"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        bound: dict[str, ast.Call] = {}  # a name -> the call it is bound to (the last binding in the file)
        for n in ast.walk(tree):
            if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call):
                for target in n.targets:
                    if isinstance(target, ast.Name):
                        bound[target.id] = n.value
        for n in ast.walk(tree):
            if isinstance(n, ast.Call) and _tail(n.func) in PIPELINES:
                self._pipeline(n, bound)

    def _pipeline(self, call: ast.Call, bound: dict[str, ast.Call]) -> None:
        steps = _steps(call)
        if len(steps) < 2:
            return
        last = _resolve(steps[-1], bound)
        if last is None or _tail(last.func) not in SEARCHES:
            return
        learning = []
        for step in steps[:-1]:
            made = _resolve(step, bound)
            if made is not None and _tail(made.func) and _tail(made.func) not in STATELESS | PIPELINES | SEARCHES:
                learning.append(ast.unparse(step) if isinstance(step, ast.Name) else f"`{_tail(made.func)}`")
        if not learning:
            return
        names = [s if s.startswith("`") else f"`{s}`" for s in learning]
        related = ()
        if isinstance(steps[-1], ast.Name):
            related = (Location(self.ctx.path, last.lineno, "the search"),)
        self.ctx.report(type(self), None, line=call.lineno, related=related,
                        fields={"search": ast.unparse(steps[-1]) if isinstance(steps[-1], ast.Name) else _tail(last.func),
                                "search_class": _tail(last.func), "steps": " and ".join(names)})


def _steps(call: ast.Call) -> list[ast.AST]:
    """The steps of `make_pipeline(a, b, c)` or `Pipeline([("a", a), ...])` / `Pipeline(steps=[...])`."""
    if _tail(call.func) == "make_pipeline":
        return [a for a in call.args if not isinstance(a, ast.Starred)]
    listed = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "steps"), None)
    if not isinstance(listed, (ast.List, ast.Tuple)):
        return []
    steps = []
    for item in listed.elts:
        if not (isinstance(item, (ast.Tuple, ast.List)) and len(item.elts) >= 2):
            return []
        steps.append(item.elts[1])
    return steps


def _resolve(step: ast.AST, bound: dict[str, ast.Call]) -> ast.Call | None:
    """The call that makes the step: the step itself, or the call its name is bound to."""
    if isinstance(step, ast.Call):
        return step
    if isinstance(step, ast.Name):
        return bound.get(step.id)
    return None
