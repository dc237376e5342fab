"""The start phase's store in parts (hygiene.cache.startphase.Starts.save): an edit rewrites the head
and the parts it changed, not the whole store; a part that is not the one the head names (a scan
stopped between writing a part and the head) makes the next scan replay nothing, and it still
reports what a cold scan does."""
from __future__ import annotations

from pathlib import Path

from hygiene.runner import scan
from tests.test_repophase import FEATURES, TRAIN, _repo


def _key(result) -> list[tuple]:
    return sorted((f.rule, f.path, f.line, f.message) for f in [*result.findings, *result.questions])


def _stamps(root: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (root / ".hygiene_cache").glob("startparts-*.json")}


def test_an_edit_rewrites_the_parts_it_changed(tmp_path: Path) -> None:
    files = {f"lib{n}.py": FEATURES.replace("preprocess", f"preprocess{n}") for n in range(6)}
    config = _repo(tmp_path, {"features.py": FEATURES, "train.py": TRAIN, **files})
    scan(config, jobs=1)
    before = _stamps(tmp_path)
    assert len([name for name in before if "-p" in name]) > 1
    (tmp_path / "train.py").write_text((tmp_path / "train.py").read_text() + "\nmore = preprocess(table)\n")
    edited = scan(config, jobs=1)
    after = _stamps(tmp_path)
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert rewritten and len(rewritten) < len(after)
    assert _key(edited) == _key(scan(config, jobs=1, use_cache=False))


def test_a_part_the_head_does_not_name_replays_nothing(tmp_path: Path) -> None:
    config = _repo(tmp_path, {"features.py": FEATURES, "train.py": TRAIN})
    cold = scan(config, jobs=1)
    part = sorted(p for p in (tmp_path / ".hygiene_cache").glob("startparts-*-p*.json")
                  if '"rules":{}' not in p.read_text())[0]
    part.write_text(part.read_text().replace('"token":"', '"token":"0', 1))  # written by a scan that stopped
    again = scan(config, jobs=1)
    assert again.repo_rules["ran"] > 0 and _key(again) == _key(cold)
    assert scan(config, jobs=1).repo_rules["ran"] == 0  # the store is whole again
