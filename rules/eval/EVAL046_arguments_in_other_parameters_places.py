"""EVAL046: a metric function called with its own parameters' names in each other's places."""
from __future__ import annotations

import re
from typing import Any

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid

# Functions that compute a score: the arguments' order decides the number reported. Functions whose
# two directions are both meaningful (a divergence, a distance) are left out: `kl(q, p)` may be chosen.
_SCORE_NAME = re.compile(r"(^|_)(pass_at|passk|acc|accuracy|score|scores|metric|metrics|f1|auc|auroc|precision|"
                         r"recall|estimat\w*|eval\w*|rate|bleu|rouge|em|exact_match|ndcg|mrr|c_index|cindex|"
                         r"concordance|calibration|ece|brier|pass)($|_|\d)", re.I)
_DIRECTIONAL = re.compile(r"kl|diverg|distance|dist|transport|shift|swap|reverse|cross", re.I)


def _params(node: cst.FunctionDef) -> list[str]:
    params = node.params
    return [p.name.value for p in (*params.posonly_params, *params.params)]


def _misplaced(params: list[str], args: list[str | None]) -> list[tuple[int, str]]:
    """Arguments named after another parameter of the callee, each taking the place of a parameter whose
    own name is passed elsewhere in the call: `f(n, k, c)` for `def f(n, c, k)` gives [(1, "k"), (2, "c")]."""
    passed = {a for a in args if a}
    wrong = [(i, a) for i, a in enumerate(args) if a and i < len(params) and a != params[i] and a in params
             and params[i] in passed]
    # A real exchange: every misplaced name's own place holds another misplaced name.
    names = {a for _, a in wrong}
    if len(wrong) < 2 or any(params[i] not in names for i, _ in wrong):
        return []
    return wrong


