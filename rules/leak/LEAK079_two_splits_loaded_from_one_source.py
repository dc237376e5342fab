"""LEAK079: two splits loaded with the same expression: `val_samples = f['samples/validation']`,
`test_samples = f['samples/validation']`."""
from __future__ import annotations

import ast

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import FUNCTIONS, module_tree, subtree
from hygiene.discovery import is_test_path
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

SPLIT_WORDS = {
    "train": "train", "training": "train", "trn": "train",
    "val": "validation", "valid": "validation", "validation": "validation", "dev": "validation",
    "test": "test", "testing": "test", "holdout": "test",
}
# A name for data, not for a transform or a setting: its words must include one of these.
DATA_WORDS = frozenset("""
data dataset datasets ds set sets loader loaders dl files file paths path dir df frame split splits samples sample
examples docs documents records texts items corpus list ids idx indices index x y images imgs features feats
labels inputs targets annotations pairs tensors
""".split())


def _split_of(target: ast.AST) -> str:
    """The one split a data name gives (`test_samples` -> test, `self.val_ds` -> validation), or ""."""
    if not isinstance(target, (ast.Name, ast.Attribute)):
        return ""
    words = name_tokens(target.id if isinstance(target, ast.Name) else target.attr)
    found = {SPLIT_WORDS[w] for w in words if w in SPLIT_WORDS}
    return found.pop() if len(found) == 1 and DATA_WORDS & set(words) else ""


def _names_a_source(value: ast.AST) -> bool:
    """Does `value` read something named by a string (a path, a key, a split name)?"""
    for node in subtree(value):
        if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)
                                               and 0 < len(node.value) < 200):
            return True
    return False


def _rebinds(stmts: list[ast.stmt], value: ast.AST) -> bool:
    """Do `stmts` bind a name that `value` reads (`path = path.replace("train", "test")` between two loads)?"""
    read = {n.id for n in subtree(value) if isinstance(n, ast.Name)}
    for stmt in stmts:
        for n in subtree(stmt):
            if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)) and n.id in read:
                return True
    return False


def _refilled(stmts: list[ast.stmt], target: ast.AST) -> bool:
    """Do `stmts` replace the contents of the object `target` names (`test_data.examples = pickle.load(f)`)?
    Then the constructor call only built it (held-out set 30: torchtext objects refilled from their own split)."""
    name = ast.unparse(target)
    return any(isinstance(n, (ast.Assign, ast.AugAssign)) and any(
        isinstance(t, ast.Attribute) and ast.unparse(t.value) == name
        for t in (n.targets if isinstance(n, ast.Assign) else [n.target])) for stmt in stmts for n in subtree(stmt))


