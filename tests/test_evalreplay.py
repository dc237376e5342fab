"""The eval-mode verdicts are replayed when the changed files cannot reach them, and analysed again
when they can (issue 12, hygiene.cache.evalreplay): every scan after an edit reports what a cold
scan of the edited tree reports."""
from __future__ import annotations

from pathlib import Path

import pytest

from hygiene.analysis.evalmode import resolve
from hygiene.cache.evalreplay import _still_shared
from hygiene.config import Config
from hygiene.runner import scan
from tests.test_summaries import FILES, TRAINER, _found, _write

# An evaluation of a network that a repository function builds; the function is not there yet.
EVALUATE = """
import torch
from brainnet.trainer import build

def activations(stimuli):
    net = build()
    acts = []
    for images, _ in stimuli:
        acts.extend(net(torch.as_tensor(images)).detach().numpy())
    return acts
"""
BUILD = TRAINER + """
import torchvision

def build():
    return torchvision.models.alexnet()
"""


@pytest.fixture
def analyses(monkeypatch) -> list[int]:
    """How many times the analysis was built."""
    built: list[int] = []
    real = resolve.Analysis.__init__

    def counted(self, repo):
        built.append(1)
        real(self, repo)

    monkeypatch.setattr(resolve.Analysis, "__init__", counted)
    return built


def _edit_and_compare(root: Path, rel: str, text: str) -> list[tuple]:
    _write(root, rel, text)
    warm = _found(scan(Config(root=root), jobs=1))
    assert warm == _found(scan(Config(root=root), jobs=1, use_cache=False))
    return warm


def test_an_edit_the_verdicts_cannot_reach_replays_them(tmp_path: Path, analyses: list[int]) -> None:
    for rel, text in FILES.items():
        _write(tmp_path, rel, text)
    before = _found(scan(Config(root=tmp_path), jobs=1))
    assert [f[:2] for f in before] == [("EVAL001", "brainnet/activations.py")]
    analyses.clear()
    # a function nothing calls, in a file no verdict reached
    _write(tmp_path, "brainnet/trainer.py", TRAINER + "\n\ndef another(model):\n    return model\n")
    assert _found(scan(Config(root=tmp_path), jobs=1)) == before
    assert analyses == []
    assert before == _found(scan(Config(root=tmp_path), jobs=1, use_cache=False))
    # an unrelated class elsewhere: replayed too
    analyses.clear()
    assert _edit_and_compare(tmp_path, "brainnet/extra.py", "class Unrelated:\n    pass\n") == before


def test_an_edit_of_a_file_the_verdicts_read_analyses_again(tmp_path: Path, analyses: list[int]) -> None:
    from tests.test_summaries import ZOO_EVAL

    for rel, text in FILES.items():
        _write(tmp_path, rel, text)
    assert _found(scan(Config(root=tmp_path), jobs=1))
    analyses.clear()
    assert _edit_and_compare(tmp_path, "brainnet/zoo.py", ZOO_EVAL) == []
    assert analyses  # the warm scan ran it (and the cold one)


def test_a_name_the_analysis_looked_up_in_vain_defined_in_another_file(tmp_path: Path, analyses: list[int]) -> None:
    _write(tmp_path, "brainnet/trainer.py", TRAINER)
    _write(tmp_path, "brainnet/activations.py", EVALUATE)
    assert _found(scan(Config(root=tmp_path), jobs=1)) == []
    # `build` now exists and makes a network in training mode: the evaluation's verdict changes
    after = _edit_and_compare(tmp_path, "brainnet/trainer.py", BUILD)
    assert [f[:2] for f in after] == [("EVAL001", "brainnet/activations.py")]
    # and goes again when the definition does
    assert _edit_and_compare(tmp_path, "brainnet/trainer.py", TRAINER) == []


def test_a_new_evaluation_in_another_file_is_analysed(tmp_path: Path, analyses: list[int]) -> None:
    for rel, text in FILES.items():
        _write(tmp_path, rel, text)
    before = _found(scan(Config(root=tmp_path), jobs=1))
    after = _edit_and_compare(tmp_path, "brainnet/probe.py", EVALUATE.replace("from brainnet.trainer import build\n", "")
                              .replace("net = build()", "net = torch.nn.Dropout(0.5)"))
    assert len(after) == len(before) + 1


def test_a_last_part_asked_only_whether_one_function_has_it() -> None:
    """`unique`: how many functions had the last part when a caller search asked whether one did.
    A changed file's function with that part keeps the answer when two or more remain outside the
    changed files; not when the changed files held all but one."""
    row = lambda q: [q, q.rsplit(".", 1)[-1], None, False, []]  # noqa: E731
    before = [{"f": [row("a.forward")]}]
    now = [{"f": [row("a.forward"), row("a.other")]}]
    assert _still_shared(before, now, {"forward": 3})
    assert not _still_shared(before, now, {"forward": 2})
    assert _still_shared(before, now, {"unrelated": 1})
