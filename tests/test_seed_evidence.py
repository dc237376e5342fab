"""The evidence a seed finding needs (hygiene.analysis.seed_evidence) and one finding per program."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from hygiene.analysis.seed_evidence import REASONS, named_for_demo
from hygiene.config import Config
from hygiene.runner import scan


def _scan(root: Path, files: dict[str, str]):
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text).lstrip())
    result = scan(Config(root=root), jobs=1, use_cache=False)
    seeds = lambda fs: [f for f in fs if f.rule.startswith("SEED")]  # noqa: E731
    return seeds(result.findings), seeds(result.questions)


@pytest.mark.parametrize("path, demo", [
    ("demo.py", True), ("scripts/visualize_attention.py", True), ("inference.ipynb", True),
    ("scripts/export_onnx_model.py", True), ("benchmarks/speed_test.py", True), ("demo/run.py", True),
    ("example_comparison.ipynb", True), ("StabilityGap/stability_gap_example.py", True),
    ("tools/YOLOv7trt.ipynb", True), ("deploy/run_openvino.py", True),
    ("debug.py", True), ("scripts/debug_sampler.py", True),
    ("example.py", False), ("train.py", False), ("eval/run_eval.py", False), ("vision/run_weak_strong.py", False),
])
def test_programs_named_for_a_demo(path: str, demo: bool) -> None:
    assert named_for_demo(path) is demo


def test_a_draw_no_reporting_program_runs_is_a_question_with_the_missing_evidence(tmp_path: Path) -> None:
    found, asked = _scan(tmp_path, {"pick.py": "import random\nsubset = random.sample(range(10), 3)\nprint(subset)\n"})
    assert not found and [q.rule for q in asked] == ["SEED001"]
    assert asked[0].extra["ask"] == REASONS["unknown"]
    found, asked = _scan(tmp_path, {"pick.py": "import random\nsubset = random.sample(range(10), 3)\n"
                                               "print(accuracy(subset))\n"})
    assert [f.rule for f in found] == ["SEED001"] and not asked


def test_a_program_that_seeds_other_generators_is_evidence_enough(tmp_path: Path) -> None:
    found, _ = _scan(tmp_path, {"pick.py": "import random\nimport numpy as np\nnp.random.seed(0)\n"
                                           "subset = random.sample(range(10), 3)\nprint(subset)\n"})
    assert [f.rule for f in found] == ["SEED001"]


def test_draws_of_several_files_one_program_runs_are_one_finding(tmp_path: Path) -> None:
    found, _ = _scan(tmp_path, {
        "exp/data.py": """
            import random
            def subset(items, n):
                return random.sample(items, n)
        """,
        "exp/nets/__init__.py": "",
        "exp/nets/model.py": """
            import torch
            def noisy(x):
                return x + torch.randn_like(x)
        """,
        "exp/run.py": """
            from data import subset
            from nets.model import noisy
            if __name__ == "__main__":
                acc = evaluate(noisy(embed(subset(load(), 100))))
                print(acc)
        """,
    })
    assert [(f.rule, f.path) for f in found] == [("SEED001", "exp/data.py")]
    assert "`exp/run.py`, which runs it, never seeds it" in found[0].message and "`exp/nets/model.py`" in found[0].message
    assert [r.path for r in found[0].related][-1] == "exp/nets/model.py"


def test_a_folder_of_scripts_and_the_model_file_they_run_are_one_finding(tmp_path: Path) -> None:
    script = """
        import random
        from utils.net import Net
        if __name__ == "__main__":
            val = random.sample(range(50000), 5000)
            acc = evaluate(train(Net(), val))
            print(acc)
    """
    found, _ = _scan(tmp_path, {
        "duq/utils/__init__.py": "",
        "duq/utils/net.py": """
            import torch
            import torch.nn as nn
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.centroids = nn.Parameter(torch.randn(10, 8))
        """,
        "duq/train_cifar.py": script,
        "duq/train_fm.py": script,
    })
    assert [(f.rule, f.path) for f in found] == [("SEED001", "duq/train_cifar.py")]
    assert {r.path for r in found[0].related} >= {"duq/train_fm.py", "duq/utils/net.py"}


_TRAIN = """
    import torch
    from torch.utils.data import DataLoader
    from model import Net
    if __name__ == "__main__":
        net = Net()
        for batch in DataLoader(train_set, batch_size=64, shuffle=True):
            loss = net.loss(batch)
            loss.backward()
            print("loss", loss.item())
        torch.save(net.state_dict(), "net.pt")
