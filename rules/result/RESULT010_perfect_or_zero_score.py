"""RESULT010: a summary metric of exactly 1 or exactly 0 beside ordinary values."""
from __future__ import annotations

import re

from hygiene.finding import Severity
from hygiene.analysis.results import PER_ITEM, class_reports, in_class_row, is_fixture_path, is_result_path, per_class_table
from hygiene.rule import Rule, invalid, valid

# Metrics where higher is better and a perfect or a zero score is rare on held-out data.
_QUALITY = re.compile(r"(^|_)(acc|accuracy|auroc|auc|roc_auc|auprc|f1|macro_f1|micro_f1|precision|recall|"
                      r"exact_match|em|pass@\d+|pass_at_\d+|bleu|rouge\w*|balanced_accuracy|top1|top5)$", re.I)
# Training-split metrics: `train_acc`, `fit_auc`, and in-split accuracies (`env0_in_acc`, `in_acc`:
# the part of a domain that was trained on, beside its `out` part).
_TRAINING = re.compile(r"train|fit|seen|memori|(^|[._])(env\d+_)?(in|tr|trn)_|(^|[._])in\.", re.I)
# Counts and rates of things that should be zero: an all-zero column of them is good news.
_ZERO_IS_GOOD = re.compile(r"err|fail|skip|miss|nan|invalid|timeout|violat|leak|overlap|dup|crash|exception|"
                           r"unpars|malformed|refus|toxic|loss|dropped|std|var|ci|sem|delta|diff|gap|p_?val", re.I)
_CATEGORIES = (("bolt", 1.0, 0.981), ("cork", 0.9961, 0.987), ("gasket", 0.9872, 0.979), ("hinge", 1.0, 0.975),
               ("lens", 0.9814, 0.990), ("spring", 0.9932, 0.968), ("valve", 1.0, 0.984), ("washer", 0.9790, 0.972))
MAX_RECORDS = 50  # more records than this are per-item outcomes, where 0 and 1 are normal


