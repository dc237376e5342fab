"""Functions named in a dispatch table: a dict, list or tuple of functions that the code calls later.

    DS_DICT = {"cf": (CounterFactDataset, compute_rewrite_quality_counterfact), "zsre": (...)}
    ...
    ds_class, ds_eval_method = DS_DICT[ds_name]
    metrics = ds_eval_method(model, tok, record)

The program walk (`hygiene.analysis.programs`) follows calls by name; a call through a table
(`ds_eval_method(...)`) names no function. A function written in a dict's values is a
value the program may call, like a callback passed by name, so it runs later in the program that
makes the table (`["r", name, ordinal]` events of `hygiene.analysis.randomness`). Only names that
look like functions (`snake_case`) count: a table of classes (a registry of models) is how a
program picks one of many, and taking every constructor would reach every model's initial weights.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

import libcst as cst


def table_functions(value: cst.BaseExpression, resolve: Callable[[cst.Name], str | None],
                    wanted: Callable[[str], bool], nested: bool = False) -> Iterator[str]:
    """The qualified names of the functions the values of a dict literal hold (also in tuples and
    lists there: `{"cf": (Dataset, evaluate_cf)}`), as `resolve` names them. A list or tuple on its
    own (`[x, y]`) is data far more often than a table: only in a dict's values. `wanted` says which
names could be the repository's own functions."""
    if isinstance(value, cst.Dict):
        items = [e.value for e in value.elements if isinstance(e, cst.DictElement)]
    elif isinstance(value, (cst.List, cst.Tuple)) and nested:
        items = [e.value for e in value.elements if isinstance(e, cst.Element)]
    else:
        return
    for item in items:
        if isinstance(item, cst.Name):
            name = item.value
            if name[:1].islower() and not name.isupper():
                qualified = resolve(item)
                if qualified and "()" not in qualified and wanted(qualified):
                    yield qualified
        elif isinstance(item, (cst.Dict, cst.List, cst.Tuple)):
            yield from table_functions(item, resolve, wanted, True)
