"""EVAL060: online learning scored on items the model learned just before predicting them."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.stdast import module_tree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# River's online API, where progressive validation (predict, then learn) is the convention. scikit-learn's
# `partial_fit` then `predict` on the same batch is left alone: that is how a training accuracy is logged.
LEARN = frozenset({"learn_one", "learn_many"})
PREDICT = frozenset({"predict_one", "predict_proba_one", "predict_many", "predict_proba_many", "score_one"})
LOOPS = (ast.For, ast.AsyncFor, ast.While)


def _statements(loop: ast.AST) -> list[ast.stmt]:
    return list(getattr(loop, "body", []))


def _calls_in(statement: ast.stmt) -> list[ast.Call]:
    return [n for n in ast.walk(statement) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)]


class OnlineLearnBeforePredict(Rule):
    """
    ## What it does
    Finds a loop over a stream that updates an online model (River) on an item (`model.learn_one(x, y)`,
    `learn_many`) and then predicts that same item with the same model (`model.predict_one(x)`,
    `predict_proba_one(x)`, `predict_many(X)`) in the same pass, when the prediction reaches a metric (`metric.update(y,
    y_pred)`, a list of predictions, a count of hits). Progressive validation (River's `progressive_val_score`)
    predicts first and learns afterwards; the other way round every prediction is of an item whose label the
    model has just been given. Predicting first, predicting another item (`x_next`), or a learn step whose
    prediction feeds no metric are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `model.learn_one(x, y)` then `y_pred = model.predict_one(x)`; `metric.update(y, y_pred)` | yes | predict, update, then learn |
    | `model.learn_many(X, y)` then `hits += (model.predict_many(X) == y).sum()` | yes | `model.predict_many(X_next)` |
    | scikit-learn `partial_fit(Xb, yb)` then `predict(Xb)` | no | a logged training accuracy |

    ## Why is this bad?
    The "online" score is a training score: each item is predicted by a model that was just fitted
    to it, so the metric rewards memorising the last example, and a drifting stream looks easy.

    ## Example
        for x, y in stream:
            model.learn_one(x, y)
            y_pred = model.predict_one(x)
            metric.update(y, y_pred)

    Use instead:
        for x, y in stream:
            y_pred = model.predict_one(x)
            metric.update(y, y_pred)
            model.learn_one(x, y)
    """

    code = "EVAL060"
    category = "EVAL-TRAIN"
    severity = Severity.ERROR
    message = ("`{learn}` updates the model on the item before `{predict}` predicts it in the same pass: the "
               "metric scores items the model has just learned (progressive validation predicts first)")
    question = "Should `{predict}` run before `{learn}`, so that each item is predicted before the model learns it?"
    triggers = ("learn_one", "learn_many")
    examples = [
        invalid("""
            from river import linear_model, metrics, stream

            model = linear_model.LogisticRegression()
            metric = metrics.F1()
            for x, y in stream.iter_csv("data/tx.csv", target="is_fraud"):
                model.learn_one(x, y)  # expect: EVAL060
                y_pred = model.predict_one(x)
                metric.update(y, y_pred)
            print(metric.get())
        """, note="probe 18: River's model learns each transaction, then predicts it"),
        invalid("""
            from river import linear_model
            model = linear_model.LogisticRegression()
            hits = 0
            for X, y in batches:
                model.learn_many(X, y)  # expect: EVAL060
                hits += (model.predict_many(X) == y).sum()
            print(hits / n)
        """, note="mini-batches: learned, then the same batch predicted and counted"),
        valid("""
            from river import linear_model, metrics, stream

            model = linear_model.LogisticRegression()
            metric = metrics.F1()
            for x, y in stream.iter_csv("data/tx.csv", target="is_fraud"):
                y_pred = model.predict_one(x)
                metric.update(y, y_pred)
                model.learn_one(x, y)
            print(metric.get())
        """, note="near miss: progressive validation, predict then learn"),
        valid("""
            from river import linear_model
            model = linear_model.LogisticRegression()
            hits = 0
            for (X, y), (X_next, y_next) in zip(batches, batches[1:]):
                model.learn_many(X, y)
                hits += (model.predict_many(X_next) == y_next).sum()
            print(hits / n)
        """, note="near miss: the next batch is predicted, not the one learned"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for loop in ast.walk(tree):
            if isinstance(loop, LOOPS):
                self._loop(loop)

    def _loop(self, loop: ast.AST) -> None:
        learned: dict[tuple[str, str], ast.Call] = {}  # (model, item) -> the learn call
        for statement in _statements(loop):
            for call in _calls_in(statement):
                method = call.func.attr  # type: ignore[attr-defined]
                model = ast.unparse(call.func.value)  # type: ignore[attr-defined]
                if method in LEARN and call.args:
                    learned.setdefault((model, ast.unparse(call.args[0])), call)
                elif method in PREDICT and call.args and (model, ast.unparse(call.args[0])) in learned:
                    if not self._scored(loop, statement, call):
                        continue
                    learn = learned[(model, ast.unparse(call.args[0]))]
                    self.ctx.report(type(self), None, line=learn.lineno, snippet=ast.unparse(learn)[:120],
                                    fields={"learn": ast.unparse(learn), "predict": ast.unparse(call)})
                    return

    @staticmethod
    def _scored(loop: ast.AST, statement: ast.stmt, call: ast.Call) -> bool:
        """The prediction reaches a metric: compared or counted in its statement, or bound to a name that a
        later call of the loop (`metric.update(y, y_pred)`, `preds.append(y_pred)`) or a `+=` reads."""
        if isinstance(statement, ast.AugAssign) or any(isinstance(n, ast.Compare) for n in ast.walk(statement)):
            return True
        names = {t.id for t in getattr(statement, "targets", []) if isinstance(t, ast.Name)}
        if not names:
            return isinstance(statement, ast.Expr) and statement.value is not call
        after = False
        for other in _statements(loop):
            if other is statement:
                after = True
                continue
            if not after:
                continue
            for n in ast.walk(other):
                if isinstance(n, ast.Call) and any(isinstance(a, ast.Name) and a.id in names for a in n.args):
                    return True
                if isinstance(n, ast.AugAssign) and any(isinstance(m, ast.Name) and m.id in names for m in ast.walk(n.value)):
                    return True
        return False
