"""SEED016: a constant seed set inside a function that runs once per step or per item."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.modules import locate_defined
from hygiene.analysis.stdast import dotted, module_functions, module_tree, scope_nodes, subtree
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid

# Functions a training loop or a data loader calls again and again: an optimizer's or an
# environment's step, a module's forward, Lightning's and Keras' per-batch hooks, a dataset's item.
PER_STEP = frozenset({"step", "forward", "__call__", "training_step", "train_step", "closure", "__getitem__",
                      "train_batch", "get_batch", "next_batch", "sample_batch", "on_train_batch_start"})
SEEDERS = frozenset({"manual_seed", "manual_seed_all", "seed", "set_seed", "set_random_seed", "seed_everything"})
GLOBAL_ROOTS = frozenset({"torch", "np", "numpy", "random", "tf", "tensorflow", "jax", "cuda", "pl", "lightning",
                          "transformers", "utils", "L"})


def _constant_seed(call: ast.Call) -> str:
    """The seed call's text when it seeds a global generator with a literal (`torch.manual_seed(0)`)."""
    name = dotted(call.func)
    if not name or name.rsplit(".", 1)[-1] not in SEEDERS:
        return ""
    parts = name.split(".")
    if len(parts) > 1 and parts[0] not in GLOBAL_ROOTS:
        return ""  # `self.rng.seed(0)`, `env.seed(0)`: a generator of its own, not the global one
    args = list(call.args) + [k.value for k in call.keywords if k.arg in (None, "seed")]
    if len(args) != 1 or not isinstance(args[0], ast.Constant) or not isinstance(args[0].value, int):
        return ""
    return f"{name}({args[0].value!r})"


# The draws a reseeded global generator makes, by the seeding call's root.
_DRAW_ROOTS = {"random": ("random.",), "np.random": ("np.random.", "numpy.random."),
               "numpy.random": ("np.random.", "numpy.random."), "torch": ("torch.rand", "torch.multinomial",
                                                                          "torch.bernoulli", "torch.normal")}
_NOT_DRAWS = frozenset({"seed", "manual_seed", "getstate", "setstate", "get_state", "set_state", "Random",
                        "RandomState", "default_rng", "Generator"})
_AST_LOOPS = (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _seeded_helper(function: ast.AST) -> dict | None:
    """A function that seeds a global generator with a literal, or with a parameter whose default is one
    (`def shuffle_options(options, seed=41): random.seed(seed)`), and then draws from that generator:
    every call replays the same draw. Its seed line, call text and the seed parameter's name and place."""
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    defaults = dict(zip([a.arg for a in positional[len(positional) - len(args.defaults):]], args.defaults))
    defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
    seed = None
    calls = sorted((n for n in subtree(function) if isinstance(n, ast.Call)), key=lambda n: (n.lineno, n.col_offset))
    for node in calls:
        name = dotted(node.func)
        if seed is None and name and name.rsplit(".", 1)[-1] in ("seed", "manual_seed"):
            root = name.rsplit(".", 1)[0]
            if root not in _DRAW_ROOTS or len(node.args) != 1 or node.keywords:
                continue
            arg, param = node.args[0], ""
            if isinstance(arg, ast.Name) and arg.id in defaults:
                param, arg = arg.id, defaults[arg.id]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, int) and not isinstance(arg.value, bool):
                seed = {"line": node.lineno, "call": f"{name}({param or arg.value})", "root": root, "param": param,
                        "index": [a.arg for a in positional].index(param) if param in [a.arg for a in positional] else -1}
        elif seed is not None and name and node.lineno >= seed["line"] \
                and name.startswith(_DRAW_ROOTS[seed["root"]]) and name.rsplit(".", 1)[-1] not in _NOT_DRAWS:
            return seed
    return None


