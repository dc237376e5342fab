"""SEED016: a constant seed set inside a function that runs once per step or per item."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.stdast import dotted, module_functions, module_tree, scope_nodes
from hygiene.finding import Severity
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
    category = "SEED-SAMPLING"
    severity = Severity.WARNING
    message = ("`{call}` runs at every call of `{function}`, so the generator is reset to the same state each "
               "step: the run's seed is overridden and every later draw repeats the same numbers")
    question = "Should `{call}` run at every call of `{function}` (it resets the generator each step)?"
    triggers = ("seed",)
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

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for function in module_functions(self.ctx):
            if function.name not in PER_STEP:
                continue
            for inner in scope_nodes(self.ctx, function):
                if isinstance(inner, ast.Call):
                    call = _constant_seed(inner)
                    if call:
                        self.ctx.report(type(self), None, line=inner.lineno,
                                        fields={"call": call, "function": function.name})