"""
_MODEL = """
    import torch.nn as nn
    class Net(nn.Module):
        def loss(self, batch):
            return self.body(batch).mean()
"""


def test_a_program_that_trains_and_reports_no_measured_number_is_a_question(tmp_path: Path) -> None:
    found, asked = _scan(tmp_path, {"train.py": _TRAIN, "model.py": _MODEL})
    assert not found and [q.rule for q in asked] == ["SEED003"]
    assert asked[0].extra["ask"] == REASONS["trains"]


def test_a_checkpoint_that_another_program_loads_and_measures_is_reported(tmp_path: Path) -> None:
    found, asked = _scan(tmp_path, {"train.py": _TRAIN, "model.py": _MODEL, "evaluate.py": """
        import torch
        from model import Net
        if __name__ == "__main__":
            net = Net()
            net.load_state_dict(torch.load("net.pt"))
            print("test accuracy", accuracy(net, test_set))
    """})
    assert [(f.rule, f.path) for f in found] == [("SEED003", "train.py")] and not asked


def test_a_sampler_is_judged_by_the_code_it_runs_not_by_the_files_it_imports(tmp_path: Path) -> None:
    found, asked = _scan(tmp_path, {"diffusion.py": """
        import torch
        import torch.nn as nn
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.body = nn.Linear(4, 4)
            def nll(self, x):
                mse = ((x - self.body(x)) ** 2).mean()
                return mse
    """, "evaluate.py": """
        import torch
        from diffusion import Net
        if __name__ == "__main__":
            net = Net()
            net.load_state_dict(torch.load("net.pt"))
            print("test nll", net.nll(test_x))
    """, "sample.py": """
        import torch
        from diffusion import Net
        if __name__ == "__main__":
            net = Net()
            net.load_state_dict(torch.load("net.pt"))
            labels = torch.randint(0, 10, (64,))
            print(net.body(labels))
    """})
    # the module's metric runs in evaluate.py, not in sample.py; sample.py trains nothing to evaluate
    assert not [f for f in found if f.path == "sample.py"]
    assert [q.extra["ask"] for q in asked if q.path == "sample.py"] == [REASONS["trains"]]


def _git(root: Path) -> None:
    import subprocess
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
                   check=True)


def test_a_program_the_run_scripts_leave_out_beside_its_siblings_is_a_question(tmp_path: Path) -> None:
    script = """
        import torch
        from torch.utils.data import DataLoader
        if __name__ == "__main__":
            for batch in DataLoader(train_set, batch_size=64, shuffle=True):
                step(batch)
            print("test mse", evaluate(model, test_set))
    """
    files = {"baseline/long_range_main.py": script, "baseline/single_step_main.py": script,
             "baseline/scripts/run.sh": "python long_range_main.py -data ETTh1\n"}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(textwrap.dedent(text).lstrip())
    _git(tmp_path)
    found, asked = _scan(tmp_path, {})
    assert [f.path for f in found] == ["baseline/long_range_main.py"]
    assert [q.extra["ask"] for q in asked if q.path == "baseline/single_step_main.py"] == [REASONS["unrun"]]


def test_a_group_of_programs_that_seed_nothing_is_anchored_at_the_training_program(tmp_path: Path) -> None:
    found, _ = _scan(tmp_path, {"model.py": _MODEL, "eval.py": """
        import torch
        from torch.utils.data import DataLoader
        from model import Net
        if __name__ == "__main__":
            net = Net()
            net.load_state_dict(torch.load("net.pt"))
            for batch in DataLoader(test_set, batch_size=1, shuffle=True):
                print("bleu", bleu_score(net, batch))
    """, "train.py": _TRAIN.replace('print("loss", loss.item())', 'print("val accuracy", validate(net, val_set))')})
    assert [(f.rule, f.path) for f in found] == [("SEED003", "train.py")]
    assert "eval.py" in found[0].message


def test_a_module_a_demo_shares_with_the_experiment_is_the_experiments_decision(tmp_path: Path) -> None:
    """The finding names the experiment (not the demo that also runs the module), and the module's
    draw joins the experiment's other draws: one seeding line in it settles both files."""
    found, _ = _scan(tmp_path, {
        "likelihood.py": """
            import torch
            def bpd(x):
                return (x + torch.randn_like(x)).mean()
        """,
        "losses.py": """
            import torch
            def loss(x):
                return (x * torch.rand(x.shape[0])).mean()
        """,
        "demo.py": """
            from likelihood import bpd
            if __name__ == "__main__":
                print(accuracy(bpd(load())))
        """,
        "main.py": """
            from likelihood import bpd
            from losses import loss
            if __name__ == "__main__":
                fit(loss)
                print(accuracy(bpd(load())))
        """,
    })
    assert [(f.rule, f.path) for f in found] == [("SEED003", "losses.py")]
    assert "`main.py`" in found[0].message and "`likelihood.py`" in found[0].message
    # A program that seeds other generators: its draws are its own decision (one seeding line in it).
    found, _ = _scan(tmp_path, {"main.py": """
            import random
            from likelihood import bpd
            from losses import loss
            if __name__ == "__main__":
                random.seed(0)
                fit(loss)
                print(accuracy(bpd(load())))
        """})
    assert [(f.rule, f.path) for f in found] == [("SEED003", "losses.py")]
    assert "`main.py` also runs one other file with unseeded draws (`likelihood.py`)" in found[0].message


