"""Model formulas name a label and features (hygiene.analysis.dataflow.formulas)."""
from __future__ import annotations

import pytest

from hygiene.analysis.dataflow.formulas import formula_columns


@pytest.mark.parametrize("formula, expected", [
    ("demand ~ demand_ma7 + temp_ma3 + C(dow) + holiday", (["demand"], ["demand_ma7", "temp_ma3", "dow", "holiday"])),
    ("np.log(price) ~ np.log(area) + I(rooms**2) - 1", (["price"], ["area", "rooms"])),
    ("y ~ a * b + a:b + np.pi", (["y"], ["a", "b"])),                     # a constant of a module is no column
    ('Q("sale price") ~ Q("living area") + zone', (["sale price"], ["living area", "zone"])),
    ("wage ~ tenure + exper | firm_id + year", (["wage"], ["tenure", "exper"])),  # fixed effects after the bar
    ("y ~ .", (["y"], [])),                                              # every other column
    ("y ~ y + x", (["y"], ["x"])),                                       # the label is never its own feature
])
def test_formula_columns(formula: str, expected: tuple) -> None:
    assert formula_columns(formula) == expected


@pytest.mark.parametrize("text", ["no tilde here", "a + b ~ c", "~ x", "y ~ 1", "y ~ x ~ z"])
def test_not_a_formula_of_one_label(text: str) -> None:
    assert formula_columns(text) is None
