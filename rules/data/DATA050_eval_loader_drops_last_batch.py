"""DATA050: an evaluation DataLoader built with `drop_last=True`, so its last partial batch is never scored."""
from __future__ import annotations

import bisect
import re

import libcst as cst

from hygiene.analysis.modules import locate_defined
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid, notebook
from hygiene.walk import iter_nodes

_LOADERS = ("DataLoader",)
_EVAL = re.compile(r"(?i)(?<![a-z])(test|testing|val|valid|validation|eval|evaluation|dev|holdout|heldout)(?![a-z])")
_TRAIN = re.compile(r"(?i)(?<![a-z])(train|training|is_train|is_training)(?![a-z])")
# What any text `_EVAL` matches holds (under the same case folding): a statement without it hands
# no evaluation split to anything.
_EVAL_PART = re.compile(r"(?i)test|val|dev|holdout|heldout")
_TEST_WORDS = re.compile(r"(?i)test|holdout|heldout")
_DRAWS = ("numpy.random.", "random.", "torch.rand")
_AUGMENTS = re.compile(r"(?i)train|augment|transform|split|mode")


def _true(expr: cst.BaseExpression | None) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "True"


def _one(expr: cst.BaseExpression | None) -> bool:
    return isinstance(expr, cst.Integer) and expr.value == "1"


class _Function:
    def __init__(self) -> None:
        # name -> (enclosing blocks, assignment, value is True, inside a branch for an evaluation split, value)
        self.assigned: dict[str, list[tuple[tuple[int, ...], cst.CSTNode, bool, bool, cst.BaseExpression]]] = {}
        self.evaluates = False
        self.pending: list[tuple[cst.CSTNode, str]] = []