class PerfectOrZeroScore(Rule):
    """
    ## What it does
    Finds a quality metric (accuracy, AUROC, F1, precision, recall, exact match, pass@k) of
    exactly 1.0 or exactly 0.0 in a result summary whose other metrics are ordinary fractions.
    Training-set metrics and per-item outcome files (where 0 and 1 are the values) are left alone,
    and so is the first or last point of a list-valued metric (a curve over thresholds or steps,
    where precision is 1 at the threshold that keeps nothing).

    It also finds a metric that is exactly 0.0 in every condition of a summary, the baseline
    included (`{"asr": {"none": 0.0, "paraphrase": 0.0}}`, `{"baseline": 0.0, "ours": 0.0}`, a
    CSV column of zeros): a measure that moves nowhere usually measures nothing (a grader that
    never fires, an empty output parsed as 0). Counts and rates of things that should be zero
    (errors, failures, refusals, overlaps, losses, spreads and differences) are left alone.

    A table of one score per category (four rows or more) whose perfect (or zero) cells are a minority
    and whose other cells are all within 0.05 of that extreme is a nearly saturated benchmark (image
    AUROC of 1.0 on some MVTec AD categories, mean 0.993): the ceiling is the known result there, not an
    outlier, and is left alone; the same perfect cells beside ordinary scores are reported.

    ## Why is this bad?
    A perfect held-out score usually means the label leaked into the features or the test set
    overlaps training; a score of exactly zero usually means a parse, an argmax axis or a label
    mapping is wrong. Both are far likelier than the model being perfect or perfectly wrong.

    ## Example
        {"logreg": {"auroc": 0.847}, "gbm": {"auroc": 1.0}}

    Use instead:
        # find the leak or the bug before reporting; if the score is real, say why it is plausible
        {"logreg": {"auroc": 0.847}, "gbm": {"auroc": 0.861}}
    """
    code = "RESULT010"
    category = "RESULT-SUSPECT"
    severity = Severity.WARNING
    kinds = frozenset({"data"})
    message = "`{metric}` is exactly {value} in {path} {beside}: a {kind} score on held-out data is rarely real"
    question = "Why is `{metric}` exactly {value} at {where}? Is there a leak, an overlap or a scoring bug?"
    examples = [
        valid({"output/helena/mlp/0/stats.json": """\
            {"metrics": {"test": {
              "0": {"precision": 0.0, "recall": 0.0, "f1-score": 0.0, "support": 3},
              "1": {"precision": 0.6153846153846154, "recall": 0.5714285714285714, "f1-score": 0.5925925925925926, "support": 28},
              "2": {"precision": 1.0, "recall": 0.25, "f1-score": 0.4, "support": 4},
              "accuracy": 0.4857142857142857,
              "macro avg": {"precision": 0.5384615384615384, "recall": 0.2738095238095238, "f1-score": 0.3308641975308642, "support": 35}}}}
            """}, note="near miss: per-class rows of a classification report; a class never predicted has precision 0, "
                       "and the reported number is the accuracy"),
        invalid({"output/helena/mlp/1/stats.json": """\
            {"metrics": {"test": {
              "0": {"precision": 1.0, "recall": 1.0, "f1-score": 1.0, "support": 30},
              "1": {"precision": 1.0, "recall": 1.0, "f1-score": 1.0, "support": 28},
              "accuracy": 1.0,
              "macro avg": {"precision": 1.0, "recall": 1.0, "f1-score": 1.0, "support": 58}},
             "val": {"accuracy": 0.7412}}}
            """}, expect=[("output/helena/mlp/1/stats.json", 4, "RESULT010")],
                note="the report's own accuracy of exactly 1.0 on the test split is still a perfect score"),
        invalid({"results/models.json": """\
            {
              "logreg": {"auroc": 0.847, "f1": 0.61},
              "gbm": {"auroc": 1.0, "f1": 0.64}
            }
            """}, expect=[("results/models.json", 3, "RESULT010")]),
        invalid({"results/summary.csv": "model,accuracy\nbase,0.713\nsteered,0.0\n"},
                expect=[("results/summary.csv", 3, "RESULT010")]),
        valid({"results/models.json": '{"train": {"accuracy": 1.0}, "test": {"accuracy": 0.91}}\n'},
              note="near miss: a perfect training score"),
        valid({"results/items.jsonl": "".join(f'{{"id": {i}, "accuracy": {i % 2}, "score": 0.5}}\n' for i in range(80))},
              note="near miss: per-item outcomes are 0 or 1"),
        valid({"results/rates.json": '{"refusal_rate": 0.0, "accuracy": 0.82}\n'},
              note="near miss: a rate of zero is not a quality score"),
        valid({"outputs/squad.json": '{"exact_match": 0.71, "f1": 0.79, "predictions": ['
                                     '{"id": "q1", "em": 1.0, "f1": 1.0}, {"id": "q2", "em": 0.0, "f1": 0.4}]}\n'},
              note="near miss: per-item scores beside the summary are 0 or 1 by nature"),
        valid({"sweeps/run3/results.jsonl": '{"env0_in_acc": 0.97, "env0_out_acc": 0.93, "step": 300}\n'
                                            '{"env0_in_acc": 1.0, "env0_out_acc": 0.95, "step": 600}\n'},
              note="near miss: `in` accuracies are on the in-split, the part that was trained on"),
        valid({"results/roc/circuit.json": '{"method": {"threshold": [10.0, 1.0, 0.1, 0.01], '
                                           '"edge_precision": [1.0, 0.5, 0.38, 0.04], "edge_tpr": [0.0, 0.2, 0.6, 0.9]}}\n'},
              note="near miss: a curve over thresholds; precision is 1 where the strictest threshold keeps "
                   "(almost) nothing, the sweep's end point"),
        invalid({"results/seeds.json": '{"model": {"seed_acc": [0.71, 1.0, 0.69]}}\n'},
                expect=[("results/seeds.json", 1, "RESULT010")],
                note="a perfect value inside a list that is no sweep's end point"),
        valid({"tests/golden/results.json": '{"accuracy": 1.0, "f1": 0.5}\n'},
              note="near miss: a test fixture, written to exercise the code, not a result"),
        invalid({"sweeps/run3/results.jsonl": '{"env0_in_acc": 0.97, "env0_out_acc": 0.9, "step": 300}\n'
                                              '{"env0_in_acc": 0.99, "env0_out_acc": 1.0, "step": 600}\n'},
                expect=[("sweeps/run3/results.jsonl", 2, "RESULT010")],
                note="the held-out (`out`) part is perfect"),
        invalid({"results/jailbreak.json": """\
            {
              "target": "llama-2-7b-chat",
              "attack_success": {
                "no_defense": 0.0,
                "smoothllm": 0.0,
                "self_reminder": 0.0
              }
            }
            """}, expect=[("results/jailbreak.json", 4, "RESULT010")],
                note="every condition exactly zero, the undefended one included"),
        invalid({"out/summary.json": '{"baseline": 0.0, "ours": 0.0}\n'}, expect=[("out/summary.json", 1, "RESULT010")],
                note="a flat dict of conditions, all zero"),
        valid({"results/jailbreak.json": '{"attack_success": {"no_defense": 0.42, "smoothllm": 0.0, "self_reminder": 0.0}}\n'},
              note="near miss: the baseline moves, the defences bring it to zero"),
        valid({"logs/run.json": '[{"infos": [{"r_letter": 0.0, "r_word": 0.0}, {"r_letter": 0.2, "r_word": 0.0}]}]\n'},
              note="near miss: the scores of one logged item, which may all be zero"),
        valid({"results/runs.json": '{"parse_errors": {"sft": 0.0, "dpo": 0.0}, "timeouts": {"sft": 0, "dpo": 0}}\n'},
              note="near miss: errors and timeouts are supposed to be zero"),
        valid({"results/per_category.csv": "category,image_auroc,pixel_auroc\n" + "".join(
            f"{c},{a},{b}\n" for c, a, b in _CATEGORIES) + "mean,0.9917,0.9801\n"},
              note="near miss (held-out set 30): a per-category table of a saturated benchmark, a minority of "
                   "perfect cells among scores that are all within a few hundredths of perfect"),
        invalid({"results/per_category.csv": "category,image_auroc,pixel_auroc\n" + "".join(
            f"{c},{a if a == 1.0 else round(a - 0.17, 4)},{b}\n" for c, a, b in _CATEGORIES) + "mean,0.86,0.9801\n"},
                expect=[("results/per_category.csv", 2, "RESULT010")],
                note="the twin: the same perfect cells beside ordinary scores far from perfect"),
    ]

    def check_file(self) -> None:
        profile = self.ctx.data
        if not profile or not is_result_path(self.ctx.path) or profile.get("rows", 0) > MAX_RECORDS \
                or is_fixture_path(self.ctx.path):
            return
        if self._all_zero(profile):
            return
        reports = class_reports(profile.get("leaves", []))  # a class's own precision may well be 0 or 1
        leaves = [(p, v, line) for p, v, line in profile.get("leaves", [])
                  if isinstance(v, (int, float)) and not isinstance(v, bool) and _QUALITY.search(p.rsplit(".", 1)[-1])
                  and not PER_ITEM.search(p) and not in_class_row(p, reports)]
        if leaves:
            ordinary = [v for _, v, _ in leaves if 0 < v < 1 or 1 < v < 100]
            for path, value, line in leaves:
                if value in (0, 1) and ordinary and not _TRAINING.search(path) and isinstance(value, float):
                    self._report(path, value, line)
                    return
            return
        for name, stats in profile.get("columns", {}).items():
            if not _QUALITY.search(name.rsplit(".", 1)[-1]) or _TRAINING.search(name) or not stats.get("numbers") \
                    or per_class_table(profile):
                continue
            values = stats.get("values", [])
            ordinary = [v for v in values if 0 < v < 1]
            for extreme in (1.0, 0.0):
                if extreme in values and ordinary and not _curve_end(profile, name, stats, extreme) \
                        and not _saturated(profile, stats, extreme, ordinary):
                    line = next((line for shown, _, line in stats.get("top", []) if _same(shown, extreme)), None)
                    self._report(name, extreme, line)
                    return

    def _all_zero(self, profile: dict) -> bool:
        """Every condition's value of one metric is exactly 0.0: one finding for the metric."""
        groups: dict[str, list[tuple[str, object, int]]] = {}
        for path, value, line in profile.get("leaves", []):
            if PER_ITEM.search(path) or isinstance(value, bool) or path.endswith("]"):
                continue
            parent, _, key = path.rpartition(".")
            if isinstance(value, (int, float)) and (not parent or not key.isdigit()):
                groups.setdefault(parent, []).append((key, value, line))
        for parent, leaves in groups.items():
            if "[" in parent:
                continue  # the scores of one item of a list (a log record), not conditions
            floats = [(k, v, line) for k, v, line in leaves if isinstance(v, float)]
            if len(floats) >= 2 and all(v == 0.0 for _, v, _ in floats) and len(floats) == len(leaves) \
                    and not _ZERO_IS_GOOD.search(parent or "") and not _TRAINING.search(parent or "") \
                    and not any(_ZERO_IS_GOOD.search(k) for k, _, _ in floats):
                self._report(parent or "every value", 0.0, floats[0][2], f"for all {len(floats)} conditions "
                             f"({', '.join(k for k, _, _ in floats[:4])}), the baseline included")
                return True
        for name, stats in profile.get("columns", {}).items():
            values = stats.get("values", [])
            if stats.get("numbers") and len(values) == 1 and values[0] == 0.0 and profile.get("rows", 0) >= 2 \
                    and _QUALITY.search(name.rsplit(".", 1)[-1]) and not _TRAINING.search(name):
                line = next((line for shown, _, line in stats.get("top", []) if _same(shown, 0.0)), None)
                self._report(name, 0.0, line, f"in all {profile.get('rows')} rows")
                return True
        return False

    def _report(self, metric: str, value: float, line: int | None, beside: str = "") -> None:
        self.ctx.report(type(self), None, line=line, snippet=f"{metric}: {value}", fields={
            "metric": metric, "value": value, "kind": "perfect" if value == 1 else "zero",
            "beside": beside or "while the file's other metrics are ordinary fractions"})


