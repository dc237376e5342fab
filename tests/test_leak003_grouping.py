"""LEAK003: one training loop copied into a script per model, each choosing its reported row by test
scores, is one decision (add a validation split): one finding naming the other scripts (held-out 11)."""
from __future__ import annotations

import textwrap
from pathlib import Path

from hygiene.config import load
from hygiene.runner import scan

SCRIPT = """
import numpy as np
from utility.batch_test import data_generator, test
from models import {model}

model = {model}()
recs = []
users_to_test = list(data_generator.test_set.keys())
for epoch in range(400):
    model.fit_epoch(data_generator)
    ret = test(model, users_to_test)
    recs.append(ret["recall"])
best_rec_0 = max(recs)
idx = recs.index(best_rec_0)
print("Best Iter", idx, recs[idx])
"""


def _leak003(root: Path, files: dict[str, str]) -> list:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    return [f for f in scan(load(root), jobs=1, use_cache=False).findings if f.rule == "LEAK003"]


def test_copies_of_one_loop_in_a_folder_are_one_finding(tmp_path):
    files = {f"ngcf/{m}.py": SCRIPT.format(model=m) for m in ("NGCF", "BPRMF", "NMF")}
    single = _leak003(tmp_path / "one", {"ngcf/NGCF.py": files["ngcf/NGCF.py"]})
    assert len(single) == 1, single  # the shape is found in one script
    found = _leak003(tmp_path / "three", files)
    # At the script named for its folder (the project's own model; the others are baselines copied from it).
    assert [f.path for f in found] == ["ngcf/NGCF.py"]
    assert sorted(found[0].extra["grouped"]) == ["ngcf/BPRMF.py", "ngcf/NMF.py"]
    del files["ngcf/NGCF.py"]
    found = _leak003(tmp_path / "two", files)
    assert [f.path for f in found] == ["ngcf/BPRMF.py"]  # none named for the folder: the first by path


def test_scripts_of_other_folders_are_one_finding_only_when_their_code_is_the_same(tmp_path):
    # LEAK003 groups a folder's scripts itself; the same loop in scripts of other folders and names
    # is one decision too (hygiene.analysis.copies.one_report_per_decision), named as related places.
    from hygiene.analysis.copies import SAME_NOTE

    files = {f"{folder}/train_{folder}.py": SCRIPT.format(model="NGCF") for folder in ("cifar", "imagenet")}
    (found,) = _leak003(tmp_path / "same", files)
    assert found.path == "cifar/train_cifar.py"
    assert [(r.path, r.note) for r in found.related if r.note == SAME_NOTE] == [("imagenet/train_imagenet.py", SAME_NOTE)]
    files["imagenet/train_imagenet.py"] = files["imagenet/train_imagenet.py"].replace("best_rec_0", "best_acc")
    assert sorted(f.path for f in _leak003(tmp_path / "other", files)) == ["cifar/train_cifar.py",
                                                                          "imagenet/train_imagenet.py"]


def test_a_notebook_copy_of_a_script_is_the_script_decision(tmp_path):
    # held-out 15 (Bayesian networks): notebooks/classification/*.ipynb copy train_*.py's loop and its
    # selection on the test split: one decision, reported at the script, naming the notebooks
    from hygiene.rule import notebook

    script = SCRIPT.format(model="NGCF")
    copy = script.replace("best_rec_0", "best_recall").replace("for epoch in range(400)", "for epoch in range(40)")
    files = {"train_NGCF.py": script, "notebooks/classification/NGCF_demo.ipynb": notebook(copy)}
    found = _leak003(tmp_path / "both", files)
    assert [f.path for f in found] == ["train_NGCF.py"], [(f.path, f.message) for f in found]
    assert found[0].extra["grouped"] == ["notebooks/classification/NGCF_demo.ipynb"]
    alone = _leak003(tmp_path / "alone", {"notebooks/classification/NGCF_demo.ipynb": notebook(copy)})
    assert [f.path for f in alone] == ["notebooks/classification/NGCF_demo.ipynb"]
