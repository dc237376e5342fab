from ads_ctr.utils.io import read_jsonl, write_jsonl


def test_roundtrip(tmp_path):
    rows = [{"a": 1}, {"a": 2}]
    write_jsonl(tmp_path / "x.jsonl", rows)
    assert read_jsonl(tmp_path / "x.jsonl") == rows
