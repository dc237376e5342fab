"""The eval-mode analysis reads every file as a summary cached by its fact's digest, and a file's
whole fact only when an evaluation reaches it (issue 12, hygiene.cache.summaries): an edit gives
what a cold scan of the edited tree gives, re-summarises only the edited file, and the analysis
decodes the facts of the files it follows, not of every file."""
from __future__ import annotations

import textwrap
from pathlib import Path

from hygiene.analysis.evalmode import frames
from hygiene.config import Config
from hygiene.runner import scan

ZOO = """
import torch
import torchvision

class PretrainedNet:
    def __init__(self, name):
        self.model = torchvision.models.alexnet()
        self.model.load_state_dict(torch.load(f"weights/{name}.pth"))
"""
ZOO_EVAL = ZOO + "        self.model.eval()\n"
ACTIVATIONS = """
import numpy as np
import torch
from brainnet.zoo import PretrainedNet

def activations(stimuli, name):
    net = PretrainedNet(name).model
    acts = []
    for images, _ in stimuli:
        acts.extend(net(torch.as_tensor(images)).detach().numpy())
    return np.array(acts)
"""
TRAINER = """
import torch

def train(model, loader):
    model.train()
    for x, y in loader:
        torch.nn.functional.mse_loss(model(x), y).backward()

def helper(model):
    return model.parameters()
"""
FILES = {"brainnet/zoo.py": ZOO, "brainnet/activations.py": ACTIVATIONS, "brainnet/trainer.py": TRAINER}


def _write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(textwrap.dedent(text).lstrip())


def _found(result) -> list[tuple]:
    return [(f.rule, f.path, f.line, f.message) for f in result.findings if f.rule.startswith("EVAL00")]


def test_an_edit_gives_what_a_cold_scan_gives_and_is_summarised_alone(tmp_path: Path, monkeypatch) -> None:
    for rel, text in FILES.items():
        _write(tmp_path, rel, text)
    config = Config(root=tmp_path)
    before = _found(scan(config, jobs=1))
    assert [f[:2] for f in before] == [("EVAL001", "brainnet/activations.py")]
    assert before == _found(scan(config, jobs=1, use_cache=False))
    assert list((tmp_path / ".hygiene_cache").glob("evalmode-*.json"))

    summarised: list[str] = []
    decoded: list[int] = []
    real_summarise, real_record = frames.summarise, frames._File.record

    def counted(fact):
        summarised.append(fact.get("module", ""))
        return real_summarise(fact)

    def record(self, at):
        if self.records is None:
            decoded.append(at)
        return real_record(self, at)

    monkeypatch.setattr(frames, "summarise", counted)
    monkeypatch.setattr(frames._File, "record", record)
    # an edit of the file of the class the evaluation reaches (one the analysis cannot reach
    # replays its verdicts instead: tests/test_evalreplay.py)
    _write(tmp_path, "brainnet/zoo.py", ZOO + "\n\ndef another(model):\n    return model\n")
    assert _found(scan(config, jobs=1)) == before
    assert summarised == ["zoo"]  # the others' summaries came from the store
    # the evaluation's record is in its file's summary; the file of the class it reaches was read
    # whole, the trainer's never
    assert len(decoded) == 1

    _write(tmp_path, "brainnet/zoo.py", ZOO_EVAL)
    after = _found(scan(config, jobs=1))
    assert after == _found(scan(config, jobs=1, use_cache=False)) == []
