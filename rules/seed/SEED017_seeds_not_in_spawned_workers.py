"""SEED017: generators seeded in the parent process, the work run in spawned processes that never seed."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.stdast import FUNCTIONS, dotted, module_functions, module_tree
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

SEEDERS = frozenset({"manual_seed", "manual_seed_all", "seed", "set_seed", "set_random_seed", "seed_everything",
                     "init_seeds", "fix_seed", "setup_seed", "seed_all"})
SPAWNERS = frozenset({"spawn", "start_processes"})


def _seed_calls(body: list[ast.stmt]) -> list[ast.Call]:
    found = []
    for n in ast.walk(ast.Module(body=body, type_ignores=[])):
        if isinstance(n, ast.Call):
            name = dotted(n.func) or (n.func.attr if isinstance(n.func, ast.Attribute) else "")
            if name.rsplit(".", 1)[-1] in SEEDERS and not name.startswith(("self.", "env.")):
                found.append(n)
    return found


def _calls_in(function: ast.AST, functions: dict[str, ast.AST], seen: set[str]) -> set[str]:
    """Names of the file's functions that `function` calls, transitively."""
    out: set[str] = set()
    for n in ast.walk(function):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in functions \
                and n.func.id not in seen:
            seen.add(n.func.id)
            out.add(n.func.id)
            out |= _calls_in(functions[n.func.id], functions, seen)
    return out


class SeedsNotInSpawnedWorkers(Rule):
    """
    ## What it does
    Finds a script that seeds its generators in the parent process (`random.seed(opt.manual_seed)`,
    `np.random.seed(...)`, `torch.manual_seed(...)`, a `set_seed` helper) and then runs the work in
    processes made by `torch.multiprocessing.spawn(main_worker, ...)` (or `mp.start_processes`),
    when the worker function, and the functions of the file it calls, never seed. Spawned
    processes start a fresh interpreter: the parent's seeds do not reach them. A worker that seeds
    (itself or through a function it calls), seeds at the top level of the module outside its
    `if __name__ == "__main__":` block (a spawned process imports the main module again and runs
    them), and seeds set where no process is spawned, are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | seeds under `if __name__ == "__main__":`, then `mp.spawn(main_worker, ...)` | yes | `main_worker` seeding first |
    | `set_seed(args.seed)` in `main()`, then `torch.multiprocessing.spawn(train, ...)` | yes | `train` calling `setup(rank)` that seeds |

    ## Why is this bad?
    The distributed (or multi-GPU) runs, which are the runs whose numbers are reported, draw their
    initial weights, shuffles and augmentations from unseeded generators, while the script looks
    seeded and the seed is recorded in the config. Runs with the same seed differ, and a single
    process run (which is seeded) and the spawned one do not match.

    ## Example
        def main_worker(index, opt):
            model = build_model(opt)
            train(model, opt)

        if __name__ == "__main__":
            opt = get_opt()
            torch.manual_seed(opt.manual_seed)
            mp.spawn(main_worker, nprocs=opt.ngpus, args=(opt,))

    Use instead:
        def main_worker(index, opt):
            torch.manual_seed(opt.manual_seed)
            model = build_model(opt)
            train(model, opt)
    """

    code = "SEED017"
    category = "SEED-SAMPLING"
    severity = Severity.WARNING
    message = ("the generators are seeded here, but the work runs in processes made by `{spawn}` at line {line}, "
               "which start fresh: `{worker}` never seeds, so the spawned runs are unseeded")
    question = "Should `{worker}` seed its own process? The seeds set before `{spawn}` (line {line}) do not reach it"
    triggers = ("spawn", "start_processes")
    examples = [
        invalid("""
            import random
            import numpy as np
            import torch
            import torch.multiprocessing as mp

            def main_worker(index, opt):
                model = torch.nn.Linear(10, 2)
                return model

            if __name__ == "__main__":
                opt = get_opt()
                random.seed(opt.manual_seed)  # expect: SEED017
                np.random.seed(opt.manual_seed)
                torch.manual_seed(opt.manual_seed)
                if opt.distributed:
                    mp.spawn(main_worker, nprocs=opt.ngpus_per_node, args=(opt,))
                else:
                    main_worker(-1, opt)
        """),
        valid("""
            import random
            import torch
            import torch.multiprocessing as mp

            def setup(rank, seed):
                random.seed(seed)
                torch.manual_seed(seed)

            def main_worker(index, opt):
                setup(index, opt.manual_seed)
                return torch.nn.Linear(10, 2)

            def other_worker(index, opt):
                torch.manual_seed(opt.manual_seed)

            def plain_worker(index, opt):
                return torch.nn.Linear(10, 2)

            torch.manual_seed(2023)

            def main():
                mp.spawn(plain_worker, nprocs=2, args=(None,))

            if __name__ == "__main__":
                opt = get_opt()
                torch.manual_seed(opt.manual_seed)
                mp.spawn(main_worker, nprocs=2, args=(opt,))
                mp.spawn(other_worker, nprocs=2, args=(opt,))
        """, note="near misses: the workers seed, directly or through a helper; a module-level seed, which each spawned process runs again"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        functions = {f.name: f for f in module_functions(self.ctx)}
        for scope in [tree, *functions.values()]:
            body = scope.body
            for stmt_call in ast.walk(ast.Module(body=body, type_ignores=[])):
                if not (isinstance(stmt_call, ast.Call) and stmt_call.args
                        and (dotted(stmt_call.func) or "").rsplit(".", 1)[-1] in SPAWNERS
                        and isinstance(stmt_call.args[0], ast.Name) and stmt_call.args[0].id in functions):
                    continue
                worker = stmt_call.args[0].id
                reached = {worker} | _calls_in(functions[worker], functions, {worker})
                if any(_seed_calls(functions[name].body) for name in reached):
                    continue
                seeds = [c for c in _seed_calls(self._own(scope, functions)) if c.lineno < stmt_call.lineno]
                if seeds:
                    self.ctx.report(type(self), None, line=seeds[0].lineno,
                                    fields={"spawn": dotted(stmt_call.func), "line": stmt_call.lineno, "worker": worker})
                    return

    @staticmethod
    def _own(scope: ast.AST, functions: dict[str, ast.AST]) -> list[ast.stmt]:
        """The scope's statements that a spawned process does not run again: a function's body, or the
        module's `if __name__ == "__main__":` block (a spawned process imports the main module again,
        so its other top-level statements, seeds included, run in every worker)."""
        if not isinstance(scope, ast.Module):
            return [s for s in scope.body if not isinstance(s, (*FUNCTIONS, ast.ClassDef))]
        return [s for s in scope.body if isinstance(s, ast.If) and "__name__" in ast.unparse(s.test)]