def _scopes(tree: ast.Module) -> list[tuple[list[ast.stmt], str]]:
    """The statement lists read as one scope (the module's, each function's, each class body's, each
    branch's own statements), each with the split the `if` holding it names (`if validation_set_scoring:`
    chooses the validation data on purpose), or ""."""
    found: list[tuple[list[ast.stmt], str]] = []
    for node in subtree(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                chosen = ""
                if isinstance(node, ast.If) and field == "body":
                    named = {SPLIT_WORDS[w] for w in name_tokens(ast.unparse(node.test)) if w in SPLIT_WORDS}
                    chosen = named.pop() if len(named) == 1 else ""
                found.append((block, chosen))
    return found


class TwoSplitsLoadedFromOneSource(Rule):
    """
    ## What it does
    Finds two splits loaded with the same expression in one block: `val_samples =
    f['samples/validation']` and then `test_samples = f['samples/validation']`, `train_df =
    pd.read_csv(path + "train.csv")` and `val_df = pd.read_csv(path + "train.csv")`. The names say
    two different splits, and the code that fills them is the same, a path, key or split name
    included, so both names hold the same items. Names of the same split, a transform or a setting
    named for a split, loads that differ in any argument, a branch that names the split it copies
    (`if validation_set_scoring:` scoring the validation data on purpose), and an object whose contents the
    lines after it replace (`test_data.examples = pickle.load(f)`: the call only built it) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `val_samples = f['samples/validation']`, `test_samples = f['samples/validation']` | yes | `test_samples = f['samples/test']` |
    | `train_df = pd.read_csv("data/train.csv")`, `val_df = pd.read_csv("data/train.csv")` | yes | `val_df = pd.read_csv("data/val.csv")` |
    | `self.train_ds = load(root, "train")`, `self.test_ds = load(root, "train")` | yes | `val_tf = build("val")`, `test_tf = build("val")` |

    ## Why is this bad?
    The second split is the first one again. When it is the test split copied from the validation
    split, the reported test figure is measured on the data early stopping and checkpoint choice
    already used; when a held-out split is the training split, the model is scored on what it was
    fitted on. Both print plausible, optimistic numbers.

    ## Example
        train_samples = f['samples/train'].asstr()[()]
        val_samples = f['samples/validation'].asstr()[()]
        test_samples = f['samples/validation'].asstr()[()]

    Use instead:
        test_samples = f['samples/test'].asstr()[()]
    """

    code = "LEAK079"
    category = "LEAK-OVERLAP"
    severity = Severity.ERROR
    message = ("`{second}` ({second_split} data) is loaded with the same `{source}` as `{first}` ({first_split} "
               "data, line {first_line}): both names hold the same items")
    question = "Should `{second}` at {where} load the {second_split} split rather than repeat `{first}`'s source?"
    triggers = ("test", "val", "dev", "train", "holdout")
    examples = [
        invalid("""
            import h5py

            def setup(path):
                with h5py.File(path, "r") as f:
                    train_samples = f['samples/train'].asstr()[()]
                    val_samples = f['samples/validation'].asstr()[()]
                    test_samples = f['samples/validation'].asstr()[()]  # expect: LEAK079
                return train_samples, val_samples, test_samples
        """),
        valid("""
            import h5py

            def setup(path):
                with h5py.File(path, "r") as f:
                    train_samples = f['samples/train'].asstr()[()]
                    val_samples = f['samples/validation'].asstr()[()]
                    test_samples = f['samples/test'].asstr()[()]
                return train_samples, val_samples, test_samples
        """, note="near miss: each split its own key"),
        invalid({"prep.ipynb": notebook(
            "import pandas as pd",
            "train_df = pd.read_csv(DATA + 'train.csv')\nval_df = pd.read_csv(DATA + 'train.csv')  # expect: LEAK079",
        )}, note="a held-out split read from the training file"),
        valid("""
            import pandas as pd

            class Data:
                def __init__(self, root, build):
                    self.train_df = pd.read_csv(root + "train.csv")
                    self.train_data = pd.read_csv(root + "train.csv")
                    self.val_df = pd.read_csv(root + "val.csv")
                    self.val_tf = build("val")
                    self.test_tf = build("val")
                    self.test_df = pd.read_csv(root + "test.csv", nrows=100)
                    self.dev_df = pd.read_csv(root + "test.csv")
        """, note="near misses: two names of one split, transforms named for splits, loads that differ in an argument"),
        valid("""
            import pandas as pd

            def prepare(validation_set_scoring, dev_text, dev_label, test_text, test_label):
                if validation_set_scoring:
                    validation_df = pd.DataFrame({"label": dev_label, "text": dev_text})
                    test_df = pd.DataFrame({"label": dev_label, "text": dev_text})
                else:
                    validation_df = pd.DataFrame({"label": dev_label, "text": dev_text})
                    test_df = pd.DataFrame({"label": test_label, "text": test_text})
                return validation_df, test_df
        """, note="near miss (a mirror's ARES): a branch that scores the validation data on purpose"),
        valid("""
            import pickle
            from torchtext import datasets
            def load(root, text, label):
                train_data = datasets.IMDB(".cache", text, label)
                test_data = datasets.IMDB(".cache", text, label)
                with open(f"{root}/train.pkl", "rb") as f:
                    train_data.examples = pickle.load(f)
                with open(f"{root}/test.pkl", "rb") as f:
                    test_data.examples = pickle.load(f)
                return train_data, test_data
        """, note="near miss (held-out set 30): one constructor call builds both objects for their wiring; "
                    "the next lines replace each one's items with its own pickled split"),
        invalid("""
            import pickle
            from torchtext import datasets
            def load(root, text, label):
                train_data = datasets.IMDB(".cache", text, label)
                test_data = datasets.IMDB(".cache", text, label)  # expect: LEAK079
                with open(f"{root}/train.pkl", "rb") as f:
                    train_data.examples = pickle.load(f)
                return train_data, test_data
        """, note="the twin: only the training object's items are replaced; the test object keeps the same items"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None or is_test_path(self.ctx.path):
            return
        for block, chosen in _scopes(tree):
            seen: dict[str, tuple[ast.AST, str, int, int]] = {}
            for index, stmt in enumerate(block):
                if isinstance(stmt, (*FUNCTIONS, ast.ClassDef)):
                    continue
                if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
                    continue
                target, value = stmt.targets[0], stmt.value
                split = _split_of(target)
                if not split or not isinstance(value, (ast.Call, ast.Subscript)) or not _names_a_source(value):
                    continue
                key = ast.dump(value)
                if key in seen and seen[key][1] != split and chosen != seen[key][1] \
                        and not _rebinds(block[seen[key][3] + 1:index], value) and not _refilled(block[index + 1:], target):
                    first, first_split, first_line, _ = seen[key]
                    source = ast.unparse(value)
                    self.ctx.report(type(self), None, line=stmt.lineno, fields={
                        "first": ast.unparse(first), "first_split": first_split, "first_line": first_line,
                        "second": ast.unparse(target), "second_split": split,
                        "source": source if len(source) <= 60 else source[:57] + "..."})
                    continue
                seen[key] = (target, split, stmt.lineno, index)
