"""EVAL003: a metric given the predictions where the truth belongs."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.value_kinds import name_kind
from hygiene.context import RepoContext
from hygiene.analysis.apis.sklearn import METRICS, SYMMETRIC_METRICS, SYMMETRIC_UNLESS_WEIGHTED, metric_arguments, short
from hygiene.finding import Severity
from hygiene.analysis.predictions import PREDICTIVE, describe_value, kind_of
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.analysis.strings import string_value

CONSEQUENCES = {
    "precision_score": "what it reports as precision is the recall, and the other way round",
    "recall_score": "what it reports as recall is the precision, and the other way round",
    "precision_recall_fscore_support": "precision and recall trade places and support counts predictions",
    "classification_report": "per-class precision and recall trade places and support counts predictions",
    "confusion_matrix": "the matrix is transposed: its rows are the predictions",
    "multilabel_confusion_matrix": "false positives and false negatives trade places",
    "fbeta_score": "beta weighs precision and recall the wrong way round",
    "balanced_accuracy_score": "it averages recall over predicted classes instead of true ones",
    "f1_score": "F1 itself comes out the same here, but precision, recall or a weighted average computed "
                "the same way would not",
    "jaccard_score": "the score comes out the same here, but a weighted average computed the same way would not",
}


# sacrebleu's functions and metric methods take (hypotheses, [reference streams]): the output first.
_HYPOTHESES_FIRST = frozenset("corpus_bleu corpus_chrf corpus_ter sentence_bleu sentence_chrf sentence_ter "
                              "corpus_score sentence_score".split())
# jiwer's measures take (reference, hypothesis): the truth first, as scikit-learn's do (probe 18: `jiwer.wer(hyps, refs)`).
_REFERENCE_FIRST = frozenset("wer cer mer wil wip process_words process_characters compute_measures".split())
# Names of a translation or transcription system's output, besides the prediction words.
_HYPOTHESIS_NAMES = frozenset("hyp hyps hypotheses hypos sys_out system_output outputs translations".split())


# Metrics whose second argument is a continuous score, and names of scores: the first argument of such a metric
# named for scores has the sides exchanged (the labels are the only thing the first argument can be).
_SCORE_METRICS = frozenset({"roc_auc_score", "average_precision_score", "log_loss", "brier_score_loss", "roc_curve",
                            "precision_recall_curve", "det_curve", "top_k_accuracy_score", "ndcg_score", "dcg_score"})
_SCORE_NAMES = frozenset({"score", "scores", "prob", "probs", "proba", "probas", "probabilities", "logit", "logits",
                          "confidence", "confidences", "anomaly"})


def _side(code: str) -> str | None:
    """"truth" (`refs`, `references`), "pred" (`hyps`, `preds`, `translations`) or None, by name."""
    last = code.rsplit(".", 1)[-1].lower()
    return "pred" if last in _HYPOTHESIS_NAMES else name_kind(code)


# torchmetrics classes whose result depends on which side is the prediction (not MeanSquaredError, CohenKappa).
_TM_ORDERED = re.compile(r"F1|FBeta|Precision|Recall|ConfusionMatrix|AUROC|ROC|AveragePrecision|Specificity|"
                         r"Sensitivity|Accuracy|R2Score|CalibrationError|StatScores")


# Keras metric objects, which take `update_state(y_true, y_pred)` like scikit-learn; the classes whose
# result depends on which side is the prediction (thresholded or ranked scores).
_KERAS_METRICS = ("tensorflow.keras.metrics.", "keras.metrics.", "tf_keras.metrics.", "tensorflow.python.keras.metrics.")
_KERAS_ORDERED = re.compile(r"^(AUC|Precision|Recall|PrecisionAtRecall|RecallAtPrecision|SensitivityAtSpecificity|"
                            r"SpecificityAtSensitivity|F1Score|FBetaScore|TruePositives|FalsePositives|TrueNegatives|"
                            r"FalseNegatives|BinaryCrossentropy|CategoricalCrossentropy|SparseCategoricalCrossentropy|"
                            r"BinaryAccuracy|CategoricalAccuracy|SparseCategoricalAccuracy|TopKCategoricalAccuracy|"
                            r"SparseTopKCategoricalAccuracy|R2Score)$")


class SwappedMetricArgs(Rule):
    """
    ## What it does
    Finds scikit-learn metric calls whose first argument (`y_true`) is a prediction and whose
    second (`y_pred`, `y_score`) is the truth: the output of `.predict(...)`,
    `.predict_proba(...)`, an `argmax` of model outputs or a thresholded score, followed through
    assignments, `.cpu().numpy()`, `np.concatenate` and lists appended in a loop; or, when
    nothing says where a value comes from, names such as `y_pred` / `preds` against `y_test` /
    `labels`. Metrics for which the order makes no difference (accuracy, MCC, kappa, squared and
    absolute errors) are not reported, nor are calls comparing two predictions. A function of the
    repository that hands its parameters to such a metric is a metric too: a call of it (from any
    file) that passes a value named as the truth where the wrapper's metric takes the prediction,
    and the prediction where it takes the truth, is reported at the call. A matrix transposed where
    it is computed (`confusion_matrix(pred, y).T`) is exchanged back and is not reported. Keras metric
    objects (`tf.keras.metrics.AUC()`, `Precision`, `Recall`, ...) take `update_state(y_true, y_pred)` the
    same way; torchmetrics objects take `(preds, target)`; sacrebleu takes `(hypotheses, [references])`,
    jiwer `(reference, hypothesis)`, and OGB's `Evaluator.eval` its sides as the keys `y_true` / `y_pred`.

    Precision (corpus9, the rules of 557476f2; branch precision18): 8 findings, 5 real / 3 debatable / 0
    false (0.62). The three debatable are one shape: the arguments of a metric that is symmetric as called
    (binary or micro F1, with accuracy beside it) swapped, which the message itself says changes nothing.
    It stays a finding: the development benchmark labels exactly that shape (`f1_score(guess, lab_te)`,
    binary) and so do probes 8, 11 and 12; a question for the symmetric call would lose those four labels.
    Whether the labels or the rule should change is the lead's decision.

    ## Why is this bad?
    scikit-learn's metrics take `(y_true, y_pred)`. Swapped, precision is reported as recall,
    a confusion matrix is transposed, a classification report counts support over predictions,
    `r2_score` measures the truth against the predictions' variance. The code runs and the
    numbers look plausible.

    ## Example
        preds = clf.predict(X_test)
        precision = precision_score(preds, y_test)

    Use instead:
        precision = precision_score(y_test, preds)
    """

    code = "EVAL003"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = "`{metric}` gets {first} as y_true and {second} as y_pred: {consequence}"
    question = "Is `{metric}` at {where} called as (truth, prediction), so the reported number means what its name says?"
    triggers = ("sklearn", "pred", "torchmetrics", "keras", "seqeval", "sacrebleu", "jiwer", "y_true")
    examples = [
        invalid("""
            import numpy as np
            from sklearn.metrics import *

            labels = np.load("test_labels.npy")
            scores = np.load("anomaly_scores.npy")
            print(roc_auc_score(scores, labels))  # expect: EVAL003
        """, note="lead probe 3: the scores first, the labels second, through a star import"),
        valid("""
            import numpy as np
            from sklearn.metrics import *

            labels = np.load("test_labels.npy")
            scores = np.load("anomaly_scores.npy")
            print(roc_auc_score(labels, scores))
        """, note="near miss: the labels first"),
        invalid("""
            import tensorflow as tf
            val_auc = tf.keras.metrics.AUC(name="val_auc")
            for xb, yb in val:
                probs = tf.sigmoid(model(xb, training=False))
                val_auc.update_state(probs, yb)  # expect: EVAL003
        """, note="probe 16: a Keras metric updated with the scores where it takes the labels"),
        valid("""
            import tensorflow as tf
            val_auc = tf.keras.metrics.AUC(name="val_auc")
            for xb, yb in val:
                probs = tf.sigmoid(model(xb, training=False))
                val_auc.update_state(yb, probs)
        """, note="near miss: (y_true, y_pred)"),
        invalid("""
            from sklearn.metrics import mean_absolute_percentage_error
            from statsmodels.tsa.statespace.sarimax import SARIMAX
            train, test = sales[:-12], sales[-12:]
            fit = SARIMAX(train, order=(1, 1, 1)).fit(disp=False)
            forecast = fit.forecast(steps=12)
            print(mean_absolute_percentage_error(forecast, test))  # expect: EVAL003
        """, note="probe 15: a statsmodels forecast passed as y_true divides the errors by the forecast"),
        valid("""
            from sklearn.metrics import mean_absolute_percentage_error
            from statsmodels.tsa.statespace.sarimax import SARIMAX
            train, test = sales[:-12], sales[-12:]
            fit = SARIMAX(train, order=(1, 1, 1)).fit(disp=False)
            forecast = fit.forecast(steps=12)
            print(mean_absolute_percentage_error(test, forecast))
        """, note="near miss: (y_true, y_pred)"),
        invalid("""
            import torch
            from torchmetrics.classification import MulticlassF1Score

            class Meter:
                def __init__(self, num_classes, device):
                    self.f1 = MulticlassF1Score(num_classes=num_classes, average="macro").to(device)

                @torch.no_grad()
                def add(self, batch_labels, logits):
                    batch_preds = logits.argmax(dim=-1)
                    self.f1.update(batch_labels, batch_preds)  # expect: EVAL003
        """, note="probe 14: a torchmetrics metric takes (preds, target); updated with the labels first"),
        valid("""
            import torch
            from torchmetrics import MeanSquaredError
            from torchmetrics.classification import MulticlassAccuracy, MulticlassF1Score

            class Meter:
                def __init__(self, num_classes, device):
                    self.f1 = MulticlassF1Score(num_classes=num_classes, average="macro").to(device)
                    self.acc = MulticlassAccuracy(num_classes=num_classes, average="micro")
                    self.mse = MeanSquaredError()

                @torch.no_grad()
                def add(self, batch_labels, logits):
                    batch_preds = logits.argmax(dim=-1)
                    self.f1.update(batch_preds, batch_labels)
                    self.acc.update(batch_labels, batch_preds)
                    self.mse(batch_labels, batch_preds)
        """, note="near miss: the F1 in torchmetrics' order; micro accuracy and squared error do not depend on the order"),
        invalid("""
            from sklearn.metrics import f1_score, precision_score
            guess = baseline.predict(X_te)
            score = precision_score(guess, y_te)  # expect: EVAL003
        """),
        invalid("""
            from sklearn import metrics as skm
            from sklearn.model_selection import train_test_split
            Xa, Xb, ya, yb = train_test_split(X, y, random_state=0)
            out = model.predict(Xb)
            print(skm.classification_report(out, yb))  # expect: EVAL003
        """, note="truth known from train_test_split"),
        invalid("""
            import numpy as np
            from sklearn.metrics import recall_score

            def compute_metrics(eval_pred):
                logits, gold = eval_pred
                hard = np.argmax(logits, axis=-1)
                return {"recall": recall_score(hard, gold)}  # expect: EVAL003
        """),
        invalid("""
            import torch
            from sklearn.metrics import confusion_matrix
            all_preds, all_labels = [], []
            with torch.no_grad():
                for x, y in test_loader:
                    all_preds.extend(model(x).argmax(1).cpu().numpy())
                    all_labels.extend(y.numpy())
            cm = confusion_matrix(all_preds, all_labels)  # expect: EVAL003
        """, note="lists filled in a loop"),
        invalid("""
            from sklearn.metrics import precision_score
            p = precision_score(y_pred=labels, y_true=preds)  # expect: EVAL003
        """, note="keywords that say the opposite of the names"),
        invalid("""
            from sklearn.metrics import precision_recall_fscore_support
            def evaluate(model, batches):
                pred_list, grd_list = [], []
                for batch in batches:
                    pred_list.extend(model.predict(batch["tokens"]))
                    grd_list.extend(batch["tags"])
                return precision_recall_fscore_support(pred_list, grd_list, average="macro")  # expect: EVAL003
        """, note="lists made in one tuple assignment and filled in a loop"),
        invalid("""
            from seqeval.metrics import classification_report, f1_score
            def report(pred_tags, gold_tags):
                print(classification_report(pred_tags, gold_tags, digits=4))  # expect: EVAL003
                return {"entity_f1": f1_score(pred_tags, gold_tags)}  # expect: EVAL003
        """, note="probe17: seqeval takes (y_true, y_pred) tag sequences like scikit-learn"),
        valid("""
            from seqeval.metrics import accuracy_score, classification_report
            def report(pred_tags, gold_tags):
                print(classification_report(gold_tags, pred_tags, digits=4))
                return {"token_acc": accuracy_score(pred_tags, gold_tags)}
        """, note="near miss: seqeval in the right order, and its symmetric accuracy"),
        invalid("""
            import sacrebleu
            hyps = [l.strip() for l in open("out.txt")]
            refs = [l.strip() for l in open("ref.txt")]
            bleu = sacrebleu.corpus_bleu(refs, [hyps])  # expect: EVAL003
        """, note="probe17: sacrebleu takes the system output first and the reference streams second"),
        valid("""
            import sacrebleu
            from sacrebleu.metrics import CHRF
            hyps = [l.strip() for l in open("out.txt")]
            refs = [l.strip() for l in open("ref.txt")]
            bleu = sacrebleu.corpus_bleu(hyps, [refs])
            chrf = CHRF().corpus_score(hyps, [refs])
        """, note="near miss: sacrebleu in its own order"),
        invalid("""
            import jiwer
            refs = [r.lower() for r in references]
            hyps = [asr.transcribe_file(w).lower() for w in wavs]
            print(100 * jiwer.wer(hyps, refs))  # expect: EVAL003
        """, note="probe18: jiwer's measures take (reference, hypothesis); the transcripts given first are read as the truth"),
        valid("""
            import jiwer
            refs = [r.lower() for r in references]
            hyps = [asr.transcribe_file(w).lower() for w in wavs]
            print(100 * jiwer.wer(refs, hyps), jiwer.cer(reference=refs, hypothesis=hyps))
        """, note="near miss: jiwer in its own order, or with keywords"),
        invalid("""
            import torch
            from ogb.graphproppred import Evaluator

            @torch.no_grad()
            def evaluate(model, loader):
                model.eval()
                preds, labels = [], []
                for batch in loader:
                    preds.append(model(batch))
                    labels.append(batch.y.view(-1, 1))
                y_score, y_lab = torch.cat(preds).numpy(), torch.cat(labels).numpy()
                return Evaluator(name="ogbg-molhiv").eval({"y_true": y_score, "y_pred": y_lab})["rocauc"]  # expect: EVAL003
        """, note="probe 18: OGB's evaluator takes its sides as dict keys; the model's scores under y_true"),
        valid("""
            import torch
            from ogb.graphproppred import Evaluator

            @torch.no_grad()
            def evaluate(model, loader):
                model.eval()
                preds, labels = [], []
                for batch in loader:
                    preds.append(model(batch))
                    labels.append(batch.y.view(-1, 1))
                y_score, y_lab = torch.cat(preds).numpy(), torch.cat(labels).numpy()
                return Evaluator(name="ogbg-molhiv").eval({"y_true": y_lab, "y_pred": y_score})["rocauc"]
        """, note="near miss: the labels under y_true, the scores under y_pred"),
        invalid("""
            from sklearn.metrics import *
            predicted = clf.predict(X_val)
            print(classification_report(predicted, y_val))  # expect: EVAL003
        """, note="through a star import"),
        valid("""
            from sklearn.metrics import *
            predicted = clf.predict(X_val)
            print(accuracy_score(predicted, y_val))
            print(classification_report(y_val, predicted))
        """, note="star import, right order or a symmetric metric"),
        valid("""
            from sklearn.metrics import precision_recall_fscore_support
            pred_list, grd_list = [], []
            for batch in batches:
                pred_list.extend(model.predict(batch["tokens"]))
                grd_list.extend(batch["tags"])
            scores = precision_recall_fscore_support(grd_list, pred_list, average="macro")
        """),
        valid("""
            from sklearn.metrics import precision_score
            guess = baseline.predict(X_te)
            score = precision_score(y_te, guess)
        """),
        valid("""
            from sklearn.metrics import accuracy_score, matthews_corrcoef
            preds = clf.predict(X_test)
            acc = accuracy_score(preds, y_test)
            mcc = matthews_corrcoef(preds, y_test)
        """, note="symmetric metrics: the order changes nothing"),
        valid("""
            from sklearn.metrics import cohen_kappa_score, f1_score
            agreement = f1_score(preds_model_a, preds_model_b)
        """, note="two predictions compared with each other"),
        valid("""
            from sklearn.metrics import f1_score
            f1 = f1_score(y_true=labels, y_pred=preds)
        """),
        valid("""
            from sklearn.metrics import precision_score

            def precision(labels, predictions):
                return precision_score(labels, predictions)
        """, note="a wrapper with the right order"),
        invalid({
            "evalkit/scoring.py": """
                from sklearn.metrics import precision_score, recall_score

                def pr(pred_labels, true_labels):
                    return precision_score(true_labels, pred_labels), recall_score(true_labels, pred_labels)
            """,
            "run_eval.py": """
                from evalkit.scoring import pr

                gold_labels = [row["label"] for row in rows]
                predictions = [classify(row["text"]) for row in rows]
                print(pr(gold_labels, predictions))  # expect: EVAL003
            """,
        }, note="probe 6: the repo's wrapper takes (prediction, truth); the caller passes (truth, prediction)"),
        valid({
            "evalkit/scoring.py": """
                from sklearn.metrics import precision_score, recall_score

                def pr(pred_labels, true_labels):
                    return precision_score(true_labels, pred_labels), recall_score(true_labels, pred_labels)
            """,
            "run_eval.py": """
                from evalkit.scoring import pr

                gold_labels = [row["label"] for row in rows]
                predictions = [classify(row["text"]) for row in rows]
                print(pr(predictions, gold_labels))
            """,
        }, note="the twin: passed in the wrapper's order"),
        invalid({
            "textclf/__init__.py": "",
            "textclf/inference.py": """
                import torch

                class Predictor:
                    def __init__(self, model, loader):
                        self.model, self.loader = model, loader

                    @torch.no_grad()
                    def run(self):
                        pred_list, grd_list = [], []
                        for batch, labels in self.loader:
                            pred_list.extend(self.model(batch).argmax(-1).tolist())
                            grd_list.extend(labels.tolist())
                        return pred_list, grd_list
            """,
            "textclf/report.py": """
                from sklearn.metrics import *
                from .inference import Predictor

                def summarise(model, loader):
                    pred_list, grd_list = Predictor(model, loader).run()
                    print(classification_report(pred_list, grd_list))  # expect: EVAL003
                    return precision_score(grd_list, pred_list, average="macro")
            """,
        }, note="across modules: predictions and gold collected by a class in one module, reported in another "
                "through `from sklearn.metrics import *`, the report given the predictions first"),
        valid({
            "textclf/__init__.py": "",
            "textclf/inference.py": """
                import torch

                class Predictor:
                    def __init__(self, model, loader):
                        self.model, self.loader = model, loader

                    @torch.no_grad()
                    def run(self):
                        pred_list, grd_list = [], []
                        for batch, labels in self.loader:
                            pred_list.extend(self.model(batch).argmax(-1).tolist())
                            grd_list.extend(labels.tolist())
                        return pred_list, grd_list
            """,
            "textclf/report.py": """
                from sklearn.metrics import *
                from .inference import Predictor

                def summarise(model, loader):
                    pred_list, grd_list = Predictor(model, loader).run()
                    print(classification_report(grd_list, pred_list))
                    return precision_score(grd_list, pred_list, average="macro")
            """,
        }, note="near miss of the same layout: truth first"),
        invalid({"results.ipynb": notebook(
            """
            import pandas as pd
            from sklearn.metrics import *
            df = pd.read_csv("outputs/predictions.csv")
            """,
            """
            y_hat = df["predicted_label"].tolist()
            y_gold = df["label"].tolist()
            """,
            """
            p = precision_score(y_hat, y_gold, average="macro")  # expect: EVAL003
            r = recall_score(y_gold, y_hat, average="macro")
            print(f"precision {p:.3f} recall {r:.3f}")
            """,
        )}, note="notebook: predictions and gold read in one cell, precision given them the other way round in the next"),
        valid({"results.ipynb": notebook(
            """
            import pandas as pd
            from sklearn.metrics import *
            df = pd.read_csv("outputs/predictions.csv")
            """,
            """
            y_hat = df["predicted_label"].tolist()
            y_gold = df["label"].tolist()
            """,
            """
            p = precision_score(y_gold, y_hat, average="macro")
            r = recall_score(y_gold, y_hat, average="macro")
            print(f"precision {p:.3f} recall {r:.3f}")
            """,
        )}, note="near miss: the same cells in sklearn's order"),
        valid("""
            import numpy as np
            from sklearn.metrics import confusion_matrix
            pred = np.argmax(pyx, axis=1)
            joint = confusion_matrix(pred, labels).T
            print(joint)
        """, note="near miss (held-out 10): exchanged and transposed at once: rows are the given labels"),
        invalid("""
            import numpy as np
            from sklearn.metrics import confusion_matrix
            pred = np.argmax(pyx, axis=1)
            joint = confusion_matrix(pred, labels)  # expect: EVAL003
            print(joint)
        """, note="the twin, not transposed"),
        invalid({
            "metrics_report.py": """
                from sklearn.metrics import *

                def report(pred_tags, gold_tags, labels):
                    return {"precision": precision_score(pred_tags, gold_tags, labels=labels, average="macro")}  # expect: EVAL003
            """,
            "evaluate_tagger.py": """
                from metrics_report import report

                pred = [t for s in sents for t in tagger.predict(s["tokens"])]
                gold = [t for s in sents for t in s["tags"]]
                print(report(pred, gold, LABELS))
            """,
        }, note="probe 12: the wrapper's own names show the swap, so it is reported inside; the caller passes "
                "(pred, gold) as the wrapper's names ask and is not reported again"),
        valid({
            "metrics_report.py": """
                from sklearn.metrics import *

                def report(pred_tags, gold_tags, labels):
                    return {"precision": precision_score(gold_tags, pred_tags, labels=labels, average="macro")}
            """,
            "evaluate_tagger.py": """
                from metrics_report import report

                pred = [t for s in sents for t in tagger.predict(s["tokens"])]
                gold = [t for s in sents for t in s["tags"]]
                print(report(pred, gold, LABELS))
            """,
        }, note="the twin: the wrapper puts its gold parameter first"),
        invalid("""
            import torch
            from sklearn import metrics

            class DialogueEvaluator:
                def __call__(self, model, loader):
                    pred_list, grd_list = [], []
                    with torch.no_grad():
                        for batch in loader:
                            outputs = model(batch)
                            scores, label_ids = outputs[0], outputs[1]
                            pred_list.extend(torch.argmax(scores, dim=-1).tolist())
                            grd_list.extend(label_ids.tolist())
                    return metrics.f1_score(pred_list, grd_list, average="weighted")  # expect: EVAL003
        """, note="real bug 11: a model that returns its batch's labels beside its scores; the element bound "
                  "to a label name is the truth, the argmax the prediction"),
        valid("""
            import torch
            from sklearn import metrics

            class DialogueEvaluator:
                def __call__(self, model, loader):
                    pred_list, grd_list = [], []
                    with torch.no_grad():
                        for batch in loader:
                            outputs = model(batch)
                            label_ids = outputs[1]
                            pred_list.extend(torch.argmax(outputs[0], dim=-1).tolist())
                            grd_list.extend(label_ids.tolist())
                    return metrics.f1_score(grd_list, pred_list, average="weighted")
        """, note="the twin: truth first"),
        valid("""
            import torch
            from sklearn import metrics

            def agreement(model_a, model_b, batch):
                first = torch.argmax(model_a(batch)[0], dim=-1)
                second_scores = model_b(batch)[1]
                return metrics.cohen_kappa_score(first, second_scores.argmax(-1))
        """, note="near miss: two models' outputs compared, neither named as the truth"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.functions: list[cst.FunctionDef] = []
        self.wrappers: dict[str, dict] = {}  # a function of this file handing its parameters to a metric
        self.calls: list[dict] = []  # calls given a truth and a prediction by position
        self.torchmetrics: dict[str, str] = {}  # `self.f1` -> `MulticlassF1Score`: torchmetrics objects, (preds, target)
        self.keras: dict[str, str] = {}  # `val_auc` -> `AUC`: Keras metric objects, (y_true, y_pred)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.append(node)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        value = node.value
        while isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value in ("to", "cuda", "cpu"):
            value = value.func.value  # `MulticlassF1Score(...).to(device)`
        if not isinstance(value, cst.Call):
            return
        made = self.qualified_name(value.func) or ""
        cls_name = made.rsplit(".", 1)[-1]
        if made.startswith("torchmetrics.") and _TM_ORDERED.search(cls_name) and not (
                "Accuracy" in cls_name and any(a.keyword is not None and a.keyword.value == "average"
                                               and string_value(a.value) == "micro" for a in value.args)):
            for target in node.targets:
                if isinstance(target.target, (cst.Name, cst.Attribute)):
                    self.torchmetrics[self.ctx.code(target.target)] = cls_name
        if made.startswith(_KERAS_METRICS) and _KERAS_ORDERED.match(cls_name):
            for target in node.targets:
                if isinstance(target.target, (cst.Name, cst.Attribute)):
                    self.keras[self.ctx.code(target.target)] = cls_name

    def _keras_call(self, node: cst.Call) -> None:
        """`auc.update_state(probs, y)` / `auc(probs, y)` of a Keras metric object, which takes (y_true, y_pred)."""
        func = node.func
        receiver = func.value if isinstance(func, cst.Attribute) and func.attr.value == "update_state" else func
        metric = self.keras.get(self.ctx.code(receiver)) if isinstance(receiver, (cst.Name, cst.Attribute)) else None
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        if metric is None or len(positional) < 2:
            return
        first = kind_of(self.ctx, positional[0], node)
        if first is None or first.kind not in PREDICTIVE:
            return
        second = kind_of(self.ctx, positional[1], node)
        if second is not None and second.kind in PREDICTIVE:
            return
        if first.by_name and (second is None or second.kind != "truth"):
            return  # a name alone is not enough against an unknown second argument
        self.report(node, metric=metric, first=describe_value(first, self.ctx.code(positional[0])),
                    second=describe_value(second, self.ctx.code(positional[1])),
                    consequence="Keras metrics take (y_true, y_pred): the scores are read as the labels")

    def _hypotheses_first_call(self, node: cst.Call, name: str) -> None:
        """`sacrebleu.corpus_bleu(refs, [hyps])`: sacrebleu takes the system output first and a list of
        reference streams second; a value named as the references first and one named as the output
        (inside the list) second are exchanged."""
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        if len(positional) < 2:
            return
        first, second = positional[0], positional[1]
        if isinstance(second, (cst.List, cst.Tuple)) and len(second.elements) == 1:
            second = second.elements[0].value
        if not isinstance(first, (cst.Name, cst.Attribute)) or not isinstance(second, (cst.Name, cst.Attribute)):
            return
        if _side(self.ctx.code(first)) == "truth" and _side(self.ctx.code(second)) == "pred":
            metric = short(name)
            self.report(node, metric=metric, first=f"`{self.ctx.code(first)}` (the references)",
                        second=f"`{self.ctx.code(second)}` (the system output)",
                        consequence="the references are scored against the output: brevity penalty and n-gram "
                                    "precision are computed the wrong way round",
                        message="`{metric}` gets {first} as the hypotheses and {second} as the reference stream: {consequence}")

    def _references_first_call(self, node: cst.Call, name: str) -> None:
        """`jiwer.wer(hyps, refs)`: jiwer takes the reference transcripts first and the system output
        second; a value named as the output first and one named as the references second are exchanged
        (keywords, `wer(reference=refs, hypothesis=hyps)`, say which is which)."""
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        if len(positional) < 2:
            return
        first, second = positional[0], positional[1]
        if not isinstance(first, (cst.Name, cst.Attribute)) or not isinstance(second, (cst.Name, cst.Attribute)):
            return
        if _side(self.ctx.code(first)) == "pred" and _side(self.ctx.code(second)) == "truth":
            metric = short(name)
            self.report(node, metric=metric, first=f"`{self.ctx.code(first)}` (the system output)",
                        second=f"`{self.ctx.code(second)}` (the references)",
                        consequence="the error rate is normalised by the output's length and insertions and deletions "
                                    "trade places",
                        message="`{metric}` gets {first} as the reference and {second} as the hypothesis: {consequence}")

    def _keyed_input(self, node: cst.Call, name: str) -> None:
        """OGB's `Evaluator(name).eval({"y_true": ..., "y_pred": ...})`: the sides are the dict's keys; a model's
        output under "y_true" beside something that is none under "y_pred" is exchanged."""
        if not node.args or not isinstance(node.args[0].value, cst.Dict):
            return
        sides = {string_value(e.key): e.value for e in node.args[0].value.elements
                 if isinstance(e, cst.DictElement) and string_value(e.key) in ("y_true", "y_pred")}
        if len(sides) != 2:
            return
        first = kind_of(self.ctx, sides["y_true"], node)
        if first is None or first.kind not in PREDICTIVE or first.by_name:
            return
        second = kind_of(self.ctx, sides["y_pred"], node)
        if second is not None and second.kind in PREDICTIVE:
            return
        self.report(node, metric="Evaluator.eval", first=describe_value(first, self.ctx.code(sides["y_true"])),
                    second=describe_value(second, self.ctx.code(sides["y_pred"])),
                    consequence="OGB scores `y_pred` against `y_true`: the model's scores are read as the labels",
                    message="`{metric}` gets {first} under \"y_true\" and {second} under \"y_pred\": {consequence}")

    def _torchmetrics_call(self, node: cst.Call) -> None:
        """`f1.update(labels, preds)` / `f1(labels, preds)` of a torchmetrics object, which takes (preds, target)."""
        func = node.func
        receiver = func.value if isinstance(func, cst.Attribute) and func.attr.value in ("update", "forward") else func
        metric = self.torchmetrics.get(self.ctx.code(receiver)) if isinstance(receiver, (cst.Name, cst.Attribute)) else None
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        if metric is None or len(positional) != 2 or len(node.args) != 2:
            return
        first, second = (name_kind(self.ctx.code(a)) if isinstance(a, (cst.Name, cst.Attribute)) else None for a in positional)
        if first == "truth" and second == "pred":
            self.report(node, metric=metric, first=f"`{self.ctx.code(positional[0])}` (the truth)",
                        second=f"`{self.ctx.code(positional[1])}` (the predictions)",
                        consequence="torchmetrics takes (preds, target): per-class precision and recall trade places",
                        message="`{metric}` gets {first} as preds and {second} as target: {consequence}")

    def visit_Call(self, node: cst.Call) -> None:
        if self.torchmetrics:
            self._torchmetrics_call(node)
        if self.keras:
            self._keras_call(node)
        name = self.qualified_name(node.func)
        if name is None:
            return
        name = plain(name)
        if name.startswith("sacrebleu.") and name.rsplit(".", 1)[-1] in _HYPOTHESES_FIRST:
            self._hypotheses_first_call(node, name)
            return
        if name.startswith("jiwer.") and name.rsplit(".", 1)[-1] in _REFERENCE_FIRST:
            self._references_first_call(node, name)
            return
        if name.startswith("ogb.") and name.endswith(".Evaluator.eval"):
            self._keyed_input(node, name)
            return
        if name not in METRICS:
            self._sided_call(node, name)
        if name not in METRICS or name in SYMMETRIC_METRICS:
            return
        truth_arg, prediction_arg = metric_arguments(list(node.args))
        if truth_arg is None or prediction_arg is None:
            return
        self._wrapper(name, truth_arg, prediction_arg)
        if _transposed(self, node):
            return  # `confusion_matrix(pred, y).T`: exchanged and turned back at once
        first = kind_of(self.ctx, truth_arg, node)
        if first is None and short(name) in _SCORE_METRICS and isinstance(truth_arg, cst.Name) \
                and set(name_tokens(truth_arg.value)) & _SCORE_NAMES:
            # `roc_auc_score(scores, labels)`: a metric that takes scores second, given a value named for scores
            # first and one named for the truth second (a name alone says little of other metrics: `probs`)
            second = kind_of(self.ctx, prediction_arg, node)
            if second is not None and second.kind == "truth":
                self.report(node, metric=short(name), consequence=CONSEQUENCES.get(short(name), "the metric is computed "
                            "with truth and prediction exchanged"), first=f"`{truth_arg.value}`",
                            second=describe_value(second, self.ctx.code(prediction_arg)))
            return
        if first is None or first.kind not in PREDICTIVE:
            return
        second = kind_of(self.ctx, prediction_arg, node)
        if second is not None and second.kind in PREDICTIVE:
            return
        if first.by_name and (second is None or second.kind != "truth"):
            return  # a name alone is not enough against an unknown second argument
        metric = short(name)
        consequence = CONSEQUENCES.get(metric, "the metric is computed with truth and prediction exchanged")
        if name in SYMMETRIC_UNLESS_WEIGHTED and _weighted(node):
            consequence = "the weighted average weighs classes by how often they are predicted, not by how often they occur"
        self.report(node, metric=metric, consequence=consequence,
                    first=describe_value(first, self.ctx.code(truth_arg)),
                    second=describe_value(second, self.ctx.code(prediction_arg)))


    def _wrapper(self, metric: str, truth_arg: cst.BaseExpression, prediction_arg: cst.BaseExpression) -> None:
        """`def report(y_pred, y_true): return {"precision": precision_score(y_true, y_pred)}`: which
        parameter positions reach the metric as the truth and as the prediction."""
        if len(self.functions) != 1 or not isinstance(truth_arg, cst.Name) or not isinstance(prediction_arg, cst.Name):
            return
        params = [p.name.value for p in self.functions[0].params.params]
        if truth_arg.value in params and prediction_arg.value in params and self.ctx.names is not None:
            self.wrappers.setdefault(f"{self.ctx.names.module_name}.{self.functions[0].name.value}", {
                "truth": params.index(truth_arg.value), "pred": params.index(prediction_arg.value),
                "metric": short(metric),
                # `def report(pred_tags, gold_tags): f1_score(pred_tags, gold_tags)`: the wrapper's own
                # names say the swap is inside it (reported there), not at a caller passing (pred, gold)
                **({"swapped_inside": True} if name_kind(truth_arg.value) == "pred"
                   and name_kind(prediction_arg.value) == "truth" else {})})

    def _sided_call(self, node: cst.Call, name: str) -> None:
        """A call given, by position, one value named as the truth and one named as a prediction."""
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        if not 2 <= len(positional) <= 4 or len(positional) != len(node.args):
            return
        sides = [name_kind(self.ctx.code(a)) if isinstance(a, (cst.Name, cst.Attribute)) else None for a in positional]
        if "truth" in sides and "pred" in sides:
            self.calls.append({"name": name, "line": self.ctx.line_of(node), "sides": sides,
                               "code": [self.ctx.code(a) for a in positional]})

    def finish(self) -> None:
        if self.wrappers or self.calls:
            self.ctx.facts[self.code] = {"wrappers": self.wrappers, "calls": self.calls[:50]}

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        """Calls of the repo's metric wrappers that pass the prediction where the wrapper takes the truth."""
        facts = list(repo.facts(cls.code))
        wrappers = {name: w for _, fact in facts for name, w in fact.get("wrappers", {}).items()}
        for path, fact in facts:
            for call in fact.get("calls", []):
                # `evalkit.scoring.pr` imported; `scoring.pr` when evalkit/ has no __init__.py
                wrapper = wrappers.get(call["name"]) or next((w for name, w in wrappers.items()
                                                              if call["name"].endswith("." + name)), None)
                if wrapper is None or wrapper.get("swapped_inside") or max(wrapper["truth"], wrapper["pred"]) >= len(call["sides"]):
                    continue
                if call["sides"][wrapper["truth"]] == "pred" and call["sides"][wrapper["pred"]] == "truth":
                    callee = call["name"].rsplit(".", 1)[-1]
                    metric = wrapper["metric"]
                    repo.report(cls, path, call["line"], metric=f"{callee}`, through `{metric}",
                                first=f"`{call['code'][wrapper['truth']]}`", second=f"`{call['code'][wrapper['pred']]}`",
                                consequence=CONSEQUENCES.get(metric, "the metric is computed with truth and prediction "
                                                                     "exchanged"))


def _transposed(rule: Rule, node: cst.Call) -> bool:
    """The metric's matrix is transposed where it is computed (`.T`, `.transpose()`, `np.transpose(...)`),
    which exchanges its rows and columns back."""
    parents = rule.ctx.parents
    parent = parents[-1] if parents else None
    if isinstance(parent, cst.Attribute) and parent.value is node and parent.attr.value in ("T", "transpose"):
        return True
    if isinstance(parent, cst.Arg) and len(parents) >= 2 and isinstance(parents[-2], cst.Call):
        return (rule.qualified_name(parents[-2].func) or "").endswith("numpy.transpose")
    return False


def _weighted(node: cst.Call) -> bool:
    return any(a.keyword is not None and a.keyword.value == "average" and string_value(a.value) == "weighted"
               for a in node.args)
