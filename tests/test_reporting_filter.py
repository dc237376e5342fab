"""Findings in code that only programs reporting no number run are questions (hygiene.analysis.reporting_filter),
and the program purposes that decision reads (hygiene.analysis.purpose, hygiene.analysis.programs)."""
from __future__ import annotations

import textwrap
from pathlib import Path

from hygiene.analysis.programs import programs
from hygiene.config import Config
from hygiene.runner import scan

_LEAKY = """
    import numpy as np
    from sklearn.preprocessing import StandardScaler
    from sklearn.model_selection import train_test_split
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score

    X = np.loadtxt("raw.csv", delimiter=",")
    y = X[:, -1]
    X = StandardScaler().fit_transform(X[:, :-1])
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
"""


def _scan(root: Path, files: dict[str, str]):
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text).lstrip())
    return scan(Config(root=root), jobs=1, use_cache=False)


def test_a_module_named_by_its_full_path_through_namespace_folders_is_the_one_imported(tmp_path: Path) -> None:
    # two `ppo.py` of two backends, in folders without `__init__.py`; the package imports both by
    # their full dotted paths, and the program that imports the package reaches each of them
    result = _scan(tmp_path, {
        "pkg/__init__.py": """
            from pkg.algos.tf1.ppo.ppo import ppo as ppo_tf1
            from pkg.algos.torch.ppo.ppo import ppo as ppo_torch
        """,
        "pkg/algos/__init__.py": "",
        "pkg/algos/tf1/ppo/__init__.py": "",
        "pkg/algos/tf1/ppo/ppo.py": "import random\nrandom.seed(0)\ndef ppo():\n    return random.random()\n",
        "pkg/algos/torch/ppo/ppo.py": """
            import random
            random.seed(1)
            def ppo():
                return random.random()
            if __name__ == "__main__":
                ppo()
        """,
        "run.py": "import pkg\nif __name__ == '__main__':\n    print(pkg.ppo_torch())\n",
    })
    progs = programs(result.repo)
    assert {"pkg/algos/tf1/ppo/ppo.py", "pkg/algos/torch/ppo/ppo.py"} <= progs.visited["run.py"]


def test_a_scorer_that_counts_answers_equal_to_gold_reports(tmp_path: Path) -> None:
    result = _scan(tmp_path, {"score.py": """
        import json, sys
        succ, fail = 0, 0
        for e in json.load(open(sys.argv[1])):
            if e["pred"] == e["answer"]:
                succ += 1
            else:
                fail += 1
        print(succ / (succ + fail))
    """})
    progs = programs(result.repo)
    assert progs.measured["score.py"]


def test_a_finding_in_a_demo_only_is_a_question_and_in_a_reporting_program_a_finding(tmp_path: Path) -> None:
    # a demo script fits the scaler before the split and shows the fitted coefficients
    demo = textwrap.dedent(_LEAKY) + textwrap.dedent("""
        model = LogisticRegression().fit(X_train, y_train)
        print(model.coef_)
    """)
    result = _scan(tmp_path / "a", {"demo.py": demo})
    asked = [q for q in result.questions if q.rule == "LEAK001"]
    assert not [f for f in result.findings if f.rule == "LEAK001"] and asked
    assert asked[0].extra["outside_reporting"] == "demo"
    # near miss: the same code in a script that fits and scores the model
    result = _scan(tmp_path / "b", {"train.py": textwrap.dedent(_LEAKY) + textwrap.dedent("""
        model = LogisticRegression().fit(X_train, y_train)
        print(accuracy_score(y_test, model.predict(X_test)))
    """)})
    assert [f.rule for f in result.findings if f.rule == "LEAK001"] == ["LEAK001"]


