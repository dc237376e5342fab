"""RESULT011: the run configuration saved with results lists a function's settings but none of its seeds."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.names import dotted
from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# What a record of the run's settings is called (a variable, an attribute or a key of the results).
_CONFIG = re.compile(r"(?i)^(config|configs|cfg|conf|run_config|run_info|run_settings|settings|metadata|meta|"
                     r"provenance|experiment|experiment_config|exp_config|hparams|hyperparameters|params)$")
MIN_SETTINGS = 3


class ConfigWithoutSeeds(Rule):
    """
    ## What it does
    Finds a function that takes seed parameters (`seed`, `random_seed`, `fewshot_random_seed`)
    and saves a record of its run settings with the results (a dict assigned to `config`,
    `results["config"]`, `metadata`, ...) that lists at least three of its parameters by name but
    none of the seeds. A record with a `**spread`, a key or value naming a seed, or a function
    without seed parameters is left alone, and so is a dict of keyword arguments for a call.

    ## Why is this bad?
    The record is where a reader looks to rerun the experiment: it names the model, the shots
    and the limit, so it looks complete, but the seeds that chose the few-shot examples and drove
    the sampling are missing. Two result files from different seeds look like two runs of the same
    configuration, and a rerun with the defaults may not reproduce the numbers.

    ## Example
        def evaluate(model, num_fewshot, limit, batch_size, random_seed=0, fewshot_seed=1234):
            ...
            results["config"] = {"model": model, "num_fewshot": num_fewshot, "limit": limit,
                                 "batch_size": batch_size}

    Use instead:
        results["config"] = {"model": model, "num_fewshot": num_fewshot, "limit": limit,
                             "batch_size": batch_size, "random_seed": random_seed,
                             "fewshot_seed": fewshot_seed}
    """

    code = "RESULT011"
    category = "RESULT-PROVENANCE"
    severity = Severity.WARNING
    message = "`{target}` records {count} settings of `{function}` ({some}) with its results but none of its seeds " \
              "({seeds}): results of different seeds look like runs of one configuration"
    question = "Which values of {seeds} produced the results whose configuration `{target}` records at {where}?"
    triggers = ("seed",)
    examples = [
        invalid("""
            import random
            import numpy as np

            def simple_evaluate(model, model_args=None, num_fewshot=None, batch_size=None, limit=None,
                                random_seed=0, numpy_random_seed=1234, fewshot_random_seed=1234):
                random.seed(random_seed)
                np.random.seed(numpy_random_seed)
                results = run_tasks(model, num_fewshot, limit, fewshot_random_seed)
                results["config"] = {  # expect: RESULT011
                    "model": model,
                    "model_args": model_args,
                    "batch_size": batch_size,
                    "limit": limit,
                }
                return results
        """),
        valid("""
            import random

            def simple_evaluate(model, model_args=None, batch_size=None, limit=None, random_seed=0):
                random.seed(random_seed)
                results = run_tasks(model, limit)
                results["config"] = {"model": model, "model_args": model_args, "batch_size": batch_size,
                                     "limit": limit, "random_seed": random_seed}
                return results
        """, note="near miss: the seed is recorded"),
        valid("""
            def simple_evaluate(model, model_args=None, batch_size=None, limit=None):
                results = run_tasks(model, limit)
                results["config"] = {"model": model, "model_args": model_args, "batch_size": batch_size, "limit": limit}
                return results
        """, note="near miss: the function takes no seed"),
        valid("""
            import json

            def train(model_name, lr, epochs, batch_size, seed=0):
                set_seed(seed)
                loader_kwargs = {"batch_size": batch_size, "epochs": epochs, "lr": lr}
                scores = fit(model_name, **loader_kwargs)
                config = {"model": model_name, "lr": lr, **loader_kwargs, "seed": seed}
                json.dump({"config": config, "scores": scores}, open("out.json", "w"))
        """, note="near miss: keyword arguments for a call are not a record; the record has the seed"),
        invalid("""
            import json
            import torch

            class Runner:
                def run(self, model_name, lr, epochs, batch_size, seed=0):
                    torch.manual_seed(seed)
                    scores = self.fit(model_name, lr, epochs, batch_size)
                    self.metadata = dict(model=model_name, lr=lr, epochs=epochs, batch_size=batch_size)  # expect: RESULT011
                    json.dump({"meta": self.metadata, "scores": scores}, open("out.json", "w"))
        """, note="a dict(...) call assigned to an attribute of the object"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.frames: list[tuple[str, list[str], list[str]]] = []  # (function, parameters, seed parameters)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        params = [p.name.value for p in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params)]
        params = [p for p in params if p not in ("self", "cls")]
        self.frames.append((node.name.value, params, [p for p in params if "seed" in p.lower()]))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.frames.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        if not self.frames or not self.frames[-1][2] or len(node.targets) != 1:
            return
        function, params, seeds = self.frames[-1]
        target = node.targets[0].target
        if not _config_target(target):
            return
        pairs = _record(node.value)
        if pairs is None:
            return
        named = [key for key, value in pairs if isinstance(value, cst.Name) and value.value in params]
        text = " ".join(key for key, _ in pairs) + " " + self.ctx.code(node.value)
        if len(named) < MIN_SETTINGS or "seed" in text.lower():
            return
        some = ", ".join(f"`{k}`" for k in named[:3]) + (", ..." if len(named) > 3 else "")
        self.report(node, target=self.ctx.code(target), count=len(named), function=function, some=some,
                    seeds=", ".join(f"`{s}`" for s in seeds))


def _config_target(target: cst.BaseAssignTargetExpression) -> bool:
    """`config`, `self.metadata`, `results["config"]`."""
    if isinstance(target, cst.Subscript) and len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
        key = string_value(target.slice[0].slice.value)
        return key is not None and bool(_CONFIG.match(key))
    name = dotted(target) if isinstance(target, (cst.Name, cst.Attribute)) else None
    return name is not None and bool(_CONFIG.match(name.rsplit(".", 1)[-1]))


def _record(value: cst.BaseExpression) -> list[tuple[str, cst.BaseExpression]] | None:
    """The (key, value) pairs of a dict literal or a `dict(k=v)` call; None when it spreads another mapping."""
    pairs: list[tuple[str, cst.BaseExpression]] = []
    if isinstance(value, cst.Dict):
        for element in value.elements:
            if not isinstance(element, cst.DictElement):
                return None
            pairs.append((string_value(element.key) or "", element.value))
        return pairs
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "dict":
        for arg in value.args:
            if arg.keyword is None:
                return None
            pairs.append((arg.keyword.value, arg.value))
        return pairs
    return None
