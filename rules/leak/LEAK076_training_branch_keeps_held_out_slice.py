"""LEAK076: a split switch whose held-out branch takes a slice of the data while the training branch keeps all of it."""
from __future__ import annotations

import ast

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_functions, module_tree, walk_list
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

TRAIN = frozenset({"train", "training", "trn"})
HELD_OUT = frozenset({"test", "testing", "val", "valid", "validation", "dev", "eval", "evaluation"})


def _split_test(test: ast.AST) -> tuple[str, str] | None:
    """(the switch's name, "train" or "held_out" for the branch the test selects) of `partition == "train"`,
    `split != 'test'`, `if self.is_train:`, `if not self.train:`; None for any other test."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _split_test(test.operand)
        return None if inner is None else (inner[0], "held_out" if inner[1] == "train" else "train")
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.NotEq)) \
            and isinstance(test.left, (ast.Name, ast.Attribute)) and isinstance(test.comparators[0], ast.Constant) \
            and isinstance(test.comparators[0].value, str):
        word = test.comparators[0].value.lower()
        side = "train" if word in TRAIN else "held_out" if word in HELD_OUT else ""
        if not side:
            return None
        if isinstance(test.ops[0], ast.NotEq):
            side = "held_out" if side == "train" else "train"
        return ast.unparse(test.left), side
    if isinstance(test, (ast.Name, ast.Attribute)):
        words = set(name_tokens(test.id if isinstance(test, ast.Name) else test.attr))
        if words & TRAIN and not words & HELD_OUT:
            return ast.unparse(test), "train"
    return None


def _slice_of(stmt: ast.AST, target: str) -> bool:
    """`target = target[:n]` (or `target[n:]`, `target[a:b]`)."""
    return (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and ast.unparse(stmt.targets[0]) == target
            and isinstance(stmt.value, ast.Subscript) and isinstance(stmt.value.slice, ast.Slice)
            and ast.unparse(stmt.value.value) == target)


def _assigned(body: list[ast.stmt]) -> dict[str, ast.Assign]:
    return {ast.unparse(s.targets[0]): s for s in body if isinstance(s, ast.Assign) and len(s.targets) == 1}


class TrainingBranchKeepsHeldOutSlice(Rule):
    """
    ## What it does
    Finds a switch on the split (`if partition == "train":`, `if split != "test":`, `if self.is_train:`)
    in which the held-out branch keeps a slice of the data (`self.ann = self.ann[:200]`) and the
    training branch keeps the data whole (`self.ann = self.ann`, or no branch at all), while the data
    was read before the switch without the split (`json.load(open(cfg.data_path))`; data handed in as
    a parameter may already be the split's own): the held-out
    rows are a part of the training rows. The slice's complement in the training branch
    (`self.ann[200:]`), data loaded per split (`load(f"{split}.json")`), and switches on other
    settings are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `if partition == "train": self.ann = self.ann` / `else: self.ann = self.ann[:200]` | yes | `self.ann = self.ann[200:]` in the training branch |
    | `if split == "test": rows = rows[:500]` (no training branch) | yes | `rows = load(f"{split}.jsonl")` before the switch |
    | `if not self.train: self.items = self.items[-1000:]` | yes | `if self.train: self.items = self.items[:-1000]` beside it |

    ## Why is this bad?
    The evaluation partition is cut from the same list the training partition uses whole, so every
    example the model is scored on was trained on. Loss and accuracy on it look excellent and say
    nothing about unseen data; with an instruction-tuning set the model has memorised its answers.

    ## Example
        self.ann = json.load(open(dataset_config.data_path))
        if partition == "train":
            self.ann = self.ann
        else:
            self.ann = self.ann[:200]

    Use instead:
        if partition == "train":
            self.ann = self.ann[200:]
        else:
            self.ann = self.ann[:200]
    """

    code = "LEAK076"
    category = "LEAK-OVERLAP"
    severity = Severity.ERROR
    message = ("the held-out branch keeps `{held}` while the training branch keeps `{target}` whole ({kept}): every "
               "held-out row is also a training row")
    question = "Should the training branch of `{switch}` at {where} leave out the rows `{held}` holds out?"
    triggers = ("train", "test", "val", "dev", "eval")
    examples = [
        invalid("""
            import json
            from torch.utils.data import Dataset

            class InstructionDataset(Dataset):
                def __init__(self, dataset_config, tokenizer, partition="train"):
                    self.ann = json.load(open(dataset_config.data_path))
                    if partition == "train":
                        self.ann = self.ann  # expect: LEAK076
                    else:
                        self.ann = self.ann[:200]
                    self.tokenizer = tokenizer
        """),
        valid("""
            import json
            from torch.utils.data import Dataset

            class InstructionDataset(Dataset):
                def __init__(self, dataset_config, tokenizer, partition="train"):
                    self.ann = json.load(open(dataset_config.data_path))
                    if partition == "train":
                        self.ann = self.ann[200:]
                    else:
                        self.ann = self.ann[:200]
                    self.tokenizer = tokenizer
        """, note="near miss: the fix, the training branch keeps the complement"),
        invalid({"data.ipynb": notebook(
            "import json",
            "def load(split):\n    rows = [json.loads(l) for l in open('all.jsonl')]\n"
            "    if split == 'test':\n        rows = rows[:500]  # expect: LEAK076\n    return rows",
        )}),
        valid("""
            import json

            def load(split, debug):
                rows = [json.loads(l) for l in open(f"{split}.jsonl")]
                if split == "test":
                    rows = rows[:500]
                items = json.load(open("all.json"))
                if debug:
                    items = items[:10]
                return rows, items
        """, note="near misses: data loaded per split, and a switch on another setting"),
        valid("""
            from torch.utils.data import Dataset

            class ClimateDataset(Dataset):
                def __init__(self, X_train_all, Y_train_all, partition="train"):
                    self.X_train_all = X_train_all
                    self.Y_train_all = Y_train_all
                    if partition == "test":
                        self.X_train_all = self.X_train_all[-21:]
                        self.Y_train_all = self.Y_train_all[-21:]
        """, note="near miss (a mirror's ClimaX): data handed in per split, the test scenario cut to its last years"),
    ]

    def visit_Module(self, node) -> None:
        if module_tree(self.ctx) is None:
            return
        tree = module_tree(self.ctx)
        for func in [*module_functions(self.ctx), tree]:
            body = list(func.body) if not isinstance(func, ast.Module) else [s for s in func.body]
            self._body(body, func)

    def _body(self, body: list[ast.stmt], func: ast.AST) -> None:
        for index, stmt in enumerate(body):
            if isinstance(stmt, ast.If):
                self._switch(stmt, body[:index])

    def _switch(self, node: ast.If, before: list[ast.stmt]) -> None:
        found = _split_test(node.test)
        if found is None:
            return
        switch, side = found
        train_body, held_body = (node.body, node.orelse) if side == "train" else (node.orelse, node.body)
        for stmt in held_body:
            if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1:
                continue
            target = ast.unparse(stmt.targets[0])
            if not _slice_of(stmt, target):
                continue
            loads = [s for s in before if isinstance(s, ast.Assign) and len(s.targets) == 1
                     and ast.unparse(s.targets[0]) == target]
            switch_root = switch.split(".")[-1]
            # The data must be read here (`json.load(open(cfg.data_path))`), not handed in: a parameter may
            # already be the split's own data (ClimaX's test scenario, cut to its last years).
            if not loads or not any(isinstance(x, ast.Call) for x in walk_list(loads[-1].value)) or any(isinstance(x, ast.Name) and x.id == switch_root or isinstance(x, ast.Attribute)
                                and x.attr == switch_root for x in walk_list(loads[-1].value)):
                continue
            kept = _assigned(train_body).get(target)
            if kept is not None and (_slice_of(kept, target) or ast.unparse(kept.value) != target):
                continue
            at = kept if kept is not None else stmt
            self.ctx.report(type(self), None, line=at.lineno, fields={
                "held": ast.unparse(stmt.value), "target": target, "switch": ast.unparse(node.test),
                "kept": f"`{ast.unparse(kept)}`" if kept is not None else "no branch cuts it"})
            return
