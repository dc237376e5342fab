"""EVAL064: an evaluation's split option defaults to the training split while its output says test."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.randomness import is_test_path
from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# Parameters and options that name which part of the data to evaluate.
SPLIT_NAMES = frozenset({"split", "eval_split", "data_split", "dataset_split", "split_name", "subset", "part",
                         "partition", "which_split", "on"})
TRAIN = frozenset({"train", "training", "trn"})
HELD_OUT_WORDS = frozenset({"test", "heldout", "held_out", "held-out", "holdout"})
# What the function calls its output: a test figure (`"test accuracy"`, `results/test_metrics.json`, `{"test": ...}`).
_TEST_LABEL = re.compile(r"(?i)(^|[^a-z])(test|held[-_ ]?out|holdout)([^a-z]|$)")


class SplitOptionDefaultsToTrain(Rule):
    """
    ## What it does
    Finds a function (a CLI command, an evaluation entry point) whose option or parameter naming
    the split to evaluate defaults to the training split (`@click.option("--split", default="train")`,
    `def evaluate(model, split="train")`, `parser.add_argument("--split", default="train")` in a
    script), while the function labels what it reports as a test figure in text of its own: a file
    name (`"results/test_metrics.json"`), a printed label (`"test accuracy"`), a key (`{"test": acc}`).
    Run the way a README shows it, without the option, the "test" figures are training figures.
    The option's own help text and the list of choices are not the output's label; a label that
    names the split it was given (`f"results/{split}_metrics.json"`, `print(f"{split} accuracy")`)
    is left alone, and so is a default of a held-out split. A docstring documents the parameter, it
    labels no output; and a class's constructor (`Dataset.__init__(self, data_split="train")`) only
    picks the data the object holds, reporting nothing: the callers choose the split.

    ## Why is this bad?
    The default is how the command runs unless someone remembers the option: the numbers written
    under a test label come from the rows the model was trained on, inflated and not comparable
    with anything evaluated on the test split.

    ## Example
        @click.option("--split", default="train")
        def evaluate(split):
            ...
            json.dump({"accuracy": acc}, open("results/test_metrics.json", "w"))

    Use instead:
        @click.option("--split", default="test")
        def evaluate(split):
            ...
            json.dump({"split": split, "accuracy": acc}, open(f"results/{split}_metrics.json", "w"))
    """

    code = "EVAL064"
    category = "EVAL-TRAIN"
    severity = Severity.ERROR
    message = ("`{function}` evaluates the split `{param}` names, which defaults to \"{default}\", and reports it as "
               "test ({label}): run without the option, its test figures are training figures")
    question = "Which split did the figures `{function}` reports as test ({label}) come from, and was `{param}` set when it ran?"
    triggers = ("train",)
    examples = [
        invalid("""
            import json
            import click

            @click.command()
            @click.option("--split", default="train", type=click.Choice(["train", "val", "test"]))  # expect: EVAL064
            def evaluate(split):
                loss, acc = model.evaluate(load_split(split), verbose=0)
                with open("results/test_metrics.json", "w") as fh:
                    json.dump({"loss": loss, "accuracy": acc}, fh)
        """, note="held-out probe 19: a click command's split option defaults to train, the file says test"),
        valid("""
            import json
            import click

            @click.command()
            @click.option("--split", default="test", type=click.Choice(["train", "val", "test"]))
            def evaluate(split):
                loss, acc = model.evaluate(load_split(split), verbose=0)
                with open("results/test_metrics.json", "w") as fh:
                    json.dump({"loss": loss, "accuracy": acc}, fh)
        """, note="near miss: the default is the test split"),
        valid("""
            import json
            import click

            @click.command()
            @click.option("--split", default="train", help="train, val or test")
            def evaluate(split):
                loss, acc = model.evaluate(load_split(split), verbose=0)
                with open(f"results/{split}_metrics.json", "w") as fh:
                    json.dump({"split": split, "accuracy": acc}, fh)
        """, note="near miss: the output is labelled with the split it was given"),
        invalid("""
            def evaluate(model, loaders, split="train"):  # expect: EVAL064
                correct = sum((model(x).argmax(1) == y).sum().item() for x, y in loaders[split])
                print(f"test accuracy: {correct / len(loaders[split].dataset):.4f}")
        """, note="a function parameter; the printed label says test"),
        valid("""
            def evaluate(model, loaders, split="train"):
                correct = sum((model(x).argmax(1) == y).sum().item() for x, y in loaders[split])
                print(f"{split} accuracy: {correct / len(loaders[split].dataset):.4f}")
        """, note="near miss: the label is the split"),
        invalid("""
            import argparse, json
            parser = argparse.ArgumentParser()
            parser.add_argument("--split", default="train")  # expect: EVAL064
            args = parser.parse_args()
            acc = score(model, load(args.split))
            json.dump({"test_accuracy": acc}, open("results/eval.json", "w"))
        """, note="a script's argparse option, the key says test"),
        valid("""
            import argparse, json
            parser = argparse.ArgumentParser()
            parser.add_argument("--split", default="train")
            args = parser.parse_args()
            stats = dataset_stats(load(args.split))
            json.dump(stats, open("results/stats.json", "w"))
        """, note="near miss: nothing is labelled test"),
        valid("""
            import numpy as np

            class SeriesDataset:
                def __init__(self, split="train"):
                    \"\"\"split: 'train' or 'test'.\"\"\"
                    self.train_path = "data/series_TRAIN.npy"
                    self.test_path = "data/series_TEST.npy"
                    self.split = split
                    self.data = np.load(self.train_path if split == "train" else self.test_path)
        """, note="near miss (held-out 28): a dataset constructor's default; its test file is one it reads, and "
                  "the docstring documents the parameter"),
        valid("""
            def evaluate(model, loaders, split="train"):
                \"\"\"Accuracy on `split` ('train', 'val' or 'test').\"\"\"
                correct = sum((model(x).argmax(1) == y).sum().item() for x, y in loaders[split])
                print(f"{split} accuracy: {correct / len(loaders[split].dataset):.4f}")
        """, note="near miss (held-out 28): only the docstring says test"),
        invalid("""
            def evaluate(model, loaders, split="train"):  # expect: EVAL064
                \"\"\"Accuracy on `split` ('train', 'val' or 'test').\"\"\"
                correct = sum((model(x).argmax(1) == y).sum().item() for x, y in loaders[split])
                print(f"test accuracy: {correct / len(loaders[split].dataset):.4f}")
        """, note="the twin: the printed label says test"),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if is_test_path(self.ctx.path) or not isinstance(node.body, cst.IndentedBlock) or node.name.value == "__init__":
            return  # (a constructor picks the data an object holds; it reports nothing, held-out 28)
        found: tuple[str, cst.CSTNode] | None = None
        for param in (*node.params.params, *node.params.kwonly_params):
            if param.name.value in SPLIT_NAMES and param.default is not None \
                    and (string_value(param.default) or "").lower() in TRAIN:
                found = (param.name.value, param)
        for decorator in node.decorators:
            option = _click_option(decorator.decorator)
            if option is not None:
                found = option
        if found is None:
            return
        name, site = found
        label = _test_label(node.body, name)
        if label is not None:
            self.report(site, function=node.name.value, param=name, default="train", label=label)

    def visit_Module(self, node: cst.Module) -> None:
        if is_test_path(self.ctx.path):
            return
        for statement in node.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                call = small.value if isinstance(small, cst.Expr) else None
                if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "add_argument":
                    option = _option_with_train_default(call)
                    if option is None:
                        continue
                    rest = cst.IndentedBlock(body=[s for s in node.body if not isinstance(s, (cst.FunctionDef, cst.ClassDef))])
                    label = _test_label(rest, option, attribute=True)
                    if label is not None:
                        self.report(call, function="The script", param=f"args.{option}", default="train", label=label)


def _option_with_train_default(call: cst.Call) -> str | None:
    """`add_argument("--split", default="train")` / `click.option("--split", default="train")`: the option's name."""
    flags = [string_value(a.value) for a in call.args if a.keyword is None]
    default = next((string_value(a.value) for a in call.args if a.keyword is not None and a.keyword.value == "default"), None)
    if (default or "").lower() not in TRAIN:
        return None
    for flag in flags:
        name = (flag or "").lstrip("-").replace("-", "_")
        if name in SPLIT_NAMES:
            return name
    return None


