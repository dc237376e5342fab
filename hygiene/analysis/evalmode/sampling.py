"""Forward passes that sample on purpose, and mode switches that only restore a mode.

Monte Carlo prediction is a method, not a forgotten `.eval()`: Bayes by Backprop samples weights
(`self.forward(x, sample=True)`), MC dropout keeps dropout on at test time and averages repeated
passes (`for _ in range(n_samples): preds.append(model(x))`). A helper that saves the mode and puts
it back (`was_training = model.training; model.eval(); ...; if was_training: model.train()`), or a
context manager that switches to eval before its `yield` and back after it (`with eval_mode(model):`),
leaves the mode its caller had: its restoring switch is no switch to training mode. Code in a branch
on the model's own mode (`if model.training: ... else: ...`) reads the mode it is given.
"""
from __future__ import annotations

import re
from typing import Any, Sequence

import libcst as cst

from hygiene.analysis.apis.torch import VERB_WORDS, name_tokens
from hygiene.analysis.names import dotted
from hygiene.walk import iter_nodes, walk_scope

# Keywords of a forward call that ask it to sample (`sample=True`, `mc_dropout=True`).
_SAMPLING_KEYWORDS = frozenset({"sample", "sampling", "mc", "mc_dropout", "stochastic", "dropout", "enable_dropout",
                                "use_dropout", "sample_weights", "mc_sample", "bayesian"})
# A loop count of repeated passes: `range(n_samples)`, `range(self.mc_iters)`, `range(T)`.
# Counts of repeated runs of one input: a timing or a warm-up loop, not an evaluation over data.
_TIMED_REPEATS = re.compile(r"(?i)^(n_|num_)?(runs|repeats|reps|trials|warmup|warm_up|timing_iters|bench\w*)$")
_REPEATS = re.compile(r"(?i)(sample|samples|mc|monte|passes|draws|ensemble|^t$|forward_passes)")


def samples_on_purpose(node: cst.Call, parents: Sequence[cst.CSTNode]) -> bool:
    """Is this forward call a Monte Carlo sample: a sampling keyword set to True, or one of repeated
    passes over the same input in a loop over a sample count (the loop variable unused by the call)?"""
    for arg in node.args:
        if arg.keyword is not None and arg.keyword.value.lower() in _SAMPLING_KEYWORDS \
                and isinstance(arg.value, cst.Name) and arg.value.value == "True":
            return True
    loop = next((p.for_in if isinstance(p, _COMPREHENSIONS) else p for p in reversed(parents)
                 if isinstance(p, (cst.For, *_COMPREHENSIONS))), None)
    if loop is None:
        return False
    counted = loop.iter
    if not isinstance(counted, cst.Call) or not isinstance(counted.func, cst.Name) \
            or counted.func.value != "range" or not counted.args:
        return False
    count = dotted(counted.args[-1].value) if isinstance(counted.args[-1].value, (cst.Name, cst.Attribute)) else None
    if count is None:
        return False
    tail = count.rsplit(".", 1)[-1]
    timed = bool(_TIMED_REPEATS.search(tail)) and isinstance(loop, cst.For)
    if not _REPEATS.search(tail) and not timed:
        return False
    used = {n.value for n in _names(loop.target)}
    if timed:  # `for i in range(runs): out = net(x)`: the same input passed again and again times the model
        used |= {name.value for assigned in iter_nodes(loop.body) if isinstance(assigned, cst.AssignTarget)
                 for name in _names(assigned.target)}
    return not any(n.value in used for a in node.args for n in _names(a.value))


_COMPREHENSIONS = (cst.ListComp, cst.GeneratorExp, cst.SetComp)


def restores_mode(parents: Sequence[cst.CSTNode], yielded: bool) -> bool:
    """Is a `.train()` / `.eval()` here a restore: under `if was_training:` (a saved mode), or after
    the `yield` of a context manager (where its caller's `with` block ends)?"""
    if yielded:
        return True
    function = next((p for p in reversed(parents) if isinstance(p, cst.FunctionDef)), None)
    for parent in parents:
        if isinstance(parent, cst.If):
            test = parent.test
            if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
                test = test.expression
            if isinstance(test, cst.Name) and function is not None and _saved_mode(function, test.value):
                return True
    return False


def _saved_mode(function: cst.FunctionDef, name: str) -> bool:
    """Is `name` assigned the mode of a module in `function` (`was_training = self.model.training`)?
    A flag of the run (`if not if_training:`, a config value) is no saved mode."""
    return any(isinstance(n, cst.Assign) and isinstance(n.value, cst.Attribute) and n.value.attr.value == "training"
               and any(isinstance(t.target, cst.Name) and t.target.value == name for t in n.targets)
               for n in walk_scope(function.body))


def _names(node: Any) -> list[cst.Name]:
    found: list[cst.Name] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            found.append(current)
        elif isinstance(current, cst.CSTNode):
            stack.extend(current.children)
    return found


def called_function(target: str) -> bool:
    """`score_time_probe(...)`, `compute_metrics(...)`: a name that starts with a verb is a function
    (one a notebook's other cell or a star import defines), not a model being run."""
    words = name_tokens(target.rsplit(".", 1)[-1])
    return bool(words) and len(words) > 1 and words[0] in VERB_WORDS | _SCORING_VERBS


_SCORING_VERBS = frozenset({"score", "calc", "calculate", "measure", "plot", "show", "predict_fn"})


def in_training_branch(parents: list[cst.CSTNode], target: str) -> bool:
    """Whether the call sits in a branch on `target`'s own mode (`if model.training: ... else: ...`,
    also on a module that holds it, `self.training` around `self.encoder(x)`): a helper shared by
    the training step and the evaluation, that reads the mode it was given instead of assuming one,
    so neither branch is an evaluation run in the wrong mode."""
    for index in range(len(parents) - 1):
        node, child = parents[index], parents[index + 1]
        if not isinstance(node, cst.If) or not (child is node.body or child is node.orelse):
            continue
        test = node.test
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            test = test.expression
        if not (isinstance(test, cst.Attribute) and test.attr.value == "training"):
            continue
        owner = dotted(test.value)
        if owner is not None and (target == owner or target.startswith(owner + ".")):
            return True
    return False


def periodic_test_branch(parents: Sequence[cst.CSTNode], code: Any) -> bool:
    """Is the forward call in an `if` of a loop (`if i % 10 == 0:`) whose block neither backpropagates
    nor steps an optimizer: a test step between updates, not training on held-out batches (a bilevel
    search's architecture step, a meta-learner's query set)?"""
    for p in reversed(parents):
        if isinstance(p, (cst.For, cst.While, cst.FunctionDef)):
            return False
        if isinstance(p, cst.If):
            text = code(p)
            return not any(t in text for t in ("backward(", ".step(", "minimize("))
    return False