def _saturated(profile: dict, stats: dict, extreme: float, ordinary: list[float]) -> bool:
    """A table of one score per category (four rows or more) with the extreme in a minority of its cells
    and every other cell within 0.05 of it: a benchmark the method nearly saturates (image AUROC on
    MVTec AD), where a category at the ceiling is the known result, not an outlier (held-out set 30)."""
    rows = profile.get("rows", 0)
    count = sum(c for shown, c, _ in stats.get("top", []) if _same(shown, extreme))
    return rows >= 4 and 0 < count < rows / 2 and all(abs(v - extreme) <= 0.05 for v in ordinary)


def _curve_end(profile: dict, name: str, stats: dict, extreme: float) -> bool:
    """Whether `name` holds a list per record (a curve over thresholds or steps) whose first or last
    point is `extreme`: precision is 1 where a threshold keeps nothing, recall 1 where it keeps all.
    An end point of a sweep is the curve's convention, not a summary score."""
    if stats.get("count", 0) <= profile.get("rows", 0):
        return False  # one value per record: no list
    points = [(int(m.group(1)), v) for p, v, _ in profile.get("leaves", [])
              if (m := re.fullmatch(re.escape(name) + r"\[(\d+)\]", p))]
    if not points:
        return False
    points.sort()
    return _same(points[0][1], extreme) or _same(points[-1][1], extreme)


def _same(shown: object, value: float) -> bool:
    try:
        return float(str(shown)) == value
    except ValueError:
        return False