class ArgumentsInOtherParametersPlaces(Rule):
    """
    ## What it does
    Finds a call of one of the repository's scoring functions (a name that says it computes a metric:
    `pass_at_k`, `compute_accuracy`, `f1_score`, `estimate_...`, `evaluate_...`) whose positional
    arguments are variables named exactly like the function's parameters, but in each other's places:
    `pass_at_k(n, k, c)` for `def pass_at_k(n, c, k)`. The caller's names say what each value is, and
    the function reads them in another order, so the number of correct samples is taken for k and k
    for the number correct. The function may be defined in another module of the repository. Calls
    with keywords, calls where only one name is out of place, calls inside the function itself (a
    recursion that exchanges its arguments on purpose), and functions whose two directions are both
    meaningful (`kl(q, p)`, a distance, a shift) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `pass_at_k(n, k, c)`, `def pass_at_k(n, c, k)` in another module | yes | `pass_at_k(n, c, k)` |
    | `score(gold, pred)` for `def score(pred, gold)` (same file, notebook) | yes | `score(pred=gold, gold=pred)` by keyword |
    | `kl_divergence(q, p)` for `def kl_divergence(p, q)` | no (both directions are used on purpose) | |

    ## Why is this bad?
    The code runs and returns a number in the right range: pass@k with k and c exchanged is still a
    probability, an F1 with truth and prediction exchanged is still an F1. The table reports a
    different quantity than the one the caller computed the inputs for.

    ## Example
        def pass_at_k(n, c, k):
            ...
        vals.append(pass_at_k(n, k, c))

    Use instead:
        vals.append(pass_at_k(n, c, k))     # or pass_at_k(n=n, c=c, k=k)
    """

    code = "EVAL046"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{call}` passes {names} in each other's places: `{callee}` takes ({params}), so each value is read as "
               "another parameter")
    question = "Is `{call}` at {where} meant to pass its arguments in another order than `{callee}`'s ({params})?"
    examples = [
        invalid({
            "passk/estimator.py": """
                import numpy as np

                def pass_at_k(n, c, k):
                    if n - c < k:
                        return 1.0
                    return 1.0 - float(np.prod(1.0 - k / np.arange(n - c + 1, n + 1)))
            """,
            "passk/report.py": """
                from passk.estimator import pass_at_k

                def report(per_task, k):
                    vals = []
                    for results in per_task.values():
                        n, c = len(results), sum(results)
                        vals.append(pass_at_k(n, k, c))  # expect: EVAL046
                    return sum(vals) / len(vals)
            """,
        }, note="probe 14: the unbiased pass@k estimator defined as (n, c, k) in one module, called as (n, k, c) in another"),
        valid({
            "passk/estimator.py": """
                import numpy as np

                def pass_at_k(n, c, k):
                    if n - c < k:
                        return 1.0
                    return 1.0 - float(np.prod(1.0 - k / np.arange(n - c + 1, n + 1)))
            """,
            "passk/report.py": """
                from passk.estimator import pass_at_k

                def report(per_task, k):
                    vals = []
                    for results in per_task.values():
                        n, c = len(results), sum(results)
                        vals.append(pass_at_k(n, c, k))
                    return sum(vals) / len(vals)
            """,
        }, note="near miss: the arguments in the function's order"),
        invalid({"eval.ipynb": notebook(
            """
            def macro_score(pred, gold):
                return f1_score(gold, pred, average="macro")
            """,
            """
            pred, gold = load_predictions(), load_gold()
            print(macro_score(gold, pred))  # expect: EVAL046
            """,
        )}, note="a notebook: the helper of one cell called with its two arguments exchanged in the next"),
        valid("""
            def macro_score(pred, gold):
                return f1_score(gold, pred, average="macro")

            def kl_divergence(p, q):
                return (p * (p / q).log()).sum()

            pred, gold = load_predictions(), load_gold()
            print(macro_score(pred, gold), macro_score(pred=pred, gold=gold))
            p, q = model_probs(), data_probs()
            print(kl_divergence(q, p))
        """, note="near miss: keywords, the right order, a divergence whose reverse direction is chosen on purpose"),
        valid("""
            def evaluate_pair(a, b, depth):
                if depth == 0:
                    return compare(a, b)
                return evaluate_pair(b, a, depth - 1)
        """, note="near miss: a recursion that exchanges its arguments on purpose"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.defined: dict[str, list[str]] = {}
        self.calls: list[tuple[cst.Call, str, list[str | None], str | None]] = []
        self.functions: list[str] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        outer = [p for p in self.ctx.parents if isinstance(p, (cst.FunctionDef, cst.ClassDef))]
        if not outer and _SCORE_NAME.search(node.name.value) and not _DIRECTIONAL.search(node.name.value):
            module = self.ctx.names.module_name if self.ctx.names is not None else ""
            params = _params(node)
            if len(params) >= 2 and len(set(params)) == len(params):
                self.defined[".".join([*([module] if module else []), node.name.value])] = params
        self.functions.append(node.name.value)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.pop()

    def visit_Call(self, node: cst.Call) -> None:
        if any(a.keyword is not None or a.star for a in node.args):
            return
        args = [a.value.value if isinstance(a.value, cst.Name) else None for a in node.args]
        if sum(a is not None for a in args) < 2:
            return
        name = self.qualified_name(node.func)
        if not name or "()" in name:
            return
        short = name.rsplit(".", 1)[-1]
        if not _SCORE_NAME.search(short) or _DIRECTIONAL.search(short) or short in self.functions:
            return  # a recursion exchanges its arguments on purpose
        self.calls.append((node, name, args, self.functions[-1] if self.functions else None))

    def finish(self) -> None:
        later: list[dict[str, Any]] = []
        for node, name, args, _ in self.calls:
            params = self.defined.get(name)
            if params is not None:
                wrong = _misplaced(params, args)
                if wrong:
                    self.ctx.report(type(self), node, fields=_fields(self.ctx.code(node), name, params, wrong))
                continue
            if self.ctx.kind == "python":
                later.append({"name": name, "args": args, "line": self.ctx.line_of(node), "code": self.ctx.code(node)[:200]})
        if self.defined or later:
            self.ctx.facts[self.code] = {"defined": self.defined, "calls": later[:200]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        # By function name; a call names its module from the importing file (`passk.estimator.pass_at_k`),
        # a definition by its own module name or its path (`passk/estimator.py` outside a package).
        defined: dict[str, list[tuple[str, set[str], list[str]]]] = {}
        for path, facts in repo.facts(cls.code):
            for name, params in facts.get("defined", {}).items():
                short = name.rsplit(".", 1)[-1]
                names = {name, path.rsplit(".", 1)[0].replace("/", ".") + "." + short}
                defined.setdefault(short, []).append((path, names, params))
        if not defined:
            return
        for path, facts in repo.facts(cls.code):
            for call in facts.get("calls", []):
                name = call["name"]
                found = next((d for d in defined.get(name.rsplit(".", 1)[-1], [])
                              if any(name == n or name.endswith("." + n) or n.endswith("." + name) for n in d[1])), None)
                if found is None or found[0] == path:
                    continue
                found = (found[0], found[2])
                wrong = _misplaced(found[1], call["args"])
                if wrong:
                    repo.report(cls, path, call["line"], snippet=call["code"],
                                related=[Location(found[0], None, f"`{call['name'].rsplit('.', 1)[-1]}` defined here")],
                                **_fields(call["code"], call["name"], found[1], wrong))


def _fields(call: str, name: str, params: list[str], wrong: list[tuple[int, str]]) -> dict[str, str]:
    return {"call": call.strip()[:120], "callee": name.rsplit(".", 1)[-1], "params": ", ".join(params),
            "names": " and ".join(f"`{a}`" for _, a in wrong)}
