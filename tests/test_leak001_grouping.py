"""LEAK001: notebooks of one folder that each fit their preprocessing on every row before the split
(a course's notebooks re-reading one CSV and refitting a fill and a z-score) are one habit, one
answer: one finding naming the others, anchored at a notebook whose fit learns most (held-out 13).
Separate scripts stay separate findings (real bugs: fairlearn fixed two examples in two commits)."""
from __future__ import annotations

import textwrap
from pathlib import Path

from hygiene.config import load
from hygiene.rule import notebook
from hygiene.runner import scan

SCALED = """
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/{name}.csv")
X = StandardScaler().fit_transform(df.drop(columns="y"))
X_train, X_test, y_train, y_test = train_test_split(X, df["y"], random_state=0)
print("test accuracy", LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
"""

FILLED = """
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/{name}.csv")
df["age"] = df["age"].fillna(df["age"].median())
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
print("test accuracy", LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
"""


def _leak001(root: Path, files: dict[str, str]) -> list:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    return [f for f in scan(load(root), jobs=1, use_cache=False).findings if f.rule == "LEAK001"]


def test_one_habit_in_a_folder_of_notebooks_is_one_finding_at_the_strongest_fit(tmp_path):
    files = {"course/a_intro.ipynb": notebook(FILLED.format(name="auto")),
             "course/b_scaling.ipynb": notebook(SCALED.format(name="cancer")),
             "course/c_more.ipynb": notebook(SCALED.format(name="income"))}
    alone = _leak001(tmp_path / "one", {"course/a_intro.ipynb": files["course/a_intro.ipynb"]})
    assert [f.path for f in alone] == ["course/a_intro.ipynb"]  # a fill constant alone is still found
    found = _leak001(tmp_path / "three", files)
    assert [f.path for f in found] == ["course/b_scaling.ipynb"]
    assert sorted(found[0].extra["grouped"]) == ["course/a_intro.ipynb", "course/c_more.ipynb"]


def test_separate_scripts_of_a_folder_are_separate_experiments(tmp_path):
    # fairlearn's authors fixed two example scripts that scaled before the split in two commits
    files = {"examples/a_intro.py": FILLED.format(name="auto"), "examples/b_scaling.py": SCALED.format(name="cancer"),
             "examples/c_more.py": SCALED.replace("StandardScaler", "MinMaxScaler").format(name="income")}
    assert sorted(f.path for f in _leak001(tmp_path, files)) == sorted(files)  # (a copy would be one finding)


def test_programs_of_other_folders_stay_apart(tmp_path):
    other = SCALED.replace("StandardScaler", "MinMaxScaler")  # other code: not one copy (hygiene.analysis.copies)
    files = {"tabular/scale.py": SCALED.format(name="cancer"), "text/scale_text.py": other.format(name="income")}
    assert sorted(f.path for f in _leak001(tmp_path, files)) == ["tabular/scale.py", "text/scale_text.py"]


DATASET_MODULE = """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

def load_all():
    df = pd.read_csv("data/acic.csv")
    return StandardScaler().fit_transform(df.drop(columns="y")), df["y"]
"""

EXPERIMENT = """
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from data.acic import load_all

X, y = load_all()
for train, test in KFold(5, shuffle=True, random_state=0).split(X):
    print(LogisticRegression().fit(X[train], y[train]).score(X[test], y[test]))
"""


def test_one_fit_split_by_several_programs_is_one_finding_at_the_fit(tmp_path):
    # held-out 15 (a dataset module's scaler, split in the module and in experiment scripts): one decision
    files = {"data/__init__.py": "", "data/acic.py": DATASET_MODULE, "experiments/kfold_a.py": EXPERIMENT,
             "experiments/kfold_b.py": EXPERIMENT.replace("KFold(5", "KFold(10")}
    found = _leak001(tmp_path, files)
    assert [(f.path, f.line) for f in found] == [("data/acic.py", 7)], [(f.path, f.line, f.message) for f in found]
    assert len(found[0].extra["folded"]) == 1
    assert {r.path for r in found[0].related} == {"experiments/kfold_a.py", "experiments/kfold_b.py"}


def test_the_anchor_notebooks_second_copy_of_the_habit_is_folded_too(tmp_path):
    # held-out 13 (a course): the anchor notebook fits a scaler before one split, and in a later cell refits a
    # fill and a z-score on another file before another split; one answer settles the folder's habit there too
    twice = notebook(SCALED.format(name="cancer"), FILLED.format(name="income"))
    files = {"course/a_intro.ipynb": notebook(FILLED.format(name="auto")), "course/b_scaling.ipynb": twice}
    found = _leak001(tmp_path, files)
    assert [f.path for f in found] == ["course/b_scaling.ipynb"]
    assert len(found[0].extra["folded"]) == 2
    assert "once more in this program" in found[0].message


def test_a_single_notebook_with_two_fits_keeps_both(tmp_path):
    twice = notebook(SCALED.format(name="cancer"), FILLED.format(name="income"))
    assert len(_leak001(tmp_path, {"course/b_scaling.ipynb": twice})) == 2
