"""EVAL062: a figure named for one split stored under another split's key while that split's own figure is there."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import FUNCTIONS, module_scopes, module_tree, scope_nodes, subtree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

SPLITS = {"train": "train", "training": "train", "val": "val", "valid": "val", "validation": "val", "dev": "val",
          "test": "test", "testing": "test"}


def _canonical(words: list[str], split: str = "") -> list[str]:
    """The words with each split word as its split (`valid` -> val), or as `split` when one is given."""
    return [(split or SPLITS[w]) if w in SPLITS else w for w in words]


def _split_of(words: list[str]) -> str:
    """The one split a name's words give (`train_measures` -> train), or "" (none, or two)."""
    found = {SPLITS[w] for w in words if w in SPLITS}
    return found.pop() if len(found) == 1 else ""


def _key_words(key: ast.AST) -> list[str]:
    """The words of a result key: a string, a string prefix added to a name (`'train_' + m`), an f-string's text."""
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return name_tokens(key.value)
    if isinstance(key, ast.BinOp) and isinstance(key.op, ast.Add):
        return _key_words(key.left) + _key_words(key.right)
    if isinstance(key, ast.JoinedStr):
        return [w for v in key.values if isinstance(v, ast.Constant) for w in name_tokens(str(v.value))]
    return []


def _value_name(value: ast.AST) -> str:
    """The name a figure is read from: `test_measures[m]` -> test_measures, `self.test_acc` -> test_acc."""
    while isinstance(value, ast.Subscript):
        value = value.value
    if isinstance(value, ast.Attribute):
        return value.attr
    if isinstance(value, ast.Name):
        return value.id
    return ""


def _slots(node: ast.AST) -> list[tuple[ast.AST, ast.AST, int]]:
    """(key, value, line) of `d[key] = value`, a dict entry and a keyword argument."""
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Subscript):
        return [(node.targets[0].slice, node.value, node.lineno)]
    if isinstance(node, ast.Dict):
        return [(k, v, v.lineno) for k, v in zip(node.keys, node.values) if k is not None]
    if isinstance(node, ast.Call) and _records(node.func):
        return [(ast.Constant(k.arg), k.value, k.value.lineno) for k in node.keywords if k.arg]
    return []


# Callees whose keywords are result keys (`wandb.log(test_acc=...)`, `dict(val_loss=...)`,
# `results.update(train_f1=...)`); the keywords of any other call are its parameters
# (`Splitter(dfTrain=dfValid)` hands a validation part to a training parameter on purpose).
_RECORDING = frozenset({"log", "dict", "update", "record", "report", "track", "save", "write", "add", "set",
                        "metrics", "summary", "scalars", "results", "history", "append"})
# A total of indices, counts or sizes collects no figure (`train_target_idx += inter_tr_idx`).
_COUNTING = frozenset({"idx", "index", "indices", "ids", "id", "count", "counts", "cnt", "num", "n", "size",
                       "sizes", "len", "length", "points", "samples", "examples", "items", "steps", "nodes",
                       "rows", "batches", "seen"})


def _records(func: ast.AST) -> bool:
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return bool(_RECORDING & set(name_tokens(name)))


def _loop_split(loop: ast.For) -> str:
    """The split of the data a loop walks (`enumerate(tqdm(self.dl_val))` -> val), from names and attributes."""
    words = []
    for n in subtree(loop.iter):
        if isinstance(n, ast.Name):
            words += name_tokens(n.id)
        elif isinstance(n, ast.Attribute):
            words += name_tokens(n.attr)
    return _split_of(words)


def _loop_statements(loop: ast.For) -> list[ast.AST]:
    """The statements a loop runs (inside ifs, withs and nested loops), not those of a nested function."""
    found, todo = [], list(loop.body)
    while todo:
        node = todo.pop(0)
        found.append(node)
        if isinstance(node, (*FUNCTIONS, ast.ClassDef)):
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            todo.extend(getattr(node, field, []) or [])
    return found


def _target_name(target: ast.AST) -> str:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    return ""


