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
