"""A file's check leaves no syntax tree to the cycle collector (hygiene.gcpolicy): its context,
resolver and rule visitors are released, so the tree goes when the check returns."""
from __future__ import annotations

import gc
from pathlib import Path

from hygiene.config import load
from hygiene.discovery import discover, package_dirs
from hygiene.runner import check_file, enabled_rules

CODE = '''
import random
import torch
import pandas as pd
from sklearn.model_selection import train_test_split

def evaluate(model, loader):
    total = 0
    for x, y in loader:
        total += (model(x).argmax(-1) == y).sum()
    return total / len(loader)

table = pd.read_csv("data.csv").dropna()
train, test = train_test_split(table, test_size=0.2)
model = torch.nn.Sequential(torch.nn.Linear(4, 2), torch.nn.Dropout(0.1))
print(evaluate(model, test), random.random(), {"a": 1}, [1, 2, 3])
'''


def test_a_checked_file_leaves_its_tree_to_reference_counting(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(CODE * 5)
    config = load(tmp_path)
    rules = enabled_rules(config)
    sources = list(discover(config, None))
    check_file(sources[0], config, rules, package_dirs(sources))  # imports and first-use caches
    gc.collect()
    gc.disable()
    try:
        result = check_file(sources[0], config, rules, package_dirs(sources))
        left = gc.collect()
    finally:
        gc.enable()
    assert result.facts and not result.diagnostics
    assert left < 1_000, f"{left} objects of the file's check were left in reference cycles"


def test_trees_frozen_while_built_are_thawed_when_the_file_is_released(tmp_path: Path, monkeypatch) -> None:
    """Under `tune` (the command line), libcst's and `ast`'s trees are frozen once built, so young
    collections skip them; when the check returns nothing is left frozen, a parse that fails
    freezes nothing, and the file's result is the same as without freezing."""
    import hygiene.gcpolicy as gcpolicy
    from hygiene.parsing.python import ParseError, parse

    (tmp_path / "train.py").write_text(CODE * 3)
    config = load(tmp_path)
    rules = enabled_rules(config)
    sources = list(discover(config, None))
    plain = check_file(sources[0], config, rules, package_dirs(sources)).to_dict()
    monkeypatch.setattr(gcpolicy, "_freeze_trees", True)
    gc.unfreeze()
    frozen_during: list[int] = []
    original = gcpolicy.release

    def watching(*objects):  # type: ignore[no-untyped-def]
        frozen_during.append(gc.get_freeze_count())
        original(*objects)

    monkeypatch.setattr("hygiene.runner.release", watching)
    assert check_file(sources[0], config, rules, package_dirs(sources)).to_dict() == plain
    assert frozen_during and frozen_during[0] > 10_000  # the trees were frozen while rules ran
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    try:
        parse("def broken(:\n")
    except ParseError:
        pass
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def _glibc() -> bool:
    import ctypes.util
    import platform
    return platform.system() == "Linux" and platform.libc_ver()[0] == "glibc" and bool(ctypes.util.find_library("c"))


def test_give_back_returns_freed_heap_pages_to_the_system(monkeypatch) -> None:
    """A worker that checked a large file gives its freed pages back (issue 12: the tree's peak),
    and only when it has grown by more than GIVE_BACK_MB since it last did."""
    import pytest
    from hygiene import gcpolicy
    if not _glibc():
        pytest.skip("malloc_trim is glibc's")
    monkeypatch.setattr(gcpolicy, "_freeze_trees", True)
    monkeypatch.setattr(gcpolicy, "_kept_mb", gcpolicy._resident_mb())
    assert gcpolicy.give_back() is False  # not grown: nothing to do
    blocks = [bytearray(2048) for _ in range(40_000)]  # ~80 MB from malloc's heap, not pymalloc's arenas
    for i in range(len(blocks)):
        blocks[i][0] = 1  # touched: resident
    keep = blocks[::50]  # every 50th kept alive: the heap cannot shrink from its top alone
    del blocks
    before = gcpolicy._resident_mb()
    assert gcpolicy.give_back() is True
    after = gcpolicy._resident_mb()
    assert before - after > 30, (before, after)
    assert gcpolicy.give_back() is False  # just gave back: not again until it grows
    assert len(keep) == 800


def test_give_back_does_nothing_for_a_library_caller(monkeypatch) -> None:
    from hygiene import gcpolicy
    monkeypatch.setattr(gcpolicy, "_freeze_trees", False)
    monkeypatch.setattr(gcpolicy, "_kept_mb", 0.0)
    assert gcpolicy.give_back() is False
