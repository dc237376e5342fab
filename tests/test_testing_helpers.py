"""The example runner behind tests/test_rule_examples.py: a rule that raises must not pass as silent."""
from __future__ import annotations

import libcst as cst
import pytest

from hygiene.rule import Rule, valid
from hygiene.ruleset import load_rules
from hygiene.testing import run_example


class _RaisesOnCalls(Rule):
    code = "TST901"
    category = "SEED-UNSEEDED"
    message = "never reported"
    examples = [valid("print(len([1, 2, 3]))\n", note="a call: the rule raises on it")]

    def visit_Call(self, node: cst.Call) -> None:
        raise KeyError("a bug in the rule")


class _RaisesInRepoPhase(Rule):
    code = "TST902"
    category = "SEED-UNSEEDED"
    message = "never reported"
    examples = [valid("x = 1\n")]

    @classmethod
    def check_repo(cls, repo) -> None:
        raise ValueError("a bug in the repository phase")


@pytest.mark.parametrize("rule", [_RaisesOnCalls, _RaisesInRepoPhase])
def test_a_valid_example_fails_when_its_rule_raises(rule):
    with pytest.raises(AssertionError, match=f"a rule raised on this example: .*{rule.code}"):
        run_example(rule, rule.examples[0], [*load_rules(), rule])


def test_a_quiet_rule_on_a_valid_example_passes():
    class _Quiet(Rule):
        code = "TST903"
        category = "SEED-UNSEEDED"
        message = "never reported"

    want, got = run_example(_Quiet, valid("print(1)\n"), [*load_rules(), _Quiet])
    assert want == set() and got == set()
