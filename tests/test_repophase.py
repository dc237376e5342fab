"""The cached repository phase and the stat fast path (issue 12): a warm scan equals a cold one,
an edit re-runs what it reaches, a touched file changes nothing, a same-size edit with its mtime
put back is still caught, and --focus equals the full scan restricted to the file."""
from __future__ import annotations

import os
import textwrap
import time
from pathlib import Path

from hygiene.cache import statindex
from hygiene.config import Config
from hygiene.runner import scan

FEATURES = """
from sklearn.impute import SimpleImputer
def preprocess(frame):
    return SimpleImputer(strategy="median").fit_transform(frame)
"""
FEATURES_PLAIN = """
def preprocess(frame):
    return frame
"""
TRAIN = """
import random
import pandas as pd
from sklearn.model_selection import train_test_split
from features import preprocess
table = pd.read_csv("data.csv")
matrix = preprocess(table.drop(columns=["label"]))
parts = train_test_split(matrix, table["label"], random_state=0)
noise = random.random()
print(accuracy(noise))
"""
PAST = 1_600_000_000


def _repo(root: Path, files: dict[str, str]) -> Config:
    for rel, text in files.items():
        (root / rel).write_text(textwrap.dedent(text).lstrip())
        os.utime(root / rel, (PAST, PAST))  # old files: not racily clean
    return Config(root=root)


def _found(result) -> list[tuple]:
    return [(f.rule, f.path, f.line, f.message) for f in result.findings]


def test_a_warm_scan_equals_the_cold_one_and_runs_no_repo_rule(tmp_path: Path) -> None:
    config = _repo(tmp_path, {"features.py": FEATURES, "train.py": TRAIN})
    cold = scan(config, jobs=1, use_cache=False)
    first = scan(config, jobs=1)
    warm = scan(config, jobs=1)
    assert ("LEAK001", "train.py") in {(f.rule, f.path) for f in cold.findings}
    assert _found(first) == _found(warm) == _found(cold)
    assert [f.to_dict() for f in warm.findings] == [f.to_dict() for f in cold.findings]
    assert warm.repo_rules["ran"] == 0 and warm.repo_rules["replayed"] > 0


def _settled(monkeypatch) -> None:
    """Files written by the test are seconds old at most: without the margin for coarse clocks
    (and a tick's wait), they are not racily clean at the next scan."""
    monkeypatch.setattr(statindex, "RACY_MARGIN_NS", 0)
    time.sleep(0.05)


def test_an_unchanged_file_is_not_read_again(tmp_path: Path, monkeypatch) -> None:
    config = _repo(tmp_path, {"features.py": FEATURES, "train.py": TRAIN})
    _settled(monkeypatch)
    scan(config, jobs=1)
    reads: list[str] = []
    real = statindex.file_digest
    monkeypatch.setattr(statindex, "file_digest", lambda source: reads.append(source.path) or real(source))
    warm = scan(config, jobs=1)
    assert reads == [] and warm.stats["cached"] == 2


def test_editing_the_other_module_makes_the_cross_module_finding_go_and_come_back(tmp_path: Path) -> None:
    config = _repo(tmp_path, {"features.py": FEATURES, "train.py": TRAIN})
    before = scan(config, jobs=1)
    assert ("LEAK001", "train.py") in {(f.rule, f.path) for f in before.findings}
    (tmp_path / "features.py").write_text(textwrap.dedent(FEATURES_PLAIN).lstrip())
    edited = scan(config, jobs=1)
    assert ("LEAK001", "train.py") not in {(f.rule, f.path) for f in edited.findings}
    assert _found(edited) == _found(scan(config, jobs=1, use_cache=False))
    assert edited.stats["checked"] == 1  # train.py came from the cache
    assert edited.repo_rules["ran"] > 0 and edited.repo_rules["replayed"] > 0  # only what the edit reaches
    (tmp_path / "features.py").write_text(textwrap.dedent(FEATURES).lstrip())
    again = scan(config, jobs=1)
    assert _found(again) == _found(before)


def test_touching_a_file_changes_nothing(tmp_path: Path) -> None:
    config = _repo(tmp_path, {"features.py": FEATURES, "train.py": TRAIN})
    before = scan(config, jobs=1)
    os.utime(tmp_path / "features.py", (PAST + 50, PAST + 50))
    after = scan(config, jobs=1)
    assert _found(after) == _found(before) and after.stats["checked"] == 0


