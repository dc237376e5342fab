"""SEED013: a function that takes a seed, never reads it, and draws from a global generator."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis import rng
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes

SEED_PARAMS = frozenset({"seed", "random_seed", "rng_seed", "random_state", "seed_value", "rand_seed", "split_seed",
                         "shuffle_seed", "data_seed", "sample_seed"})
GLOBAL_GENERATORS = {"random": "Python's global `random` generator", "numpy": "numpy's global generator",
                     "torch": "torch's default generator"}


def _params(node: cst.FunctionDef) -> list[cst.Param]:
    p = node.params
    return [*p.posonly_params, *p.params, *p.kwonly_params]


class SeedParameterUnused(Rule):
    """
    ## What it does
    Finds a function with a seed parameter (`seed=42`, `random_state`, `rng_seed`) that its body
    never reads, while the body draws from a global generator (`np.random.rand(n)`,
    `random.shuffle(rows)`, `torch.randperm(n)`): the caller's seed is dropped and the draw is
    unseeded. A body that reads the parameter anywhere (seeding a generator, passing it on, even
    storing it), that seeds a global generator itself, a parameter that defaults to `None` (callers
    need not pass a seed, and nothing says one is used), a function the file hands on as a value
    (`Dataset("test", generator=test_generator)`: it takes the parameters of the interface it is
    plugged into), that hands its arguments on wholesale
    (`locals()`, `**kwargs` built from them), a stub (only `pass`, `...`, a docstring or a
    `raise`), and weight initialisation (`nn.init.xavier_normal_` in a layer that takes a `seed`
    for another framework's signature: the program's torch seed fixes it) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `def _do_stratification(data, ratio, seed=42): data["random"] = np.random.rand(len(data))` (function) | yes | `np.random.default_rng(seed).random(len(data))` |
    | `def split(self, items, seed=0): random.shuffle(items)` (method) | yes | `random.Random(seed).shuffle(items)` |
    | `def sample_ids(n, k, random_state=0): return torch.randperm(n)[:k]` (notebook) | yes | `torch.manual_seed(random_state)` first |

    ## Why is this bad?
    Every caller passes a seed and believes the split, sample or shuffle is fixed by it, and the
    results are recorded with that seed; but the draw comes from the unseeded global generator, so
    the train/test split or the sampled items change from run to run whatever seed is passed, and a
    rerun with the recorded seed does not reproduce the numbers.

    ## Example
        def stratified_split(data, ratio=0.75, seed=42):
            data["random"] = np.random.rand(data.shape[0])
            return data.sort_values("random")

    Use instead:
        def stratified_split(data, ratio=0.75, seed=42):
            data["random"] = np.random.default_rng(seed).random(data.shape[0])
            return data.sort_values("random")
    """

    code = "SEED013"
    category = "SEED-UNSEEDED"
    severity = Severity.WARNING
    message = ("`{function}` takes `{param}` but never reads it, and `{draw}` draws from {generator}: "
               "the seed callers pass does not fix this draw")
    question = "Should `{draw}` at {where} draw with `{param}`, which `{function}` takes and never reads?"
    triggers = ("seed", "random_state")
    examples = [
        invalid("""
            import numpy as np

            def _do_stratification(data, ratio=0.75, filter_by="user", is_random=True, seed=42, col_user="userID"):
                split_by_column = col_user
                if is_random:
                    data["random"] = np.random.rand(data.shape[0])  # expect: SEED013
                    order_by = "random"
                data = data.sort_values([split_by_column, order_by])
                data["rank"] = data.groupby(split_by_column).cumcount() + 1
                return [data[data["rank"] <= ratio * len(data)], data[data["rank"] > ratio * len(data)]]
        """),
        valid("""
            import numpy as np

            def _do_stratification(data, ratio=0.75, is_random=True, seed=42, col_user="userID"):
                if is_random:
                    np.random.seed(seed)
                    data["random"] = np.random.rand(data.shape[0])
                return data.sort_values([col_user, "random"])

            def shuffled(data, seed=42):
                rng = np.random.default_rng(seed)
                return data[rng.permutation(len(data))]
        """, note="near miss: the seed seeds the draw (globally or through a generator)"),
        invalid("""
            import random

            class Splitter:
                def split(self, items, test_fraction=0.2, seed=0):
                    items = list(items)
                    random.shuffle(items)  # expect: SEED013
                    cut = int(len(items) * (1 - test_fraction))
                    return items[:cut], items[cut:]
        """, note="a method"),
        invalid({"sample.ipynb": notebook(
            """
            import torch

            def sample_ids(n, k, random_state=0):
                return torch.randperm(n)[:k]  # expect: SEED013
            """,
            """
            ids = sample_ids(len(dataset), 100, random_state=7)
            """,
        )}, note="notebook: a helper defined in a cell"),
        valid({"sample.ipynb": notebook(
            """
            import torch

            def sample_ids(n, k, random_state=None):
                g = torch.Generator().manual_seed(random_state)
                return torch.randperm(n, generator=g)[:k]

            def pick(n, seed=0):
                raise NotImplementedError

            class CrossNet(torch.nn.Module):
                def __init__(self, in_features, layer_num=2, seed=1024):
                    super().__init__()
                    self.kernels = torch.nn.Parameter(torch.Tensor(layer_num, in_features, 1))
                    torch.nn.init.xavier_normal_(self.kernels)

            def noise(shape, seed=1, **kwargs):
                return make_noise(shape, **locals())

            import random

            def test_generator(mode, seed=0, shuffle=False):
                while True:
                    yield "".join(random.choice("abc") for _ in range(40))

            TEST = Dataset("test", generator=test_generator)

            class ZsreDataset:
                def __getitem__(self, item, seed=None):
                    return random.choice(self.data[item]["alternatives"])
            """,
        )}, note="near miss (notebook): the seed read; a stub; arguments handed on wholesale"),
    ]

    def _handed_on(self) -> set[str]:
        """Names of functions the file hands on as values (`Dataset("test", generator=test_generator)`):
        such a function takes the parameters of the interface it is plugged into, a seed among them."""
        memo = self.ctx.memo.get("SEED013.handed")
        if memo is None:
            memo = set()
            if self.ctx.module is not None:
                called = {id(n.func) for n in iter_nodes(self.ctx.module) if isinstance(n, cst.Call)}
                defined = {id(n.name) for n in iter_nodes(self.ctx.module) if isinstance(n, (cst.FunctionDef, cst.ClassDef))}
                memo = {n.value for n in iter_nodes(self.ctx.module)
                        if isinstance(n, cst.Name) and id(n) not in called and id(n) not in defined}
            self.ctx.memo["SEED013.handed"] = memo
        return memo

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        params = [p.name.value for p in _params(node) if p.name.value in SEED_PARAMS
                  and not (isinstance(p.default, cst.Name) and p.default.value == "None")]  # `seed=None`: callers need not pass one
        if not params or not isinstance(node.body, cst.IndentedBlock):
            return
        body = node.body.body
        if all(isinstance(s, cst.SimpleStatementLine) and all(
                isinstance(x, (cst.Pass, cst.Raise)) or (isinstance(x, cst.Expr) and isinstance(
                    x.value, (cst.SimpleString, cst.ConcatenatedString, cst.Ellipsis))) for x in s.body) for s in body):
            return
        read: set[str] = set()
        draw: tuple[cst.Call, rng.Draw] | None = None
        imports_torch = any((v or "").startswith("torch") for v in self.ctx.names.module_scope.bindings.values())
        for child in iter_nodes(node.body):
            if isinstance(child, cst.Name):
                read.add(child.value)
            elif isinstance(child, cst.Call):
                func = child.func
                tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
                if tail in ("locals", "vars"):
                    return
                qualified = self.ctx.names.qualified_name(func)
                if qualified and ".init." in qualified:
                    continue  # weight initialisation: seeded with the program's torch seed, not per layer
                event = rng.classify(qualified, child, tail, imports_torch)
                if isinstance(event, rng.Seed):
                    return  # the function seeds a generator itself
                if draw is None and isinstance(event, rng.Draw) and event.gen in GLOBAL_GENERATORS \
                        and event.kind in ("random", "numpy", "torch"):
                    draw = (child, event)
        unread = [p for p in params if p not in read]
        if draw is None or len(unread) != len(params) or node.name.value in self._handed_on():
            return
        call, event = draw
        self.report(call, related=[Location(self.ctx.path, self.ctx.line_of(node), "the function taking the seed")],
                    function=node.name.value, param=unread[0], draw=self.ctx.code(call).strip().split("\n")[0][:80],
                    generator=GLOBAL_GENERATORS[event.gen])
