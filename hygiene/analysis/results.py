"""Shared knowledge about result files: which files hold results, which keys are metrics, which
record provenance, and which values say a model's output was cut at the token limit.

Rules about results (RESULT-*, DATA-TRUNC) and the checklist read these instead of keeping their
own word lists, so that a word added here helps every one of them.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

# Folders and file names that hold results rather than inputs or configuration.
_RESULT_PATH = re.compile(r"(^|/)(results?|outputs?|evals?|evaluations?|metrics|scores|reports?|runs|"
                          r"transcripts?|generations?|completions|predictions|logs)(/|$)|"
                          r"(results?|metrics?|scores?|summary|accuracy|eval|predictions?|transcripts?)"
                          r"[^/]*\.(json|jsonl|ndjson|csv|tsv|parquet)$", re.I)
_INPUT_PATH = re.compile(r"(^|/)(data|datasets?|configs?|conf|settings|fixtures|assets|\.\w+)/", re.I)


def is_input_path(path: str) -> bool:
    """A file under data/, datasets/, configs/, assets/ or a hidden folder: an input, even when
    code in the repository generated it (a dataset builder, a `registry/data` generator)."""
    return bool(_INPUT_PATH.search(path))


def is_result_path(path: str) -> bool:
    """A data file that holds results: under results/, outputs/, ... or named like metrics.json."""
    return bool(_RESULT_PATH.search(path)) and not _INPUT_PATH.search(path)


# Folders of test suites and their fixtures: files a test reads or compares against, not results.
_FIXTURE_PART = re.compile(r"^(tests|testing|fixtures?|__fixtures__|testdata|test_?data|mocks?|"
                           r"test_\w*data|\w*_fixtures?)$", re.I)


def is_fixture_path(path: str) -> bool:
    """A data file under a test suite's folder (`tests/`, `fixtures/`, `test_sweep_data/`)."""
    return any(_FIXTURE_PART.match(part) for part in path.split("/")[:-1])


# Containers of per-item records in a result document: `predictions[3].em` is one item's outcome.
PER_ITEM = re.compile(r"(^|\.)(predictions?|preds|items|samples|examples|instances|records|outputs|responses|"
                      r"generations|completions|details|per_item|per_sample|per_example|logs|results)\[\d+\]",
                      re.I)


def series_key(finding: Any) -> tuple | None:
    """Result files one program writes once per run (`output/aloi/mlp/0/stats.json`,
    `output/helena/resnet/3/stats.json`: the same top folder, depth and file name, digits aside):
    a finding about one of them is usually a finding about the program, so the same rule's
    findings on the series are one decision (hygiene.grouping folds them into one)."""
    parts = finding.path.split("/")
    if len(parts) < 3 or not is_result_path(finding.path):
        return None  # a file at the top or in one folder: no series of runs
    return ("series", finding.rule, parts[0], len(parts), re.sub(r"\d+", "#", parts[-1]))


def class_reports(leaves: list[list[Any]]) -> set[str]:
    """The nodes of a result document that hold a per-class breakdown: a classification report
    (`{"0": {"precision": 0.82, "recall": 0.79, "f1-score": 0.80, "support": 17}, ..., "macro avg": {...}}`,
    sklearn's `output_dict=True`) gives each class a child holding its scores beside a `support`
    count. Those children are the classes of one model's report: not conditions, and not the
    reported score (two small classes with the same hits and misses agree to every digit; a class
    never predicted has precision 0). A class cut off where a long document's kept leaves end
    still belongs to its report."""
    reports = set()
    for path, _, _ in leaves:
        node, _, key = path.rpartition(".")
        if node and key == "support":
            reports.add(node.rpartition(".")[0])
    return reports


def in_class_row(path: str, reports: set[str]) -> bool:
    """Is the leaf at `path` one class's score in a report of `class_reports`?"""
    return path.rpartition(".")[0].rpartition(".")[0] in reports


def per_class_table(profile: dict[str, Any]) -> bool:
    """A table of a classification report's rows (`label,precision,recall,f1-score,support`)."""
    columns = {name.lower() for name in profile.get("columns", {})}
    return "support" in columns and bool(columns & {"precision", "recall", "f1-score", "f1_score", "f1"})


# Metric names, matched against the last part of a key (`models.sft.mean_rating` -> mean_rating).
_METRIC = re.compile(
    r"(^|_)(acc|accuracy|f1|auc|auroc|auprc|roc_auc|ap|map|precision|recall|score|rate|mean|"
    r"loss|error|err|mae|mse|rmse|r2|bleu|rouge\w*|em|exact_match|pass@\d+|pass_at_\d+|win_rate|asr|"
    r"ece|brier|perplexity|ppl|kappa|mcc|correlation|corr|spearman|pearson|rating|matching_rate|reward|"
    r"ndcg|mrr|hit_rate|top\d?|agreement|avg|average|pct|percent|percentage|"
    # forecasting, survival, segmentation and speech metrics (probe 14: darts' `mape`, lifelines' `c_index`)
    r"mape|smape|mase|rmsse|rmsle|wape|crps|c_index|cindex|concordance|iou|miou|dice|wer|cer|psnr|ssim)($|_)", re.I)
