"""EVAL070: a function named for the held-out split selects the rows or nodes with the training split's mask."""
from __future__ import annotations

import ast
import re

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_nodes, module_tree, subtree
from hygiene.discovery import is_test_path
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid

HELD_OUT = frozenset({"test", "testing", "eval", "evaluate", "evaluation", "val", "valid", "validate", "validation",
                      "dev", "holdout", "heldout"})
# A selector of one split's rows or nodes: `train_mask`, `idx_train`, `train_idx`, `test_index`, `val_nodes`.
SELECTOR_WORDS = frozenset({"mask", "idx", "index", "indices", "ids", "nodes", "rows"})
TRAINING_CALLS = frozenset({"backward", "step", "minimize", "apply_gradients", "fit"})
_SPLIT = re.compile(r"(?i)^(train|training|test|testing|val|valid|validation|dev|holdout)$")


def _selector(expr: ast.AST) -> tuple[str, str] | None:
    """(split, code) of a split's selector used as an index: `data.train_mask`, `idx_test`, `split["train_idx"]`."""
    if isinstance(expr, ast.Attribute):
        name = expr.attr
    elif isinstance(expr, ast.Name):
        name = expr.id
    elif isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Constant) and isinstance(expr.slice.value, str):
        name = expr.slice.value
    else:
        return None
    words = name_tokens(name)
    if len(words) != 2 or not set(words) & SELECTOR_WORDS:
        return None
    split = next((w for w in words if _SPLIT.match(w)), None)
    if split is None:
        return None
    return ("train" if split.startswith("train") else "held-out"), ast.unparse(expr)


def _indexes(scope: ast.AST) -> list[tuple[ast.Subscript, str, str]]:
    """The subscripts of a scope whose index is a split's selector, with (split, selector code)."""
    found = []
    for node in subtree(scope):
        if isinstance(node, ast.Subscript):
            selector = _selector(node.slice)
            if selector is not None:
                found.append((node, *selector))
    return found


def _trains(scope: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in TRAINING_CALLS
               for n in subtree(scope))


class HeldOutFunctionScoresTrainingMask(Rule):
    """
    ## What it does
    Finds a function named for the held-out split (`test()`, `evaluate`, `validate`, `eval_epoch`)
    that selects the predictions and labels it scores only with the training split's selector
    (`pred[data.train_mask] == data.y[data.train_mask]`, `out[idx_train]`, `logits[split["train_idx"]]`),
    while the same selector picks the rows or nodes a loss is trained on elsewhere in the file (a
    loop or function that calls `backward()` / `step()`): the number it returns as the test or
    validation figure is the training figure. PyTorch Geometric and DGL keep the splits of one
    graph as masks on the same object, so a wrong mask runs without error.

    A function that also reads a held-out selector (`for mask in (data.train_mask, data.val_mask,
    data.test_mask)`: every split's accuracy), one named for training (`train_accuracy`), and one
    given its mask as a parameter are left alone, and so is a file that trains nothing with the
    selector.

    ## Why is this bad?
    The model is scored on the nodes or rows it was fit to, so the reported test accuracy is its
    training accuracy: far higher than on held-out data, and no comparison with other methods holds.

    ## Example
        @torch.no_grad()
        def test():
            pred = model(data.x, data.edge_index).argmax(dim=1)
            return (pred[data.train_mask] == data.y[data.train_mask]).float().mean()

    Use instead:
        @torch.no_grad()
        def test():
            pred = model(data.x, data.edge_index).argmax(dim=1)
            return (pred[data.test_mask] == data.y[data.test_mask]).float().mean()
    """

    code = "EVAL070"
    category = "EVAL-TRAIN"
    severity = Severity.ERROR
    message = ("`{function}()`, named for the held-out split, scores `{subscript}` with the training selector "
               "`{selector}`, the rows the loss is fit on (line {trained_line}): its figure is a training figure")
    question = "Which split does `{function}()` at {where} score, and is its number reported as held-out?"
    triggers = ("train",)
    examples = [
        invalid("""
            import torch
            import torch.nn.functional as F

            for epoch in range(200):
                model.train()
                opt.zero_grad()
                out = model(data.x, data.edge_index)
                loss = F.cross_entropy(out[data.train_mask], data.y[data.train_mask])
                loss.backward()
                opt.step()

            @torch.no_grad()
            def test():
                model.eval()
                pred = model(data.x, data.edge_index).argmax(dim=1)
                correct = (pred[data.train_mask] == data.y[data.train_mask]).sum()  # expect: EVAL070
                return int(correct) / int(data.train_mask.sum())

            print(f"test accuracy: {test():.4f}")
        """, note="probe 22: the PyG test function reads the training mask"),
        valid("""
            import torch
            import torch.nn.functional as F

            for epoch in range(200):
                model.train()
                opt.zero_grad()
                out = model(data.x, data.edge_index)
                loss = F.cross_entropy(out[data.train_mask], data.y[data.train_mask])
                loss.backward()
                opt.step()

            @torch.no_grad()
            def test():
                model.eval()
                pred = model(data.x, data.edge_index).argmax(dim=1)
                accs = []
                for mask in (data.train_mask, data.val_mask, data.test_mask):
                    accs.append(int((pred[mask] == data.y[mask]).sum()) / int(mask.sum()))
                return accs
        """, note="near miss: the accuracy of every split, the training one among them"),
        valid("""
            def train_step(model, opt, x, y, idx_train):
                opt.zero_grad()
                loss = loss_fn(model(x)[idx_train], y[idx_train])
                loss.backward()
                opt.step()

            def evaluate(model, x, y, idx_train, idx_test):
                out = model(x)
                return accuracy(out[idx_test], y[idx_test]), accuracy(out[idx_train], y[idx_train])

            def train_accuracy(model, x, y, idx_train):
                return accuracy(model(x)[idx_train], y[idx_train])
        """, note="near misses: an evaluation that reads the test selector too, a function named for training"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None or is_test_path(self.ctx.path) or "train" not in self.ctx.text:
            return
        functions = [n for n in module_nodes(self.ctx) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        # Where a training selector picks what a loss is fit on: a training loop or function of the file.
        trained: dict[str, int] = {}
        for scope in [*functions, *(n for n in module_nodes(self.ctx) if isinstance(n, (ast.For, ast.While)))]:
            if _trains(scope) and not set(name_tokens(getattr(scope, "name", ""))) & HELD_OUT:
                for sub, split, code in _indexes(scope):
                    if split == "train":
                        trained.setdefault(code, sub.lineno)
        if not trained:
            return
        for function in functions:
            words = set(name_tokens(function.name))
            if not words & HELD_OUT or "train" in words or "training" in words or _trains(function):
                continue
            found = _indexes(function)
            if not found or any(split == "held-out" for _, split, _ in found):
                continue
            params = {a.arg for a in function.args.args + function.args.kwonlyargs}
            sub, _, code = next(((s, sp, c) for s, sp, c in found if c in trained and c.split(".")[0] not in params),
                                (None, None, None))
            if sub is None:
                continue
            self.ctx.report(type(self), None, line=sub.lineno, fields={
                "function": function.name, "subscript": ast.unparse(sub), "selector": code,
                "trained_line": trained[code]},
                related=(Location(self.ctx.path, trained[code], "the loss is fit on these rows"),))
