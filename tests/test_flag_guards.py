"""hygiene.analysis.flag_guards: a draw behind an opt-in flag counts only when some caller sets the flag,
by keyword, by position, through `**kwargs` or through a subclass's `super().__init__`."""
from __future__ import annotations

import textwrap
from pathlib import Path

import libcst as cst
import pytest

from hygiene.analysis.flag_guards import FACT, FlagGuardExtractor
from hygiene.analysis.names import NameResolver
from hygiene.context import FileContext
from hygiene.walk import Dispatch, walk

from hygiene.config import Config
from hygiene.runner import scan

LIBRARY = """
import random

class Pool:
    def __init__(self, items, shuffle=False):
        self.items = list(items)
        if shuffle:
            random.shuffle(self.items)
"""


def _seed001(root: Path, run: str, extra: str = "") -> list[tuple[str, int | None]]:
    (root / "pool.py").write_text(textwrap.dedent(LIBRARY).lstrip() + textwrap.dedent(extra))
    (root / "run.py").write_text(textwrap.dedent(run).lstrip())
    result = scan(Config(root=root), jobs=1, use_cache=False)
    return [(f.path, f.line) for f in result.findings if f.rule == "SEED001"]


@pytest.mark.parametrize("call, reported", [
    ("Pool(['a', 'b'])", False),
    ("Pool(['a', 'b'], shuffle=False)", False),
    ("Pool(['a', 'b'], shuffle=True)", True),
    ("Pool(['a', 'b'], True)", True),
    ("Pool(['a', 'b'], **options)", True),
])
def test_a_flag_no_caller_sets_hides_the_draw(tmp_path: Path, call: str, reported: bool) -> None:
    run = f"""
    from pool import Pool

    if __name__ == "__main__":
        print(accuracy({call}.items))
    """
    assert bool(_seed001(tmp_path, run)) is reported


def _facts(source: str) -> dict:
    text = textwrap.dedent(source)
    module = cst.parse_module(text)
    resolver = NameResolver(module, "pool")
    ctx = FileContext("pool.py", "python", text, Config(), module, resolver)
    extractor = FlagGuardExtractor(ctx)
    walk(module, Dispatch([resolver, extractor]), ctx.parents)
    extractor.finish()
    return ctx.facts[FACT]


def test_the_guard_and_the_calls_that_could_set_it_are_recorded() -> None:
    facts = _facts(LIBRARY + """

class ShuffledPool(Pool):
    def __init__(self, items):
        super().__init__(items, shuffle=True)

class Quiet(Pool):
    def __init__(self, items):
        Pool.__init__(self, items)
""")
    assert facts["guards"] == [{"callee": "Pool", "param": "shuffle", "index": 1, "start": 7, "end": 8}]  # `if shuffle:` and its body
    assert facts["calls"]["Pool"] == [1, ["shuffle"]]  # super() sets it; `Pool.__init__(self, items)` does not