def test_code_of_a_script_that_writes_data_files_stays_a_finding(tmp_path: Path) -> None:
    # "data" is not a reason to ask: a script that reads results and writes a table is an analysis
    # (probe 1), and a leak in a data builder goes into every run that reads its data
    builder = textwrap.dedent(_LEAKY) + textwrap.dedent("""
        import json
        json.dump({"train": X_train.tolist(), "test": X_test.tolist()}, open("split.json", "w"))
    """)
    result = _scan(tmp_path, {"data/make_split.py": builder})
    assert [f.rule for f in result.findings if f.rule == "LEAK001"] == ["LEAK001"]


def test_a_function_called_main_imported_from_a_module_is_no_import_of_main_py(tmp_path: Path) -> None:
    from hygiene.analysis.seed_evidence import self_test

    files = {
        "main.py": """
            import random
            class Runner:
                def run(self):
                    return random.random()
            if __name__ == "__main__":
                print(Runner().run())
        """,
        "metrics/__init__.py": "",
        "metrics/generic_eval.py": "import json\ndef main(path):\n    return json.load(open(path))\n",
        "metrics/eval_cpp.py": "from metrics.generic_eval import main\nif __name__ == '__main__':\n    main('x')\n",
    }
    result = _scan(tmp_path / "a", files)
    assert not self_test("main.py", programs(result.repo))  # the harness's entry point, not a module's self-test
    # near miss: a script that imports the module itself makes its `__main__` block a self-test
    result = _scan(tmp_path / "b", {**files, "sweep.py": "from main import Runner\nif __name__ == '__main__':\n    print(Runner().run())\n"})
    assert self_test("main.py", programs(result.repo))


def test_a_usage_example_that_scores_held_out_rows_stays_a_finding(tmp_path: Path) -> None:
    # real bug (bugs.json): `benchmarking/example_classification.py` scores each fingerprint on the
    # test rows and records the AUROC; "example" in a name says little when the code measures a result
    scored = textwrap.dedent(_LEAKY) + textwrap.dedent("""
        model = LogisticRegression().fit(X_train, y_train)
        print(accuracy_score(y_test, model.predict(X_test)))
    """)
    result = _scan(tmp_path / "a", {"benchmarking/example_classification.py": scored})
    assert [f.rule for f in result.findings if f.rule == "LEAK001"] == ["LEAK001"]
    # near miss: a program named for a demonstration proper stays a question
    result = _scan(tmp_path / "b", {"demo_classification.py": scored})
    assert not [f for f in result.findings if f.rule == "LEAK001"]
    assert [q.extra.get("outside_reporting") for q in result.questions if q.rule == "LEAK001"] == ["demo"]


def test_the_question_of_a_demo_does_not_speak_of_seeds(tmp_path: Path) -> None:
    demo = textwrap.dedent(_LEAKY) + "print(X_train.mean())\n"
    result = _scan(tmp_path, {"demo.py": demo})
    (asked,) = [q for q in result.questions if q.rule == "LEAK001"]
    assert "named for a demo" in asked.extra["ask"] and "unseeded" not in asked.extra["ask"]


_SCRIPT_WITH_MODEL = """
    from sklearn.preprocessing import StandardScaler
    from sklearn.model_selection import train_test_split
    from sklearn.metrics import accuracy_score
    from sklearn.linear_model import LogisticRegression
    import numpy as np

    class Net:
        def score(self, x):
            return x

    def main():
        X = np.loadtxt("raw.csv", delimiter=",")
        y = X[:, -1]
        X = StandardScaler().fit_transform(X[:, :-1])
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
        model = LogisticRegression().fit(X_train, y_train)
        print(accuracy_score(y_test, model.predict(X_test)))

    if __name__ == "__main__":
        main()
"""


