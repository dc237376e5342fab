"""hygiene.analysis.evalmode: which modes reach a forward call inside an evaluation, through calls and files."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

from hygiene.analysis.apis.torch import model_like_name
from hygiene.config import load
from hygiene.analysis.evalmode.words import eval_data_name
from hygiene.runner import scan


def _write(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text if name.endswith(".ipynb") else textwrap.dedent(text).lstrip())
    return tmp_path


def _findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str]]:
    result = scan(load(_write(tmp_path, files)), jobs=1, use_cache=False)
    return sorted((f.path, f.line, f.rule) for f in result.findings if f.rule in ("EVAL001", "EVAL002"))


def test_model_names():
    for name in ("model", "net", "self.text_encoder", "model_ema", "netG", "teacher", "model2", "classifier"):
        assert model_like_name(name.rsplit(".", 1)[-1]), name
    for name in ("load_model", "get_model_info", "_model_call", "model_fn", "loss_fn", "criterion", "tokenizer",
                 "images", "to", "load_state_dict"):
        assert not model_like_name(name), name


def test_evaluation_data_names():
    for name in ("test_loader", "testloader", "val_dl", "X_test", "dataloaders", "valid_loader", "x_valid", "dev_set"):
        assert eval_data_name(name) == (name != "dataloaders"), name
    for name in ("valid_ratios", "valid_mask", "is_valid", "device", "values", "train_loader"):
        assert not eval_data_name(name), name


LSTM_SCRIPT = """
import torch
from torch import nn

class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(16, 32, batch_first=True{dropout})
        self.out = nn.Linear(32, 5)

    def forward(self, x):
        return self.out(self.rnn(x)[0])

model = Tagger()
opt = torch.optim.Adam(model.parameters())
for x, y in train_loader:
    opt.zero_grad()
    nn.functional.cross_entropy(model(x).flatten(0, 1), y.flatten()).backward()
    opt.step()
with torch.no_grad():
    for x, y in test_loader:
        hits = (model(x).argmax(-1) == y).sum()
"""


def test_a_model_without_dropout_or_batch_norm_is_not_reported(tmp_path):
    assert _findings(tmp_path, {"tag.py": LSTM_SCRIPT.format(dropout="")}) == []


def test_recurrent_dropout_makes_the_mode_matter(tmp_path):
    assert _findings(tmp_path, {"tag.py": LSTM_SCRIPT.format(dropout=", num_layers=2, dropout=0.3")}) == [
        ("tag.py", 20, "EVAL001")]


def test_submodules_inside_a_module_follow_the_whole_module(tmp_path):
    assert _findings(tmp_path, {"pixel.py": """
        from torch import nn

        class Decoder(nn.Module):
            def __init__(self):
                super().__init__()
                self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(64, 4), 2)

            def forward(self, x, valid_ratios):
                return self.encoder(x, mask=valid_ratios)
    """}) == []


def test_callers_across_files_decide_the_mode_of_a_parameter(tmp_path):
    files = {
        "evaluation.py": """
            import torch

            @torch.no_grad()
            def evaluate(net, loader):
                return sum((net(x).argmax(1) == y).sum().item() for x, y in loader)
        """,
        "main.py": """
            import torch
            from torch import nn
            from evaluation import evaluate

            net = nn.Sequential(nn.Linear(4, 4), nn.Dropout(0.5), nn.Linear(4, 2))
            {switch}
            print(evaluate(net, test_loader))
        """,
    }
    trained = dict(files, **{"main.py": files["main.py"].replace("{switch}", "net.train()")})
    assert _findings(tmp_path / "a", trained) == [("evaluation.py", 5, "EVAL001")]
    switched = dict(files, **{"main.py": files["main.py"].replace("{switch}", "net.eval()")})
    assert _findings(tmp_path / "b", switched) == []


EXAMPLE_SCRIPT = """
import torch
from torch import nn

def train(net, loader):
    net.train()
    for x, y in loader:
        nn.functional.cross_entropy(net(x), y).backward()

@torch.no_grad()
def test(net, loader):
    return sum((net(x).argmax(1) == y).sum().item() for x, y in loader)

def main():
    net = nn.Sequential(nn.Linear(4, 4), nn.Dropout(0.5), nn.Linear(4, 2))
    train(net, train_loader)
    {switch}
    print(test(net, test_loader))

