"""EVAL030: an evaluation function's split parameter is ignored and the training split is read instead; a
cross-validation loop's fold index never reaches the split it makes."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_tree, subtree

from hygiene.analysis.randomness import is_test_path
from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook

# Parameters that name which part of the data a function works on.
SPLIT_PARAMS = frozenset({"split", "part", "subset", "partition", "which", "data_split", "split_name", "stage",
                          "dataset_split", "fold_name", "phase", "mode"})
HELD_OUT = frozenset({"test", "val", "valid", "validation", "dev", "eval", "heldout", "held_out", "holdout"})
TRAIN = frozenset({"train", "training", "trn"})


# Words of a loop over folds: `for fold in range(self.n_folds)`, `for k in range(n_splits)`.
_FOLD_WORDS = frozenset({"fold", "folds", "kfold", "kfolds", "cv", "splits", "nfolds"})
# Library splits that draw a new random split on every call unless seeded.
_RANDOM_SPLITS = {"train_test_split": "random_state", "random_split": "generator"}
# Calls that train or score a model: a fold loop does one of them with each split.
_FIT_CALLS = frozenset({"fit", "train", "evaluate", "score", "predict", "fit_transform", "cross_val_score"})


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _fold_loop(loop: ast.For) -> str:
    """The fold index of a loop over folds (`for fold in range(self.n_folds)`), or ""."""
    if not isinstance(loop.target, ast.Name) or not (isinstance(loop.iter, ast.Call) and _callee(loop.iter) == "range"
                                                     and len(loop.iter.args) == 1):
        return ""
    words = set(name_tokens(ast.unparse(loop.iter.args[0]))) | set(name_tokens(loop.target.id))
    return loop.target.id if words & _FOLD_WORDS else ""


def _unrotated_split(loop: ast.For, index: str) -> ast.Call | None:
    """A split the fold loop makes and fits on without the fold index reaching it: no argument reads the
    index or a name the loop derives from it, and it is not a library split drawn afresh on every call."""
    body = [n for stmt in loop.body for n in subtree(stmt)]
    if not any(isinstance(n, ast.Call) and _callee(n) in _FIT_CALLS for n in body):
        return None
    derived = {index}
    for n in body:
        if isinstance(n, ast.Assign) and any(isinstance(x, ast.Name) and x.id in derived for x in subtree(n.value)):
            derived |= {t.id for target in n.targets for t in subtree(target) if isinstance(t, ast.Name)}
    for n in body:
        if not isinstance(n, ast.Call):
            continue
        callee = _callee(n)
        if "split" not in name_tokens(callee) or callee == "split" or "random" in callee or "shuffle" in callee:
            continue
        if any(isinstance(x, ast.Name) and x.id in derived for x in subtree(n)):
            continue
        seed = _RANDOM_SPLITS.get(callee)
        if seed is not None and not any(k.arg == seed and isinstance(k.value, ast.Constant) for k in n.keywords):
            continue
        return n
    return None


class SplitParameterIgnored(Rule):
    """
    ## What it does
    Finds a function or method whose parameter names the split to work on and defaults to a
    held-out one (`def evaluate(self, part="test")`, `split="val"`) but never reads that
    parameter, while its body asks for the training split by name (`self.data("train")`,
    `self.splits["train"]`, `load_split(split="train")`). Callers that pass `"test"` get scores on
    the training data. This is the copy-paste of a subclass that overrides `evaluate` with the
    body of its `fit`.

    A function that reads the parameter anywhere, or whose only split literal is the held-out
    one, is left alone; so are test files.

    The same ignored selector in a cross-validation loop: `for fold in range(self.n_folds):` makes
    a split (`dataset_split(dataset=train_dataset, split_fraction=1 / n_folds)`) that no argument
    of which reads `fold` (or a name made from it), and fits or scores on it, so every fold
    validates on the same part; when the loop also rebinds the split's input to one of its parts
    (`train_dataset, val_dataset = dataset_split(dataset=train_dataset, ...)`), each fold splits
    what the previous one left. A split given the fold (`fold=fold`, `kf.split(X)` indices picked
    by `fold`), and `train_test_split` or `random_split` drawn afresh on every call (no constant
    seed: repeated random subsampling) are left alone.

    ## Why is this bad?
    The reported "test" accuracy is a training accuracy: it is inflated, and comparisons with
    methods evaluated correctly are meaningless. Nothing fails, because the training split has
    the same shape as the test split.

    ## Example
        def evaluate(self, part="test"):
            X, y = self.data("train")
            return (self.predict(X) == y).mean()

    Use instead:
        def evaluate(self, part="test"):
            X, y = self.data(part)
            return (self.predict(X) == y).mean()
    """

    code = "EVAL030"
    category = "EVAL-TRAIN"
    severity = Severity.ERROR
    message = "`{function}` takes `{param}` (default \"{default}\") but never reads it and evaluates on `{literal}`: callers asking for \"{default}\" get training-split scores"
    question = "Does `{function}` at {where} evaluate the split its caller asks for, or always `{literal}`?"
    triggers = ("train",)
    examples = [
        invalid("""
            import numpy as np
            from tensorcross.utils import dataset_split

            class GridSearchCV:
                def _run_search(self, train_dataset, parameter_obj, **kwargs):
                    split_fraction = 1 / self.n_folds
                    for idx, grid_combination in enumerate(parameter_obj):
                        val_scores = np.zeros(shape=(self.n_folds,), dtype=np.float32)
                        for fold in range(self.n_folds):
                            model = self.model_fn(**grid_combination)
                            train_dataset, val_dataset = dataset_split(  # expect: EVAL030
                                dataset=train_dataset,
                                split_fraction=split_fraction
                            )
                            model.fit(train_dataset, validation_data=val_dataset, **kwargs)
                            val_scores[fold] = model.evaluate(val_dataset, verbose=0)[-1]
                        self.results_["val_scores"].append(val_scores)
        """, note="a fold loop whose split never sees the fold"),
        valid("""
            import numpy as np
            from sklearn.model_selection import train_test_split
            from tensorcross.utils import dataset_split

            def search(dataset, model_fn, n_folds, X, y):
                scores = np.zeros(n_folds)
                for fold in range(n_folds):
                    train_part, val_part = dataset_split(dataset=dataset, split_fraction=1 / n_folds, fold=fold)
                    model = model_fn().fit(train_part)
                    scores[fold] = model.evaluate(val_part)
                for k in range(n_folds):
                    X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2)
                    scores[k] = model_fn().fit(X_tr, y_tr).score(X_va, y_va)
                for fold in range(n_folds):
                    seed = 100 + fold
                    X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, random_state=seed)
                    scores[fold] = model_fn().fit(X_tr, y_tr).score(X_va, y_va)
                return scores
        """, note="near misses: the fold passed, an unseeded split drawn afresh, a seed made from the fold"),
        invalid("""
            class MeanDiffProbe(Probe):
                def fit(self):
                    X, y = self.data("train")
                    self.w = X[y == 1].mean(0) - X[y == 0].mean(0)
                    return self

                def evaluate(self, part="test"):
                    X, y = self.data("train")  # expect: EVAL030
                    return float(((X @ self.w > 0) == y).mean())
        """),
        invalid("""
            def score(model, splits, split="validation"):
                batch = splits["train"]  # expect: EVAL030
                return accuracy(model(batch["x"]), batch["y"])
        """, note="a subscript of the splits by the training key"),
        valid("""
            class MeanDiffProbe(Probe):
                def evaluate(self, part="test"):
                    X, y = self.data(part)
                    return float(((X @ self.w > 0) == y).mean())
        """, note="near miss: the parameter is read"),
        valid("""
            def fit_and_score(model, splits, split="test"):
                model.fit(*splits["train"])
                X, y = splits[split]
                return model.score(X, y)
        """, note="near miss: trains on train, scores the requested split"),
        valid("""
            def build_loader(root, split="train"):
                return DataLoader(ImageFolder(f"{root}/train"), shuffle=True)
        """, note="near miss: the default is the training split itself"),
        valid("""
            def log_curves(history, mode="test"):
                plt.plot(history["train"]["loss"])
                plt.plot(history["test"]["loss"])
        """, note="near miss: the held-out literal is read too; a plot of both curves"),
        invalid({
            "probes/base.py": '''
                class Probe:
                    def __init__(self, acts, labels, splits):
                        self.acts, self.labels, self.splits = acts, labels, splits

                    def data(self, part):
                        idx = self.splits[part]
                        return self.acts[idx], self.labels[idx]
            ''',
            "probes/linear.py": '''
                from sklearn.linear_model import LogisticRegression
                from probes.base import Probe

                class LinearProbe(Probe):
                    def fit(self):
                        X, y = self.data("train")
                        self.clf = LogisticRegression(max_iter=1000).fit(X, y)
                        return self

                    def evaluate(self, part="test"):
                        X, y = self.data("train")  # expect: EVAL030
                        return self.clf.score(X, y)
            ''',
        }, note="across modules: the base class with the split accessor in one module, the subclass whose evaluate "
                "ignores its split in another"),
        valid({
            "probes/base.py": '''
                class Probe:
                    def __init__(self, acts, labels, splits):
                        self.acts, self.labels, self.splits = acts, labels, splits

                    def data(self, part):
                        idx = self.splits[part]
                        return self.acts[idx], self.labels[idx]
            ''',
            "probes/linear.py": '''
                from sklearn.linear_model import LogisticRegression
                from probes.base import Probe

                class LinearProbe(Probe):
                    def fit(self):
                        X, y = self.data("train")
                        self.clf = LogisticRegression(max_iter=1000).fit(X, y)
                        return self

                    def evaluate(self, part="test"):
                        X, y = self.data(part)
                        return self.clf.score(X, y)
            ''',
        }, note="near miss: evaluate reads its split"),
        invalid({"probe.ipynb": notebook(
            """
            import numpy as np
            splits = {"train": np.arange(800), "test": np.arange(800, 1000)}
            def get(part):
                return acts[splits[part]], labels[splits[part]]
            """,
            """
            def accuracy(w, split="test"):
                X, y = get("train")  # expect: EVAL030
                return float(((X @ w > 0) == y).mean())
            """,
            """
            accuracy(w)
            """,
        )}, note="notebook: the accessor in one cell, the evaluation function that ignores its split in the next"),
        valid({"probe.ipynb": notebook(
            """
            import numpy as np
            splits = {"train": np.arange(800), "test": np.arange(800, 1000)}
            def get(part):
                return acts[splits[part]], labels[splits[part]]
            """,
            """
            def accuracy(w, split="test"):
                X, y = get(split)
                return float(((X @ w > 0) == y).mean())
            """,
            """
            accuracy(w)
            """,
        )}, note="near miss: the split read"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None or is_test_path(self.ctx.path):
            return
        for loop in subtree(tree):
            if not isinstance(loop, ast.For):
                continue
            index = _fold_loop(loop)
            split = _unrotated_split(loop, index) if index else None
            if split is None:
                continue
            parent = next((n for stmt in loop.body for n in subtree(stmt) if isinstance(n, ast.Assign)
                           and n.value is split), None)
            read = {x.id for x in subtree(split) if isinstance(x, ast.Name)}
            rebound = sorted({t.id for target in (parent.targets if parent else []) for t in subtree(target)
                              if isinstance(t, ast.Name) and t.id in read})
            self.ctx.report(type(self), None, line=split.lineno, message=(
                "`{call}` in the loop over folds `{index}` never receives `{index}`: every fold gets the same "
                "split{rebind}, so the fold scores averaged are not k-fold cross-validation"), fields={
                "call": _callee(split), "index": index,
                "rebind": f", and the loop rebinds `{rebound[0]}` to one of its parts" if rebound else ""})

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if is_test_path(self.ctx.path) or not isinstance(node.body, cst.IndentedBlock):
            return
        params = [*node.params.params, *node.params.kwonly_params]
        found = next(((p.name.value, string_value(p.default)) for p in params if p.name.value in SPLIT_PARAMS
                      and p.default is not None and (string_value(p.default) or "").lower() in HELD_OUT), None)
        if found is None:
            return
        name, default = found
        reads_param = False
        train_literal: cst.SimpleString | None = None
        held_out_literal = False
        stack: list[cst.CSTNode] = [node.body]
        while stack:
            current = stack.pop()
            if isinstance(current, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                continue  # a nested function has its own parameters
            if isinstance(current, cst.Name) and current.value == name:
                reads_param = True
                break
            if isinstance(current, cst.SimpleString):
                text = (string_value(current) or "").lower()
                if text in TRAIN and _split_use(current, node):
                    train_literal = train_literal or current
                elif text in HELD_OUT:
                    held_out_literal = True
            stack.extend(reversed(current.children))
        if reads_param or held_out_literal or train_literal is None:
            return
        self.report(train_literal, function=node.name.value, param=name, default=default,
                    literal=string_value(train_literal))


def _split_use(literal: cst.SimpleString, function: cst.FunctionDef) -> bool:
    """Is the literal an argument of a call or a subscript key (`self.data("train")`, `s["train"]`)?"""
    stack: list[tuple[cst.CSTNode, cst.CSTNode | None]] = [(function.body, None)]
    while stack:
        current, parent = stack.pop()
        if current is literal:
            return isinstance(parent, (cst.Arg, cst.Index))
        if isinstance(current, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        stack.extend((child, current) for child in current.children)
    return False
