"""Readers of data files: rows streamed, one clear problem per bad file, nothing raised."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from hygiene.parsing import json_rows, tables
from hygiene.parsing.profile import column, profile
from hygiene.parsing.tables import Problems, iter_rows, read_document


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def rows(path: Path) -> tuple[list[tables.Row], Problems]:
    problems = Problems()
    return list(iter_rows(path, problems)), problems


def test_jsonl_rows_are_flattened_with_their_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "t.jsonl", '{"id": 1, "usage": {"output_tokens": 7}}\n\n'
                 '{"id": 2, "choices": [{"finish_reason": "length"}, {"finish_reason": "stop"}]}\n')
    got, problems = rows(path)
    assert [r.line for r in got] == [1, 3]
    assert got[0].values == {"id": 1, "usage.output_tokens": 7}
    assert got[1].values["choices[].finish_reason"] == ["length", "stop"]
    assert problems.summary() is None


def test_truncated_jsonl_line_is_one_problem_and_the_rest_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "t.jsonl", '{"a": 1}\n{"a": 2, "b": "cut\n{"a": 3}\n{"a": 4, "b"')
    got, problems = rows(path)
    assert [r.values["a"] for r in got] == [1, 3]
    assert problems.bad_rows == 2
    assert "line 2 is not valid JSON" in (problems.summary() or "")
    assert not problems.fatal


def test_truncated_json_document_is_fatal_and_says_truncated(tmp_path: Path) -> None:
    path = write(tmp_path, "r.json", '{"accuracy": 0.5, "runs": [1, 2')
    got, problems = rows(path)
    assert got == []
    assert problems.fatal and "truncated" in problems.fatal


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "r.json", '{\n  "a": 1,\n  "b": oops\n}\n')
    _, problems = rows(path)
    assert problems.fatal == "invalid JSON: Expecting value at line 3, column 8"


def test_binary_posing_as_json(tmp_path: Path) -> None:
    path = write(tmp_path, "weights.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    got, problems = rows(path)
    assert got == [] and problems.fatal == "binary content (NUL bytes), not text"


@pytest.mark.parametrize("name", ["e.json", "e.jsonl", "e.csv", "e.tsv"])
def test_empty_files(tmp_path: Path, name: str) -> None:
    summary = profile(write(tmp_path, name, ""))
    assert summary["rows"] == 0 and summary["problem"] == "empty file"


def test_ragged_csv_rows_are_read_as_far_as_they_go(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "model,acc,n\na,0.5,10\nb,0.6\nc,0.7,10,extra\n")
    got, problems = rows(path)
    assert [r.values for r in got] == [{"model": "a", "acc": 0.5, "n": 10}, {"model": "b", "acc": 0.6},
                                       {"model": "c", "acc": 0.7, "n": 10}]
    assert problems.ragged_rows == 2 and "line 3 has 2 fields" in (problems.summary() or "")


@pytest.mark.parametrize("sep", ["\t", ";"])
def test_a_csv_named_file_separated_by_tabs_or_semicolons_is_read_by_its_separator(tmp_path: Path, sep: str) -> None:
    # Recommendation datasets are often saved as `train.csv` with tab-separated columns (and some
    # European exports with `;`): read with commas, every row would be one field and be reported
    # as ragged.
    path = write(tmp_path, "train.csv", sep.join(["user_id", "item_id", "time"]) + "\n"
                 + sep.join(["1", "20", "3.5"]) + "\n" + sep.join(["2", "21", "4"]) + "\n")
    got, problems = rows(path)
    assert [r.values for r in got] == [{"user_id": 1, "item_id": 20, "time": 3.5}, {"user_id": 2, "item_id": 21, "time": 4}]
    assert problems.ragged_rows == 0


def test_a_comma_csv_whose_text_holds_tabs_stays_comma_separated(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "model,note\na,one\ttwo\n")
    got, _ = rows(path)
    assert [r.values for r in got] == [{"model": "a", "note": "one\ttwo"}]


def test_comment_lines_before_a_csv_header_are_not_the_header(tmp_path: Path) -> None:
    monitor = '# {"t_start": 1551811846.0, "env_id": "HalfCheetah-v2"}\nr,l,t\n-698.8,1000,1.19\n-891.2,1000,2.45\n'
    got, problems = rows(write(tmp_path, "0.monitor.csv", monitor))
    assert [r.values for r in got] == [{"r": -698.8, "l": 1000, "t": 1.19}, {"r": -891.2, "l": 1000, "t": 2.45}]
    assert [r.line for r in got] == [3, 4] and problems.summary() is None
    # A header whose first column is named with `#` is the header: the next line is as wide.
    got, problems = rows(write(tmp_path, "rank.csv", "#,model,acc\n1,a,0.9\n2,b,0.8\n"))
    assert [r.values["model"] for r in got] == ["a", "b"] and got[0].line == 2 and problems.summary() is None
    got, _ = rows(write(tmp_path, "count.csv", "# of samples,acc\n10,0.5\n"))
    assert got[0].values == {"# of samples": 10, "acc": 0.5}


def test_csv_cells_become_numbers_nan_and_missing(tmp_path: Path) -> None:
    path = write(tmp_path, "r.tsv", "a\tb\tc\td\n1\t0.25\tnan\t\n")
    (row,), _ = rows(path)
    assert row.values["a"] == 1 and row.values["b"] == 0.25 and math.isnan(row.values["c"])
    assert row.values["d"] is None


def test_quoted_multiline_csv_keeps_record_start_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", 'id,text\n1,"two\nlines"\n2,plain\n')
    got, _ = rows(path)
    assert [(r.line, r.values["id"]) for r in got] == [(2, 1), (4, 2)]


def test_latin1_csv_falls_back_with_a_note(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "name,score\nJos\xe9,0.5\n".encode("latin-1"))
    got, problems = rows(path)
    assert got[0].values["name"] == "José"
    assert "read as latin-1" in (problems.summary() or "")


def test_utf8_bom_is_not_part_of_the_first_column(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "\ufeffmodel,acc\na,0.5\n")
    got, problems = rows(path)
    assert "model" in got[0].values and problems.summary() is None


def test_utf16_json_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "r.json", '{"acc": 0.5}'.encode("utf-16"))
    doc = read_document(path)
    assert doc is not None and doc.value == {"acc": 0.5}


def test_document_leaves_carry_paths_and_lines(tmp_path: Path) -> None:
    text = '{\n  "model": "m",\n  "runs": [\n    {"acc": 0.5},\n    {"acc": NaN, "ok": true}\n  ]\n}\n'
    doc = read_document(write(tmp_path, "r.json", text))
    assert doc is not None
    got = [(leaf.path, leaf.line) for leaf in doc.leaves]
    assert got == [("model", 2), ("runs[0].acc", 4), ("runs[1].acc", 5), ("runs[1].ok", 5)]
    assert math.isnan(doc.leaves[2].value)


def test_document_rows_are_the_largest_list_of_objects(tmp_path: Path) -> None:
    text = '{"model": "m",\n "items": [\n  {"q": 1},\n  {"q": 2}\n ]}\n'
    got, _ = rows(write(tmp_path, "r.json", text))
    assert [(r.line, r.values) for r in got] == [(3, {"q": 1}), (4, {"q": 2})]


def test_large_json_array_is_streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_rows, "MAX_DOCUMENT_BYTES", 100)
    monkeypatch.setattr(json_rows, "CHUNK", 64)
    items = [{"i": i, "text": "x" * (i % 50)} for i in range(200)]
    path = write(tmp_path, "big.json", "[\n" + ",\n".join(json.dumps(x) for x in items) + "\n]\n")
    got, problems = rows(path)
    assert [r.values["i"] for r in got] == list(range(200))
    assert [r.line for r in got[:3]] == [2, 3, 4]
    assert problems.summary() is None


def test_large_json_object_is_left_unread_with_a_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_rows, "MAX_DOCUMENT_BYTES", 10)
    got, problems = rows(write(tmp_path, "big.json", '{"a": [1, 2, 3, 4, 5, 6]}'))
    assert got == [] and "not a top-level array" in (problems.fatal or "")


def test_large_json_array_truncated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_rows, "MAX_DOCUMENT_BYTES", 10)
    got, problems = rows(write(tmp_path, "big.json", '[{"a": 1}, {"a": 2}, {"a": '))
    assert len(got) == 2 and "truncated" in (problems.fatal or "")


def test_overlong_jsonl_line_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_rows, "MAX_LINE_BYTES", 32)
    path = write(tmp_path, "t.jsonl", '{"a": 1}\n{"a": "' + "y" * 100 + '"}\n{"a": 3}\n')
    got, problems = rows(path)
    assert [r.values["a"] for r in got] == [1, 3] and "line 2 is over" in (problems.summary() or "")


def test_parquet_without_pyarrow_or_with_it(tmp_path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        got, problems = rows(write(tmp_path, "t.parquet", b"PAR1"))
        assert got == [] and "pyarrow" in (problems.fatal or "")
        return
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"acc": [0.5, None], "model": ["a", "b"]}), path)
    got, problems = rows(path)
    assert [r.values for r in got] == [{"acc": 0.5, "model": "a"}, {"acc": None, "model": "b"}]
    assert problems.summary() is None


def test_profile_counts_and_columns(tmp_path: Path) -> None:
    lines = [{"out": "same", "score": 1.0, "stop_reason": "end_turn"}] * 6 + \
            [{"out": "", "score": float("nan"), "stop_reason": "max_tokens"}] * 2 + \
            [{"out": None, "score": float("inf"), "stop_reason": "max_tokens"}]
    path = write(tmp_path, "t.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    summary = profile(path)
    assert summary["rows"] == 9
    out = summary["columns"]["out"]
    assert (out["count"], out["missing"], out["empty"]) == (8, 1, 2)
    assert out["top"][0] == ["same", 6, 1]
    score = summary["columns"]["score"]
    assert (score["numbers"], score["nan"], score["inf"], score["mean"]) == (6, 2, 1, 1.0)
    name, stop = column(summary, "finish_reason", "stop_reason") or ("", {})
    assert name == "stop_reason" and stop["top"][1] == ["max_tokens", 3, 7]
    json.dumps(summary, allow_nan=False)  # cacheable as JSON


def test_profile_sample_is_stable_bounded_and_shortened(tmp_path: Path) -> None:
    path = write(tmp_path, "t.jsonl", "".join(json.dumps({"i": i, "text": "z" * 500}) + "\n" for i in range(300)))
    first, second = profile(path, sample_size=4), profile(path, sample_size=4)
    assert first["sample"] == second["sample"] and len(first["sample"]) == 4
    assert [s["line"] for s in first["sample"]] == sorted(s["line"] for s in first["sample"])
    assert first["sample"][0]["values"]["text"].endswith("[500 chars]")
    assert len({s["line"] for s in first["sample"]}) == 4


def test_profile_caps_distinct_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hygiene.parsing import profile as profile_module

    monkeypatch.setattr(profile_module, "MAX_DISTINCT", 10)
    path = write(tmp_path, "t.jsonl", "".join(json.dumps({"i": i}) + "\n" for i in range(50)))
    stats = profile(path)["columns"]["i"]
    assert stats["distinct"] == 10 and stats["distinct_capped"] and stats["count"] == 50


def test_profile_of_a_document_keeps_leaves(tmp_path: Path) -> None:
    summary = profile(write(tmp_path, "r.json", '{\n "acc": 0.5,\n "n": 10\n}\n'))
    assert summary["leaves"] == [["acc", 0.5, 2], ["n", 10, 3]] and summary["rows"] == 1


def test_profile_never_raises_on_a_missing_file(tmp_path: Path) -> None:
    summary = profile(tmp_path / "gone.jsonl")
    assert summary["fatal"] and summary["problem"].startswith("cannot read")


def test_json_lines_saved_as_json_are_read_as_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "train.json"
    path.write_text('{"text": "a", "label": 1}\n{"text": "b", "label": 0}\n{"text": "c", "label": 1}\n')
    problems = Problems()
    rows = list(iter_rows(path, problems))
    assert problems.fatal is None
    assert [(r.line, r.values["text"]) for r in rows] == [(1, "a"), (2, "b"), (3, "c")]
    summary = profile(path)
    assert summary["rows"] == 3 and not summary.get("fatal")
    assert "JSON lines" in summary["problem"]  # said once, as a note


def test_a_pretty_printed_document_stays_a_document(tmp_path: Path) -> None:
    path = tmp_path / "scores.json"
    path.write_text('{\n  "accuracy": 0.9,\n  "n": 10\n}\n')
    assert tables.sniff_format(path) == "json"
    broken = tmp_path / "broken.json"
    broken.write_text('{"a": 1}\n{"b": 2\n')  # JSON lines, the second cut short: one bad row, not fatal
    problems = Problems()
    assert [r.values for r in iter_rows(broken, problems)] == [{"a": 1}] and problems.bad_rows == 1
