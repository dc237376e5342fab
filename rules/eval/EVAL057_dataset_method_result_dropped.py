"""EVAL057: a dataset method that returns a new dataset called as a statement, its result dropped."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.stdast import module_nodes, module_tree, subtree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# Methods of Hugging Face `datasets.Dataset` and `tf.data.Dataset` that return a new dataset and
# leave the one they are called on as it was.
RETURNS_NEW = frozenset({"shuffle", "select", "filter", "sort", "shard", "take", "skip", "train_test_split",
                         "remove_columns", "rename_column", "rename_columns", "cast_column", "flatten_indices"})
# Calls that make such a dataset.
MAKERS = frozenset({"load_dataset", "load_from_disk", "from_dict", "from_pandas", "from_list", "from_generator",
                    "from_csv", "from_json", "from_parquet", "from_tensor_slices", "from_tensors", "TFRecordDataset",
                    "concatenate_datasets", "interleave_datasets", "load_dataset_builder"})


def _made_by(value: ast.AST, made: set[str]) -> bool:
    """Whether `value` is (a subscript of) a call chain that makes a dataset, or a method of a dataset
    already made that returns a new one (`ds.filter(...)`)."""
    for n in subtree(value):
        if isinstance(n, ast.Call):
            func = n.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in MAKERS:
                return True
            if (name in RETURNS_NEW or name == "map") and isinstance(func, ast.Attribute) \
                    and ast.unparse(func.value) in made:
                return True
    return False


class DatasetMethodResultDropped(Rule):
    """
    ## What it does
    Finds a call of a dataset method that returns a new dataset (`shuffle`, `select`, `filter`,
    `sort`, `shard`, `take`, `train_test_split`, `remove_columns`) written as a statement, its
    result dropped, `self._dataset.shuffle()`, when the same file makes that dataset with a call
    of Hugging Face `datasets` or `tf.data` (`datasets.load_dataset(...)`, `Dataset.from_dict`,
    `tf.data.Dataset.from_tensor_slices`, an earlier `ds = ds.filter(...)`). These methods leave the
    dataset they are called on unchanged. Results assigned (`ds = ds.shuffle(seed=0)`), in-place
    shuffles (`random.shuffle(rows)`, `np.random.shuffle(x)`, `rng.shuffle(x)`) and objects the file
    does not make as such a dataset (a class of its own with an in-place `shuffle()`) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `self._dataset.shuffle()` after `self._dataset = datasets.load_dataset(...)` | yes | `self._dataset = self._dataset.shuffle()` |
    | `ds.filter(lambda r: r["label"] != -1)` on a `load_dataset` result | yes | `ds = ds.filter(...)` |
    | `train_ds.shuffle(1000)` on `tf.data.Dataset.from_tensor_slices(...)` | yes | `random.shuffle(rows)` |

    A checklist question by default (`--select EVAL057` makes it a finding; session 2026-12-08 s): on the
    precision corpus none of its 3 findings was real (2 debatable, 1 false): a dropped `shuffle` followed by a
    seeded `random_split` and a shuffling trainer, a dropped column in an exploration notebook nothing reads
    again, a module's `__main__` sanity print. The dropped result is true each time; whether it changes a
    reported number is a question for the author. No labelled case of the development benchmark, the own
    cases or the blind probes depends on it.

    ## Why is this bad?
    The dataset is used as it was: an evaluation meant to attack or score a random sample takes
    the first items in the file's order (often grouped by label or by source), a filter meant to
    drop unlabelled rows keeps them, a `select` meant to cap the test set does not. The code reads
    as if the step happened, and the numbers come from other items than the ones described.

    ## Example
        self._dataset = datasets.load_dataset(name, subset)[split]
        if shuffle:
            self._dataset.shuffle()

    Use instead:
        self._dataset = datasets.load_dataset(name, subset)[split]
        if shuffle:
            self._dataset = self._dataset.shuffle()
    """

    code = "EVAL057"
    default = "question"  # none real on the precision corpus: see the docs
    category = "EVAL-MISMATCH"
    severity = Severity.ERROR
    message = ("`{text}` returns a new dataset and leaves `{receiver}` unchanged, and its result is dropped: the "
               "{method} never happens")
    question = "Should the result of `{text}` be assigned back to `{receiver}`? As written the {method} never happens"
    triggers = ("shuffle", "select", "filter", "sort", "shard", "take", "remove_columns", "train_test_split")
    examples = [
        invalid("""
            import datasets

            class HuggingFaceDataset:
                def __init__(self, name, subset=None, split="train", shuffle=False):
                    if isinstance(name, datasets.Dataset):
                        self._dataset = name
                    else:
                        self._dataset = datasets.load_dataset(name, subset)[split]
                    self.shuffled = shuffle
                    if shuffle:
                        self._dataset.shuffle()  # expect: EVAL057

                def filter_by_labels_(self, labels):
                    self._dataset = self._dataset.filter(lambda x: x["label"] in labels)
        """),
        invalid("""
            import tensorflow as tf
            from datasets import load_dataset

            ds = load_dataset("imdb", split="test")
            ds.filter(lambda row: row["label"] != -1)  # expect: EVAL057
            train_ds = tf.data.Dataset.from_tensor_slices((x, y))
            train_ds.shuffle(1000)  # expect: EVAL057
        """),
        valid("""
            import random
            import numpy as np
            from datasets import load_dataset

            class Rows:
                def __init__(self, rows):
                    self.rows = rows

                def shuffle(self):
                    random.shuffle(self.rows)

            ds = load_dataset("imdb", split="test")
            ds = ds.shuffle(seed=0)
            rows = Rows(list(ds))
            rows.shuffle()
            items = list(range(10))
            random.shuffle(items)
            np.random.shuffle(items)
            rng = np.random.default_rng(0)
            rng.shuffle(items)
        """, note="near misses: the result assigned, in-place shuffles, a class of the file's own"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        made: set[str] = set()
        assigns = [n for n in module_nodes(self.ctx) if isinstance(n, ast.Assign)]
        for _ in range(2):  # a dataset made from one made earlier in the text or later
            for n in assigns:
                if _made_by(n.value, made):
                    made |= {ast.unparse(t) for t in n.targets if isinstance(t, (ast.Name, ast.Attribute))}
        if not made:
            return
        for n in module_nodes(self.ctx):
            if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)
                    and isinstance(n.value.func, ast.Attribute) and n.value.func.attr in RETURNS_NEW):
                continue
            receiver = ast.unparse(n.value.func.value)
            if receiver in made:
                self.ctx.report(type(self), None, line=n.lineno,
                                fields={"text": ast.unparse(n.value), "receiver": receiver,
                                        "method": n.value.func.attr})

