"""The repo's own modules for the repo phase: which file a dotted import name means, who imports whom.

`ImportGraph` joins the `imports` facts with the files of the scan. A name resolves to the repo
file whose module name (as `hygiene.analysis.names.module_name_for` computes it) is the longest prefix of
the name: `from grade import f` -> `grade.f` -> `grade.py`; `kws.engine.run_eval` ->
`kws/engine.py`. When several files share a module name (`utils.py` in two script folders, both
run as scripts), the one in the importer's own folder wins and otherwise the name is ambiguous
and left out: a wrong edge is worse than a missing one.
"""
from __future__ import annotations

import ast
import posixpath
from collections import defaultdict
from typing import TYPE_CHECKING

from hygiene.discovery import package_dirs
from hygiene.analysis.names import module_name_for

if TYPE_CHECKING:
    from hygiene.context import RepoContext


class ImportGraph:
    def __init__(self, repo: RepoContext) -> None:
        code = [s for s in repo.paths() if s.kind == "python"]  # paths only: an edit inside a file keeps the graph
        packages = package_dirs(code)
        self.by_module: dict[str, list[str]] = defaultdict(list)
        for source in code:
            self.by_module[module_name_for(source.path, packages)].append(source.path)
        # The edges, from every file's `imports`, are linked when first read: naming the file a
        # dotted name means (`locate`, `resolve`) needs the file list only, and a rule that only
        # locates names (DATA048's callees) neither links them nor reads the facts (issue 12).
        self._repo = repo
        self._imports: dict[str, frozenset[str]] | None = None
        self._names: dict[str, dict[str, frozenset[str] | None]] | None = None

    @property
    def imports(self) -> dict[str, frozenset[str]]:
        """importer -> the repo files it imports."""
        return self._edges()[0]

    @property
    def names(self) -> dict[str, dict[str, frozenset[str] | None]]:
        """importer -> imported file -> the names taken from it (`from grade import f, g`), or
        None when the module itself is imported and any of it may be used."""
        return self._edges()[1]

    def _edges(self) -> tuple[dict[str, frozenset[str]], dict[str, dict[str, frozenset[str] | None]]]:
        self._repo._read("fact:imports")  # each reader of the edges depends on every file's imports
        if self._imports is None or self._names is None:
            from hygiene.cache.summaries import packed  # every file's `imports`, unchanged ones from one store

            imports: dict[str, frozenset[str]] = {}
            linked: dict[str, dict[str, frozenset[str] | None]] = {}
            for path, names in packed(self._repo, "imports"):
                taken: dict[str, set[str] | None] = {}
                for name in names:
                    found = self.locate(name, path)
                    if found is None or found[0] == path:
                        continue
                    target, attribute = found
                    if attribute is None or taken.get(target, set()) is None:
                        taken[target] = None
                    else:
                        taken.setdefault(target, set()).add(attribute)  # type: ignore[union-attr]
                imports[path] = frozenset(taken)
                linked[path] = {t: (frozenset(n) if n is not None else None) for t, n in taken.items()}
            self._imports, self._names = imports, linked
        return self._imports, self._names

    def resolve(self, name: str, importer: str) -> str | None:
        """The repo file that `name`, imported by `importer`, comes from; None when not ours."""
        found = self.locate(name, importer)
        return found[0] if found else None

    def locate(self, name: str, importer: str) -> tuple[str, str | None] | None:
        """(repo file, the top-level name taken from it or None for the module) for `name`."""
        parts = name.split(".")
        for end in range(len(parts), 0, -1):
            candidates = self.by_module.get(".".join(parts[:end]))
            if not candidates:
                continue
            attribute = parts[end] if end < len(parts) else None
            if len(candidates) == 1:
                return candidates[0], attribute
            folder = posixpath.dirname(importer)
            near = [c for c in candidates if posixpath.dirname(c) == folder]
            return (near[0], attribute) if len(near) == 1 else None
        return None

    def names_taken(self, importer: str, target: str) -> frozenset[str] | None:
        """The names `importer` takes from `target`; None for the whole module."""
        return self.names.get(importer, {}).get(target)

    def imported_by(self, path: str) -> frozenset[str]:
        """Repo files `path` imports directly."""
        return self.imports.get(path, frozenset())

    def closure(self, path: str, depth: int = 1_000, limit: int = 200) -> list[str]:
        """Repo files `path` depends on through at most `depth` imports, nearest first, without
        `path` itself."""
        seen = {path}
        order: list[str] = []
        frontier = [path]
        while frontier and len(order) < limit and depth > 0:
            depth -= 1
            following: list[str] = []
            for current in frontier:
                for target in sorted(self.imported_by(current)):
                    if target not in seen:
                        seen.add(target)
                        order.append(target)
                        following.append(target)
            frontier = following
        return order[:limit]


def import_graph(repo: RepoContext) -> ImportGraph:
    """The scan's import graph, built once and shared."""
    return repo.shared("import_graph", lambda: ImportGraph(repo), keep=True)


def locate_defined(repo: RepoContext, name: str, importer: str, own_module: str = "") -> tuple[str, str] | None:
    """(repo file, top-level name) that a qualified name of a function or constant (`evalkit.data.load`)
    means for `importer` (whose module name is `own_module`: a name of its own, also in a notebook); also
    for a folder without `__init__.py` imported by its path (PEP 420), whose module name is the file's stem."""
    if "." in name and name.rsplit(".", 1)[0] == own_module:
        return importer, name.rsplit(".", 1)[1]
    found = import_graph(repo).locate(name, importer)
    if found is not None and found[1] and "." not in found[1]:
        return found[0], found[1]
    if "." in name:
        module, attribute = name.rsplit(".", 1)
        path = module.replace(".", "/") + ".py"
        if path in repo.shared("scanned_paths", lambda: frozenset(s.path for s in repo.paths()), keep=True):
            return path, attribute
    return None


def imported_constant(repo: RepoContext, name: str, importer: str, own_module: str = "") -> str | None:
    """The string a module-level constant of a repo module is (`BLANK = "  _  ."`, imported as `name`),
    read from that one file only."""
    found = locate_defined(repo, name, importer, own_module)
    if found is None or found[0] == importer:
        return None
    try:
        tree = ast.parse(repo.read_bytes(found[0]))
    except (SyntaxError, ValueError, OSError):
        return None
    values = [s.value.value for s in tree.body if isinstance(s, ast.Assign) and len(s.targets) == 1
              and isinstance(s.targets[0], ast.Name) and s.targets[0].id == found[1]
              and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str)]
    return values[0] if len(values) == 1 else None
