"""EVAL024: a validation or test set built by the very expression that built the training set."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes

TRAIN_WORDS = frozenset({"train", "training", "tr", "trn"})
EVAL_WORDS = frozenset({"val", "valid", "validation", "dev", "test", "testing", "eval", "evaluation", "te",
                        "holdout", "heldout"})
# What the name holds is data (a set, its features, its loader), not a metric, a transform or a list to fill.
DATA_WORDS = frozenset("""
set sets ds dataset datasets data x y xs ys df frame split subset loader loaders dl gen generator iter
features feats inputs samples examples batches seqs sequences texts images imgs docs rows idx indices ids
pairs tokens encodings windows targets labels
""".split())


class EvalSetBuiltLikeTrain(Rule):
    """
    ## What it does
    Finds a validation or test set (`valid_set`, `X_test`, `dev_loader`) assigned the same
    expression, character for character (a loader's batching keywords, `batch_size=`, `shuffle=`,
    `num_workers=`, left out), as the training set assigned before it in the same
    function, script or notebook (`to_dataset(encoded[:1_000_000])` twice), when nothing the
    expression reads is rebound between the two and neither name is assigned again. The two names
    must differ only in the word for the split (`stateful_train_set` / `stateful_valid_set`), and the
    expression must read data (a slice, a call on a variable); empty lists, constructors without
    arguments and metric objects are not sets. A name that is not a data word (`test_fraction`,
    `test_results`) counts when the expression is plainly rows: a slice of a variable
    (`order[:cut]`), or a call given a training-named variable (`aggregate(train_scores)`).
    A set built as a subset of the training rows is found too: the training expression or the
    training set's name narrowed by `.select(range(n))`, `[:n]`, `.take`, `.head`, `.shuffle(...)`
    (`eval_ds = parts["train"].select(range(500))` beside `train_ds = parts["train"]`), unless the
    training set is narrowed to the other rows afterwards. A Lightning data module whose `test_dataloader`
    (or `val_dataloader`) serves the set `train_dataloader` serves, while a test (validation) set the class
    keeps is served by no loader, is the same copy-paste. Unpackings count when every name holds
    one split (`X_test, labels_test, list_ch_test = read_data(path, split="train")` after the same
    call for `X_train, labels_train, list_ch_train`), a loader asked for a split by a literal reads
    data, and a later rebinding of the sets to a function of themselves (`X_train, X_test =
    standardize(X_train, X_test)`) keeps their rows.

    ## Why is this bad?
    A copy-pasted line whose slice was never edited makes the validation or test set the training
    set: validation accuracy, early stopping, checkpoint selection and the reported test score all
    measure how well the model remembers its training rows, and the numbers look excellent.

    ## Example
        train_set = to_windows(encoded[:1_000_000], length)
        valid_set = to_windows(encoded[:1_000_000], length)

    Use instead:
        train_set = to_windows(encoded[:1_000_000], length)
        valid_set = to_windows(encoded[1_000_000:1_060_000], length)
    """

    code = "EVAL024"
    category = "EVAL-TRAIN"
    severity = Severity.ERROR
    message = ("`{target}` is built {how} `{train}` ({train_where}), `{code}`: "
               "its rows are the training rows, so what it measures is the training fit")
    question = "Should `{target}` at {where} be built from other rows than `{train}`?"
    examples = [
        invalid("""
            import lightning as L
            from torch.utils.data import DataLoader
            from torchvision.datasets import ImageFolder

            class Leaves(L.LightningDataModule):
                def setup(self, stage=None):
                    self.train_ds = ImageFolder("data/train")
                    self.test_ds = ImageFolder("data/test")

                def train_dataloader(self):
                    return DataLoader(self.train_ds, batch_size=32, shuffle=True)

                def test_dataloader(self):
                    return DataLoader(self.train_ds, batch_size=32)  # expect: EVAL024
        """, note="probe 13: the test loader copied from the training loader serves the training set; the test set is served by no loader"),
        valid("""
            import lightning as L
            from torch.utils.data import DataLoader
            from torchvision.datasets import ImageFolder

            class Leaves(L.LightningDataModule):
                def setup(self, stage=None):
                    self.train_ds = ImageFolder("data/train")
                    self.test_ds = ImageFolder("data/test")

                def train_dataloader(self):
                    return DataLoader(self.train_ds, batch_size=32, shuffle=True)

                def test_dataloader(self):
                    return DataLoader(self.test_ds, batch_size=32)
        """, note="near miss: each loader serves its own set"),
        valid("""
            import numpy as np
            from torch.utils.data import DataLoader, Subset
            from torchvision import datasets

            def get_train_valid_loader(transform, val_size=0.1, val_seed=1):
                train_dataset = datasets.SVHN(root="./data", split="train", download=True, transform=transform)
                valid_dataset = datasets.SVHN(root="./data", split="train", download=True, transform=transform)
                indices = list(range(len(train_dataset)))
                split = int(np.floor(val_size * len(indices)))
                np.random.seed(val_seed)
                np.random.shuffle(indices)
                train_idx, valid_idx = indices[split:], indices[:split]
                train_loader = DataLoader(Subset(train_dataset, train_idx), batch_size=128, shuffle=True)
                valid_loader = DataLoader(Subset(valid_dataset, valid_idx), batch_size=128)
                return train_loader, valid_loader
        """, note="the training split built twice and cut by disjoint indices (Subset, SubsetRandomSampler): "
                  "the usual way to hold out validation rows (a corpus repository's loader)"),
        invalid({
            "lm/__init__.py": "",
            "lm/windows.py": """
                def to_windows(seq, length):
                    return [seq[i:i + length] for i in range(0, len(seq), length)]
            """,
            "lm/prepare.py": """
                import numpy as np
                from .windows import to_windows

                encoded = np.load("data/tokens.npy")
                cut = int(0.9 * len(encoded))
                train_set = to_windows(encoded[:cut], 256)
                valid_set = to_windows(encoded[:cut], 256)  # expect: EVAL024
            """,
        }, note="across modules: the windowing helper imported; the validation windows cut from the training range"),
        valid({
            "lm/__init__.py": "",
            "lm/windows.py": """
                def to_windows(seq, length):
                    return [seq[i:i + length] for i in range(0, len(seq), length)]
            """,
            "lm/prepare.py": """
                import numpy as np
                from .windows import to_windows

                encoded = np.load("data/tokens.npy")
                cut = int(0.9 * len(encoded))
                train_set = to_windows(encoded[:cut], 256)
                valid_set = to_windows(encoded[cut:], 256)
            """,
        }, note="near miss of the same layout: the validation windows come after the cut"),
        invalid({"loaders.ipynb": notebook(
            """
            from datasets import load_dataset
            from torch.utils.data import DataLoader
            ds = load_dataset("ag_news")
            """,
            """
            train_loader = DataLoader(ds["train"], batch_size=64, shuffle=True)
            """,
            """
            test_loader = DataLoader(ds["train"], batch_size=256)  # expect: EVAL024
            """,
        )}, note="notebook: the test loader's cell copies the training loader's split key"),
        valid({"loaders.ipynb": notebook(
            """
            from datasets import load_dataset
            from torch.utils.data import DataLoader
            ds = load_dataset("ag_news")
            """,
            """
            train_loader = DataLoader(ds["train"], batch_size=64, shuffle=True)
            """,
            """
            test_loader = DataLoader(ds["test"], batch_size=256)
            """,
        )}, note="near miss: the same cells with the test split"),
        invalid("""
            def to_windows(seq, length):
                return [seq[i:i + length] for i in range(0, len(seq), length)]

            train_set = to_windows(encoded[:1_000_000], length)
            valid_set = to_windows(encoded[:1_000_000], length)  # expect: EVAL024
            test_set = to_windows(encoded[1_060_000:], length)
        """),
        invalid("""
            from torch.utils.data import DataLoader

            def make_loaders(ds, batch_size):
                train_loader = DataLoader(ds["train"], batch_size=batch_size)
                test_loader = DataLoader(ds["train"], batch_size=batch_size)  # expect: EVAL024
                return train_loader, test_loader
        """, note="inside a function, the split key copied"),
        invalid("""
            X_tr = features[idx[:800]]
            X_te = features[idx[:800]]  # expect: EVAL024
        """, note="abbreviated split words"),
        invalid("""
            def split_positions(frame, share):
                order = numpy.random.RandomState(0).permutation(len(frame))
                cut = int(len(frame) * share)
                train_fraction = order[:cut]
                test_fraction = order[:cut]  # expect: EVAL024
                return frame.iloc[train_fraction], frame.iloc[test_fraction]
        """, note="positions of a split under a name that is not a data word: the slice says they are rows"),
        invalid("""
            def summarise(train_scores, test_scores, formats):
                train_results = aggregate(train_scores, formats)
                test_results = aggregate(train_scores, formats)  # expect: EVAL024
                return train_results, test_results
        """, note="a result of the training scores under the test name: the split word left unedited in the copy"),
        valid("""
            def summarise(train_scores, test_scores, formats):
                train_results = aggregate(train_scores, formats)
                test_results = aggregate(test_scores, formats)
                return train_results, test_results
        """, note="near miss: each result from its own scores"),
        valid("""
            train_ratio = cfg["ratio"]
            test_ratio = cfg["ratio"]
            train_fraction = order[:cut]
            test_fraction = order[cut:]
        """, note="near miss: a setting read twice is not rows; the slice was edited"),
        valid("""
            train_set = to_windows(encoded[:1_000_000], length)
            valid_set = to_windows(encoded[1_000_000:1_060_000], length)
        """, note="the slice was edited"),
        invalid("""
            from datasets import load_dataset
            from setfit import SetFitModel, Trainer
            parts = load_dataset("SetFit/emotion")["train"].train_test_split(test_size=0.1, seed=1)
            train_ds = parts["train"]
            eval_ds = parts["train"].shuffle(seed=1).select(range(500))  # expect: EVAL024
            trainer = Trainer(model=SetFitModel.from_pretrained("BAAI/bge-small-en-v1.5"),
                              train_dataset=train_ds, eval_dataset=eval_ds)
        """, note="probe 6: the evaluation rows are a slice of the training split (the held-out part is unused)"),
        invalid("""
            train_rows = corpus["train"]
            dev_rows = train_rows[:2000]  # expect: EVAL024
        """, note="a slice of the training set itself"),
        valid("""
            from datasets import load_dataset
            from setfit import SetFitModel, Trainer
            parts = load_dataset("SetFit/emotion")["train"].train_test_split(test_size=0.1, seed=1)
            train_ds = parts["train"]
            eval_ds = parts["test"].select(range(500))
            trainer = Trainer(model=SetFitModel.from_pretrained("BAAI/bge-small-en-v1.5"),
                              train_dataset=train_ds, eval_dataset=eval_ds)
        """, note="the twin: a slice of the held-out part"),
        valid("""
            train_rows = corpus["train"]
            dev_rows = train_rows[:2000]
            train_rows = train_rows[2000:]
        """, note="near miss: the training set is narrowed to the other rows afterwards"),
        valid("""
            rows = load("train")
            train_loader = DataLoader(rows, batch_size=32)
            rows = load("validation")
            val_loader = DataLoader(rows, batch_size=32)
        """, note="what the expression reads is rebound between"),
        valid("""
            train_losses = []
            val_losses = []
            train_acc = Accuracy(num_classes=n)
            val_acc = Accuracy(num_classes=n)
            train_transform = transforms.Compose([transforms.ToTensor()])
            test_transform = transforms.Compose([transforms.ToTensor()])
        """, note="lists to fill, metric objects, transforms"),
        valid("""
            import collections
            import numpy as np
            train_examples = collections.defaultdict(list)
            test_examples = collections.defaultdict(list)
            train_mask = np.zeros_like(labels)
            test_mask = np.zeros_like(labels)
        """, note="near miss: containers made to be filled (given `list` or an array for its shape) hold no rows yet"),
        valid("""
            train_df = df.copy()
            test_df = df.copy()
            train_df = train_df[train_df.year < 2020]
            test_df = test_df[test_df.year >= 2020]
        """, note="copies narrowed afterwards"),
        invalid({"har.ipynb": notebook(
            """
            from sensors import read_windows
            X_train, labels_train, channels_train = read_windows("data/", split="train")
            X_valid, labels_valid, channels_valid = read_windows("data/", split="train")  # expect: EVAL024
            assert channels_train == channels_valid
            """,
            """
            X_train, X_valid = standardize(X_train, X_valid)
            """,
            """
            model.fit(X_train, labels_train, validation_data=(X_valid, labels_valid))
            """,
        )}, note="held-out 7 (a notebook's test set read with the training split): unpackings whose names all "
                 "hold one split, the split word left unedited in the copied call"),
        valid({"har.ipynb": notebook(
            """
            from sensors import read_windows
            X_train, labels_train, channels_train = read_windows("data/", split="train")
            X_valid, labels_valid, channels_valid = read_windows("data/", split="valid")
            assert channels_train == channels_valid
            """,
            """
            model.fit(X_train, labels_train, validation_data=(X_valid, labels_valid))
            """,
        )}, note="the twin: the validation unpacking reads its own split"),
        valid("""
            X_train, X_test = train_test_split(X, test_size=0.2, random_state=0)
            y_train, y_test = train_test_split(y, test_size=0.2, random_state=0)
            train_count, train_share = tally(rows, "train")
            test_count, test_share = tally(rows, "train")
        """, note="near miss: unpackings that bind both splits at once, and unpackings of which no name is a "
                  "data word (counts, shares: a setting or a statistic read twice), are no set built like another"),
        valid("""
            for split in ["train", "test"]:
                train_x = load(split)
            train_data = sample(pool, 100)
            test_data = sample(pool, 100)
        """, note="a random draw, not the same rows"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._bodies: dict[int, tuple[cst.CSTNode, list[tuple[int, str, str, cst.Assign]]]] = {}

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """A data module whose `test_dataloader` (or `val_dataloader`) serves the dataset `train_dataloader`
        serves (`DataLoader(self.train_ds, ...)` copied from the training loader) while the class also
        keeps a test (validation) set that no loader serves: Lightning's `trainer.test` then measures the
        training fit."""
        if not isinstance(node.body, cst.IndentedBlock):
            return
        methods = {f.name.value: f for f in node.body.body if isinstance(f, cst.FunctionDef)}
        train = _served(methods.get("train_dataloader"))
        if train is None:
            return
        kept = _kept_sets(node)
        served = {name for m in ("val_dataloader", "test_dataloader", "predict_dataloader")
                  if (got := _served(methods.get(m))) is not None for name in [got[0]]}
        for method, words in (("test_dataloader", {"test", "testing", "te", "holdout"}),
                              ("val_dataloader", {"val", "valid", "validation", "dev"})):
            got = _served(methods.get(method))
            if got is None or got[0] != train[0]:
                continue
            own = sorted(k for k in kept if set(name_tokens(k)) & words and k not in served)
            if own:
                self.report(got[1], target=f"{node.name.value}.{method}()", how="from the same set as",
                            train=f"self.{train[0]}", train_where=f"served by `train_dataloader` at line "
                            f"{self.ctx.line_of(train[1])}", code=f"self.{got[0]}, while `self.{own[0]}` is served by no loader")

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        names = _target_names(node.targets[0].target)
        if names is None:
            return
        # The names first: most assigned names hold no split's data, and `_reads_data` walks the value (issue 12).
        if _roles(names) is None and (_roles(names, any_words=True) is None or not _plainly_rows(node.value)):
            return
        if not _reads_data(node.value, allow_draws=True):
            return
        parents = self.ctx.parents
        if len(parents) < 2 or not isinstance(parents[-1], cst.SimpleStatementLine):
            return
        body = parents[-2]
        if not isinstance(body, (cst.Module, cst.IndentedBlock)):
            return
        index = next((i for i, stmt in enumerate(body.body) if stmt is parents[-1]), None)
        if index is None:
            return
        code = " ".join(self.ctx.code(_without_batching(node.value)).split())
        self._bodies.setdefault(id(body), (body, []))[1].append((index, names, code, node))

    def finish(self) -> None:
        for body, entries in self._bodies.values():
            for position, (index, names, code, node) in enumerate(entries):
                role = _roles(names, any_words=True)
                if role[0] != "train":
                    continue
                target = ", ".join(names)
                for later_index, later_names, later_code, later_node in entries[position + 1:]:
                    later_role = _roles(later_names, any_words=True)
                    if later_role[0] != "eval" or later_role[1] != role[1]:
                        continue
                    later = ", ".join(later_names)
                    how = "by the same expression as" if later_code == code and not _DRAWS.search(code) else "as a subset of the rows of" if len(
                        names) == 1 and (later_code == target or any(_subset_of(later_code, base) for base in (code, target))) else None
                    if how is None:
                        continue
                    if _cut_by_indices(body, later_index, later_names):
                        continue  # built alike on purpose: `Subset(valid_dataset, valid_idx)` keeps other rows
                    if _rebound_between(body, index, later_index, node.value) or _assigned_again(
                            body, (*names, *later_names), (index, later_index)):
                        continue
                    shown = " ".join(self.ctx.code(later_node.value).split())
                    self.report(later_node, target=later, train=target, code=shown, how=how,
                                train_where=f"line {self.ctx.line_of(node)}",
                                related=[Location(self.ctx.path, self.ctx.line_of(node), f"`{target}` built here")])
                    break


def _target_names(target: cst.BaseExpression) -> tuple[str, ...] | None:
    """`train_set` as ("train_set",); `X_train, y_train = load(...)` as ("X_train", "y_train"): the names
    an assignment binds, when it binds plain names only."""
    if isinstance(target, cst.Name):
        return (target.value,)
    if isinstance(target, (cst.Tuple, cst.List)) and target.elements and all(
            isinstance(e.value, cst.Name) and not isinstance(e, cst.StarredElement) for e in target.elements):
        return tuple(e.value.value for e in target.elements)
    return None


def _roles(names: tuple[str, ...], any_words: bool = False) -> tuple[str, tuple] | None:
    """The split and the other words of one name (`_role`), or of an unpacking whose names all hold
    that one split (`X_test, labels_test, list_ch_test`): every name of one split, at least one of them
    a data word."""
    if len(names) == 1:
        return _role(names[0], any_words)
    roles = [_role(name, any_words=True) for name in names]
    if any(r is None for r in roles) or len({r[0] for r in roles}) != 1:
        return None
    if not any(_role(name) for name in names):
        return None if not any_words else (roles[0][0], tuple(r[1] for r in roles))
    return roles[0][0], tuple(r[1] for r in roles)


# Keywords of a loader that change how its rows are batched or ordered, not which rows it holds.
_BATCHING = frozenset({"batch_size", "shuffle", "num_workers", "pin_memory", "drop_last", "collate_fn",
                       "persistent_workers", "prefetch_factor", "worker_init_fn", "generator", "timeout"})


def _without_batching(value: cst.BaseExpression) -> cst.BaseExpression:
    """`DataLoader(ds["train"], batch_size=256)` as `DataLoader(ds["train"])`: two loaders of the same
    rows batched differently still hold the same rows."""
    if not isinstance(value, cst.Call) or not any(a.keyword and a.keyword.value in _BATCHING for a in value.args):
        return value
    kept = [a for a in value.args if not (a.keyword and a.keyword.value in _BATCHING)]
    if kept:
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return value.with_changes(args=kept)


# Row subsets: `.select(range(2000))`, `[:500]`, `.take(100)`, `.head(1000)`, `.shard(10, 0)`.
_SUBSET = re.compile(r"^(\.(select|take|head|shard|iloc|loc|shuffle)\b.*|\[[^\]]*\])$")


def _subset_of(code: str, base: str) -> bool:
    """`code` is `base` narrowed to some of its rows (`split["train"].select(range(n))`, `train_rows[:500]`)."""
    return code.startswith(base) and bool(_SUBSET.match(code[len(base):]))


def _role(name: str, any_words: bool = False) -> tuple[str, tuple[str, ...]] | None:
    """("train" or "eval", the name's other words), for names that hold data of one split (with
    `any_words`, for any name of one split: `train_fraction`, `test_results`)."""
    words = name_tokens(name)
    roles = [w for w in words if w in TRAIN_WORDS or w in EVAL_WORDS]
    if len(roles) != 1:
        return None
    rest = tuple(w for w in words if w not in roles)
    if rest and not set(rest) & DATA_WORDS and not any_words:
        return None
    return ("train" if roles[0] in TRAIN_WORDS else "eval", rest)


def _plainly_rows(value: cst.BaseExpression) -> bool:
    """The expression is rows whatever its name says: a slice of a variable (`a[:split_ix]`, the
    positions of a split), or a call given a training-named variable (`summarize(train_scores)`, the
    split word left unedited in a copied line)."""
    if (isinstance(value, cst.Subscript) and isinstance(value.value, cst.Name)
            and any(isinstance(e.slice, cst.Slice) for e in value.slice)):
        return True
    return isinstance(value, cst.Call) and any(
        isinstance(a.value, cst.Name) and (_role(a.value.value, any_words=True) or ("",))[0] == "train"
        for a in value.args)


_DRAWS = re.compile(r"\b(sample|choice|choices|shuffle|permutation|randint|rand|randn|random_split|shuffled)\b")


# Calls that make an empty (or constant) container to fill, whatever they are given: `defaultdict(list)`,
# `np.zeros_like(X)`. Two of them are two containers, not the same rows.
_CONTAINERS = frozenset({"defaultdict", "OrderedDict", "Counter", "deque", "dict", "list", "set", "zeros",
                         "zeros_like", "empty", "empty_like", "ones", "ones_like", "full", "full_like"})


def _reads_data(value: cst.BaseExpression, allow_draws: bool = False) -> bool:
    """A slice of something, or a call given a variable: not a literal, not a bare constructor, not a
    container made to be filled, not a draw (unless `allow_draws`: a draw from the training rows is
    still training rows)."""
    if not allow_draws and _DRAWS.search(cst.Module([]).code_for_node(value)):
        return False
    if isinstance(value, cst.Call):
        func = value.func
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if name in _CONTAINERS:
            return False
    for node in iter_nodes(value):
        if isinstance(node, cst.Subscript) and isinstance(node.value, (cst.Name, cst.Attribute, cst.Call)):
            return True
        if isinstance(node, cst.Call) and any(isinstance(a.value, (cst.Name, cst.Attribute, cst.Subscript))
                                              and a.keyword is None for a in node.args):
            return True
        if isinstance(node, cst.Call) and any(_split_word(a.value) for a in node.args):
            return True  # `read_data(path, split="train")`: a loader asked for one split's rows
    return False


def _split_word(value: cst.BaseExpression) -> bool:
    """A string literal that names a split: "train", "test", "validation"."""
    if not isinstance(value, cst.SimpleString):
        return False
    text = value.value.strip("\"'").lower()
    return text in TRAIN_WORDS or text in EVAL_WORDS


def _bound_names(stmt: cst.CSTNode) -> set[str]:
    names: set[str] = set()
    for node in iter_nodes(stmt):
        if isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For, cst.WithItem, cst.NamedExpr)):
            target = getattr(node, "target", None) or getattr(node, "asname", None)
            for inner in iter_nodes(target) if target is not None else ():
                if isinstance(inner, cst.Name):
                    names.add(inner.value)
    return names


def _cut_by_indices(body: cst.CSTNode, after: int, names: tuple[str, ...]) -> bool:
    """A later statement of the body takes a subset of the evaluation set by indices
    (`Subset(valid_dataset, valid_idx)`, a loader with a `SubsetRandomSampler`): the two sets were
    built alike to be cut into disjoint parts."""
    for stmt in body.body[after + 1:]:
        code = cst.Module([]).code_for_node(stmt)
        if "Subset" in code and any(re.search(rf"\b{re.escape(n)}\b", code) for n in names):
            return True
    return False


def _rebound_between(body: cst.CSTNode, first: int, second: int, value: cst.BaseExpression) -> bool:
    read = {n.value for n in iter_nodes(value) if isinstance(n, cst.Name)}
    return any(_bound_names(stmt) & read for stmt in body.body[first + 1:second])


def _assigned_again(body: cst.CSTNode, names: tuple[str, str], at: tuple[int, int]) -> bool:
    """Either name bound by another statement of the body, or changed in place (`inplace=True`)."""
    for index, stmt in enumerate(body.body):
        if index in at:
            continue
        if _bound_names(stmt) & set(names) and not _same_rows_again(stmt):
            return True
        code = cst.Module([]).code_for_node(stmt)
        if "inplace" in code and any(re.search(rf"\b{re.escape(n)}\s*\.", code) for n in names):
            return True
    return False


# Calls that keep some rows of what they are given: a rebinding through them narrows the set.
_NARROWING = re.compile(r"(?i)select|filter|sample|drop|head|tail|take|split|subset|shard|query|dedup|unique|mask|where")


def _same_rows_again(stmt: cst.CSTNode) -> bool:
    """`X_train, X_test = standardize(X_train, X_test)`, `X_test = scaler.transform(X_test)`: the names
    rebound to a function of themselves, row for row (a call given them, which is no narrowing by its
    name, and no slice or filter of them)."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1 or not isinstance(stmt.body[0], cst.Assign):
        return False
    assign = stmt.body[0]
    value = assign.value
    if not isinstance(value, cst.Call) or any(isinstance(n, cst.Subscript) for n in iter_nodes(value)):
        return False
    bound = _bound_names(stmt)
    callee = cst.Module([]).code_for_node(value.func)
    if _NARROWING.search(callee) or callee.split(".")[0] in bound:
        return False  # `X_test.sample(...)`, `select_rows(X_test, ...)`
    given = {a.value.value for a in value.args if isinstance(a.value, cst.Name)}
    return bool(bound) and bound <= given


def _served(function: cst.FunctionDef | None) -> tuple[str, cst.CSTNode] | None:
    """`return DataLoader(self.train_ds, ...)`: ("train_ds", the return statement)."""
    if function is None:
        return None
    for node in iter_nodes(function.body):
        if isinstance(node, cst.Return) and isinstance(node.value, cst.Call) and node.value.args:
            first = node.value.args[0]
            if first.keyword is None and isinstance(first.value, cst.Attribute) \
                    and isinstance(first.value.value, cst.Name) and first.value.value.value == "self":
                return first.value.attr.value, node
            return None
    return None


def _kept_sets(node: cst.ClassDef) -> set[str]:
    """Attributes of `self` the class assigns a dataset to (`self.test_ds = ImageFolder(...)`)."""
    found = set()
    for assign in iter_nodes(node):
        if isinstance(assign, cst.Assign) and isinstance(assign.value, (cst.Call, cst.Subscript)):
            for target in assign.targets:
                for n in iter_nodes(target.target):
                    if isinstance(n, cst.Attribute) and isinstance(n.value, cst.Name) and n.value.value == "self" \
                            and set(name_tokens(n.attr.value)) & DATA_WORDS:
                        found.add(n.attr.value)
    return found
