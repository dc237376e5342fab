"""Rows that pass through a file: one program writes a table that another reads.

A pipeline of scripts (DVC stages, `prepare.py` then `split.py`, a notebook that saves a cleaned
frame for the training script) hands its tables on through files: `df.to_csv("data/prepared.csv")`
in one, `pd.read_csv("data/prepared.csv")` in the next. `written_rows(repo, prog, source)` finds,
for a read of a literal path, the values other code files write to that path: the repository's
`io` facts (`hygiene.analysis.producers.resolved_io`) say which files write it and at which line,
and that file's graph gives the value written there, so a rule can follow rows back across the file
(LEAK001: a scaler fit on every row in the stage that writes the table the next stage splits).

Only exact paths link (the same file relative to the repository root or to each script's folder);
a pattern (`runs/{seed}.csv`, `*.csv`) or a file the reader writes itself links nothing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from hygiene.analysis.dataflow.program import Program, Ref

if TYPE_CHECKING:
    from hygiene.context import RepoContext

# Writers whose value is their receiver (pandas, polars, datasets) and functions given
# (path, value) or (value, path).
_WRITE_METHODS = frozenset({"to_csv", "to_parquet", "to_feather", "to_pickle", "to_json", "to_excel", "to_hdf",
                            "write_csv", "write_parquet", "write_ndjson", "write_json", "save_to_disk"})
_PATH_FIRST = frozenset({"numpy.save", "numpy.savez", "numpy.savez_compressed", "numpy.savetxt"})
_VALUE_FIRST = frozenset({"torch.save", "joblib.dump", "pickle.dump"})


def written_rows(repo: RepoContext, prog: Program, source: Ref) -> list[Ref]:
    """The values other code files write to the file that `source` (a `src` node) reads."""
    path = prog.info(source).get("path")
    if prog.kind(source) != "src" or not isinstance(path, str) or any(c in path for c in "{}*?[") or "." not in path:
        return []
    from hygiene.analysis.producers import root_forms

    reader = prog.path(source)
    sites = {site for form in root_forms(path, reader) for site in _writes(repo).get(form, ())}
    numbers = {p: i for i, p in enumerate(prog.paths)} if sites else {}
    found: list[Ref] = []
    for writer, line in sorted(sites):
        if writer == reader or writer not in numbers:
            continue
        for call in prog.nodes_in(numbers[writer], "call"):
            if prog.line(call) == line and (value := _value_written(prog, call)):
                found.append(value)
    return found


def _writes(repo: RepoContext) -> dict[str, set[tuple[str, int]]]:
    """Each exact path code writes (as the repository root sees it) -> the (file, line) writing it."""
    from hygiene.analysis.producers import resolved_io, root_forms

    def compute() -> dict[str, set[tuple[str, int]]]:
        index: dict[str, set[tuple[str, int]]] = {}
        for writer, records in resolved_io(repo).items():
            for r in records:
                if r.get("mode") == "write" and isinstance(r.get("path"), str) and isinstance(r.get("line"), int):
                    for form in root_forms(r["path"], writer):
                        index.setdefault(form, set()).add((writer, r["line"]))
        return index

    return repo.shared("dataflow_written_paths", compute)


def _value_written(prog: Program, call: Ref) -> Ref:
    info = prog.info(call)
    fn = str(info.get("fn") or "").replace("()", "")
    if info.get("m") in _WRITE_METHODS and prog.input(call, 0):
        return prog.input(call, 0)
    if fn in _PATH_FIRST:
        return prog.input(call, 2)
    if fn in _VALUE_FIRST:
        return prog.input(call, 1)
    return 0
