"""The cells of a notebook that make one file it writes: a backward slice by names.

A notebook that saves `figures/loss_curve.png` and fifty other things changes often; a change to
a cell that neither makes the file nor computes what that cell reads does not make the file
stale. `slice_text(data, anchor)` keeps the code cells that mention the file (`anchor`: its name)
and, going back through the document, every cell that shares a name with what is kept (names
bound by imports, like `np` and `plt`, do not connect cells). A cell that cannot be parsed or
that can define any name (`%run`, star imports) is always kept. Cells after the last one that
mentions the file are left out: what runs later cannot have made it.
"""
from __future__ import annotations

import ast
import posixpath

from hygiene.parsing.cells import is_predefined
from hygiene.parsing.notebook import cell_python, read_cells

MIN_ANCHOR = 4


def anchor_of(target: str, pattern: str) -> str | None:
    """What a cell that writes `target` through `pattern` mentions: the file's own stem when the
    pattern leaves it open (`save_fig("loss_curve")`), else the pattern's literal file name."""
    base = posixpath.basename(pattern)
    if "*" in base:
        stem = posixpath.basename(target).rsplit(".", 1)[0]
        return stem if len(stem) >= MIN_ANCHOR else None
    return base if len(base) >= MIN_ANCHOR else None


def _names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """(names a cell mentions, names its imports bind)."""
    imported = {(a.asname or a.name).split(".")[0] for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
                for a in n.names}
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    return {n for n in names if not is_predefined(n)}, imported


def slice_text(data: bytes, anchor: str) -> str | None:
    """The Python of the cells that make the file `anchor` names; None when no cell names it."""
    try:
        cells = [c for c in read_cells(data) if c.cell_type == "code"]
    except Exception:  # noqa: BLE001 - a broken notebook is compared whole
        return None
    seeds = [i for i, c in enumerate(cells) if anchor in c.source]
    if not seeds:
        return None
    parsed: list[tuple[set[str], set[str], bool]] = []
    imported: set[str] = set()
    for cell in cells:
        try:
            names, imports = _names(ast.parse(cell_python(cell.source)))
            dynamic = "%run" in cell.source or "import *" in cell.source
        except (SyntaxError, ValueError, RecursionError):
            names, imports, dynamic = set(), set(), True
        imported |= imports
        parsed.append((names, imports, dynamic))
    keep = set(seeds)
    needed = set().union(*(parsed[i][0] for i in seeds)) - imported
    used = set().union(*(parsed[i][0] for i in seeds))
    for i in range(max(seeds) - 1, -1, -1):
        names, _, dynamic = parsed[i]
        if i in keep or dynamic or names & needed:
            keep.add(i)
            needed |= names - imported
            used |= names
    # The imports the kept cells use count too (a swapped metric function), without connecting.
    keep |= {i for i in range(max(seeds)) if parsed[i][1] & used}
    return "\n".join(cell_python(cells[i].source) for i in sorted(keep))
