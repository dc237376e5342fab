"""Shared knowledge about result files: paths, metric keys, truncation values, number lookup."""
from __future__ import annotations

import pytest

from hygiene.analysis.results import (is_result_path, metric_key, provenance_key, result_numbers, stop_column, supports,
                             truncated_count)


@pytest.mark.parametrize("path, expected", [
    ("results/accuracy.json", True), ("outputs/run3.jsonl", True), ("eval_summary.csv", True),
    ("exp/transcripts/a.jsonl", True), ("data/questions.jsonl", False), ("configs/results.json", False),
    ("package.json", False), ("data/results.csv", False),
])
def test_is_result_path(path: str, expected: bool) -> None:
    assert is_result_path(path) is expected


@pytest.mark.parametrize("key, expected", [
    ("accuracy", True), ("models.sft.mean_rating", True), ("macro_f1", True), ("[2].auroc", True),
    ("n_graded", False), ("learning_rate", False), ("seed", False), ("model", False), ("dropout", False),
])
def test_metric_key(key: str, expected: bool) -> None:
    assert metric_key(key) is expected


def test_provenance_key() -> None:
    assert all(provenance_key(k) for k in ("model", "n", "n_test", "seed", "config", "commit", "file"))
    assert not any(provenance_key(k) for k in ("acc", "macro_f1", "by_crawl", "tag"))


@pytest.mark.parametrize("value, decimals, percent, numbers, expected", [
    (68.4, 1, True, [0.684], True),      # percent of a fraction
    (97.1, 1, False, [0.9712], True),    # a fraction shown as a percentage, rounded
    (0.87, 2, False, [0.8712], True),
    (64.6, 1, False, [63.2, 0.632], False),
    (71.3, 1, True, [0.684, 1000, 3], False),
    (12.4, 1, True, [0.108, 0.124999], False),
])
def test_supports(value: float, decimals: int, percent: bool, numbers: list[float], expected: bool) -> None:
    assert supports(value, decimals, percent, numbers) is expected


def test_stop_column_across_apis() -> None:
    openai = {"columns": {"choices[].finish_reason": {"top": [["stop", 8, 1], ["length", 2, 4]]}}}
    anthropic = {"columns": {"stop_reason": {"top": [["end_turn", 3, 1], ["max_tokens", 1, 2]]}}}
    unrelated = {"columns": {"reason": {"top": [["length", 3, 1]]}}}
    assert truncated_count(stop_column(openai)[1]) == (2, 4)  # type: ignore[index]
    assert truncated_count(stop_column(anthropic)[1]) == (1, 2)  # type: ignore[index]
    assert stop_column(unrelated) is None


def test_result_numbers_reads_leaves_and_columns() -> None:
    profile = {"leaves": [["acc", 0.5, 1], ["name", "x", 2], ["bad", "nan", 3]],
               "columns": {"f1": {"mean": 0.25, "min": 0.1, "max": 0.4, "values": [0.1, 0.25, 0.4], "numbers": 3}}}
    assert sorted(set(result_numbers(profile))) == [0.1, 0.25, 0.4, 0.5]


def test_class_rows_of_a_report_are_known_also_for_a_class_cut_off_at_the_kept_leaves():
    from hygiene.analysis.results import class_reports, in_class_row

    leaves = [["metrics.test.0.precision", 0.82, 3], ["metrics.test.0.support", 17, 6],
              ["metrics.test.1.precision", 1.0, 8],  # the document's kept leaves end here: no support
              ["metrics.test.accuracy", 0.85, 40], ["metrics.val.accuracy", 0.8, 50]]
    reports = class_reports(leaves)
    assert reports == {"metrics.test"}
    assert in_class_row("metrics.test.1.precision", reports)
    assert in_class_row("metrics.test.0.precision", reports)
    assert not in_class_row("metrics.test.accuracy", reports)  # the report's own score stays a score
    assert not in_class_row("metrics.val.accuracy", reports)
