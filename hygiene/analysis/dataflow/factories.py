"""Estimators built by a factory function of the repo.

A fit node records the class of the object it fits as the per-file graph saw it; for
`pre = build_preprocessor(); pre.fit_transform(df)` that is the name of the repo function, in this
file or another, not a class. At the repo phase the function's return is followed to the
constructor it returns (`return ColumnTransformer([...])`, or `ct = make_column_transformer(...);
return ct`), and the fit node is given that class and the kind of fit it makes (a preprocessor, a
resampler, a model), so that every rule reading fits sees the factory's product.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from hygiene.analysis.apis import plain
from hygiene.analysis.dataflow import knowledge as kb
from hygiene.analysis.dataflow.graph import ref_of

if TYPE_CHECKING:
    from hygiene.analysis.dataflow.program import Program, Ref


def returned_class(prog: Program, name: str, depth: int = 0) -> str | None:
    """The class whose instance the repo function `name` returns, when every return agrees."""
    key = prog.functions.get(plain(name))
    if key is None or depth > 3:
        return None
    found: set[str] = set()
    for node in prog.function(key).returns:
        cls = _constructed(prog, ref_of(key[0], node), depth)
        if cls is None:
            return None
        found.add(cls)
    return found.pop() if len(found) == 1 else None


def _constructed(prog: Program, ref: Ref, depth: int) -> str | None:
    for _ in range(10):
        kind, info = prog.kind(ref), prog.info(ref)
        if kind == "op" and info.get("op") == "alias" and prog.input(ref, 0):
            ref = prog.input(ref, 0)
            continue
        if kind != "call" or not info.get("fn"):
            return None
        name = plain(info["fn"])
        if prog.functions.get(name) is not None:
            return returned_class(prog, name, depth + 1)
        return name if kb.is_class_name(name) or name.rsplit(".", 1)[-1].startswith("make_") else None
    return None


def resolve_factories(prog: Program, file: int) -> None:
    """Give the fit nodes of `file` whose object comes from a repo factory the factory's class
    and kind (when the file's graph is first decoded)."""
    for fit in prog.nodes_in(file, "fit"):
        info = prog.info(fit)
        cls = info.get("cls")
        if cls and info.get("kind") == "model" and _repo_transformer(prog, plain(cls)):
            prog.set_info(fit, {**info, "kind": "preproc"})
            continue
        if not cls or prog.functions.get(plain(cls)) is None:
            continue
        made = returned_class(prog, cls)
        if made is None:
            continue
        kind = info.get("kind")
        if kind == "model":  # the default for an unknown class; "labels" and the like were decided by the method
            kind = kb.fit_kind(made, info.get("m", "fit"))
        prog.set_info(fit, {**info, "cls": made, "kind": kind, "factory": cls})


def _repo_transformer(prog: Program, cls: str) -> bool:
    """A class of the repo written as a scikit-learn transformer: it has `fit` and `transform`
    (its own `fit_transform` or TransformerMixin's) and no `predict`, so fitting it learns a
    statistic of the rows (`class RobustZ(BaseEstimator, TransformerMixin)`)."""
    return (prog.functions.get(f"{cls}.fit") is not None and prog.functions.get(f"{cls}.transform") is not None
            and prog.functions.get(f"{cls}.predict") is None and prog.functions.get(f"{cls}.predict_proba") is None)