main()
"""


def test_a_function_name_of_several_example_scripts_means_the_one_beside_the_caller(tmp_path):
    # ogb (held-out 11): a `gnn.py` beside each example script. The `train()` that `b/gnn.py` calls is
    # its own, not `a/gnn.py`'s (which sorts first): the finding names b's lines only.
    files = {
        "examples/a/gnn.py": EXAMPLE_SCRIPT.replace("{switch}", "net.eval()"),
        "examples/b/gnn.py": EXAMPLE_SCRIPT.replace("{switch}", "pass"),
    }
    result = scan(load(_write(tmp_path, files)), jobs=1, use_cache=False)
    [finding] = [f for f in result.findings if f.rule == "EVAL001"]
    assert (finding.path, finding.line) == ("examples/b/gnn.py", 11)
    assert "examples/a/" not in finding.message and "examples/b/gnn.py:15" in finding.message, finding.message


def _notebook(cells: list[str]) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "execution_count": i + 1, "outputs": [],
         "source": source} for i, source in enumerate(cells)]})


def test_a_notebook_with_a_cell_that_does_not_parse_is_not_judged(tmp_path):
    cells = [
        "import torch\nfrom torch import nn\nmodel = nn.Sequential(nn.Linear(4, 2), nn.Dropout(0.1))",
        "for x, y in train_loader:\n    model(x).sum().backward()\nmodel.eval(",  # does not parse
        "with torch.no_grad():\n    for x, y in test_loader:\n        acc = (model(x).argmax(1) == y).float().mean()",
    ]
    assert _findings(tmp_path / "broken", {"nb.ipynb": _notebook(cells)}) == []
    cells[1] = "for x, y in train_loader:\n    model(x).sum().backward()\nprint(1)"
    assert _findings(tmp_path / "whole", {"nb.ipynb": _notebook(cells)}) == [("nb.ipynb", 8, "EVAL001")]


def test_a_network_held_by_a_plain_object_is_named_by_its_attribute(tmp_path):
    """`w = Wrapper()` holds `self.backbone`: the advice is `w.backbone.eval()`, since a plain
    object has no `.eval()`."""
    (tmp_path / "feats.py").write_text(textwrap.dedent("""
        import torch
        from torchvision import models

        class Wrapper:
            def __init__(self):
                self.backbone = models.resnet18(weights="DEFAULT")
            @torch.no_grad()
            def embed(self, x):
                return self.backbone(x)

        def features(loader):
            w = Wrapper()
            return [w.embed(x) for x, _ in loader]
    """).lstrip())
    found = [f.message for f in scan(load(tmp_path), jobs=1, use_cache=False).findings if f.rule == "EVAL001"]
    assert len(found) == 1
    assert "`w.backbone.eval()`" in found[0] and "`w.eval()`" not in found[0]


def test_a_function_named_for_scoring_is_no_model():
    # held-out 15 (world-models): `score_time_probe(pred[is_test], target[is_test])` in a notebook, a scoring
    # function a star import brings, was taken for a model run with gradients on (EVAL002)
    from hygiene.analysis.evalmode.sampling import called_function

    for name in ("score_time_probe", "compute_metrics", "get_probe_scores", "plot_model"):
        assert called_function(name), name
    for name in ("time_probe", "model", "probe", "net_g", "encoder", "scorer"):
        assert not called_function(name), name


def test_an_attribute_aliased_from_an_unknown_value_does_not_crash_the_rule(tmp_path):
    # Set 19 (first scan): `self.policy_model = self.accelerator.unwrap_model(self.model).policy_model`
    # is an alias with no known source; reading a constructed object's attribute through it raised a
    # TypeError and lost EVAL001 and EVAL002 for the whole repository.
    files = {
        "trainer.py": """
            import torch

            class PPOTrainer:
                def __init__(self, model, accelerator):
                    self.model = model
                    self.accelerator = accelerator
                    self.policy_model = self.accelerator.unwrap_model(self.model).policy_model

                def evaluate(self, loader):
                    with torch.no_grad():
                        return [self.policy_model(batch).mean().item() for batch in loader]
        """,
        "run.py": """
            import torch
            from trainer import PPOTrainer

            def evaluate(model, accelerator, loader):
                trainer = PPOTrainer(model, accelerator)
                scores = []
                with torch.no_grad():
                    for batch in loader:
                        scores.append(trainer.policy_model(batch).mean().item())
                return sum(scores) / len(scores)
        """,
    }
    result = scan(load(_write(tmp_path, files)), jobs=1, use_cache=False)
    assert not [d.message for d in result.diagnostics if "internal error" in d.message]
    assert not [f for f in result.findings if f.rule in ("EVAL001", "EVAL002")]  # the mode is unknown: not judged


def test_no_grad_is_no_use_of_gradients(tmp_path):
    # `torch.no_grad()` has "grad" in its name but switches gradients off: a function run under it does not
    # use gradients as an attack or a saliency map does (which would excuse its callers' forward calls)
    root = _write(tmp_path, {"evaluate.py": """
        import torch

        def predict(model, x):
            with torch.no_grad():
                return model(x)

        def saliency(model, x):
            x.requires_grad_()
            return torch.autograd.grad(model(x).sum(), x)[0]
    """})
    result = scan(load(root), jobs=1, use_cache=False)
    frames = {f["name"]: f for f in result.results["evaluate.py"].facts["evalmode"]["frames"]}
    assert frames["predict"]["graduse"] is False
    assert frames["saliency"]["graduse"] is True


def test_a_function_of_an_imported_module_named_like_a_model_is_no_forward_call(tmp_path):
    # `define.define_classifier(...)` builds a model (a factory of an imported module): not a forward pass,
    # so no evaluation with gradients on; `self.classifier(x)` stays one
    files = {
        "models/define_models.py": """
            import torch.nn as nn

            def define_classifier(width):
                return nn.Sequential(nn.Linear(width, 10), nn.Dropout(0.5))
        """,
        "run_eval.py": """
            import torch
            from models import define_models as define

            def evaluate(width, loader):
                model = define.define_classifier(width)
                correct = 0
                with torch.no_grad():
                    for x, y in loader:
                        correct += (model(x).argmax(1) == y).sum().item()
                return correct
        """,
    }
    found = _findings(tmp_path, files)
    assert not [f for f in found if f[2] == "EVAL002"], found
    assert [f[2] for f in found] == ["EVAL001"], found
