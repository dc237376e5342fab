"""Which file an import or a call names, when module names alone do not say.

- A name of several files in other folders (`mlp.py` beside each example script): a script imports
  the one whose import root (the folder its module name starts from) is the script's folder or a
  folder above it; none of the others is importable from there (`import_root`).
- A dotted path through folders without `__init__.py` (`from experiments.py.utils import f`, where
  the file's module name is `utils`): imported as a namespace package is (PEP 420): `aliases` maps the
  dotted path to the module name, `unalias` rewrites a name through it.
"""
from __future__ import annotations

import posixpath
from typing import Any


def import_root(path: str, module: str) -> str:
    """The folder `module`'s dotted name starts from: `experiments/py/utils.py` as
    `experiments.py.utils` has the root "", `examples/a/mlp.py` as `mlp` has `examples/a`."""
    stem = path.rsplit(".", 1)[0]
    tail = module.replace(".", "/")
    for end in (tail, tail + "/__init__"):
        if stem == end:
            return ""
        if stem.endswith("/" + end):
            return stem[: -len(end) - 1]
    return posixpath.dirname(path)


def importable(paths: list[str], near: str, files: dict[str, dict[str, Any]]) -> list[str]:
    """Of several files a name may mean, the one a file at `near` imports: the one beside it, else
    the one whose import root is nearest above it; none when no root is at or above it."""
    folder = posixpath.dirname(near)
    same = [p for p in paths if posixpath.dirname(p) == folder]
    if same:
        return same[:1]
    roots = {p: import_root(p, files[p]["module"]) for p in paths}
    above = [p for p in paths if roots[p] in ("", folder) or folder.startswith(roots[p] + "/")]
    return [max(above, key=lambda p: len(roots[p]))] if above else []


def aliases(files: dict[str, dict[str, Any]], module_paths: dict[str, list[str]]) -> dict[str, str]:
    """A file's dotted path from the root (`experiments.py.utils`) -> its module name (`utils`),
    where the two differ and the dotted path is no file's module name."""
    out: dict[str, str] = {}
    for path, facts in files.items():
        full = path.rsplit(".", 1)[0].removesuffix("/__init__").replace("/", ".")
        if full != facts["module"] and full not in module_paths:
            out.setdefault(full, facts["module"])
    return out


def full_paths(files: dict[str, dict[str, Any]], table: dict[str, str]) -> dict[str, str]:
    """The file each full dotted path of `aliases` names (`spinup.algos.pytorch.ppo.ppo` -> its
    `ppo.py`): of two files with the module name `ppo`, the one at that path."""
    return {full: path for path in files
            if (full := path.rsplit(".", 1)[0].removesuffix("/__init__").replace("/", ".")) in table}


def full_path(name: str, table: dict[str, str]) -> str | None:
    """The file whose full dotted path begins `name` (`full_paths`), if one does."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        path = table.get(".".join(parts[:i]))
        if path is not None:
            return path
    return None


def sibling_module(name: str, near: str, files: dict[str, dict[str, Any]]) -> str | None:
    """`name` as the module name of a sibling of `near`, when a file beside it has the name's first
    parts as its file name: a script run from its folder imports its siblings by their bare name (the
    folder is first on `sys.path`), also when an `__init__.py` there makes their module names dotted
    (`cls/config.py` is `cls.config`; `cls/main.py` says `from config import OptInit`, whose
    `__init__` seeds). Asked only for a name no module, scope or class has."""
    parts = name.split(".")
    folder = near.rsplit("/", 1)[0] + "/" if "/" in near else ""
    for end in range(len(parts), 0, -1):
        facts = files.get(folder + "/".join(parts[:end]) + ".py")
        if facts is not None and facts["module"] != ".".join(parts[:end]):
            return ".".join([facts["module"], *parts[end:]])
    return None


def unalias(name: str, table: dict[str, str]) -> str:
    """`name` with a namespace-package prefix (`experiments.py.utils.f`) put as the module name its
    file has (`utils.f`)."""
    if table:
        parts = name.split(".")
        for i in range(len(parts), 0, -1):
            head = ".".join(parts[:i])
            if head in table:
                return ".".join([table[head], *parts[i:]])
    return name


def reachable(items: list[Any], near: str | None) -> list[Any]:
    """Of things of one name defined in several files (each with `.path` and `.module`: functions
    of `gnn.py` beside each example script), those a file at `near` imports (`importable`); all of
    them when `near` is unknown or one file defines them."""
    modules = {item.path: item.module for item in items}
    if near is None or len(modules) <= 1:
        return items
    keep = set(importable(sorted(modules), near, {p: {"module": m} for p, m in modules.items()}))
    return [item for item in items if item.path in keep]


def reexports(files: dict[str, dict[str, Any]]) -> dict[str, str]:
    """`pkg.train` -> `pkg.trainer.train` when `pkg/__init__.py` does `from .trainer import train`:
    `import pkg; pkg.train(...)` runs the function the package re-exports (trlx's `trlx.train`)."""
    table: dict[str, str] = {}
    for path, facts in files.items():
        if not path.endswith("__init__.py"):
            continue
        module = facts["module"]
        for event in facts["scopes"].get(module, ()):
            if event[0] == "c" and event[2] < 0 and isinstance(event[1], str) and event[1].startswith(module + "."):
                table.setdefault(f"{module}.{event[1].rsplit('.', 1)[-1]}", event[1])
    return table


def imported_modules(files: dict[str, Any]) -> tuple[set[str], set[str]]:
    """The module names the files import (each dotted prefix), and those imported outside other
    modules' `__main__` blocks: a training script whose config class only the smoke tests of the
    dataset modules import is no library (`hygiene.analysis.seed_evidence.self_test`)."""
    imported: set[str] = set()
    library: set[str] = set()
    for facts in files.values():
        main = facts.get("main")
        for key, events in facts["scopes"].items():
            for index, event in enumerate(events):
                if event[0] == "c" and event[2] < 0:
                    parts = event[1].split(".")
                    names = [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
                    imported.update(names)
                    if not (main and key == facts["module"] and main[0] <= index < main[1]):
                        library.update(names)
    # `from .. import nn` names a file by path, whatever module names the folders make.
    by_path = {f for facts in files.values() for f in facts.get("relative_imports", ())}
    relative = {facts["module"] for path, facts in files.items()
                if path.rsplit(".", 1)[0] in by_path or path.rsplit("/", 1)[0] + "/__init__" == path[:-3] and
                path.rsplit("/", 1)[0] in by_path}
    return imported | relative, library | relative

