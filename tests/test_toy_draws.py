"""hygiene.analysis.toy_draws: literal-size draws whose values are only shown are toy values; values
that reach a fit, a model, a file or an unknown function are not."""
from __future__ import annotations

import textwrap

import libcst as cst

from hygiene.analysis.names import NameResolver
from hygiene.analysis.toy_draws import FACT, ToyDrawExtractor
from hygiene.config import Config
from hygiene.context import FileContext
from hygiene.walk import Dispatch, walk


def _toys(source: str) -> list[int]:
    text = textwrap.dedent(source).lstrip()
    module = cst.parse_module(text)
    resolver = NameResolver(module, "tour")
    ctx = FileContext("tour.py", "python", text, Config(), module, resolver)
    extractor = ToyDrawExtractor(ctx)
    walk(module, Dispatch([resolver, extractor]), ctx.parents)
    extractor.finish()
    return ctx.facts.get(FACT, [])


def test_only_shown_values_are_toys() -> None:
    assert _toys("""
        import numpy as np
        arr = np.random.randn(3, 4)
        print(arr.T)
        grid = np.random.randint(0, 9, size=(2, 2))
        model.fit(grid)
        noise = np.random.rand(5)
        np.save("noise.npy", noise)
        rows = np.random.randn(4, 2)
        for row in rows:
            ask(row)
        unused = np.random.randn(2)
        picked = np.random.choice(items, 3)
        print(picked)
    """) == [2]  # shown only; fit, saved, looped into a call, never shown, or drawn from data