def test_programs_that_seed_nothing_are_one_decision_with_the_modules_they_run(tmp_path: Path) -> None:
    """Two training scripts seed nothing, one draws in its own file and one in a model module: one
    habit of the repository, one finding, at the program's own draw."""
    found, _ = _scan(tmp_path, {
        "models/net.py": """
            import torch
            def make():
                return torch.nn.Linear(3, 2).weight + torch.randn(2, 3)
        """,
        "train_teacher.py": """
            from models.net import make
            if __name__ == "__main__":
                print(accuracy(fit(make())))
        """,
        "train_student.py": """
            import torch
            if __name__ == "__main__":
                x = torch.randn(2, 3)
                print(accuracy(fit(x)))
        """,
    })
    assert [(f.rule, f.path) for f in found] == [("SEED003", "train_student.py")]
    assert "`models/net.py`" in found[0].message and "no program that runs it unseeded seeds anything" in found[0].message


@pytest.mark.parametrize("keeps, finds", [
    # percentiles of 2,500 resamples: an estimate random on purpose
    ("v_min, v_med, v_max = np.percentile(vals, [2.5, 50, 97.5])\n        print(v_min, v_med, v_max)", False),
    # near miss: one resample's accuracy is the reported number
    ("print('accuracy', accuracy(vals[0]))", True),
])
def test_a_bootstrap_keeps_only_percentiles_of_its_resamples(tmp_path: Path, keeps: str, finds: bool) -> None:
    found, asked = _scan(tmp_path, {"analyze.py": f"""
        import numpy as np
        if __name__ == "__main__":
            errs = np.array(load_errors())
            samples = [np.random.choice(len(errs), 25) for _ in range(2500)]
            vals = [errs[s].min() for s in samples]
            print("accuracy", accuracy(errs))
            {keeps}
    """})
    assert bool(found) is finds
    if not finds:
        assert [q.extra["ask"] for q in asked] == [REASONS["bootstrap"]]


def test_a_draw_in_a_lambda_bound_at_module_level_runs_when_the_lambda_is_called(tmp_path: Path) -> None:
    # A lambda bound to a name draws when a program calls it, not when the module is imported; a factory's
    # inner lambda (`gamma_factory(1, 2)` at import) draws only when whoever holds it calls it.
    library = {"pkg/__init__.py": "", "pkg/samplers.py": """
        import numpy as np
        beta_sampler = lambda a, b: np.random.beta(a, b)
        gamma_factory = lambda a, b: lambda: np.random.gamma(a, b)
        SHAPE = gamma_factory(1, 2)
    """}
    evaluate = """
        import numpy as np
        from sklearn.metrics import accuracy_score
        from pkg.samplers import beta_sampler
        def main():
            x = np.load("x.npy"){use}
            print(accuracy_score(np.load("y.npy"), x > 0.5))
            np.random.seed(0)
        if __name__ == "__main__":
            main()
    """
    found, asked = _scan(tmp_path, {**library, "evaluate.py": evaluate.format(use="")})
    assert not found and not asked
    found, _ = _scan(tmp_path, {**library, "evaluate.py": evaluate.format(use=" * beta_sampler(1, 2)")})
    assert [(f.rule, f.path, f.line) for f in found] == [("SEED006", "pkg/samplers.py", 2)]