class FigureUnderOtherSplitKey(Rule):
    """
    ## What it does
    Finds a result stored under a key that names one split (`ret['train_' + m]`,
    `results["train_loss"]`, `{"val_acc": ...}`, `log(test_f1=...)`) whose value is named for
    another split (`test_measures[m]`, `test_loss`), when the same function also holds the value
    named for the key's split (`train_measures`, `train_loss`: the other one's name with the split
    word exchanged). The line was copied from its sibling and only the key was changed. Values
    named for the key's split, keys or values that name no split or two, and values whose
    key-split sibling does not exist (the figure may be that split's under another name) are left
    alone. The same slip in a loop: a loop over one split's data (`for ... in self.dl_val`) that
    adds its figures to totals named for another split (`self.mean_loss_train += loss.item()`)
    while totals named for the loop's split exist (`self.mean_loss_val`), which then stay as they were.
    A keyword is a result key only in a call that records results (`wandb.log`, `dict`, `.update`,
    `log_metrics`): `Splitter(dfTrain=dfValid)` hands a validation part to a training parameter, as nested
    splits of a stacking solution do. A total of indices, counts or sizes (`train_target_idx += inter_tr_idx`
    over validation batches, `test_count += 1` in a branch that writes test rows) collects no figure.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `ret['train_' + m] = test_measures[m]` beside `train_measures[m] = ...` | yes | `ret['train_' + m] = train_measures[m]` |
    | `history = {"train_loss": val_loss, "val_loss": val_loss}` with `train_loss` computed | yes | no `train_loss` in the function |
    | `wandb.log(test_acc=val_acc)` with `test_acc` computed | yes | `wandb.log(test_acc=test_acc)` |
    | `self.mean_loss_train += loss.item()` in `for ... in self.dl_val` beside `self.mean_loss_val` | yes | `self.mean_loss_val += ...` |

    ## Why is this bad?
    The result reported for one split is another split's figure: training error equal to the test
    error (no overfitting ever shows), a test score that is the validation score the model was
    selected on. Tables and plots built from the returned results compare a split with itself,
    and nothing in the output says so.

    ## Example
        for m in measures:
            test_measures[m] = np.asarray([d[m] for d in test_measures_dicts])
            ret['test_' + m] = test_measures[m]
            train_measures[m] = np.asarray([d[m] for d in train_measures_dicts])
            ret['train_' + m] = test_measures[m]

    Use instead:
            ret['train_' + m] = train_measures[m]
    """

    code = "EVAL062"
    category = "EVAL-MISMATCH"
    severity = Severity.ERROR
    message = ("the {key_split} result `{key}` is given `{value}`, a {value_split} figure, while `{sibling}` is "
               "computed beside it: the figure reported for {key_split} is the {value_split} one")
    question = "Should the {key_split} result `{key}` at {where} read `{sibling}` rather than `{value}`?"
    triggers = ("train", "val", "test", "dev")
    examples = [
        valid("""
            def evaluate(model, valid_batches, train_nodes, valid_nodes, overlap):
                train_target_idx, valid_target_idx = [], []
                train_loss = valid_loss = 0.0
                for batch in valid_batches:
                    inter_tr_idx = overlap(batch.nodes, train_nodes)
                    train_target_idx += inter_tr_idx
                    valid_target_idx += overlap(batch.nodes, valid_nodes)
                    valid_loss += model(batch)
                return train_target_idx, valid_target_idx, train_loss, valid_loss
        """, note="corpus (a graph benchmark's evaluation): a loop over validation batches collects the training nodes' "
                  "indices of each batch; a total of indices or counts is no figure"),
        valid("""
            def write_split(sentences, rng, public_test, public_train):
                test_count = train_count = 0
                for sentence in sentences:
                    if rng.uniform() <= 0.01:
                        public_test.write(f"{test_count},{sentence}")
                        test_count += 1
                    else:
                        public_train.write(sentence)
                        train_count += 1
                return test_count, train_count
        """, note="corpus (a benchmark's data preparation): counters of the rows written to each split"),
        valid("""
            def nested_splits(dfTrain, dfTest, splits_level1, Splitter):
                for run, (trainInd, validInd) in enumerate(splits_level1):
                    dfValid = dfTrain.iloc[validInd].copy()
                    splitter = Splitter(dfTrain=dfValid, dfTest=dfTest, random_state=run)
                    splitter.split()
        """, note="corpus (a stacking solution): a validation part handed to a function's training parameter is "
                  "an argument, not a result stored under a key"),
        invalid("""
            def log_epoch(wandb, train_loss, val_loss, mean_loss_train):
                wandb.log(train_loss=val_loss, val_loss=val_loss)  # expect: EVAL062
                summary = dict(val_loss=val_loss)
                return summary
        """, note="a recording call's keyword is a key"),
        valid("""
            def split_series(raw_train_dataset, horizon):
                total_train_points = total_val_points = 0
                for i, series in enumerate(raw_train_dataset):
                    s_train = series[:-horizon]
                    total_train_points += len(s_train)
                for i, series in enumerate(raw_train_dataset):
                    s_val = series[-2 * horizon:]
                    total_val_points += len(s_val)
                return total_train_points, total_val_points
        """, note="held-out set 26 (a time-series foundation model): validation windows cut from the end of each training series, counted by their own name"),
        invalid("""
            import numpy as np

            def cross_validate(out, measures, return_train_measures=False):
                test_measures_dicts, train_measures_dicts = zip(*out)
                test_measures, train_measures, ret = dict(), dict(), dict()
                for m in measures:
                    test_measures[m] = np.asarray([d[m] for d in test_measures_dicts])
                    ret['test_' + m] = test_measures[m]
                    if return_train_measures:
                        train_measures[m] = np.asarray([d[m] for d in train_measures_dicts])
                        ret['train_' + m] = test_measures[m]  # expect: EVAL062
                return ret
        """),
        invalid("""
            def fit(model, train_loader, val_loader, evaluate, wandb):
                train_loss = evaluate(model, train_loader)
                val_loss = evaluate(model, val_loader)
                history = {"train_loss": val_loss,  # expect: EVAL062
                           "val_loss": val_loss}
                test_acc = evaluate(model, val_loader)
                wandb.log(test_acc=test_acc, val_f1=history["val_loss"])
                return history
        """),
        invalid("""
            class Train:
                def __init__(self, dl_train, dl_val):
                    self.dl_train, self.dl_val = dl_train, dl_val
                    self.mean_loss_train = self.mean_acc_train = 0.
                    self.mean_loss_val = self.mean_acc_val = 0.

                def _val(self):
                    for step, (image, target) in enumerate(self.dl_val):
                        loss, avg_acc = self.model(image, target)
                        self.mean_loss_train += loss.item()  # expect: EVAL062
                        self.mean_acc_val += avg_acc.item()
                    self.mean_loss_val /= len(self.dl_val)
        """, note="held-out real bugs 16 (simple-HRNet): the validation loop adds to the training totals"),
        valid("""
            class Train:
                def _train(self):
                    for image, target in self.dl_train:
                        self.mean_loss_train += self.step(image, target)

                def _val(self):
                    for image, target in self.dl_val:
                        self.mean_loss_val += self.model(image, target)
                        self.train_steps_seen += 0
        """, note="near misses: each loop adds to its own split's totals, no val sibling of a train-named counter"),
        valid("""
            def fit(model, train_loader, val_loader, evaluate, wandb, measures):
                train_loss = evaluate(model, train_loader)
                val_loss = evaluate(model, val_loader)
                history = {"train_loss": train_loss, "val_loss": val_loss}
                wandb.log(test_acc=val_loss)
                ret = {}
                for m in measures:
                    ret[f"train_{m}"] = train_loss[m]
                    ret["train_val_gap"] = val_loss
                return history, ret
        """, note="near misses: each figure under its own split, no `test_acc` computed beside `val_loss`, "
                  "a key that names two splits"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for scope in module_scopes(self.ctx):
            nodes = scope_nodes(self.ctx, scope)
            stored = {n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
            stored |= {n.attr for n in nodes if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)}
            if isinstance(scope, FUNCTIONS):
                stored |= {a.arg for a in [*scope.args.posonlyargs, *scope.args.args, *scope.args.kwonlyargs]}
            by_words = {tuple(_canonical(name_tokens(s))): s for s in stored}
            for n in nodes:
                if isinstance(n, ast.For):
                    self._loop(n, stored | self._attributes(tree))
                for key, value, line in _slots(n):
                    key_split = _split_of(_key_words(key))
                    name = _value_name(value)
                    value_words = name_tokens(name) if name else []
                    value_split = _split_of(value_words)
                    if not key_split or not value_split or key_split == value_split:
                        continue
                    sibling = by_words.get(tuple(_canonical(value_words, key_split)), "")
                    if not sibling:
                        continue
                    self.ctx.report(type(self), None, line=line,
                                    fields={"key": ast.unparse(key), "value": ast.unparse(value), "sibling": sibling,
                                            "key_split": key_split, "value_split": value_split})

    def _attributes(self, tree: ast.Module) -> set[str]:
        """Every attribute the file assigns (`self.mean_loss_val = 0.` in `__init__`), listed once."""
        memo = self.ctx.memo
        if "EVAL062-attributes" not in memo:
            memo["EVAL062-attributes"] = {n.attr for n in subtree(tree)
                                          if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)}
        return memo["EVAL062-attributes"]

    def _loop(self, loop: ast.For, stored: set[str]) -> None:
        loop_split = _loop_split(loop)
        if not loop_split:
            return
        by_words = {tuple(_canonical(name_tokens(s))): s for s in stored}
        for s in _loop_statements(loop):
            if not (isinstance(s, ast.AugAssign) and isinstance(s.op, ast.Add)):
                continue
            name = _target_name(s.target)
            words = name_tokens(name) if name else []
            split = _split_of(words)
            if not split or split == loop_split or _COUNTING & set(words):
                continue
            if isinstance(s.value, ast.Constant):
                continue  # `test_count += 1`: a counter of the rows a branch writes
            if any(isinstance(n, ast.Name) and _split_of(name_tokens(n.id)) == split for n in subtree(s.value)):
                continue  # `total_val_points += len(s_val["target"])`: a validation window cut from a training series
            sibling = by_words.get(tuple(_canonical(words, loop_split)), "")
            if sibling:
                self.ctx.report(type(self), None, line=s.lineno,
                                fields={"key": ast.unparse(s.target), "value": ast.unparse(s.value),
                                        "sibling": sibling, "key_split": split, "value_split": loop_split})
