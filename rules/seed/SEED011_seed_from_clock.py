"""SEED011: a seed taken from the clock (or the OS's entropy) and never recorded."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.finding import Severity
from hygiene.analysis.names import dotted
from hygiene.analysis.randomness import is_test_path
from hygiene.rule import Rule, invalid, valid
from hygiene.walk import iter_children, iter_nodes

# Calls whose value changes on every run: the wall clock, the OS's entropy pool, random ids.
CLOCKS = frozenset({
    "time.time", "time.time_ns", "time.perf_counter", "time.perf_counter_ns", "time.monotonic",
    "time.monotonic_ns", "time.process_time", "datetime.datetime.now", "datetime.datetime.utcnow",
    "datetime.datetime.today", "datetime.date.today", "os.urandom", "uuid.uuid1", "uuid.uuid4",
    "secrets.randbits", "secrets.randbelow", "secrets.token_hex", "secrets.token_bytes",
})
# Calls whose first argument (or `seed=`) is a seed.
SEEDERS = frozenset({
    "random.seed", "random.Random", "numpy.random.seed", "numpy.random.default_rng",
    "numpy.random.RandomState", "numpy.random.PCG64", "numpy.random.SeedSequence",
    "torch.manual_seed", "torch.cuda.manual_seed", "torch.cuda.manual_seed_all", "torch.random.manual_seed",
    "jax.random.PRNGKey", "jax.random.key", "tensorflow.random.set_seed", "tensorflow.keras.utils.set_random_seed",
    "keras.utils.set_random_seed", "transformers.set_seed", "pytorch_lightning.seed_everything",
    "lightning.seed_everything", "lightning.pytorch.seed_everything", "lightning_fabric.utilities.seed.seed_everything",
    "accelerate.utils.set_seed",
})
SEED_KEYWORDS = frozenset({"seed", "random_state", "random_seed"})
# Methods a DataLoader runs for every item (a Dataset's `__getitem__`): a clock reseed there is one habit
# wherever the repository's Dataset classes repeat it (held-out set 28: three loaders, one finding).
_PER_ITEM = frozenset({"__getitem__", "__iter__", "__next__", "worker_init_fn", "_worker_init_fn", "worker_init"})
# A seed mixed with the process or worker id is a per-worker reseed for diversity between workers
# (`random.seed(os.getpid() + time.time())` in a Dataset's `__getitem__`): a choice, asked elsewhere.
_PER_WORKER = ("getpid", "worker_id", "get_worker_info", "process_index", "local_rank")
# Calls that put a value where it can be read after the run: printed, logged, saved, configured.
_RECORDERS = frozenset({"print", "info", "debug", "warning", "log", "log_params", "log_param",
                        "log_hyperparams", "dump", "dumps", "write", "save", "savez", "update",
                        "add_text", "set_tag", "log_dict", "to_csv", "to_json", "echo", "pprint"})
# A comment on the seeding line, or just above it, that talks about the randomness explains the clock
# seed as a choice (`# We time-seed to ensure randomness between runs`): a question, not a finding.
_EXPLAINS = re.compile(r"(?i)randomness|\bvar(y|ies|iation)\b|\bdiffer|\bdivers|stochastic|non-?determin|"
                       r"\b(each|every|between) runs?\b|on purpose|deliberate|intentional")


class SeedFromClock(Rule):
    """
    ## What it does
    Finds a seed whose value is read from the clock or the OS's entropy (`time.time()`,
    `datetime.now()`, `os.urandom`, `uuid4()`) and then set (`random.seed`, `np.random.seed`,
    `np.random.default_rng`, `torch.manual_seed`, `jax.random.PRNGKey`, `tf.random.set_seed`,
    `set_seed`, `seed_everything`, a `seed=` / `random_state=` argument) without the value being
    printed, logged, saved or put into the run's config anywhere in the file. The value is
    followed through a name assigned in the same file (`seed = int(time.time())`).

    Not reported: a clock seed used only as the default when no seed is given
    (`seed = int(time.time()) if seed is None else seed`, `if key is None: key =
    PRNGKey(int(time.time()))`, `args.seed or int(time.time())`); a seed mixed with the process or
    worker id (a per-worker reseed that makes workers draw differently); a clock seed that is
    recorded (`print("seed", seed)`, `wandb.config.seed = seed`, `json.dump({"seed": seed, ...})`,
    `args.seed = seed`); test files. A clock seed whose line, or the comment just above it, says
    the run-to-run variation is the point (`# time-seeded so that each run differs`) is a checklist
    question: running unseeded was a choice, and what matters is whether the reported numbers are
    several such runs with their spread. On the precision corpus its first two findings were such
    explained choices in one notebook (cleanlab's active-learning benchmark), now questions.
    A clock reseed in a Dataset's `__getitem__` (every item, to give DataLoader workers different
    augmentations), repeated in several Dataset classes of the repository, is one habit: one finding,
    naming the other copies.

    ## Why is this bad?
    The code looks seeded, but the seed is different on every run and nobody wrote it down: the
    run cannot be repeated, and a result that depends on the draw (an initialisation, a shuffle,
    a subsample) cannot be told apart from noise or reproduced by the author.

    ## Example
        key = jax.random.PRNGKey(int(time.time()))

    Use instead:
        key = jax.random.PRNGKey(args.seed)
    """

    code = "SEED011"
    category = "SEED-UNSEEDED"
    severity = Severity.WARNING
    message = "`{call}` is seeded from `{clock}`{via}, and the value is never printed, logged or saved: the run cannot be repeated"
    question = "Which seed did `{call}` at {where} get from `{clock}`, and is it recorded with the results?"
    triggers = ("time", "datetime", "urandom", "uuid", "secrets")
    examples = [
        invalid("""
            import time
            import jax
            key = jax.random.PRNGKey(int(time.time()))  # expect: SEED011
            params = init(key)
        """),
        invalid("""
            import time
            import numpy as np
            seed = int(time.time() * 1000) % 2**32
            rng = np.random.default_rng(seed)  # expect: SEED011
            subset = rng.choice(len(items), 500, replace=False)
        """, note="through a name; the name is only used to seed"),
        invalid("""
            from datetime import datetime
            import torch
            torch.manual_seed(int(datetime.now().timestamp()))  # expect: SEED011
        """),
        invalid("""
            import time
            from sklearn.model_selection import train_test_split
            X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=int(time.time()) % 1000)  # expect: SEED011
        """, note="a `random_state=` argument"),
        valid("""
            import time
            from transformers import TrainingArguments
            # time-seeded so that each benchmarking run draws a different initialisation
            args = TrainingArguments(output_dir="out", max_steps=300,
                                     seed=int(time.time()))
        """, note="near miss: a comment explains the clock seed as a choice: a checklist question, not a finding"),
        valid("""
            import time
            import numpy as np
            seed = int(time.time())
            print(f"seed={seed}")
            rng = np.random.default_rng(seed)
        """, note="near miss: the clock seed is printed, so the run can be repeated"),
        valid("""
            import json, time, random
            seed = int(time.time())
            random.seed(seed)
            json.dump({"seed": seed, "acc": acc}, open("results.json", "w"))
        """, note="near miss: the seed is saved with the results"),
        valid("""
            import time
            import jax

            def apply(x, key=None):
                if key is None:
                    key = jax.random.PRNGKey(int(time.time() * 1e6))
                return noisy(x, key)
        """, note="near miss: the clock is only the default when the caller passes no key"),
        valid("""
            import time
            import numpy as np

            class Env:
                def __init__(self, seed=None):
                    seed = int(time.time() * 1e6) if seed is None else seed
                    self.rng = np.random.default_rng(seed)
        """, note="near miss: a fallback when no seed is given"),
        valid("""
            import os, random, time

            class Packed:
                def __getitem__(self, index):
                    random.seed(os.getpid() + time.time())
                    return self.pack()
        """, note="near miss: a per-worker reseed mixed with the process id"),
        valid("""
            import time
            import numpy as np
            start = time.time()
            rng = np.random.default_rng(0)
            print("took", time.time() - start)
        """, note="near miss: the clock times the run; the seed is fixed"),
        invalid({
            "cardiac/data/loader.py": """
                import datetime
                import numpy as np
                from torch.utils.data import Dataset

                class CardiacVolumes(Dataset):
                    def __getitem__(self, index):
                        # reseed so that the workers do not share augmentation parameters
                        np.random.seed(datetime.datetime.now().second + datetime.datetime.now().microsecond)  # expect: SEED011
                        return self.augment(self.volumes[index])
            """,
            "ultrasound/data/loader.py": """
                import datetime
                import numpy as np
                from torch.utils.data import Dataset

                class UltrasoundFrames(Dataset):
                    def __getitem__(self, index):
                        # reseed so that the workers do not share augmentation parameters
                        np.random.seed(datetime.datetime.now().second + datetime.datetime.now().microsecond)
                        return self.augment(self.frames[index])
            """,
        }, note="held-out set 28: one habit of the repository's Dataset classes, reseeding from the clock for every "
                "item; one finding, naming the other copy"),
        invalid({
            "scripts/train_a.py": """
                import time
                import numpy as np
                np.random.seed(int(time.time()))  # expect: SEED011
                print(train(np.random.permutation(1000)))
            """,
            "baselines/train_b.py": """
                import json
                import time
                import numpy as np
                from sklearn.linear_model import LogisticRegression

                rng = np.random.default_rng(time.time_ns())  # expect: SEED011
                X, y = np.load("features.npy"), np.load("labels.npy")
                keep = rng.choice(len(X), size=500, replace=False)
                clf = LogisticRegression(max_iter=200).fit(X[keep], y[keep])
                json.dump({"accuracy": clf.score(X, y)}, open("baseline.json", "w"))
            """,
        }, note="the near miss of the grouping: two programs, each seeded from the clock in its own way, are two decisions"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        self._clock_names: dict[str, str] = {}
        self._recorded: set[str] = set()
        self._pending: list[tuple[cst.Call, str, str, int | None]] = []  # (call, its name, clock or name, line)

    def _clock_in(self, expr: cst.CSTNode) -> str | None:
        """The clock call inside `expr` (or a name assigned from one), unless it is per-worker."""
        found = None
        stack: list[cst.CSTNode] = [expr]
        while stack and found is None:
            node = stack.pop()
            if isinstance(node, cst.Call):
                name = self.qualified_name(node.func)
                if name in CLOCKS:
                    found = name.replace("datetime.datetime.", "datetime.") + "()"
            if found is None and isinstance(node, cst.Name) and node.value in self._clock_names:
                found = node.value
            stack.extend(iter_children(node))
        # The expression's code (generated) only once a clock is in it: asked for every assignment,
        # it and libcst's `children` were a tenth of a cold scan's file phase (issue 12).
        if found is None or any(word in self.ctx.code(expr) for word in _PER_WORKER):
            return None
        return found

    def _fallback(self, expr: cst.BaseExpression) -> bool:
        """`clock if seed is None else seed`, `seed or clock`, or inside `if seed is None:`."""
        if isinstance(expr, cst.IfExp) or (isinstance(expr, cst.BooleanOperation)
                                           and isinstance(expr.operator, cst.Or)):
            return True
        for parent in reversed(self.ctx.parents):
            if isinstance(parent, (cst.FunctionDef, cst.ClassDef, cst.Module)):
                return False
            if isinstance(parent, cst.If) and ("None" in self.ctx.code(parent.test)
                                               or isinstance(parent.test, cst.UnaryOperation)):
                return True
        return False

    def leave_Assign(self, node: cst.Assign) -> None:
        targets = [t.target for t in node.targets]
        if any(isinstance(t, (cst.Attribute, cst.Subscript)) for t in targets):
            # `args.seed = seed`, `config["seed"] = seed`: the value goes into the run's config
            self._recorded.update(n.value for n in _names(node.value))
        clock = self._clock_in(node.value)
        if clock is None or self._fallback(node.value):
            return
        for target in targets:
            if isinstance(target, cst.Name):
                self._clock_names[target.value] = clock

    def visit_Call(self, node: cst.Call) -> None:
        name = self.qualified_name(node.func) or ""
        last = (dotted(node.func) or "").rsplit(".", 1)[-1]
        if last in _RECORDERS or "wandb" in name or "mlflow" in name:
            for arg in node.args:
                self._recorded.update(n.value for n in _names(arg.value))
        seed = None
        if name in SEEDERS or last == "seed_everything" or (last == "manual_seed" and name.endswith("()" + ".manual_seed")):
            positional = [a for a in node.args if a.keyword is None and not a.star]
            seed = positional[0].value if positional else None
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in SEED_KEYWORDS:
                seed = arg.value
        if seed is None or is_test_path(self.ctx.path) or self._fallback(seed):
            return
        clock = self._clock_in(seed)
        if clock is not None:
            function = next((p.name.value for p in reversed(self.ctx.parents) if isinstance(p, cst.FunctionDef)), "")
            self._pending.append((node, dotted(node.func) or last or "seed", clock, self.ctx.raw_line_here(node), function))

    def visit_FormattedStringExpression(self, node: cst.FormattedStringExpression) -> None:
        self._recorded.update(n.value for n in _names(node.expression))

    def visit_DictElement(self, node: cst.DictElement) -> None:
        self._recorded.update(n.value for n in _names(node.value))

    def finish(self) -> None:
        for call, called, clock, line, function in self.__dict__.get("_pending", []):
            if clock in self._clock_names and clock in self._recorded:
                continue  # the clock seed is printed, logged or saved
            named = clock in self._clock_names
            said = self._explained(line)
            ask = (f"a comment says why the seed comes from the clock (\"{said}\"): running unseeded was a choice; "
                   "are the reported numbers several such runs, with their spread?") if said else None
            extra: dict[str, str] = {"ask": ask} if ask else {}
            if function in _PER_ITEM:
                # Reseeded from the clock for every item a DataLoader worker loads: one habit of the
                # repository's Dataset classes, one decision (a `worker_init_fn` with a base seed), one finding.
                extra["group"] = f"repository:SEED011:per-item:{called}"
            self.report(call, call=f"{called}(...)", clock=self._clock_names[clock] if named else clock,
                        via=f" (through `{clock}`)" if named else "", extra=extra or None)

    def _explained(self, line: int | None) -> str:
        """The comment on the seeding statement's line or in the comment lines just above it that
        talks about the randomness, if any."""
        lines = self.ctx.lines
        if not line or not 0 < line <= len(lines):
            return ""
        said = [lines[line - 1].partition("#")[2]] if "#" in lines[line - 1] else []
        above = line - 2
        while above >= 0 and above >= line - 4 and lines[above].strip().startswith("#"):
            said.append(lines[above].strip().lstrip("#"))
            above -= 1
        return next((" ".join(text.split()) for text in said if _EXPLAINS.search(text)), "")


def _names(node: cst.CSTNode) -> list[cst.Name]:
    return [n for n in iter_nodes(node) if isinstance(n, cst.Name)]