def test_a_same_size_edit_with_its_mtime_put_back_is_caught(tmp_path: Path) -> None:
    config = _repo(tmp_path, {"features.py": FEATURES, "train.py": TRAIN})
    before = scan(config, jobs=1)
    path = tmp_path / "train.py"
    text = path.read_text()
    edited = text.replace("noise = random.random()", "noise = 0.5".ljust(len("noise = random.random()")))
    assert len(edited) == len(text)
    stat = path.stat()
    path.write_text(edited)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    after = scan(config, jobs=1)
    assert ("SEED001", "train.py") in {(f.rule, f.path) for f in before.findings}
    assert ("SEED001", "train.py") not in {(f.rule, f.path) for f in after.findings}
    assert after.stats["checked"] == 1


def test_the_racy_clean_rule(tmp_path: Path) -> None:
    """git's rule: an entry whose file time is not older than the index is hashed again even
    when its stat matches (it may have changed within the clock tick it was hashed in)."""
    index = statindex.StatIndex(tmp_path, "salt")
    index.written_ns = 1_000
    index.entries = {"a.py": [[10, 500, 500, 7], "python", "d", {}], "b.py": [[10, 1_000, 500, 7], "python", "d", {}],
                     "c.py": [[10, 500, 1_200, 7], "python", "d", {}]}
    assert index.lookup("a.py", "python", (10, 500, 500, 7)) == ("d", {})
    assert index.lookup("a.py", "python", (11, 500, 500, 7)) is None  # the stat changed
    assert index.lookup("a.py", "notebook", (10, 500, 500, 7)) is None
    assert index.lookup("b.py", "python", (10, 1_000, 500, 7)) is None  # mtime: racily clean
    assert index.lookup("c.py", "python", (10, 500, 1_200, 7)) is None  # ctime: racily clean


def test_a_lost_facts_entry_is_rebuilt_from_the_file(tmp_path: Path, monkeypatch) -> None:
    config = _repo(tmp_path, {"features.py": FEATURES, "train.py": TRAIN})
    _settled(monkeypatch)
    before = scan(config, jobs=1)
    for entry in (tmp_path / ".hygiene_cache" / "files").rglob("*.json"):
        entry.unlink()
    for entry in (tmp_path / ".hygiene_cache").glob("repo-*.json"):
        entry.unlink()
    after = scan(config, jobs=1)
    assert after.stats["checked"] == 0 and _found(after) == _found(before)


def _identity(f) -> tuple:
    """A finding as the focus comparison sees it. A group (one omission shared by several programs,
    hygiene.grouping) is anchored at its first program, or under --focus at the first focused one:
    the same group either way, named by its rule and members."""
    if f.extra.get("grouped"):
        return (f.rule, "group", tuple(sorted({f.path, *f.extra["grouped"]})))
    return (f.rule, f.path, f.line, f.message)


def test_focus_equals_the_full_scan_restricted_to_the_file(tmp_path: Path) -> None:
    config = _repo(tmp_path, {"features.py": FEATURES, "train.py": TRAIN, "other.py": "import random\nx = random.random()\nprint(accuracy(x))\n"})
    full = scan(config, jobs=1)
    assert any(f.extra.get("grouped") for f in full.findings)  # the group case is exercised
    for name in ("train.py", "features.py", "other.py"):
        focus = scan(config, [tmp_path / name], focus=[tmp_path / name], jobs=1)
        wanted = [f for f in full.findings
                  if f.path == name or any(r.path == name for r in f.related) or name in f.extra.get("grouped", ())]
        assert sorted(map(_identity, focus.findings)) == sorted(map(_identity, wanted))
        for f in focus.findings:
            if f.extra.get("grouped"):
                assert f.path == name  # a group is reported at the focused program


def test_a_scan_of_one_folder_keeps_the_index_of_the_others(tmp_path: Path, monkeypatch) -> None:
    config = _repo(tmp_path, {"features.py": FEATURES, "train.py": TRAIN})
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "other.py").write_text("x = 1\n")
    _settled(monkeypatch)
    scan(config, jobs=1)
    scan(config, [tmp_path / "sub"], jobs=1)
    reads: list[str] = []
    real = statindex.file_digest
    monkeypatch.setattr(statindex, "file_digest", lambda source: reads.append(source.path) or real(source))
    scan(config, jobs=1)
    assert reads == []


def test_engine_fingerprint_covers_the_whole_engine(monkeypatch):
    """An edit anywhere in hygiene/ (the dataflow layer, not only the cache package) is a new
    engine: the files' cached results must not be read by it."""
    import hygiene.cache as cache_module
    from hygiene.analysis.dataflow import graph

    seen = []
    real = Path.read_bytes

    def spy(self):
        seen.append(self.resolve())
        return real(self)

    monkeypatch.setattr(cache_module, "_engine", [])
    monkeypatch.setattr(Path, "read_bytes", spy)
    cache_module.engine_fingerprint()
    assert Path(graph.__file__).resolve() in seen
