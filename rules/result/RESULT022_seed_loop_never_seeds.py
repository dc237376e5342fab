"""RESULT022: a loop over seeds whose seed is recorded with each result but reaches no run."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import dotted, module_nodes, module_tree, names_in
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# Calls that only show or record a value: the seed passed to them is written, not used.
RECORDERS = frozenset({"print", "info", "debug", "warning", "log", "write", "writerow", "writerows",
                       "set_description", "set_postfix", "add_scalar", "echo", "secho"})


def _seedy_target(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and "seed" in name_tokens(node.id)


def _seed_count(node: ast.AST) -> bool:
    """`range(args.num_seeds)`, `range(n_seeds)`, `SEEDS`, `args.seeds`: the seeds or their number."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" and node.args:
        node = node.args[-1] if len(node.args) == 1 else node.args[1]
    words = name_tokens(node.id) if isinstance(node, ast.Name) else (
        name_tokens(node.attr) if isinstance(node, ast.Attribute) else [])
    return "seeds" in words


def _call_name(call: ast.Call) -> str:
    name = dotted(call.func)
    if name:
        return name.rsplit(".", 1)[-1]
    return call.func.attr if isinstance(call.func, ast.Attribute) else ""


class SeedLoopNeverSeeds(Rule):
    """
    ## What it does
    Finds a loop over seeds (`for i in range(args.num_seeds)`, `for seed in seeds`) whose body
    runs something (`evaluate(best_args, trainer)`, `train(cfg)`) and records the seed with its
    result (`writer.writerow({"seed": i, "score": score})`, `logger.info(f"seed {i}: ...")`), while
    the seed itself reaches no call but those that show or write it and is stored nowhere a run
    reads (`args.seed = i`, `cfg["seed"] = i`). A body that passes the seed on (`train(cfg,
    seed=seed)`, `set_seed(seed)`, `torch.manual_seed(i)`) or stores it is left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `for i in range(args.num_seeds): score = evaluate(best_args)` writing `{"seed": i}` | yes | `best_args["seed"] = i` first |
    | `for seed in SEEDS: acc = run(cfg)` printing `seed` | yes | `run(cfg, seed=seed)` |

    ## Why is this bad?
    Every "seed" runs with the same seed (the configuration's own), so the rows that the results
    file attributes to seeds 0..n-1 are repeats of one run, the spread reported across seeds is
    that of the hardware's nondeterminism, and the claim that the result holds over several seeds
    is not backed by any.

    ## Example
        for i in range(args.num_seeds):
            model, score = evaluate(best_args, trainer_class)
            writer.writerow({"seed": i, "score": score})

    Use instead:
        for i in range(args.num_seeds):
            best_args["seed"] = i
            model, score = evaluate(best_args, trainer_class)
            writer.writerow({"seed": i, "score": score})
    """

    code = "RESULT022"
    category = "RESULT-PROVENANCE"
    severity = Severity.ERROR
    message = ("the loop over seeds records `{var}` with each result, but `{var}` reaches no run (`{run}`): every "
               "iteration runs with the same seed")
    question = "Does `{run}` use the loop's seed `{var}`? It is only recorded, never passed on"
    triggers = ("seed",)
    examples = [
        invalid("""
            import csv

            def main(args, best_args, trainer_class, evaluate, torch):
                with open(args.dir / "best_model_scores.csv", "w") as f:
                    writer = csv.DictWriter(f, fieldnames=["seed", "score"])
                    writer.writeheader()
                    for i in range(args.num_seeds):  # expect: RESULT022
                        model, score = evaluate(best_args, trainer_class)
                        del model
                        torch.cuda.empty_cache()
                        writer.writerow({"seed": i, "score": score})
        """),
        invalid("""
            import logging

            SEEDS = [0, 1, 2]
            for seed in SEEDS:  # expect: RESULT022
                acc = run_experiment(config)
                logging.info(f"seed {seed}: {acc:.3f}")
        """),
        valid("""
            import torch

            def sweep(args, best_args, evaluate, train, set_seed, cfg, writer):
                for i in range(args.num_seeds):
                    best_args["seed"] = i
                    writer.writerow({"seed": i, "score": evaluate(best_args)})
                for seed in args.seeds:
                    writer.writerow({"seed": seed, "score": train(cfg, seed=seed)})
                for seed in range(3):
                    set_seed(seed)
                    writer.writerow({"seed": seed, "score": evaluate(cfg)})
                for i in range(args.num_seeds):
                    torch.manual_seed(i)
                    print(i, evaluate(cfg))
                for i in range(args.num_seeds):
                    print(i)
                for seed in range(5):
                    with open("out_seed_{}.log".format(seed)) as f:
                        print(seed, parse(f.read()))
                for seed in range(args.n_seeds):
                    tasks.append((cfg, seed))
                for seed in args.seeds:
                    print(seed, summarize(results[seed]))
                for i in range(args.num_seeds):
                    launch(f"python train.py --seed {i}")
                    print(i)
        """, note="near misses: the seed stored, passed on, or seeding a generator; a loop that runs nothing; "
                  "the seed naming a file, a task, a results entry or a command"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for loop in module_nodes(self.ctx):
            if not (isinstance(loop, (ast.For, ast.AsyncFor)) and isinstance(loop.target, ast.Name)):
                continue
            var = loop.target.id
            if not (_seedy_target(loop.target) or _seed_count(loop.iter)):
                continue
            self._loop(loop, var)

    def _loop(self, loop: ast.AST, var: str) -> None:
        runs: list[ast.Call] = []
        recorded = False
        inside_recorders: set[int] = set()
        body = ast.Module(body=loop.body, type_ignores=[])
        for n in ast.walk(body):
            if isinstance(n, ast.Call) and _call_name(n) in RECORDERS:
                inside_recorders |= {id(m) for m in ast.walk(n)}
        for n in ast.walk(body):
            if isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Load) and var in names_in(n.slice):
                return  # `results[seed]`: data read by the seed, an analysis of earlier runs
            if isinstance(n, ast.JoinedStr) and var in names_in(n) and id(n) not in inside_recorders:
                return  # `f"--seed {seed}"` built into a command or a path, not only shown
            if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                value = n.value
                targets = n.targets if isinstance(n, ast.Assign) else [n.target]
                if value is not None and var in names_in(value) and not all(isinstance(t, ast.Name) for t in targets):
                    return  # `args.seed = i`, `cfg["seed"] = i`: stored where a run reads it
                if value is not None and var in names_in(value) and any(
                        isinstance(t, ast.Name) and "seed" in name_tokens(t.id) for t in targets):
                    return  # `seed = base + i`: a seed computed from it, maybe passed on later
            if isinstance(n, (ast.Subscript,)) and isinstance(n.ctx, ast.Store) and var in names_in(n.slice):
                recorded = True
            if not isinstance(n, ast.Call):
                continue
            name = _call_name(n)
            arg_names = set()
            for a in [*n.args, *(k.value for k in n.keywords)]:
                arg_names |= names_in(a)
            if name in RECORDERS:
                if var in arg_names:
                    recorded = True
                continue
            if name == "format" and var in arg_names and id(n) in inside_recorders:
                continue
            if var in arg_names or (isinstance(n.func, ast.Attribute) and var in names_in(n.func)):
                return  # the seed is passed to something that is not a recorder
            runs.append(n)
        runs = [r for r in runs if _call_name(r) not in RECORDERS and _call_name(r) not in ("len", "range", "round",
                                                                                          "float", "int", "open")]
        if recorded and runs:
            self.ctx.report(type(self), None, line=loop.lineno, fields={"var": var, "run": ast.unparse(runs[0].func)})
