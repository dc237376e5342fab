"""The kinds a value in evaluation code can hold (see `hygiene.analysis.predictions`), and what a
name alone says: `y_pred` is a prediction, `y_test` the truth. Word lists and the `Kind` record.
"""
from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens

PREDICTIVE = frozenset({"labels", "proba", "softmax", "sigmoid", "log_softmax", "scores", "logits", "pred"})
CONTINUOUS = frozenset({"proba", "softmax", "sigmoid", "scores", "logits"})

PRED_WORDS = frozenset("pred preds predicted prediction predictions yhat ypred hat".split())
TRUTH_WORDS = frozenset("true truth gold golds grd gld label labels target targets gt groundtruth reference references refs actual".split())
_TRUTH_NAMES = frozenset({"y", "ys", "y_test", "y_val", "y_valid", "y_dev", "y_eval", "y_te", "y_va", "y_tr",
                          "y_train", "y_holdout", "ytest", "yval", "ytrue", "y_true", "y_gold", "gold"})
# Same object, another form: `t.cpu().numpy()`, `np.asarray(t)`.
PASS_METHODS = frozenset("""
cpu numpy detach tolist ravel flatten squeeze reshape view copy clone to contiguous float double
astype values to_numpy cuda half long int unsqueeze
""".split())
PASS_FUNCTIONS = frozenset("""
numpy.array numpy.asarray numpy.concatenate numpy.stack numpy.vstack numpy.hstack numpy.ravel
numpy.squeeze torch.cat torch.stack torch.tensor torch.as_tensor torch.from_numpy builtins.list
pandas.Series numpy.row_stack torch.concat torch.concatenate numpy.asanyarray
""".split())
ARGMAX_FUNCTIONS = frozenset({"numpy.argmax", "torch.argmax", "numpy.nanargmax", "jax.numpy.argmax"})
_CLASSIFIER_HINTS = ("Classifier", "LogisticRegression", "SVC", "NB", "DiscriminantAnalysis", "Perceptron",
                     "KNeighborsClassifier", "NearestCentroid", "LabelPropagation", "LabelSpreading")
LOADER_WORDS = frozenset("loader loaders dataloader dl batches iterator iter".split())


def one_line(code: str, limit: int = 60) -> str:
    """Code for a message: whitespace collapsed, long code cut with an ellipsis."""
    text = " ".join(code.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_value(kind: "Kind | None", code: str) -> str:
    """`guess` (from `baseline.predict(X_te)`), for messages."""
    code = one_line(code)
    if kind is None or kind.by_name or not kind.origin or one_line(kind.origin) == code:
        return f"`{code}`"
    return f"`{code}` (from `{one_line(kind.origin)}`)"


# A place in a scope: its number in source order, and the if/else arms it is in.
At = tuple[int, tuple[tuple[int, int], ...]]


@dataclass(frozen=True)
class Kind:
    kind: str                  # one of the kinds above
    origin: str = ""           # the code it came from: `baseline.predict(feat_te)`
    node: cst.CSTNode | None = None   # the expression or assignment it came from
    batched: bool = False      # logits of a batch (first axis = examples)
    by_name: bool = False      # only the name says so


def name_kind(name: str) -> str | None:
    """`y_pred` -> pred, `y_test` -> truth, `probs` -> None (names of scores are too loose)."""
    last = name.rsplit(".", 1)[-1].strip("'\"")
    if last.lower() in _TRUTH_NAMES:
        return "truth"
    words = set(name_tokens(last))
    if words & PRED_WORDS or last.lower() in ("yhat", "y_hat", "ypred"):
        return "pred"
    if words & TRUTH_WORDS:
        return "truth"
    return None


def later_output_element(value: cst.BaseExpression, found: Kind) -> bool:
    """`outputs[1]` of a model's forward call (`found`: its logits): an element after the first of
    the tuple the model returns, which may be anything it hands back (the batch's labels)."""
    if not (isinstance(value, cst.Subscript) and found.kind == "logits" and isinstance(found.node, cst.Call)):
        return False
    first = value.slice[0].slice if len(value.slice) == 1 else None
    return isinstance(first, cst.Index) and isinstance(first.value, cst.Integer) and first.value.evaluated_value >= 1


def loop_row(rows: Kind | None) -> Kind | None:
    """One row of `rows` walked by a loop (`for p in probs:`): each row of a softmax (sigmoid,
    log-softmax, predict_proba) output is one example's probabilities; other kinds say nothing of a row."""
    if rows is None or rows.by_name or rows.kind not in ("softmax", "sigmoid", "log_softmax", "proba"):
        return None
    return Kind(rows.kind, rows.origin, rows.node, batched=False)
