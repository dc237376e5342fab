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
    assert "`exp/run.py` also runs one other file" in found[0].message and "`model.py`" in found[0].message
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
