"""EVAL099: when the held-out split is missing, the evaluation silently takes the training split instead."""
from __future__ import annotations

import ast

from hygiene.analysis.stdast import module_nodes, module_tree, walk_list
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

HELD_OUT = frozenset({"test", "validation", "valid", "val", "dev", "eval", "evaluation", "heldout", "held_out",
                      "holdout"})
TRAIN = frozenset({"train", "training"})
# Calls that carve a held-out part out of the training split: a fallback that splits it is sound.
SPLITTERS = frozenset({"train_test_split", "split", "random_split", "split_dataset", "shard", "select",
                       "filter", "take", "skip"})


def _key(node: ast.AST) -> tuple[str, str] | None:
    """(base, key) for `base["key"]`, `base.get("key", ...)`, `load_dataset(name, split="key")`-free access."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
        return ast.unparse(node.value), node.slice.value.lower()
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args \
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
        return ast.unparse(node.func.value), node.args[0].value.lower()
    return None


def _accesses(nodes: list[ast.AST], keys: frozenset[str]) -> list[tuple[ast.AST, str]]:
    found = []
    for n in nodes:
        k = _key(n)
        if k is not None and k[1] in keys:
            found.append((n, k[0]))
    return found


def _targets(stmts: list[ast.AST], accesses: list[tuple[ast.AST, str]]) -> dict[int, str]:
    """{id(access): the name it is bound to} for the accesses assigned by the statements, a tuple
    assignment paired element by element (`train_data, test_data = ds["train"], ds["test"]`)."""
    wanted = {id(a) for a, _ in accesses}
    found: dict[int, str] = {}
    for n in (x for s in stmts for x in walk_list(s)):
        if not (isinstance(n, ast.Assign) and len(n.targets) == 1):
            continue
        target, value = n.targets[0], n.value
        pairs = list(zip(target.elts, value.elts)) if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) \
            and len(target.elts) == len(value.elts) else [(target, value)]
        for t, v in pairs:
            for x in walk_list(v):
                if id(x) in wanted:
                    found[id(x)] = ast.unparse(t)
    return found


def _carved(stmts: list[ast.AST], access: ast.AST) -> bool:
    """Whether the training split taken is split again in the same statements (`ds["train"].train_test_split(...)`)."""
    for n in (x for s in stmts for x in walk_list(s)):
        if isinstance(n, ast.Call):
            callee = n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id if isinstance(n.func, ast.Name) else ""
            if callee in SPLITTERS:
                return True
    return False


def _split_of(name: str) -> str:
    """"train" for `trainset`, `train_data`; "held" for `valset`, `dev_examples`, `test_loader`; "" otherwise."""
    low = name.lower()
    if "train" in low:
        return "train"
    if any(w in low for w in ("val", "dev", "test", "heldout", "holdout")):
        return "held"
    return ""


def _evaluates(name: str) -> bool:
    """A name for the data a score is computed on: `evalset`, `eval_data`, `score_set`."""
    low = name.lower()
    return ("eval" in low or "score" in low) and "train" not in low


class HeldOutFallsBackToTrain(Rule):
    """
    ## What it does
    Finds code that reads a held-out split of a dataset (`loaded_dataset["test"]`, `ds.get("validation")`)
    and, when that split is missing, takes the training split of the same dataset instead: in the
    `except` of a `try` (`except KeyError: eval_df = DataFrame(loaded_dataset["train"])`), in the
    other arm of a test for the split (`ds["test"] if "test" in ds else ds["train"]`), or as the
    default of `.get` (`ds.get("test", ds["train"])`, `ds.get("test") or ds["train"]`). A model
    trained on that dataset is then evaluated on its own training rows, and nothing in the output
    says so. A fallback that carves a held-out part out of the training split
    (`ds["train"].train_test_split(...)`), a fallback to another held-out split (validation for
    test), and a fallback that raises are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `try: eval_df = DataFrame(ds["test"])` / `except BaseException: eval_df = DataFrame(ds["train"])` | yes | the `except` splits `ds["train"]` |
    | `split = ds["test"] if "test" in ds else ds["train"]` (script) | yes | `... else ds["validation"]` |
    | `eval_set = data.get("test", data["train"])` (notebook) | yes | `data.get("test", data["validation"])` |
    | `evalset = trainset if minibatch else valset` before scoring each candidate prompt | yes | `data = train if mode == "train" else val` |

    The same for the set a search scores its candidates on: `evalset = trainset if minibatch else
    valset` picks candidates by their score on the training examples (the ones their demonstrations
    came from) whenever the option is on, with a validation set at hand.

    ## Why is this bad?
    The evaluation of any dataset without a test split is an evaluation on training data, which the
    fine-tuned model has memorised: its scores are inflated, and they are reported next to scores of
    datasets that had a test split, as if they measured the same thing.

    ## Example
        try:
            eval_df = pd.DataFrame(loaded_dataset["test"])
        except BaseException:
            eval_df = pd.DataFrame(loaded_dataset["train"])

    Use instead:
        if "test" in loaded_dataset:
            eval_df = pd.DataFrame(loaded_dataset["test"])
        else:
            held_out = loaded_dataset["train"].train_test_split(test_size=0.1, seed=0)["test"]
            eval_df = pd.DataFrame(held_out)
    """

    code = "EVAL099"
    category = "EVAL-TRAIN"
    severity = Severity.ERROR
    message = ("`{fallback}` takes the training split of `{base}` when its held-out split `{held}` is missing (line "
               "{line0}): the evaluation then scores the rows the model was trained on, and says nothing")
    question = "Which datasets at {where} had no `{held}` split, and were their figures computed on `{base}`'s training rows?"
    triggers = ("train",)
    examples = [
        invalid("""
            import pandas as pd
            from datasets import load_dataset

            def fetch_evaluation_dataset(name, total_examples=100):
                loaded_dataset = load_dataset(name)
                try:
                    eval_df = pd.DataFrame(loaded_dataset["test"])
                except BaseException:
                    print("There is no test data split present. Hence loading the train split.")
                    eval_df = pd.DataFrame(loaded_dataset["train"])  # expect: EVAL099
                return eval_df.sample(n=total_examples, random_state=0)
        """),
        valid("""
            import pandas as pd
            from datasets import load_dataset

            def fetch_evaluation_dataset(name, total_examples=100):
                loaded_dataset = load_dataset(name)
                try:
                    eval_df = pd.DataFrame(loaded_dataset["test"])
                except KeyError:
                    held_out = loaded_dataset["train"].train_test_split(test_size=0.1, seed=0)["test"]
                    eval_df = pd.DataFrame(held_out)
                return eval_df
        """, note="near miss: the fallback carves a held-out part out of the training split"),
        invalid("""
            ds = load_dataset(args.dataset)
            eval_split = ds["test"] if "test" in ds else ds["train"]  # expect: EVAL099
            print(evaluate(model, eval_split))
        """, note="script: a conditional expression"),
        valid("""
            ds = load_dataset(args.dataset)
            eval_split = ds["test"] if "test" in ds else ds["validation"]
            train_split = ds["train"] if "train" in ds else ds["all"]
            print(evaluate(model, eval_split))
        """, note="near miss: the fallback is another held-out split; a fallback for the training split itself"),
        invalid({"eval.ipynb": notebook(
            """
            data = load_splits("reviews")
            """,
            """
            eval_set = data.get("test", data["train"])  # expect: EVAL099
            score(model, eval_set)
            """,
        )}, note="notebook: the default of `.get`"),
        invalid("""
            def objective(trial, program, trainset, valset, minibatch, minibatch_size, evaluate):
                candidate = assemble(program, trial)
                evalset = trainset if minibatch else valset  # expect: EVAL099
                batch_size = minibatch_size if minibatch else len(evalset)
                return evaluate(candidate, devset=evalset[:batch_size])
        """, note="real bugs 20 (DSPy MIPROv2): candidates scored on minibatches of the training set"),
        valid("""
            def load_splits(dataset_dict):
                if "validation" in dataset_dict:
                    train_data, test_data = dataset_dict["train"], dataset_dict["validation"]
                elif "test" in dataset_dict:
                    train_data, test_data = dataset_dict["train"], dataset_dict["test"]
                else:
                    rows = list(dataset_dict["train"])
                    train_data, test_data = rows[:-100], rows[-100:]
                return train_data, test_data

            def make_loader(mode, train_data, val_data):
                data = train_data if mode == "train" else val_data
                return DataLoader(data, shuffle=mode == "train")

            def objective(trial, program, valset, minibatch, minibatch_size, evaluate):
                evalset = valset[:minibatch_size] if minibatch else valset
                return evaluate(assemble(program, trial), devset=evalset)
        """, note="near miss: the training split kept as the training part in every branch (mirrors: sycophancy-intervention); a loader's mode switch; a minibatch of the validation set"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for n in module_nodes(self.ctx):
            if isinstance(n, ast.Try):
                held = _accesses([x for s in n.body for x in walk_list(s)], HELD_OUT)
                if not held:
                    continue
                held_to = set(_targets(n.body, held).values())
                for handler in n.handlers:
                    if any(isinstance(s, ast.Raise) for s in handler.body):
                        continue
                    train = [(a, b) for a, b in _accesses([x for s in handler.body for x in walk_list(s)], TRAIN)
                             if any(b == hb for _, hb in held)]
                    # the training split must take the held-out split's place (bound to the same name)
                    bound = _targets(handler.body, train)
                    train = [(a, b) for a, b in train if bound.get(id(a)) in held_to]
                    if train and not _carved(handler.body, train[0][0]):
                        self._report(train[0][0], train[0][1], held[0][0])
            elif isinstance(n, (ast.IfExp, ast.If)):
                orelse = [n.orelse] if isinstance(n, ast.IfExp) else n.orelse
                # Only a branch on whether the held-out split exists (`"test" in ds`): a branch on a mode
                # (`if args.do_eval: ... else: ds["train"]`) picks the training split on purpose.
                held = self._tested(n.test)
                if not held or not orelse:
                    continue
                train = [(a, b) for a, b in _accesses([x for s in orelse for x in walk_list(s)], TRAIN)
                         if any(b == hb for _, hb in held)]
                if isinstance(n, ast.If):
                    # in a statement, the training split must take the held-out split's place: bound to the
                    # name the body binds the held-out split to (not `train_data, test_data = ds["train"], ...`)
                    body_held = _accesses([x for s in n.body for x in walk_list(s)], HELD_OUT)
                    held_to = set(_targets(n.body, body_held).values())
                    bound = _targets(orelse, train)
                    train = [(a, b) for a, b in train if bound.get(id(a)) in held_to]
                if train and not _carved(orelse, train[0][0]):
                    self._report(train[0][0], train[0][1], held[0][0])
            elif isinstance(n, ast.Assign) and isinstance(n.value, ast.IfExp) and len(n.targets) == 1 \
                    and isinstance(n.targets[0], ast.Name) and _evaluates(n.targets[0].id):
                arms = [n.value.body, n.value.orelse]
                train = next((a for a in arms if isinstance(a, ast.Name) and _split_of(a.id) == "train"), None)
                held = next((a for a in arms if isinstance(a, ast.Name) and _split_of(a.id) == "held"), None)
                if train is not None and held is not None:
                    self.ctx.report(type(self), None, line=n.lineno, fields={
                        "fallback": ast.unparse(n.value), "base": train.id, "held": held.id, "line0": n.lineno,
                        "target": n.targets[0].id, "test": ast.unparse(n.value.test)},
                        message=("`{target} = {fallback}` scores on `{base}`, the training set, whenever "
                                 "`{test}` holds, although `{held}` is there to be scored on: what is chosen by that "
                                 "score is chosen on the training rows"),
                        question="Should `{target}` at {where} be `{held}` in every case?")
            elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get" \
                    and len(n.args) == 2:
                k = _key(n)
                d = _key(n.args[1])
                if k and d and k[1] in HELD_OUT and d[1] in TRAIN and k[0] == d[0]:
                    self._report(n.args[1], d[0], n)
            elif isinstance(n, ast.BoolOp) and isinstance(n.op, ast.Or) and len(n.values) == 2:
                k, d = _key(n.values[0]), _key(n.values[1])
                if k and d and k[1] in HELD_OUT and d[1] in TRAIN and k[0] == d[0]:
                    self._report(n.values[1], d[0], n.values[0])

    def _tested(self, test: ast.AST) -> list[tuple[ast.AST, str]]:
        """`"test" in ds` as the test of a branch: (the literal, ds)."""
        found = []
        for c in walk_list(test):
            if isinstance(c, ast.Compare) and len(c.ops) == 1 and isinstance(c.ops[0], (ast.In, ast.NotIn)) \
                    and isinstance(c.left, ast.Constant) and isinstance(c.left.value, str) \
                    and c.left.value.lower() in HELD_OUT:
                found.append((c.left, ast.unparse(c.comparators[0])))
        return found

    def _report(self, fallback: ast.AST, base: str, held: ast.AST) -> None:
        held_key = _key(held)
        self.ctx.report(type(self), None, line=fallback.lineno, fields={
            "fallback": ast.unparse(fallback), "base": base,
            "held": held_key[1] if held_key else ast.unparse(held).strip("'\""), "line0": held.lineno})
