"""LEAK090: a training script whose only data is a dataset's `test` split, split again into train and test."""
from __future__ import annotations

import ast

from hygiene.analysis.stdast import module_functions, module_nodes, module_tree, scope_nodes
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

LOADERS = frozenset({"load_dataset", "load_from_disk"})
# Calls that carve a training set (and a new test set) out of the data they are given.
RESPLITS = frozenset({"train_test_split", "random_split", "StratifiedShuffleSplit", "ShuffleSplit"})
TEST_NAMES = frozenset({"test", "testing"})
OTHER_SPLITS = frozenset({"train", "training", "validation", "valid", "val", "dev", "eval"})


def _name(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _split_kw(call: ast.Call) -> str | None:
    for k in call.keywords:
        if k.arg == "split" and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str):
            return k.value.value.split("[", 1)[0].lower()
    return None


class TrainingPoolFromTestSplit(Rule):
    """
    ## What it does
    Finds a module that loads a dataset (`load_dataset`, `load_from_disk`), reads only its `test`
    split in a function (`dataset["test"]["question"]`, `load_dataset(name, split="test")`),
    reads no training or validation split anywhere, and splits data again into training and
    held-out parts (`train_test_split`, `random_split`, `.train_test_split(...)`): the benchmark's
    test items become the training set. A function that also reads `dataset["train"]`, a module
    that loads a training split, and an evaluation script that scores the `test` split without
    splitting it are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `all_texts = list(dataset["test"]["question"])`, later `train_test_split(texts, labels, ...)` | yes | `dataset["train"]` read in the same function |
    | `ds = load_dataset(name, split="test")`, `ds.train_test_split(test_size=0.2)` | yes | `load_dataset(name, split="train")` elsewhere in the module |
    | `texts = dataset["test"]["text"]`, `random_split(...)` (script) | yes | `evaluate(model, dataset["test"])` with no re-split |

    ## Why is this bad?
    The items a benchmark holds out for testing are fitted by the model: any score later quoted on
    that benchmark's test split (or on a slice of it carved out by the re-split) is measured on
    data the model was trained on, and a classifier or router tuned this way looks better than it
    is on the benchmark it is compared on.

    ## Example
        dataset = load_dataset("TIGER-Lab/MMLU-Pro")
        all_texts = list(dataset["test"]["question"])
        all_labels = list(dataset["test"]["category"])
        train_x, test_x, train_y, test_y = train_test_split(all_texts, all_labels, test_size=0.2)

    Use instead:
        dataset = load_dataset("TIGER-Lab/MMLU-Pro")
        pool = dataset["validation"]  # or a separate training set; keep `test` for the final score
    """

    code = "LEAK090"
    category = "LEAK-OVERLAP"
    severity = Severity.WARNING
    message = ("`{text}` takes the `test` split of `{source}` as data, no training split is read, and the "
               "module splits it again with `{resplit}`: the benchmark's test items are trained on")
    question = "Is training on the `test` split read at {where} intended, and is no score quoted on that split?"
    triggers = ("test",)
    examples = [
        invalid("""
            from datasets import load_dataset
            from sklearn.model_selection import train_test_split

            class MMLUDataset:
                def load_huggingface_dataset(self, name):
                    dataset = load_dataset(name)
                    all_texts = list(dataset["test"]["question"])  # expect: LEAK090
                    all_labels = list(dataset["test"]["category"])
                    return all_texts, all_labels

                def prepare(self, name):
                    texts, labels = self.load_huggingface_dataset(name)
                    train_x, rest_x, train_y, rest_y = train_test_split(texts, labels, test_size=0.4)
                    val_x, test_x, val_y, test_y = train_test_split(rest_x, rest_y, test_size=0.5)
                    return (train_x, train_y), (val_x, val_y), (test_x, test_y)
        """),
        invalid("""
            from datasets import load_dataset

            ds = load_dataset("ag_news", split="test")  # expect: LEAK090
            parts = ds.train_test_split(test_size=0.2, seed=0)
            train, held_out = parts["train"], parts["test"]
        """, note="script: the test split loaded by keyword and re-split"),
        valid("""
            from datasets import load_dataset
            from sklearn.model_selection import train_test_split

            def load(name):
                dataset = load_dataset(name)
                train_texts = list(dataset["train"]["text"])
                test_texts = list(dataset["test"]["text"])
                tr, va = train_test_split(train_texts, test_size=0.1)
                return tr, va, test_texts

            def evaluate(model, name):
                test = load_dataset(name, split="test")
                return model.score(test["text"], test["label"])
        """, note="near misses: the training split read beside the test split; a test split scored, not re-split"),
        valid("""
            from datasets import load_dataset
            from torch.utils.data import random_split

            def train_pool(name):
                return load_dataset(name, split="train")

            def test_pool(name):
                return load_dataset(name, split="test")

            def splits(name):
                train, val = random_split(train_pool(name), [0.9, 0.1])
                return train, val, test_pool(name)
        """, note="near miss: the module loads the training split too"),
    ]

    def visit_Module(self, node) -> None:
        if module_tree(self.ctx) is None:
            return
        nodes = module_nodes(self.ctx)
        resplit = None
        trained: set[str] = set()  # datasets (by their loading argument) of which a training split is read
        for n in nodes:
            if isinstance(n, ast.Call):
                name = _name(n.func)
                if name in RESPLITS:
                    resplit = resplit or name
                if name in LOADERS and (_split_kw(n) or "") in OTHER_SPLITS:
                    trained.add(ast.unparse(n.args[0]) if n.args else "")
        if resplit is None:
            return
        tree = module_tree(self.ctx)
        found = [self._scope(scope_nodes(self.ctx, scope), trained) for scope in [tree, *module_functions(self.ctx)]]
        for f in found:
            if f and f[1] not in trained:
                first, source = f
                text = ast.unparse(first.value) if isinstance(first, ast.Assign) else ast.unparse(first)
                self.ctx.report(type(self), None, line=first.lineno,
                                fields={"text": text, "source": source, "resplit": resplit})

    def _scope(self, nodes: list[ast.AST], trained: set[str]) -> tuple[ast.AST, str] | None | bool:
        """(the first read of a `test` split, its dataset) for a scope that reads no other split; None when
        the scope reads a training or validation split (its dataset added to `trained`); False when it
        reads none."""
        loaded: dict[str, str] = {}
        test_reads: dict[str, ast.AST] = {}
        others: set[str] = set()
        first: ast.AST | None = None
        source = ""
        for n in nodes:
            if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) \
                    and isinstance(n.value, ast.Call) and _name(n.value.func) in LOADERS:
                var = n.targets[0].id
                split = _split_kw(n.value)
                src = ast.unparse(n.value.args[0]) if n.value.args else var
                if split in TEST_NAMES:
                    test_reads.setdefault(var, n)
                    loaded[var] = src
                elif split is None:
                    loaded[var] = src
        if not loaded:
            return False
        for n in nodes:
            if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id in loaded \
                    and isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, str):
                key = n.slice.value.lower()
                if key in TEST_NAMES:
                    test_reads.setdefault(n.value.id, n)
                elif key in OTHER_SPLITS:
                    others.add(n.value.id)
        if others:
            trained.update(loaded[v] for v in others)
            return None
        for var, at in test_reads.items():
            if first is None or at.lineno < first.lineno:
                first, source = at, loaded[var]
        return (first, source) if first is not None else False