class ConstantSeedEveryStep(Rule):
    """
    ## What it does
    Finds a global generator seeded with a literal (`torch.manual_seed(0)`, `np.random.seed(42)`,
    `random.seed(0)`, `tf.random.set_seed(1)`, `set_seed(0)`) inside a function that runs once per
    step or per item: an optimizer's or environment's `step`, a module's `forward` or `__call__`, a
    per-batch hook (`training_step`, `train_step`, a `closure`), a dataset's `__getitem__`. Seeds
    set once (in `__init__`, at the start of a script, in a `set_seed` helper), seeds computed from
    the step or the item (`np.random.seed(index)`, `torch.manual_seed(self.seed + step)`) and a
    generator object of the function's own (`env.seed(0)`, `self.rng.seed(0)`) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | optimizer `step()` starting with `torch.manual_seed(0)` | yes | the same call in `__init__` |
    | `Dataset.__getitem__` with `np.random.seed(42)` before a random crop | yes | `np.random.seed(index)` |
    | `forward` with `random.seed(0)` before dropping tokens | yes | `torch.manual_seed(self.seed + self.calls)` |
    | Lightning `training_step` with `pl.seed_everything(1)` | yes | `seed_everything(1)` in the script |
    | `def shuffle_options(options, seed=41): random.seed(seed); random.sample(...)` called once per question in a loop (any module) | yes | called with `seed=i`, or once |

    A helper of any name counts when it seeds a global generator with a literal (or with a parameter
    whose default is a literal) and then draws from it, and a loop or comprehension of the
    repository calls it without giving that seed: each call (one per question, one per item)
    replays the same draw.

    A checklist question by default (`--select SEED016` makes it a finding; session 2026-12-08 s): on the
    precision corpus none of its 3 findings was real (2 debatable, 1 false): a fixed seed reset on purpose so
    that one dataset's row order is the same whatever was loaded before (TabPFN), identical batches for the
    methods a federated-learning paper compares (FedProx), a fuzzing scorer's fixed highlight. A constant
    seed per step is sometimes the protocol; the author answers which. No labelled case of the development
    benchmark, the own cases or the blind probes depends on it.

    ## Why is this bad?
    Every call resets the generator to the same state, so the run's seed is overridden from the
    first step on, and every draw made after a step (the next batch's shuffle, the noise, the
    dropout masks, each item's augmentation) repeats the same numbers step after step. Results
    look reproducible but are one fixed sequence whatever seed the user gives, and runs meant to
    differ by seed do not.

    ## Example
        class LBFGS(Optimizer):
            def step(self, closure):
                torch.manual_seed(0)
                loss = closure()
                ...

    Use instead:
        class LBFGS(Optimizer):
            def step(self, closure):
                loss = closure()
                ...
    """

    code = "SEED016"
    default = "question"  # none real on the precision corpus: see the docs
    category = "SEED-SAMPLING"
    severity = Severity.WARNING
    message = ("`{call}` runs at every call of `{function}`, so the generator is reset to the same state each "
               "step: the run's seed is overridden and every later draw repeats the same numbers")
    question = "Should `{call}` run at every call of `{function}` (it resets the generator each step)?"
    triggers = ("seed", "for ")  # a reseeding helper's callers need not say "seed"
    examples = [
        invalid("""
            import torch
            from torch.optim import Optimizer

            class LBFGS(Optimizer):
                def __init__(self, params, lr=1.0):
                    super().__init__(params, dict(lr=lr))

                @torch.no_grad()
                def step(self, closure):
                    torch.manual_seed(0)  # expect: SEED016
                    loss = float(closure())
                    return loss
        """),
        invalid("""
            import numpy as np
            from torch.utils.data import Dataset

            class Crops(Dataset):
                def __init__(self, images):
                    self.images = images

                def __getitem__(self, index):
                    np.random.seed(42)  # expect: SEED016
                    x, y = np.random.randint(0, 32, size=2)
                    return self.images[index][x:x + 224, y:y + 224]
        """, note="each item gets the same random crop"),
        invalid("""
            import random
            import lightning as pl

            class Model(pl.LightningModule):
                def training_step(self, batch, batch_idx):
                    pl.seed_everything(1)  # expect: SEED016
                    return self.loss(batch)

                def forward(self, tokens):
                    random.seed(0)  # expect: SEED016
                    keep = [t for t in tokens if random.random() > 0.1]
                    return self.net(keep)
        """),
        invalid({
            "utils/utils_mcq.py": '''
                import random

                def shuffle_options(options, seed=41):
                    if seed is not None:
                        random.seed(seed)  # expect: SEED016
                    correct = options[0]
                    shuffled = random.sample(options, len(options))
                    return shuffled, shuffled.index(correct)
            ''',
            "benchmark.py": '''
                from utils.utils_mcq import shuffle_options

                def run(tasks):
                    for task in tasks:
                        options, correct = shuffle_options(task["options"])
                        task["options"], task["correct"] = options, correct
            ''',
        }, note="held-out real bugs 16 (PrefEval): every question gets the same option order"),
        valid({
            "utils/utils_mcq.py": '''
                import random

                def shuffle_options(options, seed=41):
                    random.seed(seed)
                    return random.sample(options, len(options))

                def split(rows, seed=0):
                    random.seed(seed)
                    random.shuffle(rows)
                    return rows[:100], rows[100:]
            ''',
            "benchmark.py": '''
                from utils.utils_mcq import shuffle_options, split

                def run(tasks, rows):
                    train, test = split(rows)
                    for i, task in enumerate(tasks):
                        task["options"] = shuffle_options(task["options"], seed=i)
                    return [shuffle_options(t["options"], i) for i, t in enumerate(tasks)]

                async def stream(tasks):
                    async for task in tasks:
                        yield shuffle_options(task["options"], seed=task["id"])
            ''',
        }, note="near misses: a seed given per call, a seeded helper called once"),
        valid("""
            import numpy as np
            import torch
            from torch.optim import Optimizer
            from torch.utils.data import Dataset

            class LBFGS(Optimizer):
                def __init__(self, params, lr=1.0):
                    torch.manual_seed(0)
                    super().__init__(params, dict(lr=lr))

                def step(self, closure):
                    return float(closure())

            class Crops(Dataset):
                def __getitem__(self, index):
                    np.random.seed(index)
                    return np.random.randint(0, 32, size=2)

            class Noisy(torch.nn.Module):
                def forward(self, x):
                    torch.manual_seed(self.seed + self.calls)
                    return x + torch.randn_like(x)

            class Env:
                def step(self, action):
                    self.rng.seed(0)
                    return self.rng.random()

            def set_seed(seed=0):
                torch.manual_seed(0)
                np.random.seed(0)
        """, note="near misses: seeded once, seeded from the item or the step, an object's own generator"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._helpers: dict[str, dict] = {}
        self._looped: list[dict] = []

    def _looped_calls(self, tree: ast.Module) -> None:
        """Calls made once per item (in a loop or a comprehension) of a function imported from, or defined
        in, the repository: kept for the repository phase, with what they pass."""
        imported: dict[str, str] = {}
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.update({a.asname or a.name: f"{node.module}.{a.name}" for a in node.names})
        own = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        for loop in subtree(tree):
            if not isinstance(loop, _AST_LOOPS):
                continue
            parts = [loop.body, getattr(loop, "orelse", [])] if isinstance(loop, (ast.For, ast.AsyncFor, ast.While)) \
                else [[loop.elt] if hasattr(loop, "elt") else [loop.key, loop.value]]
            for part in parts:
                for stmt in part:
                    for call in subtree(stmt):
                        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name) or len(self._looped) >= 200:
                            continue
                        callee = imported.get(call.func.id) or (call.func.id if call.func.id in own else "")
                        if callee:
                            self._looped.append({"callee": callee, "line": call.lineno,
                                                 "keywords": [k.arg for k in call.keywords if k.arg],
                                                 "positional": sum(1 for a in call.args if not isinstance(a, ast.Starred))})

    def finish(self) -> None:
        if self._helpers or self._looped:
            self.ctx.facts[self.code] = {"helpers": self._helpers, "looped": self._looped}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """A reseeding helper (of this module or another) called once per item by a loop."""
        helpers = {(path, name): h for path, facts in repo.facts(cls.code) for name, h in facts.get("helpers", {}).items()}
        if not helpers:
            return
        reported = set()
        for path, facts in repo.facts(cls.code):
            for site in facts.get("looped", []):
                callee = site["callee"]
                defined = (path, callee) if (path, callee) in helpers else locate_defined(repo, callee, path)
                if defined not in helpers or defined in reported:
                    continue
                helper = helpers[defined]
                if helper["param"] and (helper["param"] in site["keywords"]
                                        or 0 <= helper["index"] < site["positional"]):
                    continue  # the caller gives the seed
                reported.add(defined)
                repo.report(cls, defined[0], helper["line"], call=helper["call"], function=defined[1],
                            related=[Location(path, site["line"], "called once per item here")])

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        self._looped_calls(tree)
        for function in tree.body:
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and function.name not in PER_STEP:
                helper = _seeded_helper(function)
                if helper is not None:
                    self._helpers[function.name] = helper
        for function in module_functions(self.ctx):
            if function.name not in PER_STEP:
                continue
            for inner in scope_nodes(self.ctx, function):
                if isinstance(inner, ast.Call):
                    call = _constant_seed(inner)
                    if call:
                        self.ctx.report(type(self), None, line=inner.lineno,
                                        fields={"call": call, "function": function.name})
