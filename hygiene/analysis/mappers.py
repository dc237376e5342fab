"""Calls that run a function on every item, and dask's materialisation, as the row analysis
(`hygiene.analysis.rowflow`) reads them."""
from __future__ import annotations

import libcst as cst

# Calls that run the function handed to them on each item (the builtin `map`, multiprocessing and
# concurrent.futures pools, tqdm.contrib's `thread_map` / `process_map`, joblib's `delayed`).
_MAPPERS = frozenset({"map", "imap", "imap_unordered", "starmap", "map_async", "starmap_async", "apply_async",
                      "submit", "thread_map", "process_map", "delayed"})


def handed_function(call: cst.Call) -> str | None:
    """`pool.map(ask, items)`, `executor.submit(ask, it)`, `thread_map(ask, items)`: the name of the function
    handed to a mapper, which runs on every item as if called where the mapper is."""
    func = call.func
    name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
    if name not in _MAPPERS or not call.args or call.args[0].keyword is not None:
        return None
    handed = call.args[0].value
    return handed.value if isinstance(handed, cst.Name) else handed.attr.value if isinstance(handed, cst.Attribute) else None


def materialises(call: cst.Call) -> bool:
    """dask's `ddf.compute()` (no arguments, unlike `metric.compute(predictions=..., references=...)`) makes
    the lazy frame's rows real: the rows it returns are its receiver's."""
    return isinstance(call.func, cst.Attribute) and call.func.attr.value == "compute" and not call.args
