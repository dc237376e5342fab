"""hygiene.analysis.notebook_slice: the cells of a notebook that make one file."""
from __future__ import annotations

import json

from hygiene.analysis.notebook_slice import anchor_of, slice_text


def nb(*cells: str) -> bytes:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": c}
        for c in cells]}).encode()


def test_anchor_is_the_file_stem_when_the_pattern_leaves_it_open():
    assert anchor_of("figures/loss_curve.png", "figures/*.png") == "loss_curve"
    assert anchor_of("results/summary.json", "results/summary.json") == "summary.json"
    assert anchor_of("figs/a.png", "figs/*.png") is None  # too short to find reliably


def test_slice_keeps_what_the_writing_cell_reads_and_the_imports_it_uses():
    data = nb("import numpy as np\nfrom sklearn.metrics import f1_score",
              "import seaborn as sns",
              "preds = np.load('p.npy')\ngold = np.load('g.npy')",
              "other = np.arange(3)\nsns.histplot(other)",
              "score = f1_score(gold, preds)",
              "open('results/f1.txt', 'w').write(str(score))",
              "print(other.sum())")
    text = slice_text(data, "f1.txt")
    assert "f1_score(gold, preds)" in text and "np.load('p.npy')" in text and "from sklearn.metrics" in text
    assert "np.arange" not in text and "seaborn" not in text and "other.sum" not in text


def test_no_cell_names_the_file():
    assert slice_text(nb("x = 1"), "summary.json") is None


def test_a_name_redefined_before_the_writing_code_does_not_reach_back_past_it():
    # Set 19 (first scan): a textbook notebook calls a version checker on `d` in its first cell; a
    # later cell sets `d = 13` before the figure's cells read `d`. The checker's cell made nothing.
    from hygiene.analysis.notebook_slice import slice_names
    data = nb("from env_check import check_packages\nd = {'numpy': '1.21'}\ncheck_packages(d)",
              "import numpy as np\nX = np.load('x.npy')",
              "d = 13\nS = np.zeros((d, d))",
              "mean = X.mean(axis=0).reshape(d, 1)\nd = 13\nS += mean @ mean.T",
              "import matplotlib.pyplot as plt\nplt.imshow(S)\nplt.savefig('figures/05_08.png')")
    text = slice_text(data, "05_08.png")
    assert "check_packages" not in text and "d = 13" in text and "X = np.load" in text
    assert "check_packages" not in slice_names(data, "05_08.png")


def test_a_cell_that_changes_a_needed_value_in_place_or_through_a_call_stays():
    data = nb("import pandas as pd\ndf = pd.read_csv('a.csv')",
              "df.dropna(inplace=True)",            # a method of the value: may change it
              "clean(df)",                          # handed to a function: may change it
              "df['y'] = df['x'] * 2",              # a column set: changes it
              "for d in range(3):\n    print(d)",   # an unrelated loop
              "df.to_csv('results/clean.csv')")
    text = slice_text(data, "clean.csv")
    assert all(part in text for part in ("read_csv", "dropna", "clean(df)", "df['y']"))
    assert "print(d)" not in text


def test_a_script_is_sliced_by_its_top_level_statements_in_any_order():
    from hygiene.analysis.notebook_slice import slice_names
    script = (b"from env_check import check_packages\n"
              b"import numpy as np\n"
              b"check_packages({'numpy': '1.21'})\n"
              b"def conv1d(x, w, stride=1):\n    return np.convolve(x, w)[::stride]\n"
              b"def main():\n    np.save('results/scores.npy', score(load()))\n"
              b"def score(x):\n    return x.mean()\n"
              b"def load():\n    return np.load('x.npy')\n"
              b"if __name__ == '__main__':\n    main()\n")
    text = slice_text(script, "scores.npy", "run.py")
    assert "def score" in text and "def load" in text and "conv1d" not in text  # defined after main: still kept
    assert "check_packages" not in slice_names(script, "scores.npy", "run.py")