def test_a_script_is_not_taken_for_a_module_another_folder_imports_by_the_same_name(tmp_path: Path) -> None:
    # real bug (heldout5): every example folder has its own `gnn.py`; `from gnn import GNN` in one
    # folder imports that folder's file, not the script of another folder, which reports its numbers
    files = {"experiments/proteins/gnn.py": _SCRIPT_WITH_MODEL,
             "experiments/molecules/gnn.py": "class GNN:\n    pass\n",
             "experiments/molecules/main.py": "from gnn import GNN\nprint(GNN())\n"}
    result = _scan(tmp_path / "a", files)
    assert [f.path for f in result.findings if f.rule == "LEAK001"] == ["experiments/proteins/gnn.py"]


def test_a_bare_module_name_is_imported_from_the_importers_folder() -> None:
    from types import SimpleNamespace

    from hygiene.analysis.seed_evidence import self_test

    def facts(module, imports=(), main=False, classes=()):
        return {"module": module, "main": main, "classes": list(classes),
                "scopes": {"": [("c", name, -1) for name in imports]}}

    files = {"ex/proteins/gnn.py": facts("gnn", main=True, classes=["Net"]),
             "ex/molecules/gnn.py": facts("gnn", classes=["GNN"]),
             "ex/molecules/main.py": facts("main", imports=["gnn.GNN"])}
    modules = {"gnn": ["ex/proteins/gnn.py", "ex/molecules/gnn.py"], "main": ["ex/molecules/main.py"]}
    progs = SimpleNamespace(files=files, imported={"gnn", "gnn.GNN"}, source_stems=set(), module_paths=modules)
    assert not self_test("ex/proteins/gnn.py", progs)  # the import is molecules' own gnn
    files["ex/proteins/serve.py"] = facts("serve", imports=["gnn.Net"])
    progs = SimpleNamespace(files=files, imported={"gnn", "gnn.GNN"}, source_stems=set(), module_paths=modules)
    assert self_test("ex/proteins/gnn.py", progs)  # near miss: a sibling imports it


_PREDICTS_IN_TRAIN_MODE = """
    import numpy as np
    import torch
    import torch.nn as nn


    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(10, 3)
            self.drop = nn.Dropout(0.5)

        def forward(self, x):
            return self.fc(self.drop(x))


    def main():
        model = Net()
        model.load_state_dict(torch.load("best.pt"))
        with torch.no_grad():
            print(model(torch.from_numpy(np.load("clip.npy"))).argmax(1))


    if __name__ == "__main__":
        main()
"""


def test_a_model_run_in_training_mode_by_an_inference_script_is_a_finding_and_by_a_demo_a_question(tmp_path: Path) -> None:
    # an inference script exists to output its model's predictions: a mode that changes them changes its result;
    # a demo or a visualisation shows something (the near miss stays a question)
    for name, asked in (("inference.py", False), ("infer_video.py", False), ("demo.py", True), ("visualize_inference.py", True)):
        root = tmp_path / name.split(".")[0]
        result = _scan(root, {name: _PREDICTS_IN_TRAIN_MODE})
        assert [f.rule for f in (result.questions if asked else result.findings) if f.rule == "EVAL001"] == ["EVAL001"], name
        assert not [f for f in (result.findings if asked else result.questions) if f.rule == "EVAL001"], name


def test_a_script_imported_only_by_other_modules_smoke_tests_is_no_library(tmp_path: Path) -> None:
    from hygiene.analysis.seed_evidence import self_test

    files = {
        "train_modelnet.py": """
            import random
            class ModelNetConfig:
                lr = 0.01
            class Trainer:
                def run(self):
                    return random.random()
            if __name__ == "__main__":
                print(Trainer().run())
        """,
        "datasets/__init__.py": "",
        "datasets/modelnet.py": """
            class ModelNet:
                def __len__(self):
                    return 10
            if __name__ == "__main__":
                from train_modelnet import ModelNetConfig
                print(len(ModelNet()), ModelNetConfig.lr)
        """,
    }
    result = _scan(tmp_path / "a", files)
    assert not self_test("train_modelnet.py", programs(result.repo))  # only a dataset module's own smoke test imports it
    # near miss: a module that imports the script at its top level makes the script's `__main__` block a self-test
    top = {**files, "datasets/modelnet.py": "from train_modelnet import ModelNetConfig\nclass ModelNet:\n    lr = ModelNetConfig.lr\n"}
    result = _scan(tmp_path / "b", top)
    assert self_test("train_modelnet.py", programs(result.repo))


