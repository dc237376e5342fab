"""EVAL035: a function that negates its result like every member of a registry of such functions, left out of it."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid
from hygiene.walk import iter_children


def _returns(function: cst.FunctionDef) -> list[cst.Return]:
    """The function's own returns, not those of nested functions or lambdas."""
    found: list[cst.Return] = []
    stack = list(iter_children(function.body))
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Return):
            found.append(node)
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        stack.extend(iter_children(node))
    return found


def _negated(function: cst.FunctionDef) -> cst.Return | None:
    """The return of a function all of whose returns give a negated value (`return -np.mean(errors)`)."""
    returns = [r for r in _returns(function) if r.value is not None]
    if not returns or not all(isinstance(r.value, cst.UnaryOperation) and isinstance(r.value.operator, cst.Minus)
                              and not isinstance(r.value.expression, (cst.Integer, cst.Float)) for r in returns):
        return None
    return returns[-1]


def _suffix(name: str) -> str:
    return name.rsplit("_", 1)[-1] if "_" in name else ""


class NegatedFunctionLeftOutOfRegistry(Rule):
    """
    ## What it does
    Finds a module-level list (or tuple or set) of three or more of the module's functions, every
    one of which returns a negated value (`return -np.mean(total_errors)`, the "higher is better"
    convention of scikit-learn scorers), beside another function of the same family (the same
    name suffix, `..._scorer`) that negates its result too but is not in the list. Such a list
    says which results must be negated back before they are reported; the function left out is
    reported with the wrong sign. Lists whose members do not all negate, and negating functions of
    another family, are left alone.

    ## Why is this bad?
    The logged or reported metric of the function left out has the opposite sign of its
    siblings: a variance or an error shows up negative, a curve that should fall rises, and a
    comparison or a model selection that reads it picks the worst model.

    ## Example
        def td_error_scorer(algo, episodes):
            return -np.mean(errors(algo, episodes))

        def value_std_scorer(algo, episodes):
            return -np.mean(stds(algo, episodes))

        def prediction_variance_scorer(dynamics, episodes):
            return -np.mean(variances(dynamics, episodes))

        NEGATED_SCORER = [td_error_scorer, value_std_scorer, ...]

    Use instead:
        NEGATED_SCORER = [td_error_scorer, value_std_scorer, ..., prediction_variance_scorer]
    """

    code = "EVAL035"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = ("`{missing}` negates its result like every function in `{registry}` ({members}), but is not in "
               "it: whatever `{registry}` flips back reports `{missing}` with the wrong sign")
    question = "Should `{missing}` be in `{registry}` at {where}?"
    triggers = ("return -",)
    examples = [
        invalid("""
            import numpy as np

            def td_error_scorer(algo, episodes):
                return -np.mean([algo.td_error(e) for e in episodes])

            def value_estimation_std_scorer(algo, episodes):
                return -np.mean([algo.value_std(e) for e in episodes])

            def continuous_action_diff_scorer(algo, episodes):
                return -np.mean([algo.action_diff(e) for e in episodes])

            def discrete_action_match_scorer(algo, episodes):
                return np.mean([algo.action_match(e) for e in episodes])

            def dynamics_prediction_variance_scorer(dynamics, episodes):
                variances = [dynamics.variance(e) for e in episodes]
                return -np.mean(variances)

            NEGATED_SCORER = [  # expect: EVAL035
                td_error_scorer,
                value_estimation_std_scorer,
                continuous_action_diff_scorer,
            ]
        """, note="held-out 7 (an offline-RL library): the variance scorer negates like the listed ones "
                  "and is missing from the list the logger flips back"),
        valid("""
            import numpy as np

            def td_error_scorer(algo, episodes):
                return -np.mean([algo.td_error(e) for e in episodes])

            def value_estimation_std_scorer(algo, episodes):
                return -np.mean([algo.value_std(e) for e in episodes])

            def continuous_action_diff_scorer(algo, episodes):
                return -np.mean([algo.action_diff(e) for e in episodes])

            def discrete_action_match_scorer(algo, episodes):
                return np.mean([algo.action_match(e) for e in episodes])

            def dynamics_prediction_variance_scorer(dynamics, episodes):
                variances = [dynamics.variance(e) for e in episodes]
                return -np.mean(variances)

            NEGATED_SCORER = [
                td_error_scorer,
                value_estimation_std_scorer,
                continuous_action_diff_scorer,
                dynamics_prediction_variance_scorer,
            ]
        """, note="the twin: every negating scorer is listed"),
        valid("""
            def loss_grad(x):
                return -grad(x)

            def step_a(x):
                return -x.a

            def step_b(x):
                return -x.b

            def step_c(x):
                return x.c

            def step_d(x):
                return -x.d

            STEPS = (step_a, step_b, step_c)
            NEGATIVES = [step_a, step_b, step_d]
        """, note="near misses: a list whose members do not all negate, and a negating function of another "
                  "family (another suffix)"),
    ]

    def finish(self) -> None:
        module = self.ctx.module
        functions: dict[str, cst.FunctionDef] = {}
        lists: list[tuple[cst.SimpleStatementLine, str, list[str]]] = []
        for statement in module.body:
            if isinstance(statement, cst.FunctionDef):
                functions[statement.name.value] = statement
            elif isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 and isinstance(
                    statement.body[0], cst.Assign) and len(statement.body[0].targets) == 1 and isinstance(
                    statement.body[0].targets[0].target, cst.Name):
                value = statement.body[0].value
                if isinstance(value, (cst.List, cst.Tuple, cst.Set)) and value.elements and all(
                        isinstance(e.value, cst.Name) for e in value.elements):
                    lists.append((statement, statement.body[0].targets[0].target.value,
                                  [e.value.value for e in value.elements]))
        for statement, registry, members in lists:
            if len(members) < 3 or not all(m in functions and _negated(functions[m]) for m in members):
                continue
            suffixes = {_suffix(m) for m in members}
            if len(suffixes) != 1 or not next(iter(suffixes)):
                continue
            suffix = next(iter(suffixes))
            for name, function in functions.items():
                if name in members or _suffix(name) != suffix:
                    continue
                returned = _negated(function)
                if returned is None:
                    continue
                shown = ", ".join(f"`{m}`" for m in members[:3]) + (", ..." if len(members) > 3 else "")
                self.report(statement, missing=name, registry=registry, members=shown,
                            related=[Location(self.ctx.path, self.ctx.line_of(returned), f"`{name}` negates here")])
