"""Which files a scan reads, and what kind each one is.

Honours `.gitignore` files at every level (and `.git/info/exclude`), the configured excludes and
a default list of folders that are never research code (virtualenvs, caches, build output,
vendored code). A folder with a `pyvenv.cfg` is a virtualenv whatever its name, and a subfolder
that is a project of its own (its own LICENSE beside a setup.py or pyproject.toml: a copy of a
third-party library kept in the repository) is vendored code whatever its name; so is a file
manager's duplicate of a folder kept beside it (`model copy`, `model - Copy`, `model (2)` next to
`model`). Each such folder gets one note.

Symbolic links: linked folders are not entered; a linked file is read once, under its real path
when the scan reaches that too; a link out of the repository is not followed and a link loop is
skipped, each with a note. A folder that cannot be read is an error diagnostic; the walk goes on.
"""
from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

from hygiene.config import DEFAULT_EXCLUDES, Config
from hygiene.finding import Diagnostic

KINDS = {
    ".py": "python",
    ".ipynb": "notebook",
    ".json": "data", ".jsonl": "data", ".ndjson": "data", ".csv": "data", ".tsv": "data",
    ".parquet": "data",
    ".md": "text", ".markdown": "text", ".qmd": "text", ".tex": "text", ".rst": "text",
}


@dataclass(frozen=True)
class SourceFile:
    path: str  # relative to the scan root, with "/"
    abspath: Path
    kind: str
    size: int


def what_is_read() -> str:
    """The kinds of files a scan reads, for a message: `Python files (.py), notebooks (.ipynb), ...`."""
    by_kind: dict[str, list[str]] = {}
    for suffix, kind in KINDS.items():
        by_kind.setdefault(kind, []).append(suffix)
    names = {"python": "Python files", "notebook": "notebooks", "data": "data or result files", "text": "documents"}
    return ", ".join(f"{names.get(kind, kind)} ({' '.join(suffixes)})" for kind, suffixes in by_kind.items())


def kind_of(name: str) -> str | None:
    return KINDS.get(os.path.splitext(name)[1].lower())


class _Ignores:
    """gitignore-style matching with one spec per folder that has a .gitignore."""

    def __init__(self, root: Path, patterns: Iterable[str]) -> None:
        self.root = root
        self.specs: dict[str, pathspec.PathSpec] = {}
        self.entered: set[str] = set()
        self.base = pathspec.GitIgnoreSpec.from_lines(list(patterns))
        info = root / ".git" / "info" / "exclude"
        if info.is_file():
            self._add("", info)

    def _add(self, rel_dir: str, file: Path) -> None:
        try:
            lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
        if rel_dir in self.specs:
            self.specs[rel_dir] = self.specs[rel_dir] + spec
        else:
            self.specs[rel_dir] = spec

    def enter(self, rel_dir: str, abs_dir: Path) -> None:
        if rel_dir in self.entered:
            return
        self.entered.add(rel_dir)
        gitignore = abs_dir / ".gitignore"
        try:
            present = gitignore.is_file()
        except OSError:  # a folder that can be listed but not entered: the walk reports it
            return
        if present:
            self._add(rel_dir, gitignore)

    def ignored(self, rel: str, is_dir: bool) -> bool:
        probe = rel + "/" if is_dir else rel
        if _matches(self.base, probe, is_dir):
            return True
        for rel_dir, spec in self.specs.items():
            if rel_dir and not rel.startswith(rel_dir + "/"):
                continue
            sub = rel[len(rel_dir) + 1:] if rel_dir else rel
            if _matches(spec, sub + "/" if is_dir else sub, is_dir):
                return True
        return False


_GROUP = re.compile(r"\(\?P<\w+>")


def _quick(spec: pathspec.PathSpec):  # type: ignore[no-untyped-def]
    """One search over all the patterns of `spec` (their expressions joined, groups unnamed): when it
    finds nothing, no pattern matches and nothing is ignored, which is the answer for almost every
    file (a search per pattern, 30 of them by default, was most of discovery's time on a large tree).
    None when the patterns cannot be joined (another kind of pattern, back references, flags)."""
    if "_hygiene_quick" in vars(spec):
        return spec._hygiene_quick  # type: ignore[attr-defined]
    search = None
    try:
        regexes = [p.regex for p in spec.patterns if p.include is not None]
        if regexes and all(isinstance(r, re.Pattern) and isinstance(r.pattern, str) and "(?P=" not in r.pattern
                           for r in regexes) and len({r.flags for r in regexes}) == 1:
            search = re.compile("|".join(f"(?:{_GROUP.sub('(?:', r.pattern)})" for r in regexes), regexes[0].flags).search
        elif not regexes:
            search = lambda probe: None  # noqa: E731  # no pattern: nothing matches
    except (AttributeError, re.error):
        search = None
    spec._hygiene_quick = search  # type: ignore[attr-defined]
    return search