# Keys that name a metric but are counts or settings.
_NOT_METRIC = re.compile(r"(^|_)(n|num|count|total|size|seed|lr|learning_rate|rate_limit|sample_rate|"
                         r"sampling_rate|dropout|warmup|temperature|top_p)($|_)", re.I)


def metric_key(key: str) -> bool:
    last = key.rsplit(".", 1)[-1].strip("[]")
    return bool(_METRIC.search(last)) and not _NOT_METRIC.search(last)


# Keys that say where a result came from.
_PROVENANCE = re.compile(
    r"^(model|models|model_name|model_id|checkpoint|ckpt|config|cfg|args|params|hparams|hyperparameters|"
    r"settings|seed|seeds|random_state|commit|git|git_sha|sha|revision|version|code_version|"
    r"n|n_\w+|num_\w+|\w+_count|count|samples|n_samples|size|\w+_size|data|dataset|data_path|file|files|"
    r"path|split|timestamp|date|time|run|run_id|judge|judge_model|engine|temperature|prompt|template|"
    r"meta|metadata|_meta|_config|setup|experiment|method|"
    # a configuration under a qualified name: the one a search chose (`best_params`, Optuna's and scikit-learn's
    # spelling), a library's (`xgb_params`, `model_config`)
    r"\w+_(params|parameters|config|cfg|hparams|hyperparams|hyperparameters|settings|args))$", re.I)


def provenance_key(key: str) -> bool:
    return bool(_PROVENANCE.match(key.rsplit(".", 1)[-1]))


# Fields that say why generation stopped, and the values that mean "cut at the token limit"
# (Anthropic stop_reason, OpenAI / vLLM / TGI finish_reason, Gemini finishReason, Ollama
# done_reason, OpenAI Responses incomplete_details.reason).
STOP_FIELDS = ("stop_reason", "finish_reason", "finishreason", "stopreason", "done_reason", "reason",
               "finish_reasons", "stop_reasons")
TRUNCATED_VALUES = frozenset({"max_tokens", "length", "max_output_tokens", "max_length", "model_length",
                              "max_new_tokens", "token_limit"})
STOP_CHECK = re.compile(r"stop_reason|finish_reason|finishReason|stopReason|done_reason|stop_sequence|"
                        r"truncat|incomplete_details|"
                        # the OpenAI Responses API's `resp.status == "incomplete"` (cut at `max_output_tokens`)
                        r"status\s*(?:==|!=)\s*[\"'](?:incomplete|completed)[\"']|"
                        # "length" / "max_tokens" compared (`== "length"`, `in ("length", ...)`), not a
                        # `"max_tokens": 384` key of a record the code writes
                        r"(?:==|!=|\bin\s*[(\[{]?)\s*[\"'](?:length|max_tokens)[\"']|[\"'](?:length|max_tokens)[\"']\s*(?:==|!=|\bin\b)")


def stop_column(profile: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """The column of a profiled transcript that records why generation stopped."""
    for name, stats in profile.get("columns", {}).items():
        last = name.rsplit(".", 1)[-1].lower()
        if last in STOP_FIELDS and (last != "reason" or "finish" in name.lower() or "incomplete" in name.lower()):
            return name, stats
    return None


def truncated_count(stats: dict[str, Any]) -> tuple[int, int]:
    """(rows cut at the token limit, first line) from a stop column's most common values."""
    count, first = 0, 0
    for value, n, line in stats.get("top", []):
        if str(value).lower() in TRUNCATED_VALUES:
            count += n
            first = line if not first else min(first, line)
    return count, first


# -- numbers in result files, for claims ---------------------------------------------------------
def result_numbers(profile: dict[str, Any]) -> Iterator[float]:
    """Every finite number a profiled file shows: JSON leaves, column values, means, extremes."""
    for _, value, _ in profile.get("leaves", []):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            yield float(value)
    for stats in profile.get("columns", {}).values():
        for key in ("mean", "min", "max"):
            value = stats.get(key)
            if isinstance(value, (int, float)) and math.isfinite(value):
                yield float(value)
        for value in stats.get("values", []):
            if isinstance(value, (int, float)) and math.isfinite(value):
                yield float(value)
        if stats.get("numbers") and not stats.get("values"):
            for shown, _, _ in stats.get("top", []):
                try:
                    number = float(shown)
                except (TypeError, ValueError):
                    continue
                if math.isfinite(number):
                    yield number


def supports(value: float, decimals: int, percent: bool, numbers: list[float]) -> bool:
    """Whether `value`, written with `decimals` decimals (and a % sign or not), is one of
    `numbers` after rounding, read as a fraction or as a percentage."""
    tolerance = 0.5 * 10 ** -decimals + 1e-9
    for number in numbers:
        candidates = (number * 100, number) if percent else (number, number * 100, number / 100)
        if any(abs(candidate - value) <= tolerance for candidate in candidates):
            return True
    return False