def _click_option(decorator: cst.BaseExpression) -> tuple[str, cst.CSTNode] | None:
    if not (isinstance(decorator, cst.Call) and isinstance(decorator.func, (cst.Attribute, cst.Name))):
        return None
    tail = decorator.func.attr.value if isinstance(decorator.func, cst.Attribute) else decorator.func.value
    if tail not in ("option", "argument"):
        return None
    name = _option_with_train_default(decorator)
    return (name, decorator) if name is not None else None


def _test_label(body: cst.CSTNode, name: str, attribute: bool = False) -> str | None:
    """A string of the body, not filled with the split, that says test: the output's label."""
    stack: list[cst.CSTNode] = [body]
    while stack:
        current = stack.pop()
        if isinstance(current, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        if isinstance(current, cst.Expr) and isinstance(current.value, (cst.SimpleString, cst.ConcatenatedString)):
            continue  # a docstring (`data_split : 'train' or 'test'`) documents, it labels no output
        if isinstance(current, cst.Call) and isinstance(current.func, cst.Attribute) and current.func.attr.value in (
                "add_argument", "option", "argument", "Choice"):
            continue  # the option's own help text and choices
        if isinstance(current, cst.FormattedString):
            if any(_names(part.expression, name, attribute) for part in current.parts
                   if isinstance(part, cst.FormattedStringExpression)):
                continue  # `f"{split} accuracy"`: labelled with the split it was given
            text = "".join(p.value for p in current.parts if isinstance(p, cst.FormattedStringText))
            if _TEST_LABEL.search(text):
                return f'"{text.strip()[:40]}"'
            continue
        if isinstance(current, cst.SimpleString):
            text = string_value(current) or ""
            bare = text.strip().lower() in HELD_OUT_WORDS  # `load_split("test")` picks a split; `{"test": acc}` labels one
            if _TEST_LABEL.search(text) and (not bare or _is_key(current, body)):
                return f'"{text[:40]}"'
            continue
        stack.extend(current.children)
    return None


def _is_key(literal: cst.SimpleString, body: cst.CSTNode) -> bool:
    """Is the bare literal `"test"` a dict key (`{"test": acc}`), not an argument choosing a split?"""
    stack: list[cst.CSTNode] = [body]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.DictElement) and current.key is literal:
            return True
        stack.extend(current.children)
    return False


def _names(expr: cst.BaseExpression, name: str, attribute: bool) -> bool:
    """Is the formatted value the split itself (`{split}`, `{args.split}`, `{split.upper()}`), not a value read with it?"""
    while isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
        expr = expr.func.value
    if attribute:
        return isinstance(expr, cst.Attribute) and expr.attr.value == name
    return isinstance(expr, cst.Name) and expr.value == name
