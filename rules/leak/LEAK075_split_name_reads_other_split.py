"""LEAK075: data named for training or validation loaded with a literal that names the test split, or
training data bound from data named for the test split."""
from __future__ import annotations

import ast
import re

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_nodes, module_tree, walk_list
from hygiene.discovery import is_test_path
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

# The words of a split, in a name and in a literal (`"test_*"`, `"data/test.csv"`, `split="test"`).
SPLIT_WORDS = {
    "train": "train", "training": "train", "trn": "train",
    "val": "validation", "valid": "validation", "validation": "validation", "dev": "validation",
    "test": "test", "testing": "test",
}
# A name for data, not for a transform or a setting: its words must include one of these.
DATA_WORDS = frozenset("""
data dataset datasets ds set sets loader loaders dl iter iterator files file paths path dir dirs df frame
split samples sample examples docs documents records texts items corpus list ids x y images imgs
features feats labels inputs targets annotations anns ann batches generator gen reader pairs tensors
""".split())
# Calls whose string literals are messages or formats, not what is loaded.
_TEXT_CALLS = re.compile(r"(^|\.)(print|format|join|info|debug|warning|log|write|set_description|f?string|str)$")
# Calls that train (and so select on the validation data they are given).
_TRAINING_CALL = frozenset({"train", "fit", "finetune", "trainer", "training"})
_DEBUG = re.compile(r"(?i)debug|smoke|quick|dry_?run|sanity|toy|tiny|overfit")
_MODE = re.compile(r"(?i)test|eval|predict|infer|only")


def _name_split(words: list[str]) -> str:
    """The one split a name's words give (`eval_val_loader` -> validation), or ""."""
    found = {SPLIT_WORDS[w] for w in words if w in SPLIT_WORDS}
    return found.pop() if len(found) == 1 and DATA_WORDS & set(words) else ""


def _literal_splits(value: ast.AST) -> set[str]:
    """The splits that the string literals handed to the calls of `value` name."""
    found: set[str] = set()
    for node in walk_list(value):
        if not isinstance(node, ast.Call) or _TEXT_CALLS.search(ast.unparse(node.func)):
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            for part in walk_list(arg):
                if isinstance(part, ast.Constant) and isinstance(part.value, str) and len(part.value) < 200:
                    found |= {SPLIT_WORDS[w] for w in re.split(r"[^a-z0-9]+", part.value.lower()) if w in SPLIT_WORDS}
    return found


def _targets(node: ast.Assign) -> list[ast.AST]:
    """The names an assignment binds to its call's result: one target, or the first of a tuple whose
    other names name no split (`eval_val_loader, _ = make_loader(...)`)."""
    if len(node.targets) != 1:
        return []
    target = node.targets[0]
    if isinstance(target, ast.Tuple):
        named = [t for t in target.elts if isinstance(t, (ast.Name, ast.Attribute)) and _name_split(_words(t))]
        return named if len(named) == 1 else []
    return [target] if isinstance(target, (ast.Name, ast.Attribute)) else []


# Words of a name for a figure about the data, not the data (`X_train_len = len(X_test)`).
_SIZE_WORDS = frozenset("len length size sizes shape shapes num n count counts dim dims mean std var min max sum total".split())
# Calls that hand their first argument on as the same data: conversions, copies, wrappers.
_WRAPPERS = frozenset("""
asarray array asanyarray ascontiguousarray tensor as_tensor from_numpy stack vstack list tuple copy deepcopy
DataFrame Series TensorDataset Subset DataLoader ListDataset Dataset from_pandas from_dict from_list
""".split())
# Methods that hand their object on as the same data.
_SAME_METHODS = frozenset("copy to cuda cpu float double long int astype reshape view to_numpy numpy values tolist "
                          "clone detach contiguous squeeze unsqueeze flatten".split())


