"""LEAK002 on a trainer object: the joined training data and the message that names the test split."""
from __future__ import annotations

from pathlib import Path

from hygiene.config import Config
from hygiene.runner import scan

TRAIN = '''from datasets import concatenate_datasets, load_dataset
from setfit import SetFitModel, Trainer

ds = load_dataset("csv", data_files={"train": "train.csv", "validation": "val.csv", "test": "test.csv"})
joined = concatenate_datasets([ds["train"], ds["validation"], {third}])
trainer = Trainer(model=SetFitModel.from_pretrained("m"), train_dataset=joined, eval_dataset=ds["test"])
trainer.train()
metrics = trainer.evaluate()
'''


def _found(root: Path, third: str) -> list:
    (root / "train.py").write_text(TRAIN.replace("{third}", third))
    return [f for f in scan(Config(root=root), jobs=1, use_cache=False).findings if f.rule == "LEAK002"]


def test_the_test_split_joined_into_a_trainers_data_is_named_by_its_key(tmp_path: Path) -> None:
    found = _found(tmp_path, 'ds["test"]')
    assert [(f.path, f.line) for f in found] == [("train.py", 5)]
    # the split read by key has no variable name: the message says which split, not "the test set"
    assert 'The test rows `ds["test"]` are joined' in found[0].message and "train.py:8" in found[0].message


def test_a_trainer_given_the_training_splits_only(tmp_path: Path) -> None:
    assert _found(tmp_path, 'ds["train"].select(range(10))') == []
