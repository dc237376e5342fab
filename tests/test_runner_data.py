"""Data files in a scan: profiled once, cached as the fact `table`, one diagnostic per bad file."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from hygiene.config import load
from hygiene.runner import scan

BAD_FILES: dict[str, bytes] = {
    "results/truncated.json": b'{"accuracy": 0.71, "per_class": [0.5, 0.',
    "results/ragged.csv": b"model,acc,n\na,0.5,10\nb,0.6\n",
    "results/latin.csv": "name,score\nJos\xe9,0.5\n".encode("latin-1"),
    "results/weights.json": b"\x00\x01\x02\x03binary",
    "results/empty.jsonl": b"",
    "results/cut.jsonl": b'{"a": 1}\n{"a": 2, "b": ',
    "broken.ipynb": b'{"cells": [{"cell_type": "code", "source": "x = 1"',
    "good.jsonl": b'{"a": 1}\n',
}


def test_bad_data_files_get_one_diagnostic_each_and_the_scan_goes_on(tmp_path: Path) -> None:
    for rel, data in BAD_FILES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(data)
    (tmp_path / "train.py").write_text("import random\nx = random.random()\nprint(accuracy(x))\n")
    result = scan(dataclasses.replace(load(tmp_path)), jobs=1, use_cache=False)
    by_path: dict[str, list[str]] = {}
    for d in result.diagnostics:
        by_path.setdefault(d.path, []).append(f"{d.kind}: {d.message}")
    assert set(by_path) == set(BAD_FILES) - {"good.jsonl"}
    assert all(len(messages) == 1 for messages in by_path.values()), by_path
    assert by_path["results/truncated.json"] == ["error: JSON ends before the document is complete (truncated?) at line 1"]
    assert by_path["results/empty.jsonl"] == ["note: empty file"]
    assert "read as latin-1" in by_path["results/latin.csv"][0]
    assert result.results["good.jsonl"].facts["table"]["rows"] == 1
    assert any(f.path == "train.py" for f in result.findings)  # the code was still checked


def test_profile_is_cached_with_the_file(tmp_path: Path) -> None:
    (tmp_path / "scores.csv").write_text("model,acc\na,0.5\nb,0.7\n")
    config = dataclasses.replace(load(tmp_path))
    first = scan(config, jobs=1)
    second = scan(config, jobs=1)
    assert second.results["scores.csv"].cached
    assert second.results["scores.csv"].facts["table"] == first.results["scores.csv"].facts["table"]
    assert second.results["scores.csv"].facts["table"]["columns"]["acc"]["mean"] == 0.6


def test_a_repo_phase_field_named_like_a_place_fills_the_message(tmp_path: Path) -> None:
    """Regression: DATA021 passes the stop-reason column as `column=`, which the repo-phase
    report took for the finding's column position, leaving `{column}` in the message."""
    rows = ['{"output": "x", "stop_reason": "max_tokens"}'] * 3 + ['{"output": "y", "stop_reason": "end_turn"}'] * 7
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "transcripts.jsonl").write_text("\n".join(rows) + "\n")
    result = scan(dataclasses.replace(load(tmp_path)), jobs=1, use_cache=False)
    [finding] = [f for f in result.findings if f.rule == "DATA021"]
    assert "{column}" not in finding.message and "`stop_reason` is" in finding.message
    assert finding.column is None
