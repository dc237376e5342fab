"""hygiene.analysis.predictions: what a value in evaluation code holds."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.predictions import kind_of, name_kind
from tests.helpers import calls


def _kinds(source: str, callee: str = "probe") -> list:
    """Kind of the first argument of every call of `probe(...)` in `source`, in order."""
    seen = []

    def on_call(ctx, node: cst.Call):
        if isinstance(node.func, cst.Name) and node.func.value == callee:
            found = kind_of(ctx, node.args[0].value, node)
            seen.append((found.kind, found.by_name) if found else None)
        return None

    calls(source, on_call)
    return seen


def test_predictions_followed_through_assignments_and_conversions():
    assert _kinds("""
        from sklearn.linear_model import LogisticRegression
        clf = LogisticRegression().fit(X, y)
        pred = clf.predict(X_te)
        probe(pred)
        proba = clf.predict_proba(X_te)[:, 1]
        probe(proba)
        probe((proba > 0.5).astype(int))
        import numpy as np
        hard = np.argmax(logits, axis=-1)
        probe(hard)
        idx = out.max(1)[1]
        probe(idx.cpu().numpy())
    """) == [("labels", False), ("proba", False), ("labels", False), ("labels", False), ("labels", False)]


def test_lists_filled_in_a_loop_take_the_kind_of_what_is_appended():
    assert _kinds("""
        import numpy as np
        preds = []
        for x, y in test_loader:
            preds.extend(model(x).argmax(1).tolist())
        probe(np.concatenate(preds))
    """) == [("labels", False)]


def test_predict_of_an_unknown_estimator_is_a_prediction_of_unknown_form():
    assert _kinds("""
        from sklearn.model_selection import cross_val_predict
        y_hat = keras_model.predict(X)
        probe(y_hat)
        scores = cross_val_predict(sgd_clf, X, y, cv=3, method="decision_function")
        probe(scores)
        labels = cross_val_predict(sgd_clf, X, y, cv=3)
        probe(labels)
    """) == [("pred", False), ("scores", False), ("labels", False)]


def test_truth_from_train_test_split_and_names():
    assert _kinds("""
        from sklearn.model_selection import train_test_split
        a, b, c, d = train_test_split(X, y)
        probe(d)
        probe(c)
        probe(a)
        probe(y_true)
    """) == [("truth", False), ("truth", False), None, ("truth", True)]


def test_an_assignment_reads_the_old_value_of_its_own_target():
    assert _kinds("""
        att = q @ k
        att = probe(att)
    """) == [None]


def test_a_binding_in_one_arm_of_an_if_does_not_reach_the_other():
    assert _kinds("""
        import torch.nn.functional as F
        if sinks is not None:
            w = F.softmax(w, dim=-1)
        else:
            probe(w)
        probe(w)
    """) == [None, ("softmax", False)]


def test_a_later_reassignment_is_not_seen_by_an_earlier_call():
    assert _kinds("""
        pred = clf.predict(X)
        probe(pred)
        pred = None
    """) == [("labels", False)]


def test_names():
    assert name_kind("y_pred") == "pred"
    assert name_kind("predictions") == "pred"
    assert name_kind("y_test") == "truth"
    assert name_kind("gold") == "truth"
    assert name_kind("labels") == "truth"
    assert name_kind("probs") is None
    assert name_kind("outputs") is None


def test_lists_made_in_one_tuple_assignment_take_the_kind_of_what_is_appended():
    assert _kinds("""
        pred_list, other = [], []
        for batch in batches:
            pred_list.extend(model.predict(batch["x"]))
            other.extend(batch["tags"])
        probe(pred_list)
        probe(other)
        a, b = X, Y
        probe(a)
    """) == [("pred", False), None, None]
