"""EVAL012: the truth stored where the predictions belong, and the predictions where the truth belongs."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.dataflow.program import program
from hygiene.analysis.metric_sides import parameter_side as _parameter_side
from hygiene.analysis.metric_sides import side as _side
from hygiene.analysis.names import dotted
from hygiene.analysis.strings import string_value
from hygiene.analysis.value_kinds import PASS_METHODS, name_kind
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid

ADDS = frozenset({"append", "extend", "add", "insert", "put"})
# Words that say nothing about which side a value is on.
GENERIC = frozenset({"all", "batch", "list", "lst", "y", "epoch", "total", "cur", "current", "np", "arr", "tensor", "s"})

Store = tuple[str, str, cst.CSTNode]   # (where it goes, the name of what goes there, the node)


class CrossedTruthAndPrediction(Rule):
    """
    ## What it does
    Finds two stores in one function, or one call, that exchange the truth and the predictions:
    the container, attribute, key or keyword named for one side receives the value named for the
    other, and the one named for the other side receives the first (`self.labels.append(probs)`
    next to `self.pred_probs.append(labels)`; `all_preds.extend(y)` next to `all_labels.extend(preds)`;
    `{"gold": pred, "pred": gold}`; `update(preds=target, target=preds)`; `y_true.extend(preds)` next to
    `y_hat.extend(targets)`), and a returned pair unpacked crossed (`labels, preds = collect(model, loader)`
    where `collect`, here or in another module, returns `all_preds, all_labels`), and arguments passed
    crossed to a repository function's parameters (`nm.on_off_scores(ground_truth, prediction)` where
    `on_off_scores`, here or in another module, is defined `(pred, ground, threshold)`; a parameter named
    `ground`, `gt`, `gold`, `truth` or `reference` is the truth's). One side must be named as
    the truth (`labels`, `targets`, `gold`, `y_true`) and the other as a prediction or a score
    (`preds`, `probs`, `logits`, `scores`). A single store of a label into a prediction list is not
    reported: pseudo-labels and predicted labels are often called labels.
    A metric's prediction keyword given a value only the truth is called by
    (`bleu.compute(predictions=gold, references=[[g] for g in generated])` of huggingface `evaluate`,
    torchmetrics' `preds=` / `target=`) is reported on its own; `labels` alone is not enough there.

    ## Why is this bad?
    Every metric computed later from those containers has truth and prediction exchanged: a
    calibration error measures the labels against the probabilities' bins, precision becomes
    recall, an AUROC is computed with the scores as the classes. The code runs and the numbers
    look plausible.

    ## Example
        def update(self, labels, probs):
            self.labels.append(probs)
            self.pred_probs.append(labels)

    Use instead:
        def update(self, labels, probs):
            self.labels.append(labels)
            self.pred_probs.append(probs)
    """

    code = "EVAL012"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{target}` receives `{value}` while `{other_target}` receives `{other_value}` ({other_where}): "
               "truth and predictions are stored crossed, so every metric computed from them has them exchanged")
    question = "Are `{value}` and `{other_value}` stored in the right containers at {where}?"
    dataflow_starts = frozenset({"call"})
    examples = [
        invalid({
            "nilm/metrics.py": """
                import numpy as np

                def on_off_scores(pred, ground, threshold):
                    on_pred, on_true = pred > threshold, ground > threshold
                    tp = np.sum(on_pred & on_true)
                    return tp / max(on_true.sum(), 1), tp / max(on_pred.sum(), 1)
            """,
            "nilm/evaluate.py": """
                import numpy as np
                from nilm import metrics as nm

                ground_truth = np.load("appliance_true.npy")
                prediction = np.load("appliance_pred.npy")
                recall, precision = nm.on_off_scores(ground_truth.flatten(), prediction.flatten(), 15)  # expect: EVAL012
            """,
        }, note="positional arguments named for the truth and the prediction, passed to a repo function whose "
                "parameters are named the other way round"),
        valid({
            "nilm/metrics.py": """
                import numpy as np

                def on_off_scores(pred, ground, threshold):
                    on_pred, on_true = pred > threshold, ground > threshold
                    tp = np.sum(on_pred & on_true)
                    return tp / max(on_true.sum(), 1), tp / max(on_pred.sum(), 1)

                def nde(target, prediction):
                    return np.sum((prediction - target) ** 2) / np.sum(target ** 2)
            """,
            "nilm/evaluate.py": """
                import numpy as np
                from nilm import metrics as nm

                ground_truth = np.load("appliance_true.npy")
                prediction = np.load("appliance_pred.npy")
                recall, precision = nm.on_off_scores(prediction.flatten(), ground_truth.flatten(), 15)
                error = nm.nde(ground_truth, prediction)
                pairs = nm.on_off_scores(pred=prediction, ground=ground_truth, threshold=15)
            """,
        }, note="near miss: the same functions called in their parameters' order, by position and by keyword"),
        invalid({
            "evaluation/__init__.py": "",
            "evaluation/collect.py": """
                import torch

                @torch.no_grad()
                def collect(model, loader):
                    model.eval()
                    all_preds, all_labels = [], []
                    for x, y in loader:
                        all_preds.extend(model(x).argmax(-1).tolist())
                        all_labels.extend(y.tolist())
                    return all_preds, all_labels
            """,
            "evaluation/report.py": """
                from sklearn.metrics import f1_score
                from .collect import collect

                def macro_f1(model, test_loader):
                    labels, preds = collect(model, test_loader)  # expect: EVAL012
                    return f1_score(labels, preds, average="macro")
            """,
        }, note="across modules: the collector returns (predictions, labels); the report in another module "
                "unpacks them as (labels, predictions)"),
        valid({
            "evaluation/__init__.py": "",
            "evaluation/collect.py": """
                import torch

                @torch.no_grad()
                def collect(model, loader):
                    model.eval()
                    all_preds, all_labels = [], []
                    for x, y in loader:
                        all_preds.extend(model(x).argmax(-1).tolist())
                        all_labels.extend(y.tolist())
                    return all_preds, all_labels
            """,
            "evaluation/report.py": """
                from sklearn.metrics import f1_score
                from .collect import collect

                def macro_f1(model, test_loader):
                    preds, labels = collect(model, test_loader)
                    return f1_score(labels, preds, average="macro")
            """,
        }, note="near miss of the same layout: unpacked in the order returned"),
        invalid({"eval_cnn.ipynb": notebook(
            """
            import torch
            from sklearn.metrics import confusion_matrix
            model.eval()
            """,
            """
            y_true, y_hat = [], []
            with torch.no_grad():
                for images, targets in test_loader:
                    preds = model(images).argmax(1)
                    y_true.extend(preds.tolist())  # expect: EVAL012
                    y_hat.extend(targets.tolist())
            """,
            """
            confusion_matrix(y_true, y_hat)
            """,
        )}, note="notebook: the collecting cell stores each side in the other's list; the next cell tabulates them"),
        valid({"eval_cnn.ipynb": notebook(
            """
            import torch
            from sklearn.metrics import confusion_matrix
            model.eval()
            """,
            """
            y_true, y_hat = [], []
            with torch.no_grad():
                for images, targets in test_loader:
                    preds = model(images).argmax(1)
                    y_hat.extend(preds.tolist())
                    y_true.extend(targets.tolist())
            """,
            """
            confusion_matrix(y_true, y_hat)
            """,
        )}, note="near miss: the same cells, each side in its own list"),
        invalid("""
            class CalibrationError:
                def __init__(self):
                    self.labels, self.pred_probs = [], []

                def update(self, labels, probs):
                    self.labels.append(probs)  # expect: EVAL012
                    self.pred_probs.append(labels)
                    return self
        """),
        invalid("""
            def collect(model, loader):
                all_preds, all_labels = [], []
                for x, y in loader:
                    preds = model(x).argmax(-1)
                    all_labels.extend(preds.cpu().numpy())  # expect: EVAL012
                    all_preds.extend(y.numpy())
                return all_preds, all_labels
        """, note="loop lists; the truth is the loader's `y`"),
        invalid("""
            def record(rows, gold, pred):
                rows.append({"gold": pred, "pred": gold})  # expect: EVAL012
        """, note="dict keys"),
        invalid("""
            metric.update(preds=targets, target=preds)  # expect: EVAL012
        """, note="keywords of one call"),
        valid("""
            class CalibrationError:
                def update(self, labels, probs):
                    self.labels.append(labels)
                    self.pred_probs.append(probs)
        """),
        valid("""
            def pseudo_label(model, x):
                probs = model(x).softmax(-1)
                labels = probs.argmax(-1)
                self.labels.append(labels)
                self.pred_probs.append(probs)
        """),
        valid("""
            def rotate(self, width, height):
                self.width = height
                self.height = width
        """, note="crossed on purpose, and neither side is a truth or a prediction"),
        valid("""
            pseudo = []
            pseudo.append(labels)
            teacher_preds.append(labels)
        """, note="one store of labels into a prediction list: pseudo-labelling"),
        invalid("""
            import evaluate
            bleu = evaluate.load("sacrebleu")

            def score(generated, gold):
                return bleu.compute(predictions=gold, references=[[g] for g in generated])["score"]  # expect: EVAL012
        """, note="probe 12: huggingface `evaluate` given the gold texts as predictions; the generated ones, wrapped "
                  "one per list, as references"),
        valid("""
            import evaluate
            bleu = evaluate.load("sacrebleu")

            def score(generated, gold):
                return bleu.compute(predictions=generated, references=[[g] for g in gold])["score"]
        """, note="the twin: predictions are the generated texts"),
        valid("""
            import evaluate
            accuracy = evaluate.load("accuracy")

            def compute_metrics(eval_pred):
                logits, labels = eval_pred
                return accuracy.compute(predictions=labels, references=logits.argmax(-1))
        """, note="near miss: `labels` also names predicted labels, so one store alone is not enough"),
    ]

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        _unpacked_crossed(cls, repo)
        _arguments_crossed(cls, repo)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._scopes: dict[int, list[Store]] = {}

    def _scope(self) -> list[Store]:
        return self._scopes.setdefault(id(self.ctx.names.function), [])

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in ADDS and node.args:
            target = _name_of(func.value)
            value = _value_name(node.args[-1].value)
            if target and value:
                self._scope().append((target, value, node))
        keywords = [(a.keyword.value, _value_name(a.value), a) for a in node.args if a.keyword is not None]
        if not self._report_crossing([(t, v, n) for t, v, n in keywords if v]):
            self._report_reference_as_prediction(node)

    def visit_Dict(self, node: cst.Dict) -> None:
        entries = []
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                key, value = string_value(element.key), _value_name(element.value)
                if key and value:
                    entries.append((key, value, element))
        self._report_crossing(entries)

    def visit_Assign(self, node: cst.Assign) -> None:
        value = _value_name(node.value)
        if value is None or len(node.targets) != 1:
            return
        target = node.targets[0].target
        if isinstance(target, cst.Subscript) and len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
            name = string_value(target.slice[0].slice.value)
        else:
            name = _name_of(target)
        if name:
            self._scope().append((name, value, node))

    def finish(self) -> None:
        for stores in self._scopes.values():
            self._report_crossing(stores)

    def _report_crossing(self, stores: list[Store]) -> bool:
        for i, (target, value, node) in enumerate(stores):
            for other_target, other_value, other_node in stores[i + 1:]:
                if _crossed(target, value, other_target, other_value):
                    self.report(node, target=target, value=value, other_target=other_target,
                                other_value=other_value, other_where=f"line {self.ctx.line_of(other_node)}",
                                related=[Location(self.ctx.path, self.ctx.line_of(other_node), "the other store")])
                    return True
        return False

    def _report_reference_as_prediction(self, node: cst.Call) -> None:
        """`metric.compute(predictions=gold, references=[[g] for g in generated])` (huggingface
        `evaluate`, torchmetrics' `preds=` / `target=`): the metric's prediction keyword is given a value
        that only the truth is called (`gold`, `refs`, `y_true`, not `labels`, which predicted labels are
        often called too), and its truth keyword something not named as the truth."""
        given = {a.keyword.value: a for a in node.args if a.keyword is not None}
        for pred_kw, truth_kw in _METRIC_KEYWORDS:
            if pred_kw not in given or truth_kw not in given:
                continue
            value = _value_name(given[pred_kw].value)
            other = _value_name(given[truth_kw].value)
            if value and _plainly_truth(value) and (other is None or _side(other) != "truth"):
                shown = other or " ".join(self.ctx.code(given[truth_kw].value).split())[:60]
                self.report(given[pred_kw], target=pred_kw, value=value, other_target=truth_kw, other_value=shown,
                            other_where="the same call")
            return


def _name_of(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, (cst.Name, cst.Attribute)):
        name = dotted(expr)
        return name.rsplit(".", 1)[-1] if name else None
    return None


def _value_name(expr: cst.BaseExpression) -> str | None:
    """The variable a value is, through `.cpu().numpy()` and the like, or a comprehension that only
    wraps each item of it (`[[g] for g in generated]`); None for anything computed."""
    while isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value in PASS_METHODS:
        expr = expr.func.value
    if isinstance(expr, cst.ListComp) and isinstance(expr.for_in.target, cst.Name) and not expr.for_in.ifs \
            and expr.for_in.inner_for_in is None and isinstance(expr.for_in.iter, cst.Name):
        item = expr.for_in.target.value
        element = expr.elt.elements[0].value if isinstance(expr.elt, cst.List) and len(expr.elt.elements) == 1 else expr.elt
        if isinstance(element, cst.Name) and element.value == item:
            return expr.for_in.iter.value
    return expr.value if isinstance(expr, cst.Name) else None


# (the prediction's keyword, the truth's keyword) of metric calls: huggingface `evaluate`, torchmetrics
_METRIC_KEYWORDS = (("predictions", "references"), ("preds", "target"), ("y_pred", "y_true"))
# Words only the truth is called by; `labels`, `targets` and `true` also name predicted labels.
_PLAIN_TRUTH = frozenset({"gold", "golds", "grd", "gld", "gt", "groundtruth", "reference", "references", "refs", "ref",
                          "truth"})


def _plainly_truth(name: str) -> bool:
    return name.lower() in ("y_true", "y_test", "y_gold", "ytrue", "ytest") or bool(set(name_tokens(name)) & _PLAIN_TRUTH)


def _words(name: str) -> frozenset[str]:
    return frozenset(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in name_tokens(name) if w not in GENERIC)


def _names(target: str, value: str) -> bool:
    """`pred_probs` names `probs`, `all_labels` names `labels`."""
    words = _words(value)
    return bool(words) and words <= _words(target)


def _unpacked_crossed(cls, repo) -> None:  # type: ignore[no-untyped-def]
    """`labels, preds = collect(model, loader)` where `collect` (here or in another module) returns
    `all_preds, all_labels`: each name receives the value named for the other side."""
    prog = program(repo)
    for call in prog.nodes("call"):
        unpacked = [u for u in prog.users(call) if prog.kind(u) == "elem" and isinstance(prog.info(u).get("index"), int)
                    and not prog.info(u).get("key") and not prog.info(u).get("loop") and prog.info(u).get("name")]
        if len(unpacked) < 2 or prog.callee(call) is None:
            continue
        returned: list[tuple[str, str, object]] = []
        for elem in unpacked:
            sources = {_held_name(prog, r) for r, _ in prog.element_sources(call, prog.info(elem)["index"], ())}
            if len(sources) == 1 and None not in sources:
                returned.append((prog.info(elem)["name"], sources.pop(), elem))
        for i, (target, value, elem) in enumerate(returned):
            crossed = next(((t, v, e) for t, v, e in returned[i + 1:] if _crossed(target, value, t, v)), None)
            if crossed is not None:
                other_target, other_value, _ = crossed
                repo.report(cls, **prog.where(elem), target=target, value=value, other_target=other_target,
                            other_value=other_value, other_where=f"returned by `{prog.info(call).get('fn', '').rsplit('.', 1)[-1]}`")
                break


def _arguments_crossed(cls, repo) -> None:  # type: ignore[no-untyped-def]
    """`metric(ground_truth, prediction)` where `metric`, here or in another module, is defined
    `def metric(pred, ground)`: each parameter receives the value named for the other side.
    Only functions with a parameter named for each side can be called so: the file interfaces
    index them with those parameters (`prog.sided`), so no callee's graph is decoded (issue 12)."""
    prog = program(repo)
    for call in prog.nodes("call"):
        key = prog.callee(call)
        sided = prog.sided(key) if key is not None else None
        if sided is None:
            continue
        owned, params = sided
        pairs: list[tuple[str, str, object]] = []
        for name, index in params:
            argument = prog.argument_at(call, owned, name, index)
            value = _argument_name(prog, argument) if argument else None
            if name and value:
                pairs.append((name, value, argument))
        for i, (target, value, _) in enumerate(pairs):
            crossed = next(((t, v) for t, v, _ in pairs[i + 1:] if _parameters_crossed(target, value, t, v)), None)
            if crossed is not None:
                repo.report(cls, **prog.where(call), target=target, value=value, other_target=crossed[0],
                            other_value=crossed[1], other_where=f"parameters of `{prog.info(call).get('fn', '').rsplit('.', 1)[-1]}`")
                break


def _parameters_crossed(param: str, value: str, other_param: str, other_value: str) -> bool:
    """Parameter `pred` receives `ground_truth` while parameter `ground` receives `prediction`."""
    sides = (_parameter_side(param), _side(value), _parameter_side(other_param), _side(other_value))
    if None in sides or value == other_value:
        return False
    return sides[0] != sides[1] and sides[0] == sides[3] and sides[2] == sides[1]


def _argument_name(prog, ref) -> str | None:  # type: ignore[no-untyped-def]
    """The variable an argument is, through `.flatten()`, `.cpu().numpy()` and the like."""
    for _ in range(6):
        info, kind = prog.info(ref), prog.kind(ref)
        if info.get("name"):
            return info["name"]
        if kind == "call" and info.get("m") in PASS_METHODS and prog.callee(ref) is None and prog.input(ref, 0):
            ref = prog.input(ref, 0)
            continue
        return None
    return None


def _held_name(prog, ref) -> str | None:  # type: ignore[no-untyped-def]
    """The name of the container a returned value is: `all_preds` after `all_preds.extend(...)`."""
    for _ in range(8):
        info = prog.info(ref)
        if info.get("name"):
            return info["name"]
        if prog.kind(ref) != "op" or info.get("op") not in ADDS or not prog.input(ref, 0):
            return None
        ref = prog.input(ref, 0)
    return None


def _crossed(target: str, value: str, other_target: str, other_value: str) -> bool:
    if value == other_value or target == other_target:
        return False
    if {_side(value), _side(other_value)} != {"truth", "pred"}:
        return False
    if _names(target, value) or _names(other_target, other_value):
        return False
    # Each store goes where the other's value is named; `y` has no words, so the side stands for it.
    return (_names(target, other_value) or _side_named(target, other_value)) and \
        (_names(other_target, value) or _side_named(other_target, value))


def _side_named(target: str, value: str) -> bool:
    """`all_preds` is the place of a prediction such as `y_hat`; used when the value's name has no words,
    or when the place's own name says its side (`y_true` is the place of `targets`)."""
    return (not _words(value) or name_kind(target) in ("truth", "pred")) and _side(target) == _side(value)
