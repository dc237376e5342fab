"""Issue 10, corpus9's rules below 0.8 (branch precision18): shapes of their debatable and false verdicts
made questions or no finding, each beside the real finding of the same kind."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

from hygiene.config import Config
from hygiene.runner import scan


def _nb(cells: list[tuple[str, int]]) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "source": s, "execution_count": n, "metadata": {}, "outputs": []} for s, n in cells]})


def _scan(root: Path, files: dict[str, str], rule: str):
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text if rel.endswith(".ipynb") else textwrap.dedent(text).lstrip())
    result = scan(Config(root=root), jobs=1, use_cache=False)
    return [f for f in result.findings if f.rule == rule], [q for q in result.questions if q.rule == rule]


def test_result001_a_name_that_only_titles_a_figure_is_asked(tmp_path: Path) -> None:
    found, asked = _scan(tmp_path, {"loss.ipynb": _nb([
        ("import matplotlib.pyplot as plt\nimport pandas as pd\nframes = [pd.read_csv('a.csv'), pd.read_csv('b.csv')]", 1),
        ("fig, axes = plt.subplots(1, 2)\nfor j, ax in enumerate(axes):\n    ax.plot(frames[j]['loss'])\n"
         "    ax.set_title(task_names[j])\nplt.savefig('loss.pdf')", 12),
        ("task_names = ['MMLU', 'TyDiQA']", 14),
    ])}, "RESULT001")
    assert not found and [q.extra.get("ask", "")[:30] for q in asked] == ["the early name only labels a f"]


def test_result001_a_printed_file_name_and_a_scratch_line_are_asked(tmp_path: Path) -> None:
    found, asked = _scan(tmp_path, {"kfac.ipynb": _nb([
        ("results_dir = 'results'", 1), ("print(results_dir + '/weight_samples_' + name + '.npy')", 12),
        ("name = 'kfac'", 11)]), "scratch.ipynb": _nb([("np.arange(0, 3)", 20), ("import numpy as np", 21)])},
        "RESULT001")
    assert not found and sorted(q.path for q in asked) == ["kfac.ipynb", "scratch.ipynb"]


def test_result001_a_value_computed_from_the_early_name_stays_a_finding(tmp_path: Path) -> None:
    found, asked = _scan(tmp_path, {"kfac.ipynb": _nb([
        ("import numpy as np\nresults_dir = 'results'", 1),
        ("w = np.load(results_dir + '/weight_samples_' + name + '.npy')\nprint(w.std())", 12),
        ("name = 'kfac'", 11)]), "plot.ipynb": _nb([
        ("import matplotlib.pyplot as plt", 1), ("plt.plot(curve)\nplt.title('loss')", 5), ("curve = [1, 2]", 4)])},
        "RESULT001")
    assert sorted(f.path for f in found) == ["kfac.ipynb", "plot.ipynb"] and not asked


def test_leak003_a_prediction_methods_loader_and_a_reordering_choose_nothing(tmp_path: Path) -> None:
    found, asked = _scan(tmp_path, {"tabnet.py": """
        import numpy as np

        class TabNet:
            def predict_proba(self, X):
                ids = np.array(list(range(X.shape[0])))
                test_generator = BatchGenerator(X, ids)
                ids, probs = self.handler.test(test_generator)
                ordered = [p for _, p in sorted(zip(ids[:, 0], probs))]
                return np.concatenate(ordered), max(zip(ids, probs))
        """}, "LEAK003")
    assert not found and not asked


def test_leak003_the_same_code_outside_a_prediction_method_stays_a_finding(tmp_path: Path) -> None:
    found, _ = _scan(tmp_path, {"tabnet.py": """
        import numpy as np

        class TabNet:
            def run_batches(self, X):
                ids = np.array(list(range(X.shape[0])))
                test_generator = BatchGenerator(X, ids)
                ids, probs = self.handler.test(test_generator)
                return probs, max(zip(ids, probs))
        """}, "LEAK003")
    assert [f.line for f in found] == [8]


def test_data001_a_set_of_done_keys_is_asked_and_averaged_values_stay_a_finding(tmp_path: Path) -> None:
    found, asked = _scan(tmp_path, {"resume.py": """
        import json
        import os

        def load_done(output_file):
            done = set()
            if os.path.exists(output_file):
                with open(output_file) as f:
                    for line in f:
                        try:
                            done.add(json.loads(line)["id"])
                        except json.JSONDecodeError:
                            continue
            return done
        """, "score.py": """
        import json

        def load_scores(path):
            scores = []
            with open(path) as f:
                for line in f:
                    try:
                        scores.append(json.loads(line)["score"])
                    except json.JSONDecodeError:
                        continue
            return sum(scores) / len(scores)
        """}, "DATA001")
    assert [f.path for f in found] == ["score.py"] and [q.path for q in asked] == ["resume.py"]


def test_data001_a_failed_run_rewarded_zero_is_asked_a_pass_rate_stays_a_finding(tmp_path: Path) -> None:
    body = """
        def {name}(sandbox, scripts):
            results = sandbox.run_code(scripts=scripts, timeout=90)
            {out} = []
            for result in results:
                try:
                    {out}.append(float(result.text))
                except (ValueError, AttributeError):
                    {out}.append(0.0)
            return {out}
        """
    found, asked = _scan(tmp_path, {"rewards.py": body.format(name="code_rewards", out="rewards"),
                                    "rates.py": body.format(name="pass_rates", out="rates")}, "DATA001")
    assert [f.path for f in found] == ["rates.py"] and [q.path for q in asked] == ["rewards.py"]


def test_leak001_windows_of_every_row_and_a_discarded_test_part_leak_nothing(tmp_path: Path) -> None:
    found, _ = _scan(tmp_path, {"loader.py": _LOADER, "util.py": _UTILITY}, "LEAK001")
    assert not found


def test_leak001_a_held_out_head_cut_and_a_kept_test_part_stay_findings(tmp_path: Path) -> None:
    found, _ = _scan(tmp_path, {
        "loader.py": _LOADER.replace("        self.train = data\n", "        self.train = data[:int(len(data) * 0.8)]\n")
                            .replace("self.train[int(len(self.train) * 0.8):]", "data[int(len(data) * 0.8):]"),
        "util.py": _UTILITY.replace("X_fake_tr, _, y_fake_tr, _ =", "X_fake_tr, X_fake_te, y_fake_tr, y_fake_te =")
                           .replace("clf.score(real_scaler.transform(X_te), y_te)",
                                    "clf.score(fake_scaler.transform(X_fake_te), y_fake_te)")}, "LEAK001")
    assert sorted(f.path for f in found) == ["loader.py", "util.py"]


_LOADER = '''\
import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler


class SensorSegLoader:
    def __init__(self, root, win_size, step, flag="train"):
        self.flag = flag
        self.step = step
        self.win_size = win_size
        self.scaler = StandardScaler()
        data = pd.read_csv(root + "/train.csv").values[:, 1:]
        self.scaler.fit(data)
        data = self.scaler.transform(data)
        self.test = self.scaler.transform(pd.read_csv(root + "/test.csv").values[:, 1:])
        self.train = data
        self.val = self.train[int(len(self.train) * 0.8):]
        self.test_labels = pd.read_csv(root + "/test_label.csv").values[:, 1:]

    def __getitem__(self, index):
        index = index * self.step
        if self.flag == "train":
            return np.float32(self.train[index:index + self.win_size]), np.float32(self.test_labels[0:self.win_size])
        elif self.flag == "val":
            return np.float32(self.val[index:index + self.win_size]), np.float32(self.test_labels[0:self.win_size])
        return np.float32(self.test[index:index + self.win_size]), np.float32(self.test_labels[index:index + self.win_size])
'''

_UTILITY = '''\
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler


def utility(real_path, fake_path):
    real = pd.read_csv(real_path).to_numpy()
    X_real, y_real = real[:, :-1], real[:, -1]
    X_tr, X_te, y_tr, y_te = train_test_split(X_real, y_real, test_size=0.2, random_state=42)
    real_scaler = MinMaxScaler().fit(X_tr)
    fake = pd.read_csv(fake_path).to_numpy()
    X_fake, y_fake = fake[:, :-1], fake[:, -1]
    X_fake_tr, _, y_fake_tr, _ = train_test_split(X_fake, y_fake, test_size=0.2, random_state=42)
    fake_scaler = MinMaxScaler().fit(X_fake)
    clf = fit_classifier(fake_scaler.transform(X_fake_tr), y_fake_tr)
    return clf.score(real_scaler.transform(X_te), y_te)
'''


def test_leak003_a_caller_keeping_the_best_of_a_predict_helpers_test_scores_stays_a_finding(tmp_path: Path) -> None:
    found, _ = _scan(tmp_path, {"model.py": """
        import numpy as np

        def predict(net, loader):
            truth, guess = [], []
            for x, y in loader:
                truth.append(y)
                guess.append(net(x).argmax(1))
            return np.concatenate(truth), np.concatenate(guess)
        """, "report.py": """
        import numpy as np
        from model import predict

        train_loader, test_loader = loaders(batch_size=128)
        curve = []
        for epoch in range(15):
            fit_one_epoch(net, train_loader)
            y_true, y_pred = predict(net, test_loader)
            curve.append(float((y_true == y_pred).mean()))
        print(f"test accuracy {np.max(curve):.4f}")
        """}, "LEAK003")
    assert [(f.path, f.line) for f in found] == [("report.py", 10)]
