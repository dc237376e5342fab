"""SEED075: a seed given as `seed or default`: a seed of 0 is false and is replaced by the default."""
from __future__ import annotations

import ast

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_nodes, module_tree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

SEED_WORDS = frozenset({"seed", "seeds", "random_state", "rng_seed"})


def _seedy(node: ast.AST) -> str | None:
    if not isinstance(node, (ast.Name, ast.Attribute)):
        return None  # `new_input == seed_input or ...`, `cfg.seed is None or ...`: a test, not a seed
    text = ast.unparse(node)
    last = text.rsplit(".", 1)[-1]
    words = set(name_tokens(last))
    return text if words & {"seed", "seeds"} or last in SEED_WORDS else None


def _number(node: ast.AST) -> bool:
    """A call that makes a number: `random.randint(...)`, `int(...)`, `np.random.randint(...)`, `time.time()`."""
    if not isinstance(node, ast.Call):
        return False
    name = ast.unparse(node.func).rsplit(".", 1)[-1]
    return name in ("randint", "randrange", "int", "getrandbits", "time", "time_ns", "random", "integers")


class SeedZeroReplacedByOr(Rule):
    """
    ## What it does
    Finds a seed taken with `or` from a value that may be a seed the caller chose and a fallback:
    `self.train_seed = train_seed or self.train_seed`, `seed = args.seed or 42`,
    `rng = np.random.default_rng(seed or random.randint(0, 10**6))`. 0 is a valid seed and is false,
    so a caller who asks for seed 0 silently gets the fallback (the old seed, another constant, a
    fresh random one). A fallback of 0 itself (`seed or 0`, where 0 and None give the same seed), a
    test `seed if seed is not None else default`, and names that are not seeds (`train_size or
    self.train_size`) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `self.train_seed = train_seed or self.train_seed` in `reset_seeds` | yes | `train_seed if train_seed is not None else self.train_seed` |
    | `seed = args.seed or random.randint(0, 2**31)` (script) | yes | `seed = args.seed or 0` |
    | `torch.manual_seed(cfg.seed or 1234)` (notebook) | yes | `torch.manual_seed(cfg.seed)` |

    ## Why is this bad?
    A run reported with seed 0 used another seed: its split, its sampling or its initialisation
    cannot be reproduced from what was recorded, and a sweep over seeds 0..n runs seed 1..n plus
    the fallback twice, so one of the seeds averaged is not the one it says.

    ## Example
        def reset_seeds(self, train_seed=None, eval_seed=None):
            self.train_seed = train_seed or self.train_seed

    Use instead:
        def reset_seeds(self, train_seed=None, eval_seed=None):
            self.train_seed = train_seed if train_seed is not None else self.train_seed
    """

    code = "SEED075"
    category = "SEED-UNSEEDED"
    severity = Severity.WARNING
    message = ("`{text}` replaces the seed `{seed}` by `{fallback}` when it is 0 (0 is false): a run asked "
               "for seed 0 uses `{fallback}` instead")
    question = "Can `{seed}` at {where} be 0? If so, should it be `{seed} if {seed} is not None else {fallback}`?"
    triggers = ("seed", "random_state")
    examples = [
        invalid("""
            class Dataset:
                def __init__(self, train_seed=0, train_size=None, eval_seed=0, dev_size=None):
                    self.train_seed, self.train_size, self.dev_seed, self.dev_size = train_seed, train_size, eval_seed, dev_size

                def reset_seeds(self, train_seed=None, train_size=None, eval_seed=None, dev_size=None):
                    self.train_size = train_size or self.train_size
                    self.train_seed = train_seed or self.train_seed  # expect: SEED075
        """),
        valid("""
            class Dataset:
                def reset_seeds(self, train_seed=None, train_size=None, eval_seed=None):
                    self.train_size = train_size or self.train_size
                    self.train_seed = train_seed if train_seed is not None else self.train_seed
                    self.dev_seed = eval_seed if eval_seed is not None else self.dev_seed
        """, note="near miss: a test for None; a size taken with `or`"),
        invalid("""
            import random
            import numpy as np

            seed = args.seed or random.randint(0, 2**31)  # expect: SEED075
            rng = np.random.default_rng(seed)
        """, note="script: a random fallback"),
        valid("""
            import numpy as np

            seed = args.seed or 0
            rng = np.random.default_rng(seed)
            train_seeds = cfg.train_seeds or [1, 2, 3, 4, 5]
            seed_list = parse_seeds(args.seeds) or list(range(5))
            done = new_input == seed_input or patience == 0
            missing = cfg.sampler_seed is None or cfg.split_seed is None
        """, note="near miss: a fallback of 0 (0 and None give the same seed); lists of seeds; tests joined by `or` (mirrors: evalplus, mlcommons)"),
        invalid({"run.ipynb": notebook(
            """
            import torch
            torch.manual_seed(cfg.seed or 1234)  # expect: SEED075
            """,
        )}, note="notebook: a constant fallback inside the seeding call"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for n in module_nodes(self.ctx):
            if not (isinstance(n, ast.BoolOp) and isinstance(n.op, ast.Or) and len(n.values) == 2):
                continue
            first, fallback = n.values
            seed = _seedy(first)
            if seed is None or (isinstance(fallback, ast.Constant) and fallback.value in (0, None, False)):
                continue
            if "seeds" in seed.lower() or isinstance(fallback, (ast.List, ast.Tuple, ast.Set, ast.Dict,
                                                                   ast.ListComp, ast.Call)) and not _number(fallback):
                continue  # a list of seeds is never 0: an empty list replaced by a default list is meant
            self.ctx.report(type(self), None, line=n.lineno, fields={
                "text": ast.unparse(n), "seed": seed, "fallback": ast.unparse(fallback)})
