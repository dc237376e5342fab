"""Pruning of the cache folder: what no scan used for two weeks goes, what the current scan uses
stays (a warm scan after pruning still reads nothing), and pruning runs at most once a day."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from hygiene.cache import Cache, mark_used
from hygiene.cache.prune import KEEP_DAYS, MARK, due, maybe_prune, prune
from hygiene.config import Config
from hygiene.runner import scan

TRAIN = """
import random
from sklearn.model_selection import train_test_split
rows = list(range(100))
parts = train_test_split(rows, random_state=0)
noise = random.random()
"""
PAST = 1_600_000_000
DAY = 86_400


def _write(root: Path, rel: str, text: str) -> None:
    (root / rel).write_text(textwrap.dedent(text).lstrip())
    os.utime(root / rel, (PAST, PAST))  # not racily clean


def _age(folder: Path, days: float) -> None:
    """Make every cache file look `days` old."""
    when = time.time() - days * DAY
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (when, when))


def _entries(folder: Path) -> set[str]:
    return {p.name for p in (folder / "files").rglob("*.json")}


def test_an_edited_files_old_entry_goes_and_the_live_ones_stay(tmp_path: Path) -> None:
    _write(tmp_path, "train.py", TRAIN)
    _write(tmp_path, "other.py", "import os\nprint(os.getcwd())\n")
    config = Config(root=tmp_path)
    scan(config, [tmp_path])
    folder = tmp_path / config.cache_dir
    before = _entries(folder)
    assert before, "the scan wrote per-file entries"
    _write(tmp_path, "train.py", TRAIN + "more = random.random()\n")
    scan(config, [tmp_path])
    after_edit = _entries(folder)
    assert len(after_edit) == len(before) + 1, "the edit added an entry and kept the old one"
    _age(folder, KEEP_DAYS + 1)
    scan(config, [tmp_path])  # warm: refreshes what it reads, writes nothing new
    count, freed = prune(folder)
    assert count >= 1 and freed > 0
    remaining = _entries(folder)
    assert len(remaining) == len(before), "only the edited file's old entry went"
    gone = after_edit - remaining
    assert len(gone) == 1 and gone <= before, "the entry of the old content, not of the new"
    # what is left is still the cache of this tree: a warm scan checks no file again
    result = scan(config, [tmp_path])
    assert result.stats["cached"] == 2


def test_stores_of_another_configuration_go_after_two_weeks(tmp_path: Path) -> None:
    _write(tmp_path, "train.py", TRAIN)
    folder = tmp_path / ".hygiene_cache"
    scan(Config(root=tmp_path, select=("SEED",)), [tmp_path])  # another salt: its own stores
    other = {p.name for p in folder.glob("*.json")}
    _age(folder, KEEP_DAYS + 1)
    scan(Config(root=tmp_path), [tmp_path])
    mine = {p.name for p in folder.glob("*.json")} - other
    assert mine
    prune(folder)
    left = {p.name for p in folder.glob("*.json")}
    assert left == mine, "the other configuration's stores went, this scan's stayed"
    assert (folder / ".gitignore").exists() and (folder / "CACHEDIR.TAG").exists()


def test_recent_files_stay_even_when_unused(tmp_path: Path) -> None:
    _write(tmp_path, "train.py", TRAIN)
    scan(Config(root=tmp_path), [tmp_path])
    folder = tmp_path / ".hygiene_cache"
    names = {p.name for p in folder.rglob("*.json")}
    _age(folder, KEEP_DAYS - 1)
    assert prune(folder) == (0, 0)
    assert {p.name for p in folder.rglob("*.json")} == names


def test_a_read_llm_answer_stays_and_an_abandoned_one_goes(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c", "llm")
    cache.put_blob("kept", {"answer": 1})
    cache.put_blob("dropped", {"answer": 2})
    _age(tmp_path / "c", KEEP_DAYS + 1)
    assert cache.get_blob("kept") == {"answer": 1}  # read: marked used
    prune(tmp_path / "c")
    assert cache.get_blob("kept") == {"answer": 1}
    assert cache.get_blob("dropped") is None


def test_mark_used_refreshes_only_old_files(tmp_path: Path) -> None:
    target = tmp_path / "store.json"
    target.write_text("{}")
    os.utime(target, (PAST, PAST))
    mark_used(target)
    assert time.time() - target.stat().st_mtime < 60
    recent = time.time() - 3600
    os.utime(target, (recent, recent))
    mark_used(target)
    assert abs(target.stat().st_mtime - recent) < 1, "a file read within a day is not rewritten"


def test_pruning_runs_at_most_once_a_day(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    (folder / "blobs").mkdir(parents=True)
    assert due(folder)
    old = folder / "blobs" / "x.json"
    old.write_text(json.dumps(1))
    os.utime(old, (PAST, PAST))
    assert maybe_prune(folder) == (1, 1)  # one file of one byte
    assert not old.exists() and (folder / MARK).exists()
    assert not due(folder)
    again = folder / "blobs" / "y.json"
    again.write_text("2")
    os.utime(again, (PAST, PAST))
    assert maybe_prune(folder) == (0, 0) and again.exists(), "not due again within a day"
    os.utime(folder / MARK, (time.time() - DAY - 1,) * 2)
    assert maybe_prune(folder)[0] == 1 and not again.exists()


def test_check_command_prunes_a_stale_cache(tmp_path: Path) -> None:
    _write(tmp_path, "train.py", TRAIN)
    folder = tmp_path / ".hygiene_cache"
    (folder / "files" / "zz").mkdir(parents=True)
    abandoned = folder / "files" / "zz" / ("0" * 64 + ".json")
    abandoned.write_text("{}")
    os.utime(abandoned, (PAST, PAST))
    out = subprocess.run([sys.executable, "-m", "hygiene", "check", "--no-llm", "--checklist", "off", "."],
                         cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    assert not abandoned.exists() and not (folder / "files" / "zz").exists()
    assert (folder / MARK).exists()
