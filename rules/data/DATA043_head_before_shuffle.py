"""DATA043: the first n rows are kept, and only then the rows are shuffled."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.modules import locate_defined
from hygiene.analysis.names import dotted
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid

HEADS = frozenset({"select", "head", "take"})


class HeadBeforeShuffle(Rule):
    """
    ## What it does
    Finds a dataset or frame cut to its first rows (`ds.select(range(n))`, `df.head(n)`,
    `ds.take(n)`, `rows[:n]`) and then shuffled with a seed (`ds.shuffle(seed=...)`,
    `df.sample(frac=1, random_state=...)`, also followed by `.reset_index(drop=True)`) in the same
    function, script or notebook, the two on the same
    variable. Training data is left alone (a shuffle there orders batches), and so is a shuffle
    before the cut, which is how a random subset is drawn.

    ## Why is this bad?
    Shuffling after the cut only reorders the rows already chosen: the subset is the head of the
    file, which is often sorted by label, source, length or date. An evaluation "on 1,000 random
    examples" measures the first 1,000, and a different `max_examples` changes what kind of items
    are scored.

    ## Example
        if max_examples:
            dataset = dataset.select(range(max_examples))
        dataset = dataset.shuffle(seed=seed)

    Use instead:
        dataset = dataset.shuffle(seed=seed)
        if max_examples:
            dataset = dataset.select(range(max_examples))
    """

    code = "DATA043"
    category = "DATA-DROP"
    severity = Severity.WARNING
    message = ("`{cut}` keeps the first rows of `{name}` and `{shuffle}` ({shuffle_where}) shuffles only after: "
               "the subset is the head of the data, not a random sample")
    question = "Should `{name}` be shuffled before `{cut}` at {where}?"
    triggers = ("shuffle", "sample", "select(range", ".head(", ".take(")  # the cut alone: a helper that returns it
    examples = [
        invalid({"subsample.ipynb": notebook(
            """
            import pandas as pd
            reviews = pd.read_csv("data/reviews_sorted_by_date.csv")
            """,
            """
            reviews = reviews.head(2000)  # expect: DATA043
            """,
            """
            reviews = reviews.sample(frac=1, random_state=0).reset_index(drop=True)
            reviews.label.value_counts()
            """,
        )}, note="notebook: the first rows kept in one cell, shuffled in the next"),
        valid({"subsample.ipynb": notebook(
            """
            import pandas as pd
            reviews = pd.read_csv("data/reviews_sorted_by_date.csv")
            """,
            """
            reviews = reviews.sample(frac=1, random_state=0).reset_index(drop=True)
            """,
            """
            reviews = reviews.head(2000)
            reviews.label.value_counts()
            """,
        )}, note="near miss: the same cells, shuffled before the first rows are kept"),
        invalid("""
            class PromptCollator:
                def __init__(self, path, seed=42, max_examples=0):
                    self.dataset = load_dataset(path)["validation"]
                    if max_examples:
                        self.dataset = self.dataset.select(range(max_examples))  # expect: DATA043
                    if dist.is_initialized():
                        self.dataset = self.dataset.shard(dist.get_world_size(), dist.get_rank())
                    self.dataset = self.dataset.shuffle(seed=seed)
        """),
        invalid("""
            import pandas as pd
            df = pd.read_csv("eval.csv")
            df = df.head(500)  # expect: DATA043
            df = df.sample(frac=1, random_state=0)
        """),
        valid("""
            def load(path, seed, max_examples):
                dataset = load_dataset(path)["test"]
                dataset = dataset.shuffle(seed=seed)
                if max_examples:
                    dataset = dataset.select(range(max_examples))
                return dataset
        """, note="shuffled first: a random subset"),
        valid("""
            train_ds = train_ds.select(range(1000))
            train_ds = train_ds.shuffle(seed=0)
            other = rows.head(10)
            rows = rows.sample(frac=1, random_state=0)
        """, note="training data, and a cut of another variable"),
        invalid({
            "evalkit/data.py": '''
                from datasets import load_dataset

                def load_eval_subset(name, n):
                    ds = load_dataset(name, split="test")
                    return ds.select(range(n))  # expect: DATA043
            ''',
            "evalkit/run.py": '''
                from evalkit.data import load_eval_subset

                def main(args):
                    eval_ds = load_eval_subset("cais/mmlu", args.n)
                    eval_ds = eval_ds.shuffle(seed=args.seed)
                    return [score(ex) for ex in eval_ds]
            ''',
        }, note="across modules: a loader of another module returns the first n rows; the caller shuffles them"),
        valid({
            "evalkit/data.py": '''
                from datasets import load_dataset

                def load_eval_subset(name, n, seed):
                    ds = load_dataset(name, split="test").shuffle(seed=seed)
                    return ds.select(range(n))
            ''',
            "evalkit/run.py": '''
                from evalkit.data import load_eval_subset

                def main(args):
                    eval_ds = load_eval_subset("cais/mmlu", args.n, args.seed)
                    eval_ds = eval_ds.shuffle(seed=args.seed)
                    return [score(ex) for ex in eval_ds]
            ''',
        }, note="near miss: the loader shuffles before it cuts; the caller's shuffle only reorders a random subset"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._cuts: dict[tuple[int, str], cst.CSTNode] = {}
        self._results: dict[tuple[int, str], str] = {}  # variable -> the repo function whose result it holds
        self._heads: dict[str, list] = {}  # function of this module -> [line, code] of the cut it returns
        self._pending: list[dict] = []  # a function's result shuffled here: a finding if that function returns a head
        self._shuffled: set[tuple[int, str]] = set()  # variables shuffled with a seed so far

    def visit_Return(self, node: cst.Return) -> None:
        function = self.ctx.names.function
        if not isinstance(function, cst.FunctionDef) or node.value is None:
            return
        value, cut = node.value, None
        name = dotted(value) if isinstance(value, (cst.Name, cst.Attribute)) else None
        if name and (id(function), name) in self._cuts:
            cut = self._cuts[(id(function), name)]
            code = " ".join(self.ctx.code(cut.value).split())
        elif isinstance(value, (cst.Call, cst.Subscript)):
            receiver = value.func.value if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) else \
                value.value if isinstance(value, cst.Subscript) else None
            base = dotted(receiver) if isinstance(receiver, (cst.Name, cst.Attribute)) else None
            if base and _is_cut_of(value, base) and (id(function), base) not in self._shuffled:
                cut, code = node, " ".join(self.ctx.code(value).split())
        if cut is not None and not set(name_tokens(function.name.value)) & {"train", "training"}:
            self._heads[function.name.value] = [self.ctx.line_of(cut), code]

    def finish(self) -> None:
        if self._heads or self._pending:
            self.ctx.facts[self.code] = {"heads": dict(list(self._heads.items())[:50]), "pending": self._pending[:20]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """A function (of this module or another) that returns the first rows, its result shuffled by a caller."""
        heads = {(path, name): h for path, facts in repo.facts(cls.code) for name, h in facts.get("heads", {}).items()}
        reported = set()
        for path, facts in repo.facts(cls.code):
            for site in facts.get("pending", []):
                defined = locate_defined(repo, site["callee"], path)
                if defined not in heads or defined in reported:
                    continue
                reported.add(defined)
                where, (line, cut) = defined[0], heads[defined]
                repo.report(cls, where, line, name=site["name"], cut=cut, shuffle=site["shuffle"],
                            shuffle_where=f"{path}:{site['line']}",
                            related=[Location(path, site["line"], "shuffled here")])

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, (cst.Name, cst.Attribute)):
            return
        name = dotted(node.targets[0].target)
        if name is None or set(name_tokens(name.rsplit(".", 1)[-1])) & {"train", "training"}:
            return
        key = (id(self.ctx.names.function), name)
        value = node.value
        if _is_cut_of(value, name):
            if key not in self._shuffled:  # a cut of rows shuffled before is a random subset
                self._cuts[key] = node
        elif _is_shuffle_of(value, name) and key in self._cuts:
            cut = self._cuts.pop(key)
            self.report(cut, name=name, cut=" ".join(self.ctx.code(cut.value).split()),
                        shuffle=" ".join(self.ctx.code(value).split()),
                        shuffle_where=f"line {self.ctx.line_of(node)}",
                        related=[Location(self.ctx.path, self.ctx.line_of(node), "shuffled here")])
        elif not _derived_from(value, name):
            self._cuts.pop(key, None)  # rebound to other rows; `ds = ds.shard(...)` keeps the head
        self._results_of(node, key, name, value)

    def _results_of(self, node: cst.Assign, key: tuple[int, str], name: str, value: cst.BaseExpression) -> None:
        """A function's result shuffled here (`load_subset(n).shuffle(seed=0)`, or bound to a name shuffled
        later): a finding in the repo phase if that function returns a cut of its first rows."""
        inner = _shuffled(value)
        if inner is not None:
            self._shuffled.add(key)
        callee = self.qualified_name(inner.func) if isinstance(inner, cst.Call) else None
        if callee and "()" not in callee:
            self._pending.append({"callee": callee, "line": self.ctx.line_of(node), "name": name,
                                  "shuffle": " ".join(self.ctx.code(value).split())})
        elif key in self._results and _is_shuffle_of(value, name):
            self._pending.append({"callee": self._results.pop(key), "line": self.ctx.line_of(node), "name": name,
                                  "shuffle": " ".join(self.ctx.code(value).split())})
        elif isinstance(value, cst.Call) and (callee := self.qualified_name(value.func)) and "()" not in callee:
            self._results[key] = callee  # `eval_ds = load_eval_subset(...)`: a function's result
        elif not _derived_from(value, name):
            self._results.pop(key, None)


def _is_cut_of(value: cst.BaseExpression, name: str) -> bool:
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value in HEADS:
        if dotted(value.func.value) != name or not value.args:
            return False
        arg = value.args[0].value
        if value.func.attr.value == "select":
            return isinstance(arg, cst.Call) and isinstance(arg.func, cst.Name) and arg.func.value == "range" \
                and len(arg.args) == 1
        return True
    if isinstance(value, cst.Subscript) and dotted(value.value) == name and len(value.slice) == 1:
        part = value.slice[0].slice
        return isinstance(part, cst.Slice) and part.lower is None and part.upper is not None and part.step is None
    return False


# Calls after a shuffle that keep its order: `df.sample(frac=1).reset_index(drop=True)`.
_KEEP_ORDER = frozenset({"reset_index", "copy"})


def _is_shuffle_of(value: cst.BaseExpression, name: str) -> bool:
    while isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value in _KEEP_ORDER:
        value = value.func.value
    if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and dotted(value.func.value) == name):
        return False
    return _shuffle_call(value)


def _shuffled(value: cst.BaseExpression) -> cst.BaseExpression | None:
    """The receiver of a seeded shuffle (`x.shuffle(seed=0)`, `x.sample(frac=1, random_state=0)`), else None."""
    while isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value in _KEEP_ORDER:
        value = value.func.value
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and _shuffle_call(value):
        return value.func.value
    return None


def _shuffle_call(value: cst.Call) -> bool:
    keywords = {a.keyword.value: a.value for a in value.args if a.keyword is not None}
    if value.func.attr.value == "shuffle":  # type: ignore[union-attr]
        return "seed" in keywords
    frac = keywords.get("frac")
    return value.func.attr.value == "sample" and isinstance(frac, (cst.Integer, cst.Float)) \
        and float(frac.evaluated_value) == 1.0  # type: ignore[union-attr]


def _derived_from(value: cst.BaseExpression, name: str) -> bool:
    """`ds.shard(...)`, `ds.map(...)`: a method of the same variable, so its rows are still the head."""
    while isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute):
        value = value.func.value
    return dotted(value) == name if isinstance(value, (cst.Name, cst.Attribute)) else False