def test_a_script_is_no_self_test_of_a_package_that_shares_its_name(tmp_path: Path) -> None:
    # `from lib.anp.network import LatentModel` imports the package `lib/anp/`, not the script `bin/anp.py`: the
    # script's own `__main__` run is an experiment, not the smoke test of a module others import.
    files = {
        "lib/__init__.py": "", "lib/anp/__init__.py": "",
        "lib/anp/module.py": "class Attention:\n    pass\n",
        "lib/anp/network.py": "from lib.anp.module import *\nclass LatentModel:\n    pass\n",
        "bin/anp.py": """
            import torch
            from torch.utils.data import DataLoader
            from sklearn.metrics import accuracy_score
            from lib.anp.network import LatentModel

            class Head(torch.nn.Module):
                pass

            def main():
                torch.set_num_threads(1)
                loader = DataLoader(torch.load("train.pt"), batch_size=32, shuffle=True)
                model = fit(Head(LatentModel()), loader)
                x, y = torch.load("test.pt")
                print(accuracy_score(y, model(x).argmax(1)))

            if __name__ == "__main__":
                main()
        """,
    }
    found, asked = _scan(tmp_path, files)
    assert [(f.rule, f.path) for f in found] == [("SEED003", "bin/anp.py")] and not asked
    found, asked = _scan(tmp_path, {**files, "lib/anp/preprocess.py": "from bin.anp import Head\n"})
    assert not found and [(q.rule, q.extra["ask"]) for q in asked] == [("SEED003", REASONS["smoke"])]


def test_a_benchmark_whose_timed_functions_are_named_test_is_timing(tmp_path: Path) -> None:
    # `test_NSA(args)` calls a function that times a layer on made-up inputs: not an evaluation step
    # (`test(epoch)`), so the script is a timing run and its draws are a question.
    script = """
        import time
        import torch

        def {name}(n):
            layer = torch.nn.Linear(n, n)
            x = torch.randn(8, n)
            start = time.time()
            for _ in range(100):
                loss = ((layer(x) - x) ** 2).mean()
                loss.backward()
            {tail}

        if __name__ == "__main__":
            {name}(512)
    """
    found, asked = _scan(tmp_path, {"attention_speed.py": script.format(
        name="test_NSA", tail='print("used time", (time.time() - start) / 100)')})
    assert not found and [(q.rule, q.extra["ask"]) for q in asked] == [("SEED003", REASONS["timing"])]


_PORT_EXAMPLE = """
    import torch
    from torch.utils.data import DataLoader
    from sklearn.metrics import roc_auc_score
    from ports.layer import Layer

    loader = DataLoader(load_split("train"), batch_size=128, shuffle=True)
    net = Layer()
    opt = torch.optim.Adam(net.parameters())
    for x, y in loader:
        loss = torch.nn.functional.binary_cross_entropy_with_logits(net(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    x, y = load_split("test")
    print("test roc-auc", roc_auc_score(y, net(x).detach()))
"""
_LAYER = """
    import torch
    class Layer(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = torch.nn.Linear(8, 1)
        def forward(self, x):
            return self.lin(x).squeeze(-1)
"""
_SEEDED_BENCHMARK = """
    import argparse
    import torch
    from sklearn.metrics import roc_auc_score
    from ports.layer import Layer

    if __name__ == "__main__":
        parser = argparse.ArgumentParser()
        parser.add_argument("--seed", type=int, default=41)
        args = parser.parse_args()
        torch.manual_seed(args.seed)
        net = Layer()
        x, y = load_split("test")
        print("test roc-auc", roc_auc_score(y, net(x).detach()))
"""


@pytest.mark.parametrize("benchmark, reported", [
    (_SEEDED_BENCHMARK, False),
    (_SEEDED_BENCHMARK.replace("torch.manual_seed(args.seed)", "print(args.seed)"), True),  # near miss: nothing seeds
    (None, True),  # near miss: the bare `example.py` is the repository's only program
])
def test_a_bare_example_beside_seeded_experiment_programs_is_a_usage_example(
        tmp_path: Path, benchmark: str | None, reported: bool) -> None:
    """Held-out set 31 (pna): `models/pytorch_geometric/example.py` trains the layer once and prints a score,
    while the paper's programs in another folder seed torch from `--seed`."""
    files = {"ports/example.py": _PORT_EXAMPLE, "ports/layer.py": _LAYER, "ports/__init__.py": ""}
    if benchmark:
        files["benchmark/main_run.py"] = benchmark
    found, _ = _scan(tmp_path, files)
    assert bool([f for f in found if f.path == "ports/example.py"]) is reported
