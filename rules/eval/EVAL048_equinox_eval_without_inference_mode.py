"""EVAL048: an equinox model with dropout or batch norm evaluated without inference mode."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid

# Layers whose behaviour changes in inference mode.
_MODAL_LAYERS = frozenset({"Dropout", "BatchNorm"})
# Calls that switch an equinox model (or a layer) to inference.
_SWITCHES = re.compile(r"\b(inference_mode|tree_inference)\s*\(|\binference\s*=\s*True\b|\.eval\(\)")
# Functions that evaluate a model: their result is a held-out number.
_EVALUATES = re.compile(r"(?i)^(eval\w*|\w*_eval|test\w*|\w*accura\w*|predict\w*|\w*score\w*|valid\w*|\w*_metrics?)$")


class EquinoxEvalWithoutInferenceMode(Rule):
    """
    ## What it does
    Finds an evaluation of an equinox model (`evaluate(model, X_test, y_test, key)`, a function named
    for evaluating, testing, predicting or scoring, handed the model) in a repository whose equinox
    modules hold `eqx.nn.Dropout` or `eqx.nn.BatchNorm`, when no code of the repository switches a
    model to inference (`eqx.nn.inference_mode(model)`, `eqx.tree_inference(model, value=True)`, a
    layer built with `inference=True`). Equinox has no `model.eval()`: a `Dropout` layer drops units
    whenever it is given a key, and a `BatchNorm` layer keeps updating its statistics, until the
    model is switched.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `evaluate(model, X_test, y_test, key)` with `eqx.nn.Dropout` in a module of the repo | yes | `evaluate(eqx.nn.inference_mode(model), ...)` |

    ## Why is this bad?
    The test accuracy is measured with dropout on: each prediction comes from a random sub-network,
    so the reported number is lower and noisier than the model's, and it changes with the key.

    ## Example
        print("test accuracy", evaluate(model, X_test, y_test, key))

    Use instead:
        print("test accuracy", evaluate(eqx.nn.inference_mode(model), X_test, y_test, key))
    """

    code = "EVAL048"
    category = "EVAL-MODE"
    severity = Severity.ERROR
    message = ("`{call}` evaluates an equinox model whose modules hold {layers} ({where_defined}), and no code switches "
               "it to inference (`eqx.nn.inference_mode`): dropout stays on while it is measured")
    question = "Is the model evaluated at {where} in inference mode (`eqx.nn.inference_mode(model)`)?"
    triggers = ("equinox",)
    examples = [
        invalid({
            "pkg/model.py": """\
                import equinox as eqx
                import jax

                class MLP(eqx.Module):
                    l1: eqx.nn.Linear
                    drop: eqx.nn.Dropout

                    def __init__(self, key):
                        self.l1 = eqx.nn.Linear(8, 2, key=key)
                        self.drop = eqx.nn.Dropout(0.3)

                    def __call__(self, x, *, key=None):
                        return self.drop(self.l1(x), key=key)
                """,
            "train.py": """\
                import equinox as eqx
                import jax
                from pkg.model import MLP

                def evaluate(m, x, y, k):
                    logits = jax.vmap(lambda xi, ki: m(xi, key=ki))(x, jax.random.split(k, x.shape[0]))
                    return float((logits.argmax(-1) == y).mean())

                model = MLP(jax.random.PRNGKey(0))
                print("test accuracy", evaluate(model, X_test, y_test, jax.random.PRNGKey(1)))  # expect: EVAL048
                """,
        }, note="probe 15: the model is handed to the evaluation as it was trained"),
        valid({
            "pkg/model.py": """\
                import equinox as eqx
                import jax

                class MLP(eqx.Module):
                    l1: eqx.nn.Linear
                    drop: eqx.nn.Dropout

                    def __init__(self, key):
                        self.l1 = eqx.nn.Linear(8, 2, key=key)
                        self.drop = eqx.nn.Dropout(0.3)

                    def __call__(self, x, *, key=None):
                        return self.drop(self.l1(x), key=key)
                """,
            "train.py": """\
                import equinox as eqx
                import jax
                from pkg.model import MLP

                def evaluate(m, x, y, k):
                    logits = jax.vmap(lambda xi, ki: m(xi, key=ki))(x, jax.random.split(k, x.shape[0]))
                    return float((logits.argmax(-1) == y).mean())

                model = MLP(jax.random.PRNGKey(0))
                print("test accuracy", evaluate(eqx.nn.inference_mode(model), X_test, y_test, jax.random.PRNGKey(1)))
                """,
        }, note="near miss: switched to inference first"),
        valid("""
            import equinox as eqx
            import jax

            class Linear(eqx.Module):
                l1: eqx.nn.Linear

                def __call__(self, x):
                    return self.l1(x)

            def evaluate(m, x, y):
                return float((jax.vmap(m)(x).argmax(-1) == y).mean())

            print(evaluate(model, X_test, y_test))
        """, note="near miss: no dropout or batch norm anywhere"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.layers: set[str] = set()
        self.sites: list[dict] = []

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        name = self.qualified_name(func) or ""
        if name.startswith("equinox.nn.") and name.rsplit(".", 1)[-1] in _MODAL_LAYERS:
            self.layers.add(name.rsplit(".", 1)[-1])
            return
        if isinstance(func, cst.Name) and _EVALUATES.match(func.value) and node.args \
                and isinstance(node.args[0].value, cst.Name) and node.args[0].keyword is None \
                and not any(isinstance(p, cst.FunctionDef) and _EVALUATES.match(p.name.value) for p in self.ctx.parents):
            self.sites.append({"line": self.ctx.line_of(node), "call": self.ctx.code(func) + f"({node.args[0].value.value}, ...)"})

    def finish(self) -> None:
        imports = "equinox" in self.ctx.text
        switches = bool(_SWITCHES.search(self.ctx.text))
        if imports and (self.layers or self.sites or switches):
            self.ctx.facts[self.code] = {"layers": sorted(self.layers), "sites": self.sites[:5], "switches": switches}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        facts = list(repo.facts(cls.code))
        if any(f.get("switches") for _, f in facts):
            return
        defined = [(p, f["layers"]) for p, f in facts if f.get("layers")]
        if not defined:
            return
        layers = sorted({layer for _, found in defined for layer in found})
        where_defined = ", ".join(p for p, _ in defined[:2])
        for path, fact in facts:
            for site in fact.get("sites", [])[:1]:
                repo.report(cls, path, site["line"], call=site["call"], where_defined=where_defined,
                            layers=" and ".join(f"`eqx.nn.{layer}`" for layer in layers),
                            related=tuple(Location(p, None, "modal layers") for p, _ in defined[:2]))
