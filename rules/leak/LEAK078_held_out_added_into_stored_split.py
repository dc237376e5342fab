"""LEAK078: held-out rows added in place to a training set that is the stored split's own object."""
from __future__ import annotations

import ast

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_nodes, module_tree, walk_list
from hygiene.discovery import is_test_path
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# Methods that add rows to the object they are called on.
_ADDS = frozenset({"add_rows", "extend", "add_data", "add_samples", "add_items", "append_rows", "add_examples"})
_TRAIN = frozenset({"train", "training", "trn"})
_HELD_OUT = frozenset({"val", "valid", "validation", "dev", "test", "testing", "holdout", "heldout", "early", "es"})
_COPIES = frozenset({"copy", "deepcopy", "clone", "list", "dict", "Subset"})


def _words(node: ast.AST) -> set[str]:
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return set(name_tokens(name))


def _split_entry(value: ast.AST) -> str | None:
    """The table of `split["train"]` / `splits[k]["train"]` / `split.train`, uncopied: the table's name."""
    if isinstance(value, ast.Subscript) and isinstance(value.slice, ast.Constant) and isinstance(value.slice.value, str) \
            and set(name_tokens(value.slice.value)) & _TRAIN:
        base = value.value
    elif isinstance(value, ast.Attribute) and set(name_tokens(value.attr)) & _TRAIN:
        base = value.value
    else:
        return None
    while isinstance(base, ast.Subscript):
        base = base.value
    return base.id if isinstance(base, ast.Name) else None


def _returned_entries(function: ast.FunctionDef) -> dict[int, str]:
    """Positions of the returned tuple that hold a parameter's training entry uncopied on some path:
    `train = split["train"]; ...; return train, val, test` -> {0: "split"}."""
    params = {a.arg for a in [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]}
    bound: dict[str, str] = {}
    for node in walk_list(function):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            table = _split_entry(node.value)
            if table in params:
                bound[node.targets[0].id] = table
    found: dict[int, str] = {}
    for node in walk_list(function):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
            for i, element in enumerate(node.value.elts):
                if isinstance(element, ast.Name) and element.id in bound:
                    found[i] = bound[element.id]
    return found