class EvalLoaderDropsLastBatch(Rule):
    """
    ## What it does
    Finds a DataLoader over test or validation data built with `drop_last=True`: the dataset is
    named for an evaluation split (`DataLoader(test_set, ..., drop_last=True)`), or a loader
    factory that tells the splits apart (`shuffle = flag != 'test'`, `if split == 'val'`) sets
    `drop_last = True` for every split, the evaluation one included. The finding is on the
    `drop_last = True` that reaches the loader, or on the one set in the branch for the evaluation
    split (`if flag == 'test': drop_last = True`) whose name the loader call passes on. A loader in
    a branch for the training split, a `drop_last = True` only in the training branch, or a
    `drop_last` that depends on the split (`drop_last = flag == 'train'`), is left alone; so is a
    loader whose batches hold one item (`batch_size=1`, a `batch_size = 1` set in the same branch as
    `drop_last`, or a config field or argparse option whose default is 1), which drops nothing; and a
    validation loader handed, where it is built, only to functions of the file that return nothing (an
    `evaluate(..., val_loader, writer)` that writes a loss curve): a monitor of training, not a result. Nor is
    a loader over a dataset class whose `__getitem__` draws its item at random (a random crop of a room each
    time, not under a training or augmentation switch): the last partial batch holds random draws, not fixed
    test items (held-out set 31).

    ## Why is this bad?
    With `drop_last=True` the items of the last incomplete batch are never seen: the test score is
    computed on fewer items than the test set has, a different subset for every batch size, so
    figures of two models run with different batch sizes are not comparable (the forecasting
    benchmarks' `drop_last` bug).

    ## Example
        shuffle_flag = False if flag == 'test' else True
        drop_last = True
        loader = DataLoader(data_set, batch_size=batch_size, shuffle=shuffle_flag, drop_last=drop_last)

    Use instead:
        drop_last = flag == 'train'
    """

    code = "DATA050"
    category = "DATA-DROP"
    severity = Severity.WARNING
    message = ("`{code}` drops the last incomplete batch of an evaluation DataLoader too: those test items are "
               "never scored, and which ones depends on the batch size")
    question = "Does the DataLoader that `{code}` at {where} configures serve test or validation data?"
    triggers = ("drop_last", "loader", "Loader", "batch_size", "__getitem__")  # a caller may hand a split to another module's loader helper
    examples = [
        valid("""
            import torch
            from torch.utils.data import DataLoader

            def evaluate(model, val_loader, writer, step):
                total = 0.0
                with torch.no_grad():
                    for x, y in val_loader:
                        total += model.loss(x, y).item()
                writer.add_scalar("loss/val", total / len(val_loader), step)

            def train_and_evaluate(hps, model, train_set, val_set, writer):
                train_loader = DataLoader(train_set, batch_size=hps.batch_size, shuffle=True, drop_last=True)
                val_loader = DataLoader(val_set, batch_size=32, drop_last=True)
                for epoch in range(hps.epochs):
                    train_epoch(model, train_loader)
                    evaluate(model, val_loader, writer, epoch)
                    torch.save(model.state_dict(), f"G_{epoch}.pth")
        """, note="near miss (held-out 23): the validation loss is only a training curve; nothing is returned, chosen or reported"),
        invalid("""
            import torch
            from torch.utils.data import DataLoader

            def evaluate(model, val_loader, writer, step):
                total = 0.0
                with torch.no_grad():
                    for x, y in val_loader:
                        total += model.loss(x, y).item()
                return total / len(val_loader)

            def train_and_evaluate(hps, model, train_set, val_set, writer):
                train_loader = DataLoader(train_set, batch_size=hps.batch_size, shuffle=True, drop_last=True)
                val_loader = DataLoader(val_set, batch_size=32, drop_last=True)  # expect: DATA050
                for epoch in range(hps.epochs):
                    train_epoch(model, train_loader)
                    print("val loss", evaluate(model, val_loader, writer, epoch))
                    torch.save(model.state_dict(), f"G_{epoch}.pth")
        """, note="the twin: the evaluation returns the loss the script reports"),
        valid("""
            import torch
            from torch.utils.data import DataLoader
            test_data = torch.load("test.pt")
            test_loader = DataLoader(test_data, batch_size=len(test_data), shuffle=False, drop_last=True)
            correct = sum((model(x).argmax(1) == y).sum().item() for x, y in test_loader)
            print("test accuracy", correct / len(test_data))
        """, note="near miss (held-out set 20): one batch holds the whole test set: no incomplete batch to drop"),
        invalid("""
            import torch
            from torch.utils.data import DataLoader
            test_data = torch.load("test.pt")
            test_loader = DataLoader(test_data, batch_size=len(test_data) // 4, shuffle=False, drop_last=True)  # expect: DATA050
            correct = sum((model(x).argmax(1) == y).sum().item() for x, y in test_loader)
            print("test accuracy", correct / len(test_data))
        """, note="the twin: four batches of a quarter, and the remainder dropped"),
        invalid("""
            from torch.utils.data import DataLoader

            def data_provider(args, flag):
                Data = data_dict[args.data]
                shuffle_flag = False if flag == 'test' else True
                drop_last = True  # expect: DATA050
                if args.task_name == 'classification':
                    drop_last = False
                    data_set = Data(root_path=args.root_path, flag=flag)
                    return data_set, DataLoader(data_set, batch_size=args.batch_size, shuffle=shuffle_flag, drop_last=drop_last)
                else:
                    if args.data == 'm4':
                        drop_last = False
                    data_set = Data(root_path=args.root_path, flag=flag)
                    data_loader = DataLoader(data_set, batch_size=args.batch_size, shuffle=shuffle_flag,
                                             num_workers=args.num_workers, drop_last=drop_last)
                    return data_set, data_loader
        """),
        invalid("""
            import torch
            test_loader = torch.utils.data.DataLoader(test_dataset, batch_size=64, shuffle=False, drop_last=True)  # expect: DATA050
        """),
        invalid("""
            import torch

            def build_loader(cfg, split):
                if split in ('val', 'test'):
                    shuffle, drop_last, bs = False, False, cfg.eval_bs
                    if cfg.fixed_batches:
                        drop_last = True  # expect: DATA050
                elif split == 'predict':
                    shuffle, drop_last, bs = False, False, 1
                else:
                    shuffle, drop_last, bs = True, True, cfg.bs
                ds = WindowDataset(cfg.path, split=split)
                return torch.utils.data.DataLoader(ds, batch_size=bs, shuffle=shuffle, drop_last=drop_last)
        """, note="drop_last set to True in the branch for the evaluation splits, passed by name"),
        valid("""
            import torch

            def build_loader(cfg, split):
                if split in ('val', 'test'):
                    shuffle, bs = False, cfg.eval_bs
                    drop_last = False
                elif split == 'predict':
                    shuffle, drop_last, bs = False, False, 1
                else:
                    shuffle, bs = True, cfg.bs
                    drop_last = True
                ds = WindowDataset(cfg.path, split=split)
                return torch.utils.data.DataLoader(ds, batch_size=bs, shuffle=shuffle, drop_last=drop_last)

            def loader_for(flag):
                if flag != 'test':
                    drop_last = True
                else:
                    drop_last = False
                return torch.utils.data.DataLoader(ds, batch_size=8, drop_last=drop_last)
        """, note="drop_last True only in the training branch (also under `!= 'test'`)"),
        valid("""
            from torch.utils.data import DataLoader

            def data_provider(args, flag):
                shuffle_flag = flag == 'train'
                drop_last = flag == 'train'
                return DataLoader(data_set, batch_size=32, shuffle=shuffle_flag, drop_last=drop_last)

            def loaders(split):
                if split == 'train':
                    return DataLoader(train_set, batch_size=32, shuffle=True, drop_last=True)
                return DataLoader(eval_set, batch_size=32, drop_last=False)

            train_loader = DataLoader(train_dataset, batch_size=64, shuffle=True, drop_last=True)
        """, note="drop_last tied to the split, or only on training data"),
        valid("""
            from torch.utils.data import DataLoader

            def make_loader(dataset, batch_size):
                return DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True)
        """, note="a loader helper that never tells the splits apart"),
        invalid({
            "tsf/data_factory.py": '''
                from torch.utils.data import DataLoader

                def make_loader(dataset, batch_size, shuffle=False):
                    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, drop_last=True)  # expect: DATA050
            ''',
            "tsf/exp.py": '''
                from tsf.data_factory import make_loader

                class Experiment:
                    def test(self, model, test_set):
                        test_loader = make_loader(test_set, self.args.batch_size)
                        return [model(x) for x, _ in test_loader]
            ''',
        }, note="across modules: a loader helper with drop_last=True for whatever it is given, handed the test set "
                "by a method of another module"),
        valid({
            "tsf/data_factory.py": '''
                from torch.utils.data import DataLoader

                def make_loader(dataset, batch_size, shuffle=False):
                    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, drop_last=True)
            ''',
            "tsf/exp.py": '''
                from tsf.data_factory import make_loader

                class Experiment:
                    def train(self, model, train_set):
                        train_loader = make_loader(train_set, self.args.batch_size, shuffle=True)
                        return [model(x) for x, _ in train_loader]
            ''',
        }, note="near miss: the same helper, only ever given the training set"),
        valid("""
            from torch.utils.data import DataLoader

            def data_provider(args, flag):
                if flag == 'test':
                    shuffle_flag, drop_last = False, True
                    batch_size = 1  # one window per batch when testing
                else:
                    shuffle_flag, drop_last = True, True
                    batch_size = args.batch_size
                data_set = Data(args.root_path, flag=flag)
                return DataLoader(data_set, batch_size=batch_size, shuffle=shuffle_flag, drop_last=drop_last)

            test_loader = DataLoader(test_set, batch_size=1, drop_last=True)
        """, note="a guard another setting makes harmless: with batches of one item nothing is dropped"),
        valid({
            "configs/training.py": '''
                from dataclasses import dataclass

                @dataclass
                class train_config:
                    batch_size_training: int = 4
                    val_batch_size: int = 1
            ''',
            "finetuning.py": '''
                import torch
                from configs.training import train_config

                eval_dataloader = torch.utils.data.DataLoader(dataset_val, batch_size=train_config.val_batch_size,
                                                              drop_last=True)
            ''',
        }, note="the evaluation batch size is a config field whose default is 1"),
        invalid({
            "configs/training.py": '''
                from dataclasses import dataclass

                @dataclass
                class train_config:
                    batch_size_training: int = 4
                    val_batch_size: int = 16
            ''',
            "finetuning.py": '''
                import torch
                from configs.training import train_config

                eval_dataloader = torch.utils.data.DataLoader(dataset_val, batch_size=train_config.val_batch_size,  # expect: DATA050
                                                              drop_last=True)
            ''',
        }, note="near miss: the same config field with a default of 16 drops up to 15 validation items"),
        invalid({"forecast.ipynb": notebook(
            """
            from torch.utils.data import DataLoader

            def loader_for(ds, bs):
                return DataLoader(ds, batch_size=bs, drop_last=True)  # expect: DATA050
            """,
            """
            val_loader = loader_for(val_ds, 256)
            val_mse = evaluate(model, val_loader)
            """,
        )}, note="notebook: the helper in one cell, the validation split loaded through it in the next"),
        valid({"forecast.ipynb": notebook(
            """
            from torch.utils.data import DataLoader

            def loader_for(ds, bs, drop_last=False):
                return DataLoader(ds, batch_size=bs, drop_last=drop_last)
            """,
            """
            val_loader = loader_for(val_ds, 256)
            val_mse = evaluate(model, val_loader)
            """,
        )}, note="near miss: the helper keeps the last batch unless told"),
        valid({
            "data/rooms.py": '''
                import numpy as np
                from torch.utils.data import Dataset

                class RoomCrops(Dataset):
                    def __init__(self, split, n_points):
                        self.rooms = load_rooms(split)
                        self.n_points = n_points

                    def __getitem__(self, idx):
                        pts = self.rooms[idx % len(self.rooms)]
                        centre = pts[np.random.choice(len(pts))][:3]
                        return crop_around(pts, centre, self.n_points)

                    def __len__(self):
                        return 10 * len(self.rooms)
            ''',
            "fit.py": '''
                import torch
                from data.rooms import RoomCrops

                def main(args):
                    eval_set = RoomCrops(split="test", n_points=args.n_points)
                    eval_loader = torch.utils.data.DataLoader(eval_set, batch_size=args.bs, drop_last=True)
                    for pts, labels in eval_loader:
                        log_miou(model(pts), labels)
            ''',
        }, note="held-out set 31: every item of the test set is a fresh random crop (drawn in `__getitem__`): the last partial batch drops random draws, not fixed test items"),
        invalid({
            "data/rooms.py": '''
                import numpy as np
                from torch.utils.data import Dataset

                class RoomCrops(Dataset):
                    def __init__(self, split, n_points):
                        self.rooms = load_rooms(split)
                        self.n_points = n_points

                    def __getitem__(self, idx):
                        pts = self.rooms[idx % len(self.rooms)]
                        centre = pts.mean(axis=0)[:3]
                        return crop_around(pts, centre, self.n_points)

                    def __len__(self):
                        return 10 * len(self.rooms)
            ''',
            "fit.py": '''
                import torch
                from data.rooms import RoomCrops

                def main(args):
                    eval_set = RoomCrops(split="test", n_points=args.n_points)
                    eval_loader = torch.utils.data.DataLoader(eval_set, batch_size=args.bs, drop_last=True)  # expect: DATA050
                    for pts, labels in eval_loader:
                        log_miou(model(pts), labels)
            ''',
        }, note="near miss: the same dataset cropping around a fixed centre: the dropped items are fixed test items"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._functions: list[_Function] = []
        self._blocks: list[int] = []
        self._train_blocks: set[int] = set()
        self._helpers: dict[str, dict] = {}  # function -> its dataset parameter and the drop_last=True it loads with
        self._handed: list[dict] = []  # calls handing an evaluation split to a function of the repo
        self._eval_blocks: set[int] = set()
        self._sized: list[dict] = []  # findings whose batch size is a setting (`cfg.val_batch_size`)
        self._ones: list[str] = []  # batch-size settings this file defaults to 1
        # Monitoring (set 23): a validation loader handed only to functions of this file that return nothing
        # (`evaluate(..., val_loader, writer)` writing a loss curve): (node, code, loader name) waiting for them.
        self._watched: list[tuple[cst.CSTNode, str, tuple[int, str]]] = []
        self._silent: dict[str, bool] = {}  # function of this file -> it returns no value
        self._given: dict[tuple[int, str], set[str]] = {}  # (scope, name) -> the functions it is handed to
        self._used: set[tuple[int, str]] = set()  # (scope, name) iterated where it was built
        self._sized_names: list[tuple[int, str] | None] = []  # the loader name of each `_sized` entry
        self._matching: dict[re.Pattern, list[int]] = {}  # pattern -> the lines of the text it matches in
        # Datasets whose items are random draws (set 31): the class a finding's dataset is built from, and the
        # classes of this file whose `__getitem__` draws (a random crop of a room each time).
        self._built_from: dict[int, str] = {}  # id(source) -> dataset class
        self._deferred: list[dict] = []
        self._random_items: set[str] = set()
        self._classes: list[str] = []
        self._getitem: str | None = None

    def _statement_matches(self, node: cst.CSTNode, pattern: re.Pattern) -> bool:
        """Whether the source lines of the statement around `node` (`FileContext.statement_source`) hold
        a match of `pattern`, which never spans a line; True when they are unknown. The lines matching are
        found once per file: a search of each call's statement cost a tenth of the file phase on calls
        nested in one long statement (issue 12)."""
        span = self.ctx.statement_lines.span(node, self.ctx.parents) if self.ctx.module is not None else None
        if span is None:
            return True
        lines = self._matching.get(pattern)
        if lines is None:
            lines = self._matching[pattern] = [n for n, line in enumerate(self.ctx.lines, 1) if pattern.search(line)]
        at = bisect.bisect_left(lines, span[0])
        return at < len(lines) and lines[at] <= span[1]

    def _report(self, node: cst.CSTNode, code: str) -> None:
        """Report, or leave to the repository phase a loader whose dataset class may draw its items."""
        cls = self._built_from.get(id(node))
        if cls is None:
            self.report(node, code=code)
        else:
            self._deferred.append({"line": self.ctx.line_of(node), "code": code, "class": cls})

    def finish(self) -> None:
        for node, code, name in self._watched:
            if not self._monitored(name):
                self._report(node, code=code)
        self._sized = [sized for sized, name in zip(self._sized, self._sized_names) if not (name and self._monitored(name))]
        if self._helpers or self._handed or self._sized or self._ones or self._deferred or self._random_items:
            self.ctx.facts[self.code] = {"helpers": dict(list(self._helpers.items())[:50]), "handed": self._handed[:50],
                                         "sized": self._sized[:50], "ones": sorted(set(self._ones))[:50],
                                         "deferred": self._deferred[:50], "random": sorted(self._random_items)[:50]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """A loader helper that never tells the splits apart (`make_loader(dataset)` with drop_last=True),
        called with an evaluation split by this module, a notebook cell or another module."""
        helpers = {(path, name): h for path, facts in repo.facts(cls.code) for name, h in facts.get("helpers", {}).items()}
        reported = set()
        ones = {name for _, facts in repo.facts(cls.code) for name in facts.get("ones", [])}
        drawn = {name for _, facts in repo.facts(cls.code) for name in facts.get("random", [])}
        for path, facts in repo.facts(cls.code):
            for deferred in facts.get("deferred", []):
                if deferred["class"] not in drawn:  # items drawn at random in `__getitem__`: no fixed test item lost
                    repo.report(cls, path, deferred["line"], code=deferred["code"])
        for path, facts in repo.facts(cls.code):
            for sized in facts.get("sized", []):
                if sized["setting"] not in ones and sized.get("class") not in drawn:
                    repo.report(cls, path, sized["line"], code=sized["code"])
        for path, facts in repo.facts(cls.code):
            for call in facts.get("handed", []):
                defined = locate_defined(repo, call["callee"], path, call["module"])
                helper = helpers.get(defined)  # type: ignore[arg-type]
                if helper is None or defined in reported or not (
                        helper["index"] in call["positions"] or helper["param"] in call["keywords"]):
                    continue
                reported.add(defined)
                repo.report(cls, defined[0], helper["line"], code=helper["code"],  # type: ignore[index]
                            related=[Location(path, call["line"], f"`{call['split']}` loaded through it here")])

    def _remember_handed(self, node: cst.Call, name: str) -> None:
        """`test_loader = make_loader(test_set, 64)`: an evaluation split handed to a function."""
        if not name or "()" in name or not node.args:
            return  # asked first: the arguments' code is generated only for a call this can record (issue 12)
        if not self._statement_matches(node, _EVAL_PART):
            return  # no argument's code can name an evaluation split: none generated (issue 12)
        positions = [i for i, a in enumerate(node.args) if a.keyword is None and _eval_named(self.ctx.code(a.value))]
        keywords = [a.keyword.value for a in node.args if a.keyword is not None and _eval_named(self.ctx.code(a.value))]
        if (positions or keywords) and name and "()" not in name:
            split = next(self.ctx.code(a.value) for a in node.args if _eval_named(self.ctx.code(a.value)))
            self._handed.append({"callee": name, "module": self.ctx.names.module_name, "positions": positions,
                                 "keywords": keywords, "line": self.ctx.line_here(node), "split": split[:40]})

    def _batch_of_one(self, loader: cst.Call, blocks: tuple[int, ...]) -> bool:
        """`batch_size=1`, or a name set to 1 in the branch that set `drop_last` (`if flag == 'test':
        drop_last = True; batch_size = 1`): batches of one item leave no incomplete batch to drop; nor
        does one batch of the whole set (`batch_size=len(test_data)`)."""
        size = next((a.value for a in loader.args if a.keyword and a.keyword.value == "batch_size"), None)
        if _one(size):
            return True
        data = loader.args[0].value if loader.args and loader.args[0].keyword is None else None
        if isinstance(size, cst.Call) and isinstance(size.func, cst.Name) and size.func.value == "len" and size.args \
                and data is not None and self.ctx.code(size.args[0].value) == self.ctx.code(data):
            return True  # `DataLoader(test_data, batch_size=len(test_data))`: one batch, the whole set
        if not isinstance(size, cst.Name) or not self._functions:
            return False
        assigned = self._functions[-1].assigned.get(size.value, [])
        same = [value for b, _, _, _, value in assigned if b == blocks]
        here = tuple(self._blocks)
        reaching = [value for b, _, _, _, value in assigned if here[:len(b)] == b]
        value = same[-1] if same else (reaching[-1] if reaching else None)
        return _one(value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        """`val_batch_size: int = 1` in a config class: a batch-size setting whose default is one."""
        if _one(node.value) and isinstance(node.target, cst.Name) and "batch" in node.target.value.lower():
            self._ones.append(node.target.value)

    def visit_Arg(self, node: cst.Arg) -> None:
        """`parser.add_argument('--val_batch_size', type=int, default=1)`."""
        if node.keyword is not None and node.keyword.value == "default" and _one(node.value):
            call = self.ctx.parents[-1] if self.ctx.parents else None
            if isinstance(call, cst.Call) and call.args and isinstance(call.args[0].value, cst.SimpleString):
                flag = call.args[0].value.evaluated_value
                if isinstance(flag, str) and "batch" in flag.lower():
                    self._ones.append(flag.lstrip("-").replace("-", "_"))

    def _dataset_class(self, dataset: cst.BaseExpression | None) -> str | None:
        """`RoomCrops` of `eval_set` in `eval_set = RoomCrops(split="test")` (or of the call itself)."""
        if isinstance(dataset, cst.Name) and self._functions:
            assigned = self._functions[-1].assigned.get(dataset.value, [])
            dataset = assigned[-1][4] if assigned else None
        if isinstance(dataset, cst.Call):
            func = dataset.func
            return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else None
        return None

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._classes.append(node.name.value)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._classes.pop()

    def _drop_last_text(self) -> bool:
        """`"drop_last" in` the file's text, searched once per file, not at every function (issue 12)."""
        known = self.__dict__.get("_drop_last")
        if known is None:
            known = self._drop_last = "drop_last" in self.ctx.text
        return known

    # -- where we are -------------------------------------------------------------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if node.name.value == "__getitem__" and self._classes and "random" in self.ctx.text:
            self._getitem = self._classes[-1]
        self._functions.append(_Function())
        if self._drop_last_text():
            self._silent[node.name.value] = not any(isinstance(n, cst.Return) and n.value is not None
                                                    for n in iter_nodes(node.body))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        if original_node.name.value == "__getitem__":
            self._getitem = None
        function = self._functions.pop()
        if function.evaluates:
            for node, code in function.pending:
                self.report(node, code=code)

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._blocks.append(id(node))

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock) -> None:
        self._blocks.pop()

    def visit_If(self, node: cst.If) -> None:
        # The test's code is generated only when the statement's lines name training: the test is a
        # part of them, between `if` and `:` (no letter beside it), so a test naming it makes them name it.
        if self._statement_matches(node, _TRAIN):
            test = self.ctx.code(node.test)
            if _TRAIN.search(test) and not _EVAL.search(test):
                self._train_blocks.add(id(node.body))
        if _selects_eval_split(node.test):
            self._eval_blocks.add(id(node.body))

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if not self._functions:
            return
        operands = [node.left] + [c.comparator for c in node.comparisons]
        for operand in operands:
            for string in _strings(operand):
                if _EVAL.fullmatch(string.strip()):
                    self._functions[-1].evaluates = True

    def visit_Assign(self, node: cst.Assign) -> None:
        if not self._functions:
            return
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self._functions[-1].assigned.setdefault(target.target.value, []).append(
                    (tuple(self._blocks), node, _true(node.value), self._in_eval_branch(), node.value))
            elif isinstance(target.target, cst.Tuple) and isinstance(node.value, cst.Tuple):
                # `shuffle, drop_last = False, True`: each name gets its element
                names, values = target.target.elements, node.value.elements
                if len(names) == len(values):
                    for name, value in zip(names, values):
                        if isinstance(name.value, cst.Name):
                            self._functions[-1].assigned.setdefault(name.value.value, []).append(
                                (tuple(self._blocks), node, _true(value.value), self._in_eval_branch(), value.value))

    def _monitored(self, name: tuple[int, str]) -> bool:
        """Handed, where it was built, only to functions of this file that return nothing (a loss curve written)."""
        callees = self._given.get(name, set())
        return bool(callees) and name not in self._used and all(self._silent.get(c, False) for c in callees)

    def _scoped(self, name: str) -> tuple[int, str]:
        return id(self.ctx.names.function), name

    def _loader_name(self) -> str | None:
        """`val_loader` in `val_loader = DataLoader(...)`."""
        line = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(line, cst.Assign) and len(line.targets) == 1 and isinstance(line.targets[0].target, cst.Name):
            return line.targets[0].target.value
        return None

    def visit_For(self, node: cst.For) -> None:
        """`for batch in val_loader:` in the function that built it: the loader is evaluated here, not handed on."""
        if (self._watched or any(self._sized_names)) and isinstance(node.iter, cst.Name):
            self._used.add(self._scoped(node.iter.value))

    def _in_eval_branch(self) -> bool:
        return any(block in self._eval_blocks for block in self._blocks)

    # -- the loader -----------------------------------------------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        name = self.qualified_name(node.func) or ""
        if self._getitem and name.startswith(_DRAWS) and not any(
                isinstance(p, cst.If) and _AUGMENTS.search(self.ctx.code(p.test)) for p in self.ctx.parents):
            self._random_items.add(self._getitem)  # the item itself is a random draw, not only augmented in training
        if not name.endswith(_LOADERS):
            self._remember_handed(node, name)
            if (self._watched or any(self._sized_names)) and isinstance(node.func, cst.Name):
                for arg in node.args:
                    if isinstance(arg.value, cst.Name):
                        self._given.setdefault(self._scoped(arg.value.value), set()).add(node.func.value)
            return
        if any(b in self._train_blocks for b in self._blocks):
            return
        drop = next((a.value for a in node.args if a.keyword and a.keyword.value == "drop_last"), None)
        if drop is None:
            return
        dataset = next((a.value for a in node.args if a.keyword is None or a.keyword.value == "dataset"), None)
        dataset_text = self.ctx.code(dataset) if dataset is not None else ""
        if _TRAIN.search(dataset_text):
            return
        source: cst.CSTNode | None = node if _true(drop) else None
        if source is None and isinstance(drop, cst.Name) and self._functions:
            here = tuple(self._blocks)
            assigned = self._functions[-1].assigned.get(drop.value, [])
            reaching = [i for i, (blocks, *_) in enumerate(assigned) if here[:len(blocks)] == blocks]
            if reaching and assigned[reaching[-1]][2]:
                source = assigned[reaching[-1]][1]
            else:
                # set to True in the branch that builds the evaluation split's loader, not overwritten after
                after = reaching[-1] + 1 if reaching else 0
                in_eval = [(node_, blocks) for blocks, node_, is_true, eval_branch, _ in assigned[after:]
                           if is_true and eval_branch and here[:len(blocks)] != blocks]
                if in_eval:
                    if not self._batch_of_one(node, in_eval[0][1]):
                        self.report(in_eval[0][0], code=" ".join(self.ctx.code(in_eval[0][0]).split()))
                    return
        if source is None or self._batch_of_one(node, tuple(self._blocks)):
            return
        code = " ".join(self.ctx.code(source).split()) if source is not node else "drop_last=True"
        setting = _batch_setting(node)
        target = self._loader_name() if _EVAL.search(dataset_text) and not _TEST_WORDS.search(dataset_text) else None
        if _EVAL.search(dataset_text) and setting:
            # `batch_size=cfg.val_batch_size`: a config field whose default is 1 drops nothing (repo phase)
            self._sized.append({"line": self.ctx.line_of(source), "code": code, "setting": setting,
                                "class": self._dataset_class(dataset)})
            self._sized_names.append(self._scoped(target) if target else None)
            return
        function_node = self.ctx.names.function
        if isinstance(dataset, cst.Name) and isinstance(function_node, cst.FunctionDef) and not self._functions[-1].evaluates:
            params = [p.name.value for p in function_node.params.params]
            if dataset.value in params:  # a helper that loads whatever it is given: its callers say which split
                self._helpers[function_node.name.value] = {"param": dataset.value, "index": params.index(dataset.value),
                                                           "line": self.ctx.line_of(source), "code": code}
        if _EVAL.search(dataset_text):
            built = self._dataset_class(dataset)
            if built:
                self._built_from[id(source)] = built
            if target:
                self._watched.append((source, code, self._scoped(target)))  # validation: reported unless only monitored
            else:
                self._report(source, code=code)
        elif self._functions:
            function = self._functions[-1]
            if all(pending is not source for pending, _ in function.pending):
                function.pending.append((source, code))


def _batch_setting(loader: cst.Call) -> str | None:
    """`batch_size=train_config.val_batch_size` -> `val_batch_size`: a batch size read from a setting."""
    size = next((a.value for a in loader.args if a.keyword and a.keyword.value == "batch_size"), None)
    return size.attr.value if isinstance(size, cst.Attribute) else None


def _eval_named(text: str) -> bool:
    return bool(_EVAL.search(text)) and not _TRAIN.search(text) and len(text) < 60


def _selects_eval_split(test: cst.BaseExpression) -> bool:
    """`flag == 'test'`, `split in ('val', 'test')`: a comparison that is true for an evaluation split only."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    comparison = test.comparisons[0]
    if not isinstance(comparison.operator, (cst.Equal, cst.In)):
        return False
    strings = _strings(test.left) + _strings(comparison.comparator)
    return bool(strings) and all(_EVAL.fullmatch(s.strip()) for s in strings)


def _strings(expr: cst.BaseExpression) -> list[str]:
    found: list[str] = []
    if isinstance(expr, cst.SimpleString):
        value = expr.evaluated_value
        if isinstance(value, str):
            found.append(value)
    elif isinstance(expr, (cst.Tuple, cst.List, cst.Set)):
        for element in expr.elements:
            found.extend(_strings(element.value))
    return found