def _matches(spec: pathspec.PathSpec, probe: str, is_dir: bool) -> bool:
    """Whether `spec` ignores `probe`. A folder is decided by the last pattern that matches it, as
    git does: `GitIgnoreSpec` ranks a match through a pattern's trailing `/` below a file pattern, so
    `*` then `!*/` (ignore all files, keep every folder) would prune every folder. The walk never
    enters an ignored folder, so the rule that nothing under an excluded folder comes back holds."""
    quick = _quick(spec)
    if quick is not None and not probe.startswith(("/", "./")) and quick(probe) is None:
        return False  # no pattern matches (`PathSpec.match_file` would normalise only such a probe)
    if not is_dir:
        return spec.match_file(probe)
    ignored = False
    for pattern in spec.patterns:
        if pattern.include is not None and pattern.match_file(probe) is not None:
            ignored = pattern.include
    return ignored


def _is_virtualenv(path: Path) -> bool:
    try:
        return (path / "pyvenv.cfg").is_file() or (path / "conda-meta").is_dir()
    except OSError:  # cannot look inside: the walk reports the folder
        return False


_LICENSES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "COPYING")
_PROJECT_FILES = ("setup.py", "pyproject.toml", "setup.cfg")


def _vendored_project(path: Path) -> str | None:
    """The files that make a subfolder a project of its own (`LICENSE` + `setup.py`), else None."""
    try:
        license_ = next((n for n in _LICENSES if (path / n).is_file()), None)
        project = next((n for n in _PROJECT_FILES if (path / n).is_file()), None) if license_ else None
    except OSError:
        return None
    return f"{license_} and {project}" if project else None


_DUPLICATE = re.compile(r"^(?P<original>.+?)(?: copy(?: \d+)?| - Copy(?: \(\d+\))?| \(\d+\))$")


def _duplicate_of(name: str, siblings: list[str]) -> str | None:
    """`model copy`, `model copy 2`, `model - Copy`, `model (2)` beside `model`: the name a file manager
    gives a duplicated folder, kept next to its original."""
    match = _DUPLICATE.match(name)
    return match.group("original") if match and match.group("original") in siblings else None


def _link_target(abspath: Path, root: Path) -> tuple[str | None, str | None]:
    """(the target's path relative to root, None) for a link inside the repository, else
    (None, why it is skipped)."""
    try:
        target = abspath.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop this way
        return None, "skipped: a symbolic link loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "skipped: a symbolic link loop"
        return None, f"skipped: a symbolic link to {os.readlink(abspath)}, which does not exist"
    try:
        return target.relative_to(root).as_posix(), None
    except ValueError:
        return None, f"not followed: a symbolic link to {target}, outside the repository"