_NET = """
    import torch
    import torch.nn as nn


    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(8, 2)
            self.drop = nn.Dropout(0.5)

        def forward(self, x):
            return self.fc(self.drop(x))

"""

_TRAINS = """
    import torch
    import torch.nn.functional as F

    from model import Net


    def main():
        x_train, y_train, x_test, y_test = torch.load("data.pt")
        net = Net()
        opt = torch.optim.SGD(net.parameters(), lr=0.1)
        for epoch in range(10):
            opt.zero_grad()
            F.cross_entropy(net(x_train), y_train).backward()
            opt.step()
        torch.save(net.state_dict(), "net.pt")
        net.eval()
        with torch.no_grad():
            accuracy = (net(x_test).argmax(1) == y_test).float().mean().item()
        print("test accuracy", accuracy)


    if __name__ == "__main__":
        main()
"""


def test_a_finding_in_the_main_block_of_an_imported_module_is_its_smoke_test(tmp_path: Path) -> None:
    # the training program imports model.py, but only running model.py itself reaches its `__main__` block
    main = """
        if __name__ == "__main__":
            net = Net()
            net.load_state_dict(torch.load("net.pt"))
            batch = torch.load("batch.pt")
            before = net(batch)
            assert torch.allclose(before, net(batch))
    """
    result = _scan(tmp_path / "a", {"model.py": textwrap.dedent(_NET) + textwrap.dedent(main), "train.py": _TRAINS})
    assert not [f for f in result.findings if f.rule == "EVAL001"]
    assert [q.extra.get("outside_reporting") for q in result.questions if q.rule == "EVAL001"] == ["smoke"]
    # near miss: the `__main__` block of an evaluation script nothing imports is that program's own run
    scores = """
        from model import Net

        if __name__ == "__main__":
            net = Net()
            net.load_state_dict(torch.load("net.pt"))
            x_test, y_test = torch.load("test.pt")
            print("test accuracy", (net(x_test).argmax(1) == y_test).float().mean().item())
    """
    result = _scan(tmp_path / "b", {"model.py": _NET, "train.py": _TRAINS, "evaluate.py": "import torch\n" + textwrap.dedent(scores)})
    assert [(f.rule, f.path) for f in result.findings if f.rule == "EVAL001"] == [("EVAL001", "evaluate.py")]


def test_a_main_block_that_stops_in_the_debugger_is_a_developers_check(tmp_path: Path) -> None:
    # a module loaded by name at run time (no static import), whose `__main__` block stops at `pdb.set_trace()`
    main = """
        if __name__ == "__main__":
            net = Net()
            import pdb; pdb.set_trace()
            net.load_state_dict(torch.load("net.pt"))
            batch = torch.load("batch.pt")
            print(net(batch).argmax(1))
    """
    result = _scan(tmp_path / "a", {"algs/net.py": textwrap.dedent(_NET) + textwrap.dedent(main)})
    assert not [f for f in result.findings if f.rule == "EVAL001"]
    assert [q.extra.get("outside_reporting") for q in result.questions if q.rule == "EVAL001"] == ["debug"]
    # near miss: the debugger only when asked for
    guarded = main.replace("import pdb; pdb.set_trace()", "if DEBUG:\n                import pdb; pdb.set_trace()")
    result = _scan(tmp_path / "b", {"algs/net.py": textwrap.dedent(_NET) + "DEBUG = False\n" + textwrap.dedent(guarded)})
    assert [f.rule for f in result.findings if f.rule == "EVAL001"] == ["EVAL001"]
