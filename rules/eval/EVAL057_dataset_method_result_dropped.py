"""EVAL057: a dataset method that returns a new dataset called as a statement, its result dropped."""
from __future__ import annotations

import ast
import re

import libcst as cst

from hygiene.analysis.stdast import module_functions, module_nodes, module_tree, scope_nodes
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


# Methods of `str` that return the edited text and change nothing (answer normalisers call them).
TEXT_METHODS = frozenset({"replace", "strip", "lstrip", "rstrip", "lower", "upper", "removeprefix", "removesuffix",
                          "casefold", "title", "capitalize", "translate", "expandtabs"})
# Of those, the ones no common non-text type has: their result is text.
STR_ONLY = TEXT_METHODS - {"replace", "translate"}
# Words of a function (or of the name it edits) that grades or normalises answers.
GRADING_WORDS = frozenset("""
answer answers ans pred preds prediction predictions output response reply completion normalize normalise
normalized normalised norm clean strip extract parse grade grader score scoring match matches equal equiv
equivalent compare label target gold reference ref judge verdict verify check reward correct
""".split())


def _texty(value: ast.AST) -> bool:
    """Whether `value` evidently makes a string: a literal, an f-string, `str(...)`, `re.sub(...)`, a method
    only text has (`s.strip()`), `"sep".join(...)`."""
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str)
    if isinstance(value, ast.JoinedStr):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        if isinstance(func, ast.Name):
            return func.id == "str"
        if isinstance(func, ast.Attribute):
            if ast.unparse(func) in ("re.sub", "regex.sub"):
                return True
            if func.attr == "join":
                return isinstance(func.value, ast.Constant) and isinstance(func.value.value, str)
            return func.attr in STR_ONLY or (func.attr == "replace" and _texty(func.value))
    return False


def _name_words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][a-z]*|[A-Z]+(?![a-z])|\d+", name)}


def _made_by(value: ast.AST, made: set[str]) -> bool:
    """Whether `value` is (a subscript of) a call chain that makes a dataset, or a method of a dataset
    already made that returns a new one (`ds.filter(...)`)."""
    for n in ast.walk(value):
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

    The same holds for an answer normaliser or grader (a function named for answers, predictions,
    normalising, grading, matching) that calls a text method as a statement on a name holding text,
    `string.replace("'", "")` after `string = re.sub(...)`, and reads the name afterwards: strings do
    not change, so the answer is compared as it was before the edit (a parameter of unknown type,
    and a name never read again, are left alone).

    | spelling | found | near miss left alone |
    |---|---|---|
    | `string.replace("'", "")` in `strip_answer_string` after `string = re.sub(...)` | yes | `string = string.replace("'", "")` |

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
    category = "EVAL-MISMATCH"
    severity = Severity.ERROR
    message = ("`{text}` returns a new dataset and leaves `{receiver}` unchanged, and its result is dropped: the "
               "{method} never happens")
    question = "Should the result of `{text}` be assigned back to `{receiver}`? As written the {method} never happens"
    triggers = ("shuffle", "select", "filter", "sort", "shard", "take", "remove_columns", "train_test_split",
                ".replace(", ".strip(", ".lower(", ".upper(", ".remove", ".casefold(", ".translate(")
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
        invalid("""
            import re

            def strip_answer_string(string):
                string = str(string).strip()
                string = re.sub("<[^>]+>", "", string)
                string.replace("'", "")  # expect: EVAL057
                string.replace('"', "")  # expect: EVAL057
                if "j" in string and "i" not in string:
                    string = string.replace("j", "i")
                return string
        """, note="real bugs 20 (evalscope): an answer normaliser drops the results of `str.replace`"),
        valid("""
            import re

            def strip_answer_string(string):
                string = re.sub("<[^>]+>", "", str(string))
                string = string.replace("'", "")
                return string

            def normalize_answer(answer, table):
                answer.strip()
                table.replace("-", None, inplace=True)
                return answer

            def clean_text(text):
                text = text.lower()
                text.strip()
        """, note="near misses: the result kept; a parameter of unknown type; a name not read after the call"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        self._text_edits_dropped()
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

    def _text_edits_dropped(self) -> None:
        """`string.replace("'", "")` as a statement in an answer normaliser, on a name bound to text, read later."""
        for f in module_functions(self.ctx):
            function_words = _name_words(f.name)
            nodes = scope_nodes(self.ctx, f)
            for n in nodes:
                if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)
                        and isinstance(n.value.func, ast.Attribute) and n.value.func.attr in TEXT_METHODS
                        and isinstance(n.value.func.value, ast.Name) and not n.value.keywords):
                    continue
                name = n.value.func.value.id
                if not (function_words | _name_words(name)) & GRADING_WORDS:
                    continue
                bound = [m for m in nodes if isinstance(m, ast.Assign) and m.lineno < n.lineno
                         and any(isinstance(t, ast.Name) and t.id == name for t in m.targets)]
                if not bound or not _texty(bound[-1].value):
                    continue
                later = next((m for m in nodes if isinstance(m, ast.Name) and m.id == name and m.lineno > n.lineno), None)
                if later is None:
                    continue
                self.ctx.report(type(self), None, line=n.lineno, fields={
                    "text": ast.unparse(n.value), "receiver": name, "method": n.value.func.attr},
                    message=("`{text}` returns the edited text and leaves `{receiver}` unchanged (strings do not "
                             "change), and its result is dropped: `{receiver}` is used as it was, so the answer is "
                             "compared without the {method}"),
                    question="Should the result of `{text}` be assigned back to `{receiver}`?")