def discover(config: Config, paths: Iterable[Path] | None = None,
             problems: list[Diagnostic] | None = None) -> Iterator[SourceFile]:
    """Files under `paths` (default: the config root) that a scan should read, sorted by path.
    What could not be read or was skipped (an unreadable folder, a link loop) goes to `problems`."""
    root = config.root.resolve()
    problems = [] if problems is None else problems
    links: dict[str, str] = {}  # link's path -> its target's path, both relative to root
    excludes = list(config.exclude) if config.exclude else list(DEFAULT_EXCLUDES)
    excludes += list(config.extend_exclude)
    if not config.exclude:
        excludes.append(config.cache_dir.rstrip("/") + "/")
    # The checklist is hygiene's own output (with data samples in it): never an input.
    excludes.append("/" + config.checklist.path.lstrip("/"))
    if config.baseline:  # so is the baseline (hygiene.baseline), a JSON file that is no result
        excludes.append("/" + config.baseline.lstrip("/"))
    ignores = _Ignores(root, excludes)
    seen: set[str] = set()
    found: list[SourceFile] = []
    for start in paths or [root]:
        start = start.resolve()
        try:
            rel_start = start.relative_to(root).as_posix()
        except ValueError:
            continue
        rel_start = "" if rel_start == "." else rel_start
        if start.is_file():
            kind = kind_of(start.name)
            if kind and rel_start not in seen and not _excluded_path(ignores, root, rel_start):
                seen.add(rel_start)
                found.append(SourceFile(rel_start, start, kind, start.stat().st_size))
            continue
        # Load the .gitignore files of the folders above the starting folder.
        parts = rel_start.split("/") if rel_start else []
        for depth in range(len(parts)):
            ignores.enter("/".join(parts[:depth]), root.joinpath(*parts[:depth]))
        def unreadable(exc: OSError) -> None:
            folder = Path(exc.filename or start)
            try:
                rel = folder.relative_to(root).as_posix()
            except ValueError:
                rel = str(folder)
            problems.append(Diagnostic(rel if rel != "." else ".", f"cannot read this folder ({exc.strerror or exc}): "
                                       "the files in it were not checked"))

        for dirpath, dirnames, filenames in os.walk(start, onerror=unreadable):
            abs_dir = Path(dirpath)
            rel_dir = abs_dir.relative_to(root).as_posix()
            rel_dir = "" if rel_dir == "." else rel_dir
            ignores.enter(rel_dir, abs_dir)
            keep = []
            for d in sorted(dirnames):
                rel = f"{rel_dir}/{d}" if rel_dir else d
                sub = abs_dir / d
                if sub.is_symlink() or ignores.ignored(rel, True) or _is_virtualenv(sub):
                    continue
                marks = _vendored_project(sub)
                if marks:
                    problems.append(Diagnostic(rel, f"skipped: a copy of another project (its own {marks}), "
                                               "not this repository's code", "note"))
                    continue
                original = _duplicate_of(d, dirnames)
                if original:
                    problems.append(Diagnostic(rel, f"skipped: a file manager's duplicate of `{original}` beside it "
                                               "(its findings would repeat the original's)", "note"))
                    continue
                keep.append(d)
            dirnames[:] = keep
            for name in filenames:
                kind = kind_of(name)
                if kind is None:
                    continue
                rel = f"{rel_dir}/{name}" if rel_dir else name
                if rel in seen or ignores.ignored(rel, False):
                    continue
                abspath = abs_dir / name
                if os.path.islink(abspath):
                    target, skipped = _link_target(abspath, root)
                    if target is None:
                        problems.append(Diagnostic(rel, str(skipped), "note"))
                        continue
                    links[rel] = target
                try:
                    size = abspath.stat().st_size
                except FileNotFoundError:
                    continue
                except OSError as exc:
                    problems.append(Diagnostic(rel, f"cannot read: {exc.strerror or exc}"))
                    continue
                seen.add(rel)
                found.append(SourceFile(rel, abspath, kind, size))
    # A link whose target the scan reads anyway would report every finding twice.
    real = {f.path for f in found if f.path not in links}
    found = [f for f in found if links.get(f.path) not in real]
    found.sort(key=lambda f: f.path)
    yield from found


def _excluded_path(ignores: _Ignores, root: Path, rel: str) -> bool:
    """An explicitly named file is still excluded when it or a folder above it is."""
    parts = rel.split("/")
    for depth in range(1, len(parts)):
        prefix = "/".join(parts[:depth])
        ignores.enter("/".join(parts[:depth - 1]), root.joinpath(*parts[:depth - 1]))
        if ignores.ignored(prefix, True):
            return True
    ignores.enter("/".join(parts[:-1]), root.joinpath(*parts[:-1]))
    return ignores.ignored(rel, False)


def package_dirs(files: Iterable[SourceFile]) -> frozenset[str]:
    """Folders that hold an `__init__.py`: they make module names (see hygiene.analysis.names)."""
    return frozenset(f.path.rsplit("/", 1)[0] for f in files if f.path.endswith("/__init__.py"))


def is_test_path(path: str) -> bool:
    """A test suite's file (`test_*.py`, `*_test.py`, `conftest.py`, under `tests/`): it checks
    code, it does not produce research results."""
    parts = path.split("/")
    name = parts[-1]
    return (name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"
            or any(p in ("tests", "test", "testing") for p in parts[:-1]))