class HeldOutAddedIntoStoredSplit(Rule):
    """
    ## What it does
    Finds the validation (or test, early-stopping) rows added in place to a training set that is
    the stored split's own object: `train = split["train"]` (also through a function of the file
    that returns the entry it was handed, `train, val, es, test = get_datasets(split)`), with no
    copy, and then `train.add_rows(val)` (also `extend`), where the split comes from a table that
    outlives the loop (a loop over `data.cv_splits` or a parameter). The stored split now holds
    the validation rows in its training part: the next model, fold or run that reads the table
    trains and tunes on them. A copy (`split["train"].copy()`, `copy.deepcopy`), a table built in
    the loop itself, and rows that are not held out are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `train = split["train"]` then `train.add_rows(val)`, `split` from `data.cv_splits` | yes | `split["train"].copy()` |
    | `train, val, _, test = get_datasets(split)` returning `split["train"]`, then `train.add_rows(val)` | yes | the helper returns `.copy()` |
    | `train.extend(dev_items)` with `train = folds[k]["train"]` | yes | `train.extend(more_train)` |

    ## Why is this bad?
    A final fit on training plus validation data is common, but done in place it changes the
    stored split: the cross-validation table now holds the validation rows inside `"train"`.
    Every later reader of the table (the next model of a benchmark, the next drug, a re-run of the
    fold) tunes its hyperparameters on a validation set that is part of its training set, and
    grows it again. The reported comparison between models depends on the order they ran in.

    ## Example
        for split in response_data.cv_splits:
            train, val, test = split["train"], split["validation"], split["test"]
            best = tune(model, train, val)
            train.add_rows(val)
            model.fit(train, best)

    Use instead:
        train = split["train"].copy()
    """

    code = "LEAK078"
    category = "LEAK-OVERLAP"
    severity = Severity.ERROR
    message = ("`{call}` adds the held-out rows in place to `{name}`, which is `{table}`'s own training entry "
               "(line {bound}, no copy): the stored split keeps them, and later runs on it train and tune on "
               "validation rows")
    question = "Does `{call}` at {where} change the stored split `{table}` that later runs read?"
    triggers = ("add_rows", "extend", "add_data", "add_samples", "add_items", "append_rows", "add_examples")
    examples = [
        invalid("""
            def get_datasets_from_cv_split(split, model_name):
                train_dataset = split["train"]
                validation_dataset = split["validation"]
                test_dataset = split["test"]
                if model_name == "single":
                    return train_dataset.copy(), validation_dataset.copy(), test_dataset.copy()
                return train_dataset, validation_dataset, test_dataset

            def experiment(response_data, model, model_name):
                for split in response_data.cv_splits:
                    train_dataset, validation_dataset, test_dataset = get_datasets_from_cv_split(split, model_name)
                    best = tune(model, train_dataset, validation_dataset)
                    train_dataset.add_rows(validation_dataset)  # expect: LEAK078
                    model.fit(train_dataset, best)
        """),
        valid("""
            import copy

            def get_datasets_from_cv_split(split):
                return split["train"].copy(), split["validation"].copy(), split["test"].copy()

            def experiment(response_data, model, more_train):
                for split in response_data.cv_splits:
                    train_dataset, validation_dataset, test_dataset = get_datasets_from_cv_split(split)
                    train_dataset.add_rows(validation_dataset)
                    own = copy.deepcopy(split["train"])
                    own.add_rows(split["validation"])
                    fresh = make_split(response_data)
                    train = fresh["train"]
                    train.add_rows(fresh["validation"])
                    kept = split["train"]
                    kept.extend(more_train)
        """, note="near misses: copies, a split made in the loop, rows that are not held out"),
        invalid("""
            def cross_validate(folds, fit):
                for k in range(len(folds)):
                    train_items = folds[k]["train"]
                    dev_items = folds[k]["dev"]
                    train_items.extend(dev_items)  # expect: LEAK078
                    fit(train_items)
        """, note="a parameter's table of folds"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None or is_test_path(self.ctx.path):
            return
        if not any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _ADDS
                   and isinstance(n.func.value, ast.Name) and set(name_tokens(n.func.value.id)) & _TRAIN
                   for n in module_nodes(self.ctx)):
            return  # no training set grown in place here: nothing to follow
        helpers = {f.name: (_returned_entries(f), [a.arg for a in [*f.args.posonlyargs, *f.args.args]])
                   for f in module_nodes(self.ctx) if isinstance(f, ast.FunctionDef)}
        for function in (f for f in module_nodes(self.ctx) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))):
            self._check(function, helpers)

    def _check(self, function: ast.FunctionDef, helpers: dict[str, tuple[dict[int, str], list[str]]]) -> None:
        params = {a.arg for a in [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]}
        # Names that hold a table outliving the function's loop: parameters, and loop targets over them or
        # over an attribute (`for split in response_data.cv_splits`).
        stored = set(params)
        fresh: set[str] = set()
        for node in walk_list(function):
            if isinstance(node, ast.For):
                source = node.iter
                while isinstance(source, ast.Call) and isinstance(source.func, ast.Name) and source.func.id == "enumerate" \
                        and source.args:
                    source = source.args[0]
                root = source
                while isinstance(root, (ast.Attribute, ast.Subscript)):
                    root = root.value
                if isinstance(source, ast.Attribute) or isinstance(root, ast.Name) and root.id in params:
                    stored |= {n.id for n in walk_list(node.target) if isinstance(n, ast.Name)}
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                fresh |= {n.id for t in node.targets for n in walk_list(t) if isinstance(n, ast.Name)
                          and not isinstance(t, ast.Tuple)}
        entries: dict[str, tuple[str, int]] = {}  # name -> (table, line bound)
        for node in walk_list(function):
            if not isinstance(node, ast.Assign) or len(node.targets) != 1:
                continue
            target = node.targets[0]
            if isinstance(target, ast.Name):
                table = _split_entry(node.value)
                if table and table in stored and table not in fresh:
                    entries[target.id] = (table, node.lineno)
            elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Call) \
                    and isinstance(node.value.func, ast.Name) and node.value.func.id in helpers:
                returned, names = helpers[node.value.func.id]
                for position, param in returned.items():
                    index = names.index(param) if param in names else -1
                    argument = node.value.args[index] if 0 <= index < len(node.value.args) else next(
                        (k.value for k in node.value.keywords if k.arg == param), None)
                    if position < len(target.elts) and isinstance(target.elts[position], ast.Name) \
                            and isinstance(argument, ast.Name) and argument.id in stored and argument.id not in fresh:
                        entries[target.elts[position].id] = (argument.id, node.lineno)
        for node in walk_list(function):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _ADDS
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in entries and node.args):
                continue
            name = node.func.value.id
            if not set(name_tokens(name)) & _TRAIN:
                continue
            added = node.args[0]
            held = _words(added) if isinstance(added, (ast.Name, ast.Attribute)) else set(
                name_tokens(added.slice.value)) if isinstance(added, ast.Subscript) and isinstance(
                added.slice, ast.Constant) and isinstance(added.slice.value, str) else set()
            if not held & _HELD_OUT or held & _TRAIN:
                continue
            table, line = entries[name]
            self.ctx.report(type(self), None, line=node.lineno, fields={
                "call": ast.unparse(node)[:80], "name": name, "table": table, "bound": line})
