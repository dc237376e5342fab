"""Every rule's VALID and INVALID examples, run through the real engine."""
from __future__ import annotations

import pytest

from hygiene.ruleset import load_rules
from hygiene.testing import expected, run_example

RULES = load_rules()
CASES = [
    pytest.param(rule, example, id=f"{rule.code}-{'valid' if example.valid else 'invalid'}-{i}")
    for rule in RULES
    for i, example in enumerate(rule.examples)
]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example(rule, example):
    want, got = run_example(rule, example, RULES)
    if example.valid:
        assert not want, "a valid example must not pin findings"
        assert not {g for g in got if g[2] == rule.code}, f"{rule.code} fired on a valid example ({example.note})"
    else:
        assert want, "an invalid example must pin at least one finding with `# expect:` or expect="
        assert got == want, f"missing {sorted(want - got, key=str)}, extra {sorted(got - want, key=str)}"


def test_invalid_examples_pin_their_own_rule():
    for rule in RULES:
        for example in rule.examples:
            if not example.valid:
                assert any(code == rule.code for _, _, code in expected(example)), rule.code
