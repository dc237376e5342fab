"""LEAK077: Keras's training and validation subsets of one folder cut with different shuffles or seeds."""
from __future__ import annotations

import ast

from hygiene.analysis.stdast import module_nodes, module_tree
from hygiene.discovery import is_test_path
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

# Keras's loaders that cut a `validation_split` from the files of one folder.
_LOADERS = frozenset({"image_dataset_from_directory", "text_dataset_from_directory",
                      "audio_dataset_from_directory"})
# The loaders' defaults: shuffled, no seed.
_DEFAULTS = {"shuffle": "True", "seed": "None"}


def _keyword(call: ast.Call, name: str) -> ast.keyword | None:
    return next((k for k in call.keywords if k.arg == name), None)


def _setting(call: ast.Call, name: str) -> str:
    found = _keyword(call, name)
    return ast.unparse(found.value) if found is not None else _DEFAULTS[name]


def _directory(call: ast.Call) -> str:
    found = _keyword(call, "directory")
    return ast.unparse(found.value) if found is not None else ast.unparse(call.args[0]) if call.args else ""


class ValidationSubsetShuffledApart(Rule):
    """
    ## What it does
    Finds the training and the validation subset of one folder cut by Keras's
    `image_dataset_from_directory` (also `text_` and `audio_dataset_from_directory`) with
    `validation_split` in two calls, `subset="training"` and `subset="validation"`, whose `shuffle` or
    `seed` differ: `shuffle=True` for the training subset and `shuffle=False` for the validation
    subset, or two seeds. Two calls that shuffle alike with one seed, one call with
    `subset="both"`, and subsets of different folders are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | training `shuffle=True, seed=20`, validation `shuffle=False, seed=20` | yes | both `shuffle=True, seed=20` |
    | training `seed=1`, validation `seed=2` | yes | `subset="both", seed=1` |
    | training `seed=SEED`, validation `seed=SEED` of another folder | no | |

    ## Why is this bad?
    Keras lists the folder's files, shuffles the list with the seed when `shuffle` is on, and only
    then cuts the last `validation_split` of it for validation. Each call cuts its own list: with
    a different shuffle or seed the validation subset is a different tenth of the files, most of it
    inside the other call's training subset. Early stopping and the learning-rate schedule then
    watch images the model trains on, and the validation figures look better than they are.

    ## Example
        train_ds = tf.keras.utils.image_dataset_from_directory(
            "data/train", validation_split=0.1, subset="training", seed=20, shuffle=True)
        val_ds = tf.keras.utils.image_dataset_from_directory(
            "data/train", validation_split=0.1, subset="validation", seed=20, shuffle=False)

    Use instead:
        val_ds = tf.keras.utils.image_dataset_from_directory(
            "data/train", validation_split=0.1, subset="validation", seed=20, shuffle=True)
    """

    code = "LEAK077"
    category = "LEAK-OVERLAP"
    severity = Severity.ERROR
    message = ("the validation subset of `{directory}` is cut with `{setting}={valid}` while its training subset "
               "(line {train_line}) uses `{setting}={train}`: each call shuffles its own file list, so the "
               "validation files are mostly training files of the other call")
    question = ("Do the training and validation subsets of `{directory}` at {where} come from the same shuffled "
                "list (the same `shuffle` and `seed`)?")
    triggers = ("_dataset_from_directory",)
    examples = [
        invalid("""
            import tensorflow as tf

            def load(input_dir, input_shape):
                train_ds = tf.keras.utils.image_dataset_from_directory(
                    f"{input_dir}/train",
                    validation_split=0.1,
                    subset="training",
                    seed=20,
                    image_size=input_shape,
                    shuffle=True,
                )
                val_ds = tf.keras.utils.image_dataset_from_directory(
                    f"{input_dir}/train",
                    validation_split=0.1,
                    subset="validation",
                    seed=20,
                    image_size=input_shape,
                    shuffle=False,  # expect: LEAK077
                )
                return train_ds, val_ds
        """),
        valid("""
            import tensorflow as tf

            SEED = 20

            def load(input_dir, input_shape):
                train_ds = tf.keras.utils.image_dataset_from_directory(
                    f"{input_dir}/train", validation_split=0.1, subset="training", seed=SEED,
                    image_size=input_shape, shuffle=True)
                val_ds = tf.keras.utils.image_dataset_from_directory(
                    f"{input_dir}/train", validation_split=0.1, subset="validation", seed=SEED,
                    image_size=input_shape)
                test_ds = tf.keras.utils.image_dataset_from_directory(
                    f"{input_dir}/test", shuffle=False, image_size=input_shape)
                return train_ds, val_ds, test_ds
        """, note="near miss: both subsets shuffled with one seed (shuffle defaults to True); the test folder apart"),
        invalid({"train.ipynb": notebook(
            "from keras.utils import text_dataset_from_directory",
            "train_ds = text_dataset_from_directory('aclImdb/train', validation_split=0.2, subset='training', seed=1)\n"
            "val_ds = text_dataset_from_directory('aclImdb/train', validation_split=0.2, subset='validation', seed=2)  # expect: LEAK077",
        )}, note="two seeds"),
        valid("""
            from keras.utils import image_dataset_from_directory

            train_ds, val_ds = image_dataset_from_directory("flowers", validation_split=0.2, subset="both", seed=1)
            other_val = image_dataset_from_directory("other", validation_split=0.2, subset="validation", seed=2)
        """, note="near misses: one call cuts both subsets; a validation subset of another folder"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None or is_test_path(self.ctx.path):
            return
        training: dict[str, list[ast.Call]] = {}
        validation: list[ast.Call] = []
        for n in module_nodes(self.ctx):
            if not isinstance(n, ast.Call) or ast.unparse(n.func).rsplit(".", 1)[-1] not in _LOADERS \
                    or _keyword(n, "validation_split") is None:
                continue
            subset = _keyword(n, "subset")
            if subset is None or not isinstance(subset.value, ast.Constant):
                continue
            if subset.value.value == "training":
                training.setdefault(_directory(n), []).append(n)
            elif subset.value.value == "validation":
                validation.append(n)
        for call in validation:
            directory = _directory(call)
            for train in training.get(directory, []):
                setting = next((s for s in ("shuffle", "seed") if _setting(call, s) != _setting(train, s)), None)
                if setting is None:
                    continue
                where = _keyword(call, setting) or _keyword(train, setting)
                line = where.value.lineno if where is not None and where in call.keywords else call.lineno
                self.ctx.report(type(self), None, line=line, fields={
                    "directory": directory, "setting": setting, "valid": _setting(call, setting),
                    "train": _setting(train, setting), "train_line": train.lineno})
                break
