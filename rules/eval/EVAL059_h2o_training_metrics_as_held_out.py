"""EVAL059: H2O's `model_performance()` with no frame (the training metrics) reported as a held-out figure."""
from __future__ import annotations

import ast
import re

import libcst as cst

from hygiene.analysis.stdast import module_tree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# Keywords of `model_performance` that choose the data: a frame, or the validation / cross-validation metrics.
_CHOOSERS = frozenset({"test_data", "valid", "xval"})
_HELD_OUT = re.compile(r"(?i)(^|[^a-z])(test|val|valid|validation|held_?out|holdout|oos)([^a-z]|$)")
_TRAINING = re.compile(r"(?i)train|fit|in_?sample")


def _trained_h2o(tree: ast.Module) -> set[str]:
    """Names of H2O estimators (or AutoML runs, through `.leader`) that the file trains with `training_frame=`."""
    names: set[str] = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "train" \
                and any(k.arg == "training_frame" for k in n.keywords):
            names.add(ast.unparse(n.func.value))
    return names | {f"{name}.leader" for name in names}


class H2OTrainingMetricsAsHeldOut(Rule):
    """
    ## What it does
    Finds H2O's `model.model_performance()` called with no frame and none of `valid=True` /
    `xval=True` (or with `train=True`) on a model the file trains with `training_frame=`, when what it
    returns is named or keyed as a held-out figure (`test_auc`, `perf_test`, `"val_rmse"`) or printed
    under such a word. Without `test_data=` H2O returns the metrics it kept from training: the
    model's fit to its own training rows. Performance on a frame (`model_performance(test_data=test)`,
    `model_performance(test)`), the validation or cross-validation metrics, and training metrics named
    as such (`train_perf`) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `perf = gbm.model_performance()` then `{"test_auc": perf.auc()}` | yes | `gbm.model_performance(test_data=test)` |
    | `print("test AUC", gbm.model_performance().auc())` | yes | `model_performance(valid=True)` |
    | `aml.leader.model_performance()` named `test_perf` | yes | `train_perf = gbm.model_performance()` |

    ## Why is this bad?
    The number is the training fit, often far better than the model does on new rows, reported as
    its held-out performance; the test frame split off for it is never scored.

    ## Example
        train, test = frame.split_frame(ratios=[0.8], seed=1)
        gbm.train(x=features, y="churned", training_frame=train)
        perf = gbm.model_performance()
        print("test AUC", perf.auc())

    Use instead:
        perf = gbm.model_performance(test_data=test)
        print("test AUC", perf.auc())
    """

    code = "EVAL059"
    category = "EVAL-TRAIN"
    severity = Severity.ERROR
    message = ("`{text}` scores the training rows (H2O returns the training metrics when no `test_data` is given), "
               "and the result is reported as {where_reported}")
    question = "Should `{text}` be given the held-out frame (`test_data=...`)? As written it returns the training metrics"
    triggers = ("model_performance",)
    examples = [
        invalid("""
            import json
            import h2o
            from h2o.estimators import H2OGradientBoostingEstimator

            frame = h2o.import_file("data/churn.csv")
            train, test = frame.split_frame(ratios=[0.8], seed=1234)
            gbm = H2OGradientBoostingEstimator(ntrees=300, seed=1234)
            gbm.train(x=features, y="churned", training_frame=train)
            perf = gbm.model_performance()  # expect: EVAL059
            json.dump({"model": "gbm", "test_auc": perf.auc()}, open("results/churn.json", "w"))
        """, note="probe 18: without a frame H2O returns the training metrics, saved as the test AUC"),
        invalid("""
            import h2o
            from h2o.automl import H2OAutoML

            aml = H2OAutoML(max_models=10, seed=1)
            aml.train(y="label", training_frame=train)
            print("test AUC", aml.leader.model_performance().auc())  # expect: EVAL059
        """, note="an AutoML leader's performance with no frame, printed as the test AUC"),
        valid("""
            import json
            import h2o
            from h2o.estimators import H2OGradientBoostingEstimator

            frame = h2o.import_file("data/churn.csv")
            train, test = frame.split_frame(ratios=[0.8], seed=1234)
            gbm = H2OGradientBoostingEstimator(ntrees=300, seed=1234)
            gbm.train(x=features, y="churned", training_frame=train, validation_frame=test)
            perf = gbm.model_performance(test_data=test)
            val = gbm.model_performance(valid=True)
            train_perf = gbm.model_performance()
            json.dump({"model": "gbm", "test_auc": perf.auc(), "val_auc": val.auc(), "train_auc": train_perf.auc()},
                      open("results/churn.json", "w"))
        """, note="near misses: the test frame given, the validation metrics asked for, training metrics named as such"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        trained = _trained_h2o(tree)
        if not trained:
            return
        parents: dict[int, ast.AST] = {}
        for n in ast.walk(tree):
            for child in ast.iter_child_nodes(n):
                parents[id(child)] = n
        assigned: dict[str, list[ast.AST]] = {}
        for n in ast.walk(tree):
            if isinstance(n, ast.Assign):
                for t in n.targets:
                    if isinstance(t, ast.Name):
                        assigned.setdefault(t.id, []).append(n)
        for n in ast.walk(tree):
            if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "model_performance"):
                continue
            if ast.unparse(n.func.value) not in trained or n.args:
                continue
            keywords = {k.arg: k.value for k in n.keywords}
            if any(k in keywords and not (isinstance(keywords[k], ast.Constant) and keywords[k].value in (False, None))
                   for k in _CHOOSERS):
                continue
            where = self._held_out_use(n, parents, tree)
            if where is None:
                continue
            self.ctx.report(type(self), None, line=n.lineno, snippet=ast.unparse(n)[:120],
                            fields={"text": ast.unparse(n), "where_reported": where})

    def _held_out_use(self, call: ast.Call, parents: dict[int, ast.AST], tree: ast.Module) -> str | None:
        """How the result is named or shown as a held-out figure, or None."""
        node: ast.AST = call
        target = None
        while id(node) in parents:
            parent = parents[id(node)]
            if isinstance(parent, ast.Assign):
                names = [t.id for t in parent.targets if isinstance(t, ast.Name)]
                if names and any(_TRAINING.search(x) for x in names):
                    return None
                if names and any(_HELD_OUT.search(x) for x in names):
                    return f"`{names[0]}`"
                target = names[0] if names else None
                break
            if isinstance(parent, ast.Dict):
                for key, value in zip(parent.keys, parent.values):
                    if value is node and isinstance(key, ast.Constant) and isinstance(key.value, str):
                        return self._by_word(key.value)
                return None
            if isinstance(parent, ast.keyword) and parent.arg:
                return self._by_word(parent.arg)
            if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id == "print":
                words = " ".join(a.value for a in parent.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
                return self._by_word(words)
            if isinstance(parent, ast.JoinedStr):
                words = " ".join(v.value for v in parent.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
                return self._by_word(words)
            node = parent
        if target is None:
            return None
        # `perf = gbm.model_performance()` and later `{"test_auc": perf.auc()}` / `print("test AUC", perf.auc())`
        for n in ast.walk(tree):
            if isinstance(n, ast.Name) and n.id == target and isinstance(n.ctx, ast.Load) and n.lineno > call.lineno:
                found = self._use_of(n, parents)
                if found:
                    return found
        return None

    def _use_of(self, name: ast.Name, parents: dict[int, ast.AST]) -> str | None:
        node: ast.AST = name
        for _ in range(6):
            parent = parents.get(id(node))
            if parent is None:
                return None
            if isinstance(parent, ast.Dict):
                for key, value in zip(parent.keys, parent.values):
                    if value is node and isinstance(key, ast.Constant) and isinstance(key.value, str):
                        return self._by_word(key.value)
                return None
            if isinstance(parent, ast.keyword) and parent.arg:
                return self._by_word(parent.arg)
            if isinstance(parent, ast.Assign):
                names = [t.id for t in parent.targets if isinstance(t, ast.Name)]
                return self._by_word(" ".join(names)) if names else None
            if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id == "print":
                words = " ".join(a.value for a in parent.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
                return self._by_word(words)
            if isinstance(parent, ast.JoinedStr):
                words = " ".join(v.value for v in parent.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
                return self._by_word(words)
            node = parent
        return None

    @staticmethod
    def _by_word(text: str) -> str | None:
        if _TRAINING.search(text) or not _HELD_OUT.search(text):
            return None
        return f"`{text.strip()[:40]}`"
