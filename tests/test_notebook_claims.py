"""A notebook that seeds nothing and quotes no number is a demonstration: its seed findings are questions."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from hygiene.analysis.notebook_claims import _ADDRESS, _claims
from hygiene.config import Config
from hygiene.runner import scan

CODE = ("import pandas as pd\nfrom sklearn.model_selection import train_test_split\n"
        "from sklearn.ensemble import RandomForestClassifier\nfrom sklearn.metrics import accuracy_score\n"
        "df = pd.read_csv('heart.csv')\nX, y = df.drop(columns='target'), df.target\n"
        "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2{split})\n"
        "clf = RandomForestClassifier().fit(X_train, y_train)\nprint(accuracy_score(y_test, clf.predict(X_test)))\n")


def _notebook(prose: str, split: str = "") -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": prose},
        {"cell_type": "code", "metadata": {}, "execution_count": 1, "outputs": [], "source": CODE.format(split=split)}]})


@pytest.mark.parametrize("prose, split, finds", [
    ("# Heart disease\nA random forest on the heart data.", "", False),  # a demonstration: asked
    ("# Heart disease\nThe random forest reaches 81.7% accuracy.", "", True),  # a number quoted: reported
    ("# Heart disease\nA random forest on the heart data.", ", random_state=0", True),  # seeds the split, misses the forest
    ("# Heart disease\n1. Use 80% of samples as training data.\n2. Fit a forest.", "", False),  # a split's size
    ("# Heart disease\nBy hand: 0.485 is less than 0.5, so no disease.", "", True),  # any other number: a claim
    ("# Heart disease\nHold out 20% of the rows for testing; test accuracy is 81%.", "", True),  # a split and a score
    ("# Heart disease\nWith more trees the f1 improved from 0.57 to 0.76.", "", True),  # a result in prose
    ("# Heart disease\nWe get less accuancy (~60%) with two features.", "", True),  # misspelt, still a result
])
def test_a_notebook_that_seeds_nothing_and_quotes_nothing_is_asked(tmp_path: Path, prose, split, finds):
    (tmp_path / "heart.ipynb").write_text(_notebook(prose, split))
    result = scan(Config(root=tmp_path), jobs=1, use_cache=False)
    found = [f.rule for f in result.findings if f.rule.startswith("SEED")]
    asked = [q.rule for q in result.questions if q.rule.startswith("SEED")]
    assert bool(found) is finds
    assert bool(asked) is not finds


def test_evaluation_items_sampled_in_such_a_notebook_stay_a_finding(tmp_path: Path):
    source = ("import pandas as pd\nframe = pd.read_csv('questions.csv')\nsubset = frame.sample(200)\n"
              "answers = [ask(row.question) for row in subset.itertuples()]\nprint(score(answers, subset))\n")
    (tmp_path / "tour.ipynb").write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": "# Asking the model"},
        {"cell_type": "code", "metadata": {}, "execution_count": 1, "outputs": [], "source": source}]}))
    result = scan(Config(root=tmp_path), jobs=1, use_cache=False)
    assert [f.rule for f in result.findings if f.rule.startswith("SEED")] == ["SEED005"]


def _states(prose: str) -> bool:
    return _claims(_ADDRESS.sub(" ", prose))


def test_a_number_in_a_link_address_is_no_claim():
    # corpus: the NeRF tutorial and ViT's AugReg Colab cite their papers by arXiv link, and quote no result
    assert not _states("# Tiny NeRF\n[arXiv Paper](https://arxiv.org/abs/2003.08934)")
    assert not _states("See **[How to train your ViT](https://arxiv.org/abs/2106.10270)** and https://x.org/v2.5/")
    assert _states("Random forest gave even a better performance with 81.7% ([log](https://x.org/run/3)).")
