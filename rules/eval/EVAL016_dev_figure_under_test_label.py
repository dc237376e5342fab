"""EVAL016: a figure of the validation (dev) split printed, stored or averaged under a test label."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.labelwords import DEV_WORDS, METRIC_WORDS, TEST_WORDS, words
from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook
from hygiene.walk import iter_children, iter_nodes

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
DATA_WORDS = frozenset({"loader", "dataloader", "data", "dataset", "set", "split", "examples", "iter", "batches"})
# An evaluation's returned statistics (`val_stats = evaluate(...)`, timm's and DeiT's spelling) are figures too.
FIGURE_WORDS = METRIC_WORDS | {"stats"}


# Words that, next to "test", name the test data itself (`test_df`, `X_test`, `test_rows`), not a figure of it.
HELD_OUT_DATA_WORDS = DATA_WORDS | {"x", "y", "df", "pd", "np", "rows", "samples", "inputs", "features", "frame", "batch"}
_PLACEHOLDERS = frozenset({"None", "float", "nan", "inf", "math", "np", "numpy"})
# Keyword arguments that hand the data a processing step: `transform=`, `target_transform=`, `preprocess=`.
_PROCESSING = re.compile(r"(?i)transform|augment|preprocess|collate|processor|tokeni[sz]er|normali[sz]")
_VALIDATION_DATA = re.compile(r"\b(?:validation_data|eval_dataset|val_dataloaders?)\s*=\s*[(\[]?\s*([A-Za-z_][\w.]*)")


def _dev_name(name: str, key: bool) -> bool:
    """`dev_acc`, `val_loader`, `results['devacc']`; a bare `val` is a value, a bare 'dev' key a split."""
    parts = words(name)
    if not parts or not set(parts) & DEV_WORDS or set(parts) & TEST_WORDS:
        return False
    if key and len(parts) == 1:
        return True
    return bool(set(parts) & (FIGURE_WORDS | DATA_WORDS)) or any(p in ("devacc", "valacc", "devloss", "valloss") for p in parts)


def _test_text(text: str) -> bool:
    parts = words(text)
    return any(p in TEST_WORDS or (p.endswith("test") and len(p) <= 10) for p in parts)


def _reads(expr: cst.CSTNode) -> tuple[list[str], list[str]]:
    """Names and string subscript keys an expression reads (call receivers included)."""
    names: list[str] = []
    keys: list[str] = []
    stack: list[cst.CSTNode] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Name):
            names.append(node.value)
        elif isinstance(node, cst.Attribute):
            names.append(node.attr.value)
            stack.append(node.value)
        elif isinstance(node, cst.Subscript):
            stack.append(node.value)
            for element in node.slice:
                if isinstance(element.slice, cst.Index):
                    key = string_value(element.slice.value)
                    if key is not None:
                        keys.append(key)
                    else:
                        stack.append(element.slice.value)
        elif isinstance(node, (cst.SimpleString, cst.FormattedStringText, cst.Lambda)):
            continue
        else:
            stack.extend(iter_children(node))
    return names, keys


def _dev_read(expr: cst.CSTNode, figure: bool = False) -> str | None:
    """The dev-named value `expr` reads; with `figure`, only a metric (`val_acc`), not data (`val_loader`)."""
    names, keys = _reads(expr)
    if any(_test_text(n) for n in names + keys):
        return None
    found = [k for k in keys if _dev_name(k, True)] + [n for n in names if _dev_name(n, False)]
    if figure:
        found = [f for f in found if not set(words(f)) & DATA_WORDS]
    return found[0] if found else None


def _bound_names(node: cst.Assign | cst.AnnAssign) -> set[str]:
    """The plain names an assignment binds, tuple targets unpacked (`graph, fit, val = ...`)."""
    targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
    out: set[str] = set()
    stack: list[cst.CSTNode] = list(targets)
    while stack:
        item = stack.pop()
        if isinstance(item, cst.Name):
            out.add(item.value)
        elif isinstance(item, (cst.Tuple, cst.List)):
            stack.extend(e.value for e in item.elements)
    return out


def _label_texts(node: cst.CSTNode) -> list[str]:
    out: list[str] = []
    stack: list[cst.CSTNode] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, cst.SimpleString):
            value = string_value(item)
            if value:
                out.append(value)
        elif isinstance(item, cst.FormattedStringText):
            out.append(item.value)
        elif isinstance(item, cst.Subscript):
            stack.append(item.value)  # a subscript's key is what is read, not a label
        else:
            stack.extend(iter_children(item))
    return out


class DevFigureUnderTestLabel(Rule):
    """
    ## What it does
    Finds a figure of the validation (dev) split reported as the test figure: a dev-named value
    (`dev_acc`, `results[task]["devacc"]`, `evaluate(model, val_loader)`) printed or logged under a
    label that says test (`print("test acc", dev_acc)`, `f"Test: {val_f1}"`), stored under a test
    key (`results["test"] = evaluate(model, dev_loader)`, `{"test_acc": val_acc}`), or read in the
    branch that runs the test mode (`if args.mode == "test": scores.append(r["devacc"])`), with
    no dev label in the same statement.
    A file that hands its test data to a fit as the validation data (`validation_data=(X_test,
    y_test)`, `eval_dataset=test_ds`) makes its validation figures the test figures: not reported
    (the choice made on them is LEAK003's). So does a program whose figure named for validation is
    computed from its test data and from nothing named for validation (`_, val_score =
    model.score(train_df, test_df)`): its only held-out split is the test split, and "val" is a
    synonym for held-out.

    ## Why is this bad?
    The dev split is where hyperparameters, checkpoints and classifiers were chosen, so its figure
    is optimistic; printed as the test figure it is a number that never met held-out data, and
    the table that averages it claims a test result. The code runs and the numbers look right,
    which is why such slips survive until a reader re-runs the evaluation.

    ## Example
        elif args.mode == "test":
            scores.append(results[task]["devacc"])

    Use instead:
        elif args.mode == "test":
            scores.append(results[task]["acc"])
    """

    code = "EVAL016"
    category = "EVAL-MISMATCH"
    severity = Severity.ERROR
    message = "`{value}` is a figure of the dev/validation split but is reported as the test figure ({how})"
    question = "Is `{value}` at {where}, reported as a test figure, really measured on the test split?"
    triggers = ("test", "Test", "TEST")
    examples = [
        valid("""
            import numpy as np
            from keras.models import Sequential
            from keras.layers import LSTM, Dense
            X_train, y_train = np.load("x_train.npy"), np.load("y_train.npy")
            X_val, y_val = np.load("x_val.npy"), np.load("y_val.npy")
            X_test, y_test = np.load("x_test.npy"), np.load("y_test.npy")
            model = Sequential([LSTM(100), Dense(1)])
            model.compile(loss="mean_squared_error", optimizer="adam")
            history = model.fit(X_train, y_train, epochs=20, validation_data=(X_test, y_test))
            print("Test Loss:", history.history["val_loss"][-1])
        """, note="near miss (held-out set 20): the test arrays are the validation data, so `val_loss` is the test loss"),
        invalid("""
            import numpy as np
            from keras.models import Sequential
            from keras.layers import LSTM, Dense
            X_train, y_train = np.load("x_train.npy"), np.load("y_train.npy")
            X_val, y_val = np.load("x_val.npy"), np.load("y_val.npy")
            X_test, y_test = np.load("x_test.npy"), np.load("y_test.npy")
            model = Sequential([LSTM(100), Dense(1)])
            model.compile(loss="mean_squared_error", optimizer="adam")
            history = model.fit(X_train, y_train, epochs=20, validation_data=(X_val, y_val))
            print("Test Loss:", history.history["val_loss"][-1])  # expect: EVAL016
        """, note="the twin: the validation split's loss printed as the test loss"),
        invalid("""
            def report(results, mode):
                if mode == "dev":
                    scores = [results[t]["devacc"] for t in TASKS]
                elif mode == "test" or mode == "fasttest":
                    scores = []
                    for t in TASKS:
                        scores.append("%.2f" % results[t]["devacc"])  # expect: EVAL016
                    print_table(TASKS, scores)
        """),
        invalid("""
            dev_acc = evaluate(model, dev_loader)
            test_acc = evaluate(model, test_loader)
            print("test accuracy:", dev_acc)  # expect: EVAL016
        """),
        valid("""
            tfm = {"train": augmenting(), "valid": plain()}
            val_set = Frames(root, split="val", transform=tfm["valid"])
            test_set = Frames(root, split="test", transform=tfm["valid"])
            test_acc = evaluate(model, DataLoader(test_set))
            print("test accuracy:", test_acc)
        """, note="near miss (held-out 28): the evaluation transform, keyed 'valid', applied to the test split"),
        invalid("""
            tfm = {"train": augmenting(), "valid": plain()}
            val_set = Frames(root, split="val", transform=tfm["valid"])
            test_set = Frames(root, split="test", transform=tfm["valid"])
            val_acc = evaluate(model, DataLoader(val_set))
            test_acc = evaluate(model, DataLoader(test_set))
            log_metrics(split="test", accuracy=val_acc)  # expect: EVAL016
        """, note="the twin: the validation split's accuracy logged as the test split's"),
        invalid("""
            def main(args, model, data_loader_val, data_loader_test, dataset_val, dataset_test):
                val_stats = evaluate(data_loader_val, model, header="Val:")
                print(f"Accuracy of the network on the {len(dataset_val)} val EEG: {val_stats['accuracy']:.2f}%")
                test_stats = evaluate(data_loader_test, model, header="Test:")
                print(f"Accuracy of the network on the {len(dataset_val)} test EEG: {val_stats['accuracy']:.2f}%")  # expect: EVAL016
        """, note="held-out real bugs 16 (LaBraM): an evaluation's statistics dict is a figure"),
        valid("""
            def main(args, model, data_loader_val, data_loader_test, dataset_val, dataset_test):
                val_stats = evaluate(data_loader_val, model, header="Val:")
                print(f"Accuracy of the network on the {len(dataset_val)} val EEG: {val_stats['accuracy']:.2f}%")
                test_stats = evaluate(data_loader_test, model, header="Test:")
                print(f"Accuracy of the network on the {len(dataset_test)} test EEG: {test_stats['accuracy']:.2f}%")
        """, note="near miss: the test line formats the test statistics"),
        invalid("""
            import logging
            log = logging.getLogger(__name__)
            def final_report(history, test_loader):
                best_val_f1 = max(history)
                log.info(f"Test F1 {best_val_f1:.3f}")  # expect: EVAL016
        """),
        invalid("""
            metrics = {}
            X_test, y_test = load_split("test")
            metrics["test"] = evaluate(model, val_loader)  # expect: EVAL016
            summary = {"test_acc": val_acc, "epochs": n}  # expect: EVAL016
        """),
        valid("""
            def report(results, mode):
                if mode == "test":
                    scores = [results[t]["acc"] for t in TASKS]
                    print("dev accuracy for reference", results["MR"]["devacc"])
            print(f"dev {dev_acc:.2f} test {test_acc:.2f}")
            print("test:", test_acc, "val:", val_acc)
            metrics["test"] = evaluate(model, test_loader)
            summary = {"val_acc": val_acc, "test_acc": test_acc}
        """, note="the dev figure carries its own label, or the test figure is a test value"),
        valid("""
            for key, val in stats.items():
                print(f"test {key}: {val}")
            if args.do_test:
                model.load_state_dict(best_val_state)
            test_x, val_x = split(x)
        """, note="`val` is a value here; a checkpoint chosen on dev loaded for the test is right"),
        valid("""
            def train(model, opt):
                training_data, validation_data = prepare_dataloader(opt)
                valid_loss, valid_mse = eval_epoch(model, validation_data)
                print("(Testing) mse: {mse:.4f}".format(mse=valid_mse))
        """, note="no test figure of its own: the 'validation' loader may be the test part under another name"),
        valid("""
            def validate(val_loader, model, test_set):
                progress = ProgressMeter(len(val_loader), [batch_time, losses], prefix="Test: ")
        """, note="a loader's length, not a figure"),
        invalid({
            "exp/evaluation.py": '''
                import torch

                @torch.no_grad()
                def evaluate(model, loader):
                    hits = sum((model(x).argmax(1) == y).sum().item() for x, y in loader)
                    return hits / len(loader.dataset)
            ''',
            "exp/main.py": '''
                from exp.evaluation import evaluate

                def final(model, val_loader, test_loader, logger):
                    val_acc = evaluate(model, val_loader)
                    logger.info(f"Test accuracy: {val_acc:.4f}")  # expect: EVAL016
            ''',
        }, note="across modules: the evaluation helper of another module run on the validation loader, logged as the test figure"),
        valid({
            "exp/evaluation.py": '''
                import torch

                @torch.no_grad()
                def evaluate(model, loader):
                    hits = sum((model(x).argmax(1) == y).sum().item() for x, y in loader)
                    return hits / len(loader.dataset)
            ''',
            "exp/main.py": '''
                from exp.evaluation import evaluate

                def final(model, val_loader, test_loader, logger):
                    test_acc = evaluate(model, test_loader)
                    logger.info(f"Test accuracy: {test_acc:.4f}")
            ''',
        }, note="near miss: the test loader's figure"),
        invalid({"results.ipynb": notebook(
            """
            dev_f1 = evaluate(model, dev_loader)
            test_f1 = evaluate(model, test_loader)
            """,
            """
            print(f"Test F1: {dev_f1:.3f}")  # expect: EVAL016
            """,
        )}, note="notebook: both figures in one cell, the dev one printed as test in the next"),
        valid({"results.ipynb": notebook(
            """
            dev_f1 = evaluate(model, dev_loader)
            test_f1 = evaluate(model, test_loader)
            """,
            """
            print(f"Test F1: {test_f1:.3f} (dev {dev_f1:.3f})")
            """,
        )}, note="near miss: each figure under its own label"),
        valid("""
            import json

            def run(args, save):
                fit_rows = Rows(args.path, part="fit")
                test_rows = Rows(args.path, part="test")
                graph, fit_loss, valid_loss = Learner(args).scores(fit_rows.table, test_rows.table)
                save(fit_loss, args.out, "train_score")
                save(valid_loss, args.out, "test_score")

            def run_without_held_out(args, save):
                test_rows = Rows(args.path, part="test") if args.test else None
                if test_rows is not None:
                    graph, fit_loss, valid_loss = Learner(args).scores(None, test_rows.table)
                else:
                    fit_loss, valid_loss = None, None
                save(valid_loss, args.out, "test_score")
        """, note="near miss (held-out 25): the program's only held-out split is the test part; the figure named "
                  "for validation is measured on it, so the test label names the split it was measured on"),
        invalid("""
            import json

            def run(args, save):
                fit_rows = Rows(args.path, part="fit")
                val_rows = Rows(args.path, part="val")
                test_rows = Rows(args.path, part="test")
                graph, fit_loss, valid_loss = Learner(args).scores(fit_rows.table, val_rows.table)
                save(valid_loss, args.out, "test_score")  # expect: EVAL016
        """, note="the twin: the figure is measured on the validation part, a split of its own, and saved as the test score"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._reported: set[int] = set()
        self._test_values: dict[int, bool] = {}
        self._test_conditions: dict[int, bool] = {}  # id(if's test) -> does it test the test mode

    def _has_test_value(self) -> bool:
        """Does the enclosing function (or module) also hold a test figure or test data of its own?
        Without one, a dev-named value printed as the test figure may be the test part under an
        old name (`validation_data` that `prepare_dataloader` fills with the test set)."""
        scope = self.ctx.names.function or self.ctx.module
        if scope is None:
            return False
        if id(scope) not in self._test_values:
            names = set(_IDENTIFIER.findall(self.ctx.code(scope)))
            self._test_values[id(scope)] = any(
                _test_text(n) and len(words(n)) > 1 and set(words(n)) & (FIGURE_WORDS | DATA_WORDS | {"x", "y"})
                for n in names)
        return self._test_values[id(scope)]

    def _report(self, node: cst.CSTNode, value: str, how: str) -> None:
        if self._validated_on_test():
            return  # `fit(..., validation_data=(X_test, y_test))`: its `val_loss` is the test loss
        if self._measured_on_test(value):
            return  # `val_score = score(train_df, test_df)`: "val" names the only held-out split, the test one
        statement = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.SimpleStatementLine)), node)
        if id(statement) in self._reported:
            return
        self._reported.add(id(statement))
        self.report(node, value=value, how=how)

    def _measured_on_test(self, value: str) -> bool:
        """Is every assignment of `value` in this function (or module) computed from test data and from
        nothing named for validation (`_, val_score = model.score(train_df, test_df)`)? Then the program's
        held-out split is the test split, and "val" is a synonym for held-out: the figure is a test figure."""
        scope = self.ctx.names.function or self.ctx.module
        if scope is None or not _IDENTIFIER.fullmatch(value):
            return False
        sources = [node.value for node in iter_nodes(scope) if isinstance(node, (cst.Assign, cst.AnnAssign))
                   and node.value is not None and value in _bound_names(node)]
        measured = False
        for source in sources:
            names, keys = _reads(source)
            if set(names) <= _PLACEHOLDERS and not keys:
                continue  # `train_score, val_score = None, None` in the branch without held-out data
            measured = True
            if any(_dev_name(n, False) or set(words(n)) & DEV_WORDS for n in names + keys):
                return False
            if not any(_test_text(n) and set(words(n)) & HELD_OUT_DATA_WORDS for n in names):
                return False
        return measured

    def _validated_on_test(self) -> bool:
        """Does the file hand its test data to a fit as the validation data (Keras' `validation_data=`,
        a Trainer's `eval_dataset=`, Lightning's `val_dataloaders=`)? Then the figures named for
        validation are the test figures, and a test label on them is right."""
        return any(_test_text(m.group(1)) for m in _VALIDATION_DATA.finditer(self.ctx.text))

    # (a) the branch that runs the test mode
    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        parents = self.ctx.parents
        in_test = False
        for i, parent in enumerate(parents[:-1]):
            if isinstance(parent, cst.If) and parents[i + 1] is parent.body and self._test_condition(parent.test):
                in_test = True
        if not in_test or any(self._says_dev(t) for t in _label_texts(node)):
            return
        for statement in node.body:
            if isinstance(statement, (cst.Expr, cst.Assign, cst.AugAssign, cst.Return)):
                value = getattr(statement, "value", None)
                if value is None:
                    continue
                names, keys = _reads(value)
                dev = next((k for k in keys if _dev_name(k, True)), None)
                if dev and not any(_test_text(k) for k in keys):
                    self._report(statement, dev, "read in the branch that runs the test mode")
                    return

    def _test_condition(self, test: cst.BaseExpression) -> bool:
        """Asked for every statement under the `if`: answered once per test (issue 12)."""
        known = self._test_conditions.get(id(test))
        if known is None:
            known = self._test_conditions[id(test)] = self._tests_test_mode(test)
        return known

    def _tests_test_mode(self, test: cst.BaseExpression) -> bool:
        names, keys = _reads(test)
        texts = [t for t in _label_texts(test)]
        return any(_test_text(t) for t in texts) or any(_test_text(n) for n in names if not _dev_name(n, False))

    @staticmethod
    def _says_dev(text: str) -> bool:
        return bool(set(words(text)) & DEV_WORDS)

    # (b) a label that says test around a dev value
    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "format":
            label = string_value(func.value)
            if label is not None:
                self._labelled(node, [label], [a.value for a in node.args])
            return
        labels = [string_value(a.value) for a in node.args if string_value(a.value) is not None]
        # A value handed over as the data's processing (`transform=tfm["valid"]`, the evaluation
        # transform) is a step applied to the data, not a figure of the validation split (held-out 28).
        values = [a.value for a in node.args if string_value(a.value) is None
                  and not isinstance(a.value, (cst.FormattedString, cst.BinaryOperation))
                  and not (a.keyword is not None and _PROCESSING.search(a.keyword.value))]
        if labels and values:
            self._labelled(node, labels, values)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        labels = [p.value for p in node.parts if isinstance(p, cst.FormattedStringText)]
        values = [p.expression for p in node.parts if isinstance(p, cst.FormattedStringExpression)]
        self._labelled(node, ["".join(labels)], values)

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Modulo):
            label = string_value(node.left)
            if label is not None:
                self._labelled(node, [label], [node.right])

    def _labelled(self, node: cst.CSTNode, labels: list[str], values: list[cst.BaseExpression]) -> None:
        text = " ".join(labels)
        if not _test_text(text) or self._says_dev(text) or "%" not in text and "{" not in text and len(labels) > 1:
            return
        found = [_dev_read(v, figure=True) for v in values]
        if any(found) and not any(self._is_test_value(v) for v in values) and self._has_test_value():
            self._report(node, next(f for f in found if f), f"printed under the label {text.strip()[:40]!r}")

    @staticmethod
    def _is_test_value(value: cst.BaseExpression) -> bool:
        names, keys = _reads(value)
        return any(_test_text(n) for n in names + keys)

    # (c) stored under a test key
    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Subscript):
                _, keys = _reads(target.target)
                if keys and _test_text(keys[-1]) and not self._says_dev(keys[-1]):
                    dev = _dev_read(node.value)
                    if dev and self._has_test_value():
                        self._report(node, dev, f"stored under the key {keys[-1]!r}")

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = string_value(node.key)
        if key and _test_text(key) and not self._says_dev(key):
            dev = _dev_read(node.value)
            if dev and self._has_test_value():
                self._report(node, dev, f"stored under the key {key!r}")
