"""Git LFS pointers and JSON with comments: recognised, and summarised once per repository."""
from __future__ import annotations

from hygiene.finding import Diagnostic
from hygiene.parsing.profile import profile
from hygiene.parsing.special import JSON_WITH_COMMENTS, LFS_POINTER, group_diagnostics, strip_json_comments

POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a2146\nsize 1311\n"


def test_lfs_pointer_is_recognised_not_invalid_json(tmp_path):
    (tmp_path / "scores.json").write_text(POINTER)
    (tmp_path / "rows.jsonl").write_text(POINTER)
    for name in ("scores.json", "rows.jsonl"):
        summary = profile(tmp_path / name)
        assert summary["problem"] == LFS_POINTER and summary["fatal"]


def test_json_with_comments_is_a_config(tmp_path):
    (tmp_path / "devcontainer.json").write_text('{\n  // the image\n  "image": "http://x//y",\n  "ports": [1, 2,],\n}\n')
    assert profile(tmp_path / "devcontainer.json")["problem"] == JSON_WITH_COMMENTS


def test_broken_json_is_still_an_error(tmp_path):
    (tmp_path / "metrics.json").write_text('{"acc": 0.5,, "f1": }')
    assert profile(tmp_path / "metrics.json")["problem"].startswith("invalid JSON")


def test_comment_markers_inside_strings_are_kept():
    assert strip_json_comments('{"url": "http://a/*b*/"}') is None
    assert strip_json_comments('{"a": 1 /* x */}') == '{"a": 1 }'


def test_one_line_per_kind_per_repository():
    diagnostics = [Diagnostic(f"data/{i}.json", LFS_POINTER, "note") for i in range(600)]
    diagnostics += [Diagnostic(".devcontainer/devcontainer.json", JSON_WITH_COMMENTS, "note"),
                    Diagnostic("bad.json", "invalid JSON: x", "error")]
    grouped = group_diagnostics(diagnostics, Diagnostic)
    assert len(grouped) == 3
    lfs = [d for d in grouped if "LFS" in d.message]
    assert lfs[0].path == "." and lfs[0].message.startswith("600 files") and "and 597 more" in lfs[0].message


def test_empty_files_are_one_line():
    grouped = group_diagnostics([Diagnostic(f"data/t{i}.jsonl", "empty file", "note") for i in range(11)], Diagnostic)
    assert [d.message for d in grouped] == ["11 data files are empty: data/t0.jsonl, data/t1.jsonl, data/t10.jsonl "
                                            "and 8 more"]


def test_parquet_files_without_pyarrow_are_one_line(tmp_path, monkeypatch):
    """Without the optional pyarrow, every `.parquet` file of a dataset repository said the same
    thing once per file (set 17: a note per shard); the repository gets one line naming them."""
    import sys

    from hygiene.parsing.special import PARQUET_NEEDS_PYARROW

    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    for i in range(4):
        (tmp_path / f"shard-{i}.parquet").write_bytes(b"PAR1" + bytes(20) + b"PAR1")
    diagnostics = [Diagnostic(f"shard-{i}.parquet", profile(tmp_path / f"shard-{i}.parquet")["problem"], "note")
                   for i in range(4)]
    assert {d.message for d in diagnostics} == {PARQUET_NEEDS_PYARROW}
    (line,) = group_diagnostics(diagnostics, Diagnostic)
    assert line.path == "." and line.message.startswith("4 .parquet files were not read") and "pyarrow" in line.message
