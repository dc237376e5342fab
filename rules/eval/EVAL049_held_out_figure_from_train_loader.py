"""EVAL049: a figure named for held-out data taken from the training loader while the held-out loader exists."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes

HELD_OUT = frozenset({"test", "testing", "val", "vali", "valid", "validation", "dev", "holdout", "heldout", "eval"})
TRAIN = frozenset({"train", "training"})
# What a loader's name ends in: `train_loader`, `train_dl`, `train_iter`, `self.train_dataloader`.
LOADER = frozenset({"loader", "dataloader", "dl", "iter", "iterator", "iterloader", "batches", "gen", "generator"})
# A result that is a score: `test_acc`, `val_loss`, `valid_f1`, `test_metrics`.
METRIC = frozenset({"acc", "accuracy", "loss", "losses", "score", "scores", "f1", "auc", "auroc", "error", "err",
                    "mse", "mae", "rmse", "ppl", "perplexity", "metric", "metrics", "precision", "recall", "iou",
                    "dice", "bleu", "rouge", "top1", "top5", "map", "wer", "cer", "result", "results"})
# A batch drawn with next(): `valid_data`, `val_batch`, `test_x`.
BATCH = frozenset({"data", "batch", "sample", "samples", "x", "inputs", "input", "seq", "seqs", "example", "examples"})


# What a dataset's name ends in: `train_set`, `trainset`, `train_dataset`, `train_ds`.
DATASET = frozenset({"set", "dataset", "data", "ds", "db"})
_SPLIT_WORDS = sorted(TRAIN | HELD_OUT, key=len, reverse=True)


def _words(name: str) -> list[str]:
    """The words of `name`, a split word joined to a loader or dataset word taken apart
    (`testloader` -> test, loader; `trainset` -> train, set), as in `train_loader`."""
    words = []
    for token in name_tokens(name):
        for split in _SPLIT_WORDS:
            if token.startswith(split) and token[len(split):] in LOADER | DATASET:
                words += [split, token[len(split):]]
                break
        else:
            words.append(token)
    return words


def _in_training_steps(module: cst.Module) -> set[int]:
    """The assignments inside a loop over a training loader that trains (`loss.backward()`,
    `optimizer.step()`): there `val` in a name is "value" (`_loss_val`, each loss term's value of the
    batch; held-out set 27), since no held-out figure is computed in the step that trains."""
    inside: set[int] = set()
    for loop in iter_nodes(module):
        if not isinstance(loop, cst.For) or not _train_loader(loop.iter):
            continue
        body = list(iter_nodes(loop.body))
        if any(isinstance(c, cst.Call) and isinstance(c.func, cst.Attribute) and c.func.attr.value in ("backward", "step")
               for c in body):
            inside.update(id(n) for n in body if isinstance(n, cst.Assign))
    return inside


def _name(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return ""


def _train_loader(node: cst.BaseExpression) -> str:
    """`train_loader` / `self.train_loader` / `iter(train_loader)`: the name of a training loader, or ''."""
    if isinstance(node, cst.Call) and _name(node.func) in {"iter", "cycle", "enumerate", "tqdm"} and node.args:
        return _train_loader(node.args[0].value)
    name = _name(node)
    words = set(_words(name))
    return name if words & TRAIN and words & LOADER and not words & HELD_OUT else ""


def _train_set(node: cst.BaseExpression) -> str:
    """`trainset` / `train_dataset` / `self.train_ds`: the name of a training dataset, or ''."""
    name = _name(node)
    words = set(_words(name))
    return name if words & TRAIN and words & DATASET and not words & HELD_OUT else ""


def _held_out_loader(node: cst.BaseExpression) -> str:
    """`eval_dataloader` / `self.val_loader`: the name of a held-out loader, or ''."""
    name = _name(node)
    words = set(_words(name))
    return name if words & HELD_OUT and words & LOADER and not words & TRAIN else ""


def _train_twin(name: str, names: set[str]) -> str:
    """A name of the file that is `name` with its held-out word replaced by a training one."""
    words = _words(name)
    for other in names:
        theirs = _words(other)
        if len(theirs) == len(words):
            swapped = [(a, b) for a, b in zip(words, theirs) if a != b]
            if len(swapped) == 1 and swapped[0][0] in HELD_OUT and swapped[0][1] in TRAIN:
                return other
    return ""


def _held_out_twin(name: str, names: set[str]) -> str:
    """A name of the file that is `name` with its training word replaced by a held-out one
    (`train_loader` -> `valid_loader`, `self.train_loader` -> `self.validation_loader`)."""
    words = _words(name)
    for other in names:
        theirs = _words(other)
        if len(theirs) != len(words):
            continue
        swapped = [(a, b) for a, b in zip(words, theirs) if a != b]
        if len(swapped) == 1 and swapped[0][0] in TRAIN and swapped[0][1] in HELD_OUT:
            return other
    return ""


class HeldOutFigureFromTrainLoader(Rule):
    """
    ## What it does
    Finds a value named for held-out data that is taken from the training loader (a score computed
    on it, a batch drawn from it with `next()`, a total divided by its length) while the file also
    has the held-out loader: the training loader's name with its training word replaced
    (`train_loader` and `test_loader`, `self.train_loader` and `self.validation_loader`).

    | spelling | found | near miss left alone |
    |---|---|---|
    | `test_acc = batch_accuracy(train_loader, net, num_steps)` (notebook, a score) | yes | `train_acc = batch_accuracy(train_loader, ...)`, `test_acc = batch_accuracy(test_loader, ...)` |
    | `valid_data = next(train_loader)` in the validation step of a training script (a batch) | yes | `valid_data = next(valid_loader)` |
    | `val_epoch_loss = running_loss / len(self.train_loader)` after a loop over `self.validation_loader` (a mean; the accuracy divided alike on the next line is the same finding) | yes | `epoch_loss = running_loss / len(self.train_loader)`; `val_share = len(val_loader) / len(train_loader)` |
    | `train_loss = running / len(val_loader)` (the mirror image, function) | yes | `train_loss = running / len(train_loader)` |
    | `eval_epoch_loss = eval_loss / len(train_dataloader)` beside `train_epoch_loss = total_loss / len(eval_dataloader)` (script) | one finding, at the held-out mean | each divided by its own loader |
    | `test_loader_iter = self.train_loader.__iter__()` / `iter(train_loader)` in an evaluation (class; an iterator) | yes | `test_loader_iter = self.test_loader.__iter__()`, `train_iter = iter(self.train_loader)` |
    | `testloader = DataLoader(trainset, ...)` while `testset` is built (notebook; a loader over the training set) | yes | `valloader = DataLoader(trainset, sampler=...)` (a part picked by a sampler) |

    A score (`acc`, `loss`, `f1`, ... in its name) returned by a call that is given the training
    loader, a batch (`data`, `batch`, `x`) drawn with `next()` from it, a held-out total divided
    by the training loader's length, a held-out loader or iterator made from the training loader
    (`iter()`, `__iter__()`) or built on the training set (`DataLoader(trainset)`, twin `testset`)
    are reported; joined names (`testloader`, `trainset`) count like `test_loader`, `train_set`. A file with no held-out loader of the same
    name is left alone (a validation split may be carved from the training data on purpose), and
    so is a ratio of sizes (`len(...) / len(train_loader)`) and a call given the held-out loader
    as well (`vali_loss = self.vali(train_loader, vali_loader, criterion)`: a forecaster's history
    taken from the training series). In the loop that trains on the training loader (it calls
    `backward()` or `step()`), `val` in a name is "value" (`_loss_val`, a loss term's value of the
    batch): the other held-out words are still read as held-out there.

    ## Why is this bad?
    The number is printed and logged as the test or validation figure but measures (or is scaled
    by) the training data: a test accuracy computed on the batches the network was trained on, a
    validation loss of training batches that keeps falling, or a validation mean divided by the
    number of training batches. Checkpoints and early stopping chosen on it, and the curves
    plotted from it, show the training fit. Nothing fails.

    ## Example
        for epoch in range(num_epochs):
            train_one_epoch(net, train_loader)
            test_acc = batch_accuracy(train_loader, net, num_steps)
            test_acc_hist.append(test_acc)

    Use instead:
            test_acc = batch_accuracy(test_loader, net, num_steps)
    """

    code = "EVAL049"
    category = "EVAL-TRAIN"
    severity = Severity.ERROR
    message = ("`{target}` is named for held-out data but {how} `{loader}`, the training loader, while `{twin}` "
               "(the held-out loader) is right there")
    question = "Is `{target}` meant to come from `{loader}` (the training loader) rather than `{twin}`?"
    triggers = ("train",)
    examples = [
        invalid({"tutorial_6_CNN.ipynb": notebook(
            """
            from torch.utils.data import DataLoader
            train_loader = DataLoader(mnist_train, batch_size=128, shuffle=True)
            test_loader = DataLoader(mnist_test, batch_size=128, shuffle=True)
            """,
            """
            def batch_accuracy(loader, net, num_steps):
                acc, total = 0, 0
                for data, targets in loader:
                    spk_rec, _ = net(data)
                    acc += SF.accuracy_rate(spk_rec, targets) * spk_rec.size(1)
                    total += spk_rec.size(1)
                return acc / total
            """,
            """
            test_acc_hist = []
            for epoch in range(num_epochs):
                avg_loss = backprop.BPTT(net, train_loader, optimizer=optimizer, criterion=loss_fn)
                test_acc = batch_accuracy(train_loader, net, num_steps)  # expect: EVAL049
                test_acc_hist.append(test_acc)
                print(f"Epoch {epoch}, Test Acc: {test_acc * 100:.2f}%")
            """,
        )}, note="notebook: a test accuracy computed on the training loader"),
        valid({"tutorial_6_CNN.ipynb": notebook(
            """
            from torch.utils.data import DataLoader
            train_loader = DataLoader(mnist_train, batch_size=128, shuffle=True)
            test_loader = DataLoader(mnist_test, batch_size=128, shuffle=True)
            """,
            """
            for epoch in range(num_epochs):
                avg_loss = backprop.BPTT(net, train_loader, optimizer=optimizer, criterion=loss_fn)
                train_acc = batch_accuracy(train_loader, net, num_steps)
                test_acc = batch_accuracy(test_loader, net, num_steps)
                print(f"Epoch {epoch}, Train Acc: {train_acc:.2f} Test Acc: {test_acc:.2f}")
            """,
        )}, note="near miss (notebook): the training accuracy named so, the test accuracy on the test loader"),
        invalid("""
            import torch
            from torch.utils.data import DataLoader

            def cycle(loader):
                while True:
                    for data in loader:
                        yield data

            train_loader = cycle(DataLoader(train_dataset, batch_size=16))
            valid_loader = cycle(DataLoader(valid_dataset, batch_size=16))

            for i in range(num_batches):
                model.train()
                data = next(train_loader)
                loss = model(data)
                loss.backward()
                optim.step()
                if not (i % validate_every):
                    model.eval()
                    valid_data = next(train_loader)  # expect: EVAL049
                    with torch.no_grad():
                        valid_loss = model(valid_data)
                    print(f"valid loss: {valid_loss.item()}")
        """, note="a training script: the validation batch drawn from the training loader"),
        valid("""
            import torch
            from torch.utils.data import DataLoader, random_split

            train_loader = iter(DataLoader(train_dataset, batch_size=16))
            valid_loader = iter(DataLoader(valid_dataset, batch_size=16))

            for i in range(num_batches):
                data = next(train_loader)
                loss = model(data)
                if not (i % validate_every):
                    valid_data = next(valid_loader)
                    with torch.no_grad():
                        valid_loss = model(valid_data)
            val_share = len(valid_dataset) / len(train_loader)
            fold_train, fold_val = random_split(full, [0.8, 0.2])
            val_set = Subset(fold_train, val_idx)
        """, note="near miss: the validation batch from the validation loader; a ratio of sizes; a subset"),
        invalid("""
            class TrainModel:
                def run(self):
                    for epoch in range(self.num_epochs):
                        running_loss = 0.0
                        for data in self.train_loader:
                            running_loss += self.step(data)
                        epoch_loss = running_loss / len(self.train_loader)
                        running_loss = 0.0
                        running_acc = 0.0
                        for data in self.validation_loader:
                            loss, acc = self.evaluate(data)
                            running_loss += loss
                            running_acc += acc
                        val_epoch_loss = running_loss / len(self.train_loader)  # expect: EVAL049
                        val_epoch_acc = running_acc / len(self.train_loader)
                        self.update_log(epoch, epoch_loss, val_epoch_loss, val_epoch_acc)
        """, note="a class: a validation mean divided by the number of training batches"),
        valid("""
            class TrainModel:
                def run(self):
                    for epoch in range(self.num_epochs):
                        running_loss = 0.0
                        for data in self.train_loader:
                            running_loss += self.step(data)
                        epoch_loss = running_loss / len(self.train_loader)
                        running_loss = 0.0
                        for data in self.validation_loader:
                            running_loss += self.evaluate(data)
                        val_epoch_loss = running_loss / len(self.validation_loader)
                        self.update_log(epoch, epoch_loss, val_epoch_loss)
        """, note="near miss: each mean divided by its own loader's length"),
        valid("""
            def train_epoch(model, optimizer, train_dataloader, test_dataloader):
                loss_log = {}
                for _, batch in tqdm(enumerate(train_dataloader), total=len(train_dataloader)):
                    optimizer.zero_grad()
                    loss, loss_terms = model.cal_loss(batch)
                    loss.backward()
                    optimizer.step()
                    for name in loss_terms:
                        _loss_val = float(loss_terms[name]) / len(train_dataloader)
                        loss_log[name] = loss_log.get(name, 0.0) + _loss_val
                return loss_log
        """, note="near miss (held-out 27): `_loss_val` is each loss term's value in the training step, not a validation loss"),
        invalid("""
            def train_epoch(model, optimizer, train_dataloader, val_dataloader):
                for batch in train_dataloader:
                    optimizer.zero_grad()
                    model.cal_loss(batch).backward()
                    optimizer.step()
                total = 0.0
                for batch in val_dataloader:
                    total += float(model.cal_loss(batch))
                loss_val = total / len(train_dataloader)  # expect: EVAL049
                return loss_val
        """, note="the twin: `loss_val` after the loop over the validation loader is the validation loss"),
        valid("""
            class Exp:
                def train(self, train_loader, vali_loader, test_loader):
                    for epoch in range(self.epochs):
                        self.step(train_loader)
                        val_loss = self.vali(train_loader, vali_loader, self.criterion)
                        test_loss = self.vali(train_loader, test_loader, self.criterion)
        """, note="near miss: the call is given the held-out loader too (the training series is the forecast's history)"),
        invalid("""
            from torch.utils.data import DataLoader

            train_dataloader = DataLoader(train_dataset, shuffle=True, batch_size=8)
            eval_dataloader = DataLoader(eval_dataset, batch_size=8)
            for epoch in range(num_epochs):
                total_loss = 0
                for batch in train_dataloader:
                    total_loss += model(**batch).loss.detach().float()
                eval_loss = 0
                for batch in eval_dataloader:
                    eval_loss += model(**batch).loss.detach().float()
                eval_epoch_loss = eval_loss / len(train_dataloader)  # expect: EVAL049
                train_epoch_loss = total_loss / len(eval_dataloader)
                print(f"{epoch=}: {train_epoch_loss=} {eval_epoch_loss=}")
        """, note="a script: the two loaders' lengths swapped, one finding at the held-out mean"),
        invalid("""
            def run(model, train_loader, val_loader, epochs):
                for epoch in range(epochs):
                    running = sum(step(model, b) for b in train_loader)
                    train_loss = running / len(val_loader)  # expect: EVAL049
                    val_loss = sum(score(model, b) for b in val_loader) / len(val_loader)
                    print(train_loss, val_loss)
        """, note="a function: the training mean divided by the validation loader's length"),
        valid("""
            def run(model, train_loader, val_loader, epochs):
                for epoch in range(epochs):
                    train_loss = sum(step(model, b) for b in train_loader) / len(train_loader)
                    val_loss = sum(score(model, b) for b in val_loader) / len(val_loader)
                    train_share = len(train_loader) / len(val_loader)
        """, note="near miss: each mean over its own loader; a ratio of sizes"),
        valid("""
            def fit(model, train_loader, epochs):
                for epoch in range(epochs):
                    val_loss = evaluate(model, train_loader)
                    print(val_loss)
        """, note="near miss: no held-out loader in the file (a validation carved elsewhere cannot be told apart)"),
        invalid("""
            class Trainer:
                def evaluate(self, epoch):
                    num_iter = len(self.test_loader.dataset) // self.test_loader.batch_size
                    test_loader_iter = self.train_loader.__iter__()  # expect: EVAL049
                    for it in range(num_iter):
                        inputs = next(test_loader_iter)
                        self.meter.update(self.model(inputs), inputs["labels"])
                    print(f"Epoch {epoch} test acc {self.meter.avg:.3f}")
        """, note="a class: the evaluation's iterator made from the training loader by `__iter__()`"),
        valid("""
            class Trainer:
                def evaluate(self, epoch):
                    num_iter = len(self.test_loader.dataset) // self.test_loader.batch_size
                    test_loader_iter = self.test_loader.__iter__()
                    train_iter = iter(self.train_loader)
                    for it in range(num_iter):
                        inputs = next(test_loader_iter)
                        self.meter.update(self.model(inputs), inputs["labels"])
        """, note="near miss: the test iterator from the test loader; a training iterator named so"),
        invalid({"mnist.ipynb": notebook(
            """
            import torch
            from torchvision import datasets, transforms
            transf = transforms.ToTensor()
            trainset = datasets.MNIST(root="./data", train=True, download=True, transform=transf)
            trainloader = torch.utils.data.DataLoader(trainset, batch_size=64, shuffle=True)
            testset = datasets.MNIST(root="./data", train=False, download=True, transform=transf)
            testloader = torch.utils.data.DataLoader(trainset, batch_size=1000, shuffle=True)  # expect: EVAL049
            """,
            """
            for epoch in range(10):
                train(model, trainloader, optimizer, epoch)
                test(model, testloader)
            """,
        )}, note="notebook: the test loader built on the training set while the test set is built beside it"),
        valid({"mnist.ipynb": notebook(
            """
            import torch
            from torch.utils.data import DataLoader, SubsetRandomSampler
            from torchvision import datasets, transforms
            transf = transforms.ToTensor()
            trainset = datasets.MNIST(root="./data", train=True, download=True, transform=transf)
            testset = datasets.MNIST(root="./data", train=False, download=True, transform=transf)
            trainloader = DataLoader(trainset, batch_size=64, sampler=SubsetRandomSampler(range(50000)))
            valloader = DataLoader(trainset, batch_size=64, sampler=SubsetRandomSampler(range(50000, 60000)))
            testloader = DataLoader(testset, batch_size=1000)
            """,
        )}, note="near miss (notebook): a validation loader over a sampled part of the training set; the test loader on the test set"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        self._pending: list[tuple[cst.Assign, cst.Call, str, str, str]] = []
        reported: list[int] = []
        names: set[str] = set()
        train_names: set[str] = set()
        assigns: list[cst.Assign] = []
        words_of: dict[str, set[str]] = {}  # each distinct name's words, once per file
        for n in iter_nodes(node):  # one walk for the names and the assignments (was three)
            if isinstance(n, (cst.Name, cst.Attribute)):
                name = _name(n)
                words = words_of.get(name)
                if words is None:
                    words = words_of[name] = set(_words(name))
                if name and words & HELD_OUT:
                    names.add(name)
                if words & TRAIN:
                    train_names.add(name)
            elif isinstance(n, cst.Param):
                names.add(n.name.value)
            elif isinstance(n, cst.Assign) and len(n.targets) == 1:
                assigns.append(n)
        stepping = _in_training_steps(node)
        for n in assigns:
            target = _name(n.targets[0].target)
            words = set(_words(target))
            if target and words & TRAIN and not words & HELD_OUT:
                self._training_mean_over_held_out(n, target, words, train_names)
                continue
            if not target or not words & HELD_OUT or words & TRAIN:
                continue
            if words & HELD_OUT == {"val"} and id(n) in stepping:
                continue  # `_loss_val = float(loss_dict[name]) / len(train_loader)` in the training step: a value
            found = self._from_train_loader(n.value, words)
            if found is None:
                continue
            loader, how, where = found
            twin = _held_out_twin(loader, names)
            if not twin:
                continue
            line = self.ctx.line_of(n) or 0
            if how == "is divided by the length of" and any(abs(line - other) <= 3 for other in reported):
                continue  # the loss and the accuracy of one loop divided alike: one finding
            if how == "is built on":
                self.report(n, message=("`{target}` is named for held-out data but is built on `{loader}`, the training "
                                        "set, while `{twin}` (the held-out set) is right there"),
                            question="Is `{target}` meant to load `{loader}` (the training set) rather than `{twin}`?",
                            related=[Location(self.ctx.path, self.ctx.line_of(where), "the training set")],
                            target=target, loader=loader, twin=twin)
            else:
                self.report(n, related=[Location(self.ctx.path, self.ctx.line_of(where), "the training loader")],
                            target=target, how=how, loader=loader, twin=twin)
            if how == "is divided by the length of":
                reported.append(self.ctx.line_of(n) or 0)
        self._emit_training_means(reported)

    def _training_mean_over_held_out(self, n: cst.Assign, target: str, words: set[str], names: set[str]) -> None:
        """The mirror image of the division spelling: `train_epoch_loss = total_loss / len(eval_dataloader)`."""
        value = n.value
        if not (isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Divide) and words & METRIC):
            return
        right = value.right
        if not (isinstance(right, cst.Call) and _name(right.func) == "len" and right.args) or (
                isinstance(value.left, cst.Call) and _name(value.left.func) == "len"):
            return
        loader = _held_out_loader(right.args[0].value)
        twin = _train_twin(loader, names) if loader else ""
        if twin:
            self._pending.append((n, right, target, loader, twin))

    def _emit_training_means(self, reported: list[int]) -> None:
        """A training mean over the held-out loader beside a held-out mean over the training loader is one
        swap of the two lengths: one finding, at the held-out figure."""
        for n, right, target, loader, twin in self._pending:
            line = self.ctx.line_of(n) or 0
            if any(abs(line - other) <= 3 for other in reported):
                continue
            self.report(n, message=("`{target}` is named for the training data but is divided by the length of "
                                    "`{loader}`, the held-out loader, while `{twin}` (the training loader) is right there"),
                        related=[Location(self.ctx.path, self.ctx.line_of(right), "the held-out loader")],
                        target=target, how="is divided by the length of", loader=loader, twin=twin)

    def _from_train_loader(self, value: cst.BaseExpression, words: set[str]) -> tuple[str, str, cst.CSTNode] | None:
        if isinstance(value, cst.Call) and words & LOADER:
            found = self._loader_from_train(value)
            if found:
                return found
        if isinstance(value, cst.Call):
            func = _name(value.func)
            if func == "next" and value.args and words & BATCH:
                loader = _train_loader(value.args[0].value)
                return (loader, "is drawn from", value.args[0].value) if loader else None
            if words & METRIC and func not in {"len", "iter", "next", "DataLoader"}:
                if any(set(name_tokens(_name(a.value))) & HELD_OUT for a in value.args):
                    return None  # given the held-out loader too: the training one is context (a forecast's history)
                for arg in value.args:
                    loader = _train_loader(arg.value)
                    if loader:
                        return loader, "is computed on", arg.value
            return None
        if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Divide) and words & METRIC:
            right = value.right
            if isinstance(right, cst.Call) and _name(right.func) == "len" and right.args \
                    and not (isinstance(value.left, cst.Call) and _name(value.left.func) == "len"):
                loader = _train_loader(right.args[0].value)
                if loader:
                    return loader, "is divided by the length of", right.args[0].value
        return None

    def _loader_from_train(self, value: cst.Call) -> tuple[str, str, cst.CSTNode] | None:
        """A loader or iterator named for held-out data made from training data: `iter(train_loader)`,
        `self.train_loader.__iter__()`, `DataLoader(trainset, ...)` (no sampler picking part of it)."""
        func = value.func
        if _name(func) == "iter" and value.args:
            loader = _train_loader(value.args[0].value)
            return (loader, "iterates", value.args[0].value) if loader else None
        if isinstance(func, cst.Attribute) and func.attr.value == "__iter__" and not value.args:
            loader = _train_loader(func.value)
            return (loader, "iterates", func.value) if loader else None
        if _name(func) == "DataLoader":
            keywords = {a.keyword.value: a.value for a in value.args if a.keyword is not None}
            if keywords.keys() & {"sampler", "batch_sampler"}:
                return None  # a sampler picks part of the training set: a validation part carved on purpose
            data = keywords.get("dataset") or (value.args[0].value if value.args and value.args[0].keyword is None else None)
            dataset = _train_set(data) if data is not None else ""
            return (dataset, "is built on", data) if dataset else None
        return None