def _same_data(value: ast.AST) -> list[ast.AST] | None:
    """The names whose data `value` is, passed on whole (`np.asarray(X_test)`, `DataLoader(test_set,
    shuffle=True)`, `X_test.copy()`), or None when a call of anything else transforms it
    (`without_last_k_timesteps(test_ds)`: the training part of a series) or a slice cuts it."""
    if isinstance(value, ast.Name):
        return [value]
    if isinstance(value, ast.Attribute):
        return None if value.attr in ("shape", "size", "dtype", "ndim", "columns", "index") else [value]
    if isinstance(value, ast.Call):
        func = value.func
        name = ast.unparse(func).rsplit(".", 1)[-1]
        if isinstance(func, ast.Attribute) and name in _SAME_METHODS:
            return _same_data(func.value)
        if (name in _WRAPPERS or name.endswith(("Dataset", "Loader"))) and value.args:
            return _same_data(value.args[0])
    return None


def _words(target: ast.AST) -> list[str]:
    return name_tokens(target.id if isinstance(target, ast.Name) else target.attr) if isinstance(
        target, (ast.Name, ast.Attribute)) else []


class SplitNameReadsOtherSplit(Rule):
    """
    ## What it does
    Finds training or validation data loaded with a literal that names the test split: a name whose
    words say `train` (or `val`, `valid`, `dev`) and a data noun (`train_files`, `X_train`,
    `eval_val_loader`, `self.train_set`) bound to a call whose string literals name `test` and
    no other split (validation data only when a training call is given it, where it selects): `train_files = get_files(input_dir, "test_*")`, `train_df =
    pd.read_csv("data/test.csv")`, `eval_val_loader, _ = get_loader(opt, 32, 'test')`,
    `val_ds = load_dataset("squad", split="test")`. Also training data loaded from the validation
    split, and training data bound to the test data itself, whole or converted (`X_train =
    np.asarray(X_test)`, `y_train = y_test`, `train_loader = DataLoader(test_set, shuffle=True)`);
    figures about the data (`n_train = len(X_test)`), a call that makes something else of the test
    data (`train_ds = without_last_k_timesteps(test_ds)`, the history of a series), a slice, and
    branches of an evaluation mode (`if args.mode == "test":`) are left alone there. A call that names the split its name says too (`split="test" if debug else "train"`), a
    name with two splits or none, names of transforms and settings (`train_transform`,
    `train_size`), literals of messages (`print`, `format`, logging), branches for debugging and
    test files are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `train_files = get_files(input_dir, "test_*")` | yes | `get_files(input_dir, "train_*")` |
    | `eval_val_loader, _ = get_loader(opt, 32, 'test')` | yes | `get_loader(opt, 32, 'val')` |
    | `val_ds = load_dataset("squad", split="test")`, then `Trainer(eval_dataset=val_ds)` | yes | `test_ds = load_dataset("squad", split="test")` |
    | `X_train = np.load("features/test.npy")` | yes | `train_transform = build("test")` |
    | `X_train = np.asarray(X_test)` | yes | `X_train = np.asarray(X_train)`, `n_train = len(X_test)` |

    ## Why is this bad?
    The name is what every later line trusts: the training loop fits on `train_files`, the
    trainer keeps the checkpoint that scores best on `val_loader`. When the call behind the name
    reads the test split, the model is trained or selected on the data the paper then reports as
    unseen, and the reported test figure is optimistic, with nothing in the output to show it.

    ## Example
        train_files = get_files(input_dir, "test_*")
        test_files = get_files(input_dir, "test_*")

    Use instead:
        train_files = get_files(input_dir, "train_*")
        test_files = get_files(input_dir, "test_*")
    """

    code = "LEAK075"
    category = "LEAK-OVERLAP"
    severity = Severity.ERROR
    message = ("`{name}` is named for the {named} data but is loaded with `{literal}`, which names the {split} split: "
               "the model is {use} on data the test figures are meant to be unseen by")
    question = "Should `{name}` read the {named} data rather than the {split} split named by `{literal}`?"
    triggers = ("test", "val", "dev")
    examples = [
        invalid("""
            import glob, os

            def get_files(input_dir, pattern):
                return sorted(glob.glob(os.path.join(input_dir, pattern)))

            def train(input_dir, model):
                train_files = get_files(input_dir, "test_*")  # expect: LEAK075
                test_files = get_files(input_dir, "test_*")
                model.fit(train_files)
                return model.evaluate(test_files)
        """),
        valid("""
            import glob, os

            def get_files(input_dir, pattern):
                return sorted(glob.glob(os.path.join(input_dir, pattern)))

            def train(input_dir, model):
                train_files = get_files(input_dir, "train_*")
                test_files = get_files(input_dir, "test_*")
                model.fit(train_files)
                return model.evaluate(test_files)
        """, note="near miss: each name reads its own split"),
        invalid("""
            from data import get_dataset_motion_loader

            def main(opt, trainer, train_loader, val_loader, wrapper):
                eval_val_loader, _ = get_dataset_motion_loader(opt.dataset_opt_path, 32, 'test', device=opt.device)  # expect: LEAK075
                trainer.train(train_loader, val_loader, eval_val_loader, wrapper)
        """, note="a tuple: the one name that says a split is the validation loader"),
        valid("""
            from data import get_dataset_motion_loader

            def main(opt, trainer, train_loader, val_loader, wrapper):
                eval_val_loader, _ = get_dataset_motion_loader(opt.dataset_opt_path, 32, 'val', device=opt.device)
                test_loader, _ = get_dataset_motion_loader(opt.dataset_opt_path, 32, 'test', device=opt.device)
                train_loader, test_loader = make_loaders(opt, "train", "test")
                trainer.train(train_loader, val_loader, eval_val_loader, wrapper)
        """, note="near miss: the validation loader reads 'val', the test loader 'test', a pair names both"),
        valid("""
            from data import get_dataset_motion_loader

            def evaluate(opt, model, wrapper):
                eval_val_loader, _ = get_dataset_motion_loader(opt.dataset_opt_path, 32, 'test', device=opt.device)
                return wrapper.fid(model, eval_val_loader)
        """, note="near miss: an evaluation script's loader reads the test split it reports; nothing trains on it"),
        invalid({"prep.ipynb": notebook(
            "import pandas as pd\nfrom datasets import load_dataset\nfrom transformers import Trainer",
            "train_df = pd.read_csv('data/test.csv')  # expect: LEAK075\nval_ds = load_dataset('squad', split='test')  # expect: LEAK075",
            "trainer = Trainer(model=model, train_dataset=train_df, eval_dataset=val_ds)",
        )}),
        valid("""
            import pandas as pd
            from datasets import load_dataset

            def load(args):
                train_df = pd.read_csv("data/train.csv")
                train_ds = load_dataset("squad", split="test" if args.debug else "train")
                train_transform = build_transform("test")
                train_size = config.get("test")
                print("train rows in test order:", len(train_df))
                if args.smoke_test:
                    train_ds = load_dataset("squad", split="test[:10]")
                latest_df = pd.read_csv("latest.csv")
                return train_df, train_ds, train_transform, train_size, latest_df
        """, note="near misses: its own split, a literal of both, a transform and a setting, a message, a smoke run"),
        invalid("""
            import numpy as np
            from sklearn.linear_model import LinearRegression

            def evaluate_regression(X_train, y_train, X_test, y_test):
                X_train = np.asarray(X_test)  # expect: LEAK075
                X_test = np.asarray(X_test)
                model = LinearRegression().fit(X_train, y_train)
                return model.score(X_test, y_test)
        """, note="training data bound from the test data passed in: the model is fitted on what it is scored on"),
        invalid("""
            from torch.utils.data import DataLoader

            def loaders(train_set, test_set):
                train_loader = DataLoader(test_set, batch_size=32, shuffle=True)  # expect: LEAK075
                test_loader = DataLoader(test_set, batch_size=32)
                return train_loader, test_loader
        """),
        valid("""
            import numpy as np
            from torch.utils.data import DataLoader

            def evaluate_regression(X_train, y_train, X_test, y_test, args, model):
                X_train = np.asarray(X_train)
                y_train = np.asarray(y_train, dtype=float)
                X_test = np.asarray(X_test)
                n_train = len(X_test)
                x_train_shape = X_test.shape
                X_train = np.concatenate([X_train, X_test])
                train_loader = DataLoader(X_train, batch_size=32)
                if args.mode == "test":
                    train_loader = DataLoader(X_test, batch_size=32)
                train_ds = without_last_k_timesteps(test_ds, k=24)
                x_train = X_test[:, :-24]
                return model.fit(X_train, y_train), n_train, x_train_shape, train_loader, train_ds, x_train
        """, note="near misses: each name from its own data, figures about the test data, an append (another rule's), "
                  "an evaluation mode, the history of the test series made by a call or a slice"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None or is_test_path(self.ctx.path):
            return
        debug_lines: set[int] = set()
        for n in module_nodes(self.ctx):
            if isinstance(n, (ast.If, ast.FunctionDef)) and _DEBUG.search(
                    ast.unparse(n.test) if isinstance(n, ast.If) else n.name):
                debug_lines |= {x.lineno for x in walk_list(n) if hasattr(x, "lineno")} - {n.lineno}
        # An evaluation mode that reuses the training names on purpose: `if args.mode == "test":
        # train_loader = test_loader`.
        self._mode_lines = {x.lineno for n in module_nodes(self.ctx) if isinstance(n, ast.If)
                            and _MODE.search(ast.unparse(n.test)) for x in walk_list(n) if hasattr(x, "lineno")}
        for n in module_nodes(self.ctx):
            if isinstance(n, ast.Assign) and n.lineno not in debug_lines:
                self._check_bound_from_test(n)
            if not isinstance(n, ast.Assign) or not isinstance(n.value, ast.Call) or n.lineno in debug_lines:
                continue
            for target in _targets(n):
                named = _name_split(_words(target))
                if named not in ("train", "validation"):
                    continue
                splits = _literal_splits(n.value)
                if len(splits) != 1 or named in splits:
                    continue
                split = splits.pop()
                if named == "validation" and (split != "test" or not self._trains_with(ast.unparse(target))):
                    continue
                literal = next(s for s in self._literals(n.value) if split in re.split(r"[^a-z0-9]+", s.lower())
                               or any(SPLIT_WORDS.get(w) == split for w in re.split(r"[^a-z0-9]+", s.lower())))
                self.ctx.report(type(self), None, line=n.lineno, fields={
                    "name": ast.unparse(target), "named": "training" if named == "train" else "validation",
                    "literal": repr(literal), "split": split,
                    "use": "trained" if named == "train" else "selected"})

    def _check_bound_from_test(self, node: ast.Assign) -> None:
        """Training data bound to the test data itself: `X_train = np.asarray(X_test)`, `y_train =
        y_test`, `train_loader = DataLoader(test_set, ...)`. The target is one name for training data
        and the value is a name for test data, whole or converted (`_same_data`)."""
        if len(node.targets) != 1 or not isinstance(node.targets[0], (ast.Name, ast.Attribute)) \
                or node.lineno in self._mode_lines:
            return
        target = node.targets[0]
        words = _words(target)
        if _name_split(words) != "train" or _SIZE_WORDS & set(words):
            return
        named = [(d, _name_split(_words(d))) for d in _same_data(node.value) or []]
        if {split for _, split in named} != {"test"}:
            return
        source = next(d for d, split in named if split == "test")
        self.ctx.report(type(self), None, line=node.lineno, fields={
            "name": ast.unparse(target), "named": "training", "literal": ast.unparse(source), "split": "test",
            "use": "trained"})

    def _trains_with(self, name: str) -> bool:
        """Is `name` handed to a training call (`trainer.train(train_loader, val_loader)`, `Trainer(...,
        eval_dataset=val_ds)`, `model.fit(..., validation_data=val)`)? Validation data only selects when
        training reads it; an evaluation script's loader named `eval_val_loader` only reports."""
        for call in module_nodes(self.ctx):
            if isinstance(call, ast.Call) and _TRAINING_CALL & set(name_tokens(ast.unparse(call.func).rsplit(".", 1)[-1])) \
                    and any(ast.unparse(a) == name for a in [*call.args, *(k.value for k in call.keywords)]):
                return True
        return False

    @staticmethod
    def _literals(value: ast.AST) -> list[str]:
        return [p.value for p in walk_list(value) if isinstance(p, ast.Constant) and isinstance(p.value, str)]
