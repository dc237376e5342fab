"""What a written file can have been made from: the modules its writer imports, and which of them
the code that makes the file names (hygiene.analysis.producers asks, for stale results).

A writer imports modules for many reasons; a notebook that calls a package-version checker in its
first cell (`check_packages(d)`, whose printout nothing uses) and saves a figure fifty cells later
did not make the figure from the checker. The code that makes the file is the backward slice of
`hygiene.analysis.notebook_slice` (cells, or a script's top-level statements); a module of the
writer's own imports none of whose definitions that code names, and what is reached only through
it, made nothing of the file. An import of a whole module (`import utils`) always counts.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from hygiene.analysis.notebook_slice import slice_names

if TYPE_CHECKING:
    from hygiene.context import RepoContext

IMPORT_DEPTH = 2  # a script's modules and theirs: a grader and the normaliser it calls


def imported_modules(graph, script: str) -> dict[str, tuple[frozenset[str] | None, str]]:
    """Repo modules `script` imports, and the ones those import (through a package's
    `__init__` too), each with the names taken from it (None: the whole module) and the module
    of `script`'s own imports it is first reached through."""
    found: dict[str, tuple[frozenset[str] | None, str]] = {}
    frontier = [(script, "")]
    for _ in range(IMPORT_DEPTH):
        following = []
        for importer, via in frontier:
            for target in sorted(graph.imported_by(importer)):
                if target == script:
                    continue
                names = graph.names_taken(importer, target)
                if target in found:
                    previous, first = found[target]
                    found[target] = (None if previous is None or names is None else previous | names, first)
                    continue
                found[target] = (names, via or target)
                following.append((target, via or target))
        frontier = following
    return found


def slice_names_of(repo: RepoContext, script: str, anchor: str | None,
                 memo: dict[tuple[str, str], set[str] | None]) -> set[str] | None:
    """The names the code of `script` that makes the file `anchor` names mentions (None: unknown)."""
    if not anchor or not script.endswith((".py", ".ipynb")):
        return None
    if (script, anchor) not in memo:
        try:
            memo[(script, anchor)] = slice_names(repo.read_bytes(script), anchor, script)
        except OSError:
            memo[(script, anchor)] = None
    return memo[(script, anchor)]


def unnamed(taken: frozenset[str] | None, names_used: set[str]) -> bool:
    """Whether the code that makes a file names none of the definitions taken from a module
    (`from python_environment_check import check_packages`, the call's printout used by nothing)."""
    return bool(taken) and not taken & names_used
