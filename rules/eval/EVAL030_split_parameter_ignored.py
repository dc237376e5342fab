"""EVAL030: an evaluation function's split parameter is ignored and the training split is read instead."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.randomness import is_test_path
from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook

# Parameters that name which part of the data a function works on.
SPLIT_PARAMS = frozenset({"split", "part", "subset", "partition", "which", "data_split", "split_name", "stage",
                          "dataset_split", "fold_name", "phase", "mode"})
HELD_OUT = frozenset({"test", "val", "valid", "validation", "dev", "eval", "heldout", "held_out", "holdout"})
TRAIN = frozenset({"train", "training", "trn"})


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
