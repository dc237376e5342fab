"""Model formulas: `smf.ols("demand ~ demand_ma7 + C(dow)", data=train)` names its label and features.

statsmodels' formula API, `Model.from_formula`, bambi, pyfixest and patsy's design matrices take
the model as a Wilkinson formula over the columns of a table instead of `fit(X, y)`. The left of
`~` is the label column, the names on the right (inside `C(...)`, `np.log(...)`, `I(...)`,
`Q("a name")` too) are feature columns of the same table. Here such a call becomes what `fit(X, y)`
would have made: a model fit whose features are those columns of `data` and whose label is the
left-hand column, so the rules that follow columns (a label in a window, a feature computed from
the label) read formulas too. `y ~ .` (every other column) keeps the label out by its meaning.
statsmodels' array API (`sm.OLS(y[train], X[train]).fit()`, `sm.Logit`, `sm.GLM`...) takes the label
first and the features second: a model fit on those rows too.
"""
from __future__ import annotations

import re
from typing import Any

import libcst as cst

# Constructors that take (formula, data): statsmodels.formula.api's lower-case models and their
# `from_formula`, bambi's Model, pyfixest's estimators. patsy's design matrices are handled apart.
_FORMULA_MODULES = ("statsmodels.formula.api.", "pyfixest.estimation.", "pyfixest.")
_FORMULA_CONSTRUCTORS = frozenset({"bambi.Model", "linearmodels.PanelOLS.from_formula",
                                   "linearmodels.IV2SLS.from_formula"})
_DESIGN = frozenset({"patsy.dmatrices", "formulaic.model_matrix"})
_NAME = re.compile(r"""Q\(\s*(['"])(.+?)\1\s*\)|([A-Za-z_][A-Za-z_0-9.]*)\s*(\()?""")


def formula_columns(formula: str) -> tuple[list[str], list[str]] | None:
    """(label columns, feature columns) of a formula; None when it has no `~` or names nothing."""
    if formula.count("~") != 1:
        return None
    left, right = formula.split("~")
    right = right.split("|")[0]  # pyfixest / linearmodels: fixed effects or instruments after a bar
    lhs, rhs = _names(left), [n for n in _names(right) if n not in _names(left)]
    if len(lhs) != 1:
        return None
    if re.search(r"(^|[\s+])\.($|[\s+-])", right.strip()):
        return lhs, []  # `y ~ .`: every other column
    return (lhs, rhs) if rhs else None


def _names(side: str) -> list[str]:
    found: list[str] = []
    for quoted_mark, quoted, name, call in _NAME.findall(side):
        if quoted_mark:
            found.append(quoted)
        elif name and not call and "." not in name:  # `np.pi` is no column
            found.append(name)
    return list(dict.fromkeys(found))


# statsmodels' array API: `sm.OLS(y, X).fit()` takes the label first, the features second.
_ARRAY_MODELS = re.compile(r"^statsmodels\.(api|regression\.linear_model|discrete\.discrete_model|genmod\."
                           r"generalized_linear_model|robust\.robust_linear_model|regression\.quantile_regression)\."
                           r"(OLS|WLS|GLS|GLSAR|Logit|Probit|MNLogit|Poisson|NegativeBinomial|GLM|RLM|QuantReg)$")


def formula_call(ev: Any, expr: cst.Call, bare: str, positional: list, keywords: dict) -> int | None:
    """A fit node (or, for patsy, the design matrices) for a formula call; None when not one."""
    if _ARRAY_MODELS.match(bare):  # `sm.OLS(y[tr], X[tr])`: a model fit on those rows (its `.fit()` solves it)
        y = keywords.get("endog", positional[0] if positional else 0)
        x = keywords.get("exog", positional[1] if len(positional) > 1 else 0)
        if isinstance(x, int) and isinstance(y, int) and x and y:
            return ev.add("fit", (0, x, y), {"cls": bare, "kind": "model", "m": "endog", "name": bare.rsplit(".", 1)[-1]}, expr)
        return None
    design = bare in _DESIGN
    if not (design or bare in _FORMULA_CONSTRUCTORS or bare.endswith(".from_formula")
            or (bare.startswith(_FORMULA_MODULES) and bare.rsplit(".", 1)[-1][:1].islower())):
        return None
    text = ev.literal(keywords.get("formula", keywords.get("formula_like", positional[0] if positional else 0)))
    data = keywords.get("data", positional[1] if len(positional) > 1 else 0)
    if not isinstance(text, str) or not isinstance(data, int) or not data:
        return None
    columns = formula_columns(text)
    if columns is None:
        return None
    label, features = columns
    if features:
        x = ev.add("col", (data,), {"cols": features}, expr)
    else:  # `y ~ .`: every column but the label
        x = ev.add("col", (data,), {"except": label}, expr)
    y = ev.add("col", (data,), {"cols": label}, expr)
    if design:  # `y, X = dmatrices("y ~ a + b", df)`: the label's matrix first
        return ev.add("op", (y, x), {"op": "tuple"}, expr)
    return ev.add("fit", (0, x, y), {"cls": bare, "kind": "model", "m": "formula", "on": text,
                                          "name": bare.rsplit(".", 1)[-1]}, expr)
