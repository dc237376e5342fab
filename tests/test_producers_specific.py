"""hygiene.analysis.producers.specific: which path patterns name files closely enough to link them."""
from __future__ import annotations

from hygiene.analysis.producers import specific


def test_literal_and_named_patterns_link():
    assert specific("results/metrics.json")
    assert specific("*/metrics.json")  # one name under a folder given at run time
    assert specific("results/run_*.json")  # a name pattern in a known folder
    assert specific("*_scores.csv")


def test_vague_patterns_do_not_link():
    assert not specific("*.json")
    assert not specific("*/report_*.json")  # any report_*.json anywhere (set 20: an unrelated dataset file)
    assert not specific("**/run_*.json")
