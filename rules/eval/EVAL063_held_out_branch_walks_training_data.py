"""EVAL063: the branch that runs when held-out data is given walks the training data instead."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_functions, module_tree, subtree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

HELD_OUT = frozenset({"val", "valid", "validation", "dev", "test", "testing", "eval", "evaluation", "holdout", "heldout"})
# Calls that make a loop a training loop: a backward pass or an optimizer step.
TRAINING_CALLS = frozenset({"backward", "step", "minimize", "apply_gradients"})


def _source(node: ast.AST) -> str:
    """The data a loop walks: `dataset`, `self.train_dl`, through `enumerate(...)`, `tqdm(...)`, `zip(...)`'s first."""
    while isinstance(node, ast.Call) and node.args:
        node = node.args[0]
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return ""


def _held_out(name: str) -> bool:
    return bool(set(name_tokens(name.rsplit(".", 1)[-1])) & HELD_OUT)


def _guarded(test: ast.AST) -> str:
    """The held-out data an `if` asks for: `val_dataset is not None`, `val_loader`, `len(test_set) > 0`."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.IsNot) \
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None:
        test = test.left
    if isinstance(test, ast.Call) and test.args:
        test = test.args[0]
    name = _source(test) if isinstance(test, (ast.Name, ast.Attribute)) else ""
    return name if name and _held_out(name) else ""


def _loops(body: list[ast.stmt]) -> list[ast.For]:
    found = []
    for stmt in body:
        for n in subtree(stmt):
            if isinstance(n, (ast.For, ast.AsyncFor)):
                found.append(n)
    return found


def _trains(loop: ast.For) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in TRAINING_CALLS
               for n in subtree(loop))


class HeldOutBranchWalksTrainingData(Rule):
    """
    ## What it does
    Finds the branch of a training function that runs when held-out data is given (`if
    val_dataset is not None:`, `if val_loader:`) whose loop walks another source, the one the
    function's training loop walks (the loop with a `backward()` or an optimizer `step()`), and
    never walks the held-out data it tested for: `for images, targets in dataset:` under `if
    val_dataset is not None:`. The held-out data may still appear in the branch (a
    `len(val_dataset)` denominator). A branch that walks the held-out data, a branch loop over
    something the function never trains on, and functions without a training loop are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `if val_dataset is not None:` then `for images, targets in dataset:` (the training loader) | yes | `for images, targets in val_dataset:` |
    | `if self.val_loader:` then `for batch in tqdm(self.train_loader):` | yes | a loop over `self.metrics` in the branch |

    ## Why is this bad?
    The validation loss (or accuracy) the function returns or logs is computed on the training
    batches: it falls with the training loss, never shows overfitting, and any early stopping or
    model choice made on it is made on training data.

    ## Example
        if val_dataset is not None:
            avg_loss = 0
            for images, targets in dataset:
                avg_loss += model(images, targets).item()
            avg_loss /= len(val_dataset.dataset)

    Use instead:
            for images, targets in val_dataset:
    """

    code = "EVAL063"
    category = "EVAL-TRAIN"
    severity = Severity.ERROR
    message = ("this loop runs only when `{held_out}` is given but walks `{source}`, the data the training loop "
               "walks, and never `{held_out}`: the held-out figure is computed on training data")
    question = "Should the loop at {where} walk `{held_out}` rather than `{source}`?"
    triggers = ("val", "test", "dev", "eval")
    examples = [
        invalid("""
            import torch

            class Model:
                def fit(self, dataset, val_dataset=None, epochs=10):
                    optimizer = torch.optim.SGD(self.params, lr=0.005)
                    losses = []
                    for epoch in range(epochs):
                        self._model.train()
                        for images, targets in dataset:
                            loss = sum(self._model(images, targets).values())
                            optimizer.zero_grad()
                            loss.backward()
                            optimizer.step()
                        if val_dataset is not None:
                            avg_loss = 0
                            with torch.no_grad():
                                for images, targets in dataset:  # expect: EVAL063
                                    avg_loss += sum(self._model(images, targets).values()).item()
                            avg_loss /= len(val_dataset.dataset)
                            losses.append(avg_loss)
                    return losses
        """),
        invalid("""
            from tqdm import tqdm

            class Trainer:
                def train(self, epochs):
                    for epoch in range(epochs):
                        for batch in self.train_loader:
                            self.optimizer.zero_grad()
                            self.loss(batch).backward()
                            self.optimizer.step()
                        if self.val_loader:
                            scores = [self.score(b) for b in self.metrics]
                            for batch in tqdm(self.train_loader):  # expect: EVAL063
                                scores.append(self.score(batch))
        """),
        valid("""
            import torch

            class Model:
                def fit(self, dataset, val_dataset=None, epochs=10):
                    optimizer = torch.optim.SGD(self.params, lr=0.005)
                    for epoch in range(epochs):
                        for images, targets in dataset:
                            loss = self._model(images, targets)
                            loss.backward()
                            optimizer.step()
                        if val_dataset is not None:
                            for images, targets in val_dataset:
                                self.val_loss += self._model(images, targets).item()
                            for metric in self.metrics:
                                metric.reset()

                def fit_verbose(self, dataset, val_dataset=None, verbose=False):
                    for epoch in range(3):
                        iterable = tqdm(dataset) if verbose else dataset
                        for images, targets in iterable:
                            self._model(images, targets).backward()
                        if val_dataset is not None:
                            iterable = tqdm(val_dataset) if verbose else val_dataset
                            for images, targets in iterable:
                                self.val_loss += self._model(images, targets).item()

                def report(self, dataset, test_set=None):
                    if test_set is not None:
                        for row in dataset:
                            print(row)
        """, note="near misses: the branch walks the held-out data (also through a name it sets again), a loop "
                  "over the metrics, no training loop"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        if module_tree(self.ctx) is None:
            return
        for function in module_functions(self.ctx):
            loops = _loops(function.body)
            trained = {_source(loop.iter) for loop in loops if _trains(loop)} - {""}
            if not trained:
                continue
            for n in subtree(function):
                if not isinstance(n, ast.If):
                    continue
                held_out = _guarded(n.test)
                if not held_out:
                    continue
                inner = _loops(n.body)
                sources = {_source(loop.iter) for loop in inner}
                if held_out in sources:
                    continue
                # `iterable = tqdm(val_dataset) if verbose else val_dataset`: a name the branch sets again
                rebound = {t.id for stmt in n.body for t in subtree(stmt)
                           if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)}
                for loop in inner:
                    source = _source(loop.iter)
                    if source in trained and not _held_out(source) and source not in rebound:
                        self.ctx.report(type(self), None, line=loop.lineno,
                                        fields={"held_out": held_out, "source": source})
                        break
