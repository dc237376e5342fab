"""Git history for the repo phase: when each file last changed, what is uncommitted, old contents.

Shared by every rule and the checklist through `history_of(repo)`, which opens the repository
once per scan. Built for big repositories:

- last changes come from one streamed `git log --name-only` over exactly the paths asked for
  (passed on stdin, literal pathspecs), which stops as soon as every path has been seen; one
  process per batch of paths, never one per file;
- uncommitted changes from one `git status`, tracked files from one `git ls-files`;
- old contents through gitpython's persistent `cat-file` process.

Outside a git repository, without the git executable, or before the first commit, `available`
is False and `note` says in one line what was not checked. In a shallow clone (CI checkouts
usually are), a path whose last change is the boundary commit may be older than that commit:
`Change.boundary` says so, and callers must not compare such dates. Paths are relative to the
scan root, which may be a folder inside the repository.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hygiene.context import RepoContext

_RECORD = "\x1e"
UNSHALLOW_HINT = "`git fetch --unshallow` (or `fetch-depth: 0` for actions/checkout) fetches the full history"


@dataclass(frozen=True)
class Change:
    """The last commit that changed a path."""

    commit: str
    date: dt.datetime  # committer date, timezone-aware
    summary: str
    # The commit is where a shallow clone's history is cut: the path may have changed earlier.
    boundary: bool = False

    @property
    def day(self) -> str:
        return self.date.strftime("%Y-%m-%d")


class History:
    """One git repository as seen from the scan root. Cheap to create; work happens on demand."""

    def __init__(self, root: Path, observe: Callable[[str], None] | None = None) -> None:
        self.root = root
        # Told each working-tree path whose state is asked for (the repository phase's replay key
        # covers those files' content, and git's own state, not every file of the tree).
        self.observe = observe
        self.available = False
        self.note: str | None = None
        self.shallow = False
        self.boundaries: frozenset[str] = frozenset()
        self.toplevel: Path | None = None
        self.prefix = ""  # the scan root relative to the repository's top level, "" or "dir/"
        self._repo = None
        self._changes: dict[str, Change | None] = {}
        self._tracked: frozenset[str] | None = None
        self._status: dict[str, str] | None = None
        self._blobs: dict[tuple[str, str], str | None] = {}
        self._diffs: dict[str, frozenset[str]] = {}
        self.commits_read = 0  # by all log passes: the cost of dating, for tests and benchmarks
        self._open()

    # -- opening ---------------------------------------------------------------------------------
    def _open(self) -> None:
        root = self.root.resolve()
        if "GIT_DIR" not in os.environ and not any((folder / ".git").exists() for folder in (root, *root.parents)):
            # Importing gitpython costs a third of a small scan; without a .git there is nothing to open.
            self.note = "not a git repository: git history checks (stale results, uncommitted producers) were skipped"
            return
        try:
            import git
        except ImportError as exc:  # gitpython refuses to import without a git executable
            self.note = f"git is not usable ({exc}): git history checks (stale results) were skipped"
            return
        try:
            repo = git.Repo(self.root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            self.note = "not a git repository: git history checks (stale results, uncommitted producers) were skipped"
            return
        except git.GitCommandError as exc:
            self.note = f"git failed ({exc.stderr.strip() or exc}): git history checks were skipped"
            return
        if repo.bare or repo.working_tree_dir is None:
            self.note = "bare git repository: git history checks were skipped"
            return
        try:
            repo.head.commit
        except ValueError:
            self.note = "the git repository has no commits yet: git history checks were skipped"
            return
        self._repo = repo
        self.toplevel = Path(repo.working_tree_dir).resolve()
        try:
            relative = self.root.resolve().relative_to(self.toplevel).as_posix()
        except ValueError:
            relative = "."
        self.prefix = "" if relative == "." else relative + "/"
        shallow_file = Path(repo.git_dir) / "shallow"
        if shallow_file.is_file():
            self.boundaries = frozenset(shallow_file.read_text().split())
            self.shallow = bool(self.boundaries)
        self.available = True
        if self.shallow:
            self.note = (f"shallow git clone (history starts at {self._boundary_description()}): files last "
                         f"changed at or before then cannot be dated, so history checks that need their dates "
                         f"were skipped; {UNSHALLOW_HINT}")

    def _boundary_description(self) -> str:
        described = []
        for sha in sorted(self.boundaries):
            try:
                commit = self._repo.commit(sha)  # type: ignore[union-attr]
                described.append(f"{commit.committed_datetime:%Y-%m-%d}, commit {sha[:8]}")
            except (ValueError, Exception):  # noqa: BLE001 - a missing boundary object is still a boundary
                described.append(f"commit {sha[:8]}")
        return "; ".join(described)

    # -- paths -----------------------------------------------------------------------------------
    def _to_git(self, path: str) -> str:
        return self.prefix + path

    def _from_git(self, path: str) -> str | None:
        if not path.startswith(self.prefix):
            return None
        return path[len(self.prefix):]

    def _git(self, *args: str, stdin: str | None = None) -> str:
        assert self.toplevel is not None
        # `--no-optional-locks`: `git status` then leaves the index as it is instead of refreshing its
        # stat cache, so a scan writes nothing in the user's repository (nor races a concurrent commit
        # for `index.lock`), and the git state that keys the repository phase's replay is the same
        # before and after the rules that ask git (tests/test_replay_keys.py).
        proc = subprocess.run(["git", "--no-optional-locks", "-c", "core.quotepath=off", *args], cwd=self.toplevel, input=stdin,
                              capture_output=True, text=True, encoding="utf-8", errors="surrogateescape")
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.strip() or f"git {args[0]} failed")
        return proc.stdout

    # -- what is tracked, what is uncommitted ----------------------------------------------------
    def tracked(self, path: str) -> bool:
        return path in self.tracked_paths()

    def tracked_paths(self) -> frozenset[str]:
        """Every path under the scan root that git tracks (relative to the scan root)."""
        if not self.available:
            return frozenset()
        if self._tracked is None:
            out = self._git("ls-files", "-z", "--full-name", "--", ".")
            self._tracked = frozenset(p for p in (self._from_git(x) for x in out.split("\0") if x) if p is not None)
        return self._tracked

    def uncommitted(self, path: str) -> str | None:
        """"modified", "added", "deleted", "untracked", "renamed" or "conflicted"; None when clean."""
        if self.observe is not None:
            self.observe(path)
        if not self.available:
            return None
        if self._status is None:
            self._status = self._read_status()
        return self._status.get(path)

    def _read_status(self) -> dict[str, str]:
        out = self._git("status", "--porcelain=v1", "-z", "--untracked-files=all")
        status: dict[str, str] = {}
        entries = iter(out.split("\0"))
        for entry in entries:
            if len(entry) < 4:
                continue
            code, path = entry[:2], entry[3:]
            if code[0] in "RC":
                next(entries, None)  # the old name follows a rename or copy
            if code == "??":
                state = "untracked"
            elif "U" in code or code in ("AA", "DD"):
                state = "conflicted"
            elif "D" in code:
                state = "deleted"
            elif code[0] == "A":
                state = "added"
            elif code[0] == "R":
                state = "renamed"
            else:
                state = "modified"
            local = self._from_git(path)
            if local is not None:
                status[local] = state
        return status

    # -- last changes ----------------------------------------------------------------------------
    def last_change(self, path: str) -> Change | None:
        return self.last_changes([path]).get(path)

    def last_changes(self, paths: Iterable[str]) -> dict[str, Change]:
        """The last commit (reachable from HEAD) that changed each tracked path of `paths`."""
        if not self.available:
            return {}
        wanted = {p for p in paths if p not in self._changes and self.tracked(p)}
        if wanted:
            found = self._scan_log(wanted)
            for path in wanted:
                self._changes[path] = found.get(path)
        return {p: c for p in paths if (c := self._changes.get(p)) is not None}

    def _scan_log(self, wanted: set[str]) -> dict[str, Change]:
        assert self.toplevel is not None
        # --date-order never shows a commit before its descendants, so the first commit that
        # names a path is its last change. Paths go on stdin: no command-line length limit.
        command = ["git", "-c", "core.quotepath=off", "--literal-pathspecs", "log", "--stdin", "--date-order",
                   "-z", "--name-only", "--no-renames", f"--format={_RECORD}%H %ct %s"]
        stdin = "HEAD\n--\n" + "".join(self._to_git(p) + "\n" for p in sorted(wanted) if "\n" not in p)
        found: dict[str, Change] = {}
        proc = subprocess.Popen(command, cwd=self.toplevel, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
        try:
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(stdin.encode("utf-8", errors="surrogateescape"))
            proc.stdin.close()
            for header, names in _records(proc.stdout):
                self.commits_read += 1
                sha, _, rest = header.partition(" ")
                stamp, _, summary = rest.partition(" ")
                try:
                    date = dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc)
                except ValueError:
                    continue
                change = Change(sha, date, summary, sha in self.boundaries)
                for name in names:
                    local = self._from_git(name)
                    if local is not None and local in wanted and local not in found:
                        found[local] = change
                if len(found) == len(wanted):
                    break  # every path is dated: the rest of the history is not needed
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        return found

    # -- contents and ancestry -------------------------------------------------------------------
    def blob_id(self, commit: str, path: str) -> str | None:
        """The blob id of `path` in `commit` ("HEAD" works), or None when it is not there."""
        if not self.available:
            return None
        key = (commit, path)
        if key not in self._blobs:
            try:
                self._blobs[key] = self._repo.commit(commit).tree[self._to_git(path)].hexsha  # type: ignore[union-attr]
            except Exception:  # noqa: BLE001 - absent path, or an object cut off by a shallow clone
                self._blobs[key] = None
        return self._blobs[key]

    def content_at(self, commit: str, path: str, limit: int = 5_000_000) -> bytes | None:
        """The bytes of `path` in `commit`, or None when absent or larger than `limit`."""
        if not self.available:
            return None
        try:
            blob = self._repo.commit(commit).tree[self._to_git(path)]  # type: ignore[union-attr]
            if blob.type != "blob" or blob.size > limit:
                return None
            return blob.data_stream.read()
        except Exception:  # noqa: BLE001 - absent path or object: the caller treats it as unknown
            return None

    def changed_since(self, commit: str) -> frozenset[str]:
        """Paths (under the scan root) whose content in HEAD differs from `commit`: one diff."""
        if not self.available:
            return frozenset()
        if commit not in self._diffs:
            try:
                out = self._git("diff", "--name-only", "-z", "--no-renames", commit, "HEAD", "--", ".")
                self._diffs[commit] = frozenset(p for p in (self._from_git(x) for x in out.split("\0") if x)
                                                if p is not None)
            except RuntimeError:
                self._diffs[commit] = frozenset()
        return self._diffs[commit]

    def first_version_after(self, commit: str, path: str) -> str | None:
        """The oldest commit after `commit` (on HEAD's history) that changed `path`."""
        if not self.available:
            return None
        try:
            out = self._git("--literal-pathspecs", "log", "--format=%H", "--reverse", "--ancestry-path",
                            f"{commit}..HEAD", "--", self._to_git(path))
        except RuntimeError:
            return None
        lines = out.split()
        return lines[0] if lines else None

    def is_ancestor(self, older: str, newer: str) -> bool:
        """True when commit `older` is `newer` or one of its ancestors."""
        if not self.available:
            return False
        if older == newer:
            return True
        try:
            return bool(self._repo.is_ancestor(older, newer))  # type: ignore[union-attr]
        except Exception:  # noqa: BLE001 - objects cut off by a shallow clone
            return False


def _records(stream: object) -> Iterator[tuple[str, list[str]]]:
    """(header, paths) per commit from `git log -z --name-only --format=<RS>header`, streamed."""
    buffer = b""
    read = stream.read1 if hasattr(stream, "read1") else stream.read  # type: ignore[attr-defined]
    separator = _RECORD.encode()
    while True:
        chunk = read(1 << 16)
        if not chunk:
            break
        *complete, buffer = (buffer + chunk).split(separator)
        for record in complete:
            if record:
                yield _parse_record(record.decode("utf-8", errors="surrogateescape"))
    if buffer:
        yield _parse_record(buffer.decode("utf-8", errors="surrogateescape"))


def _parse_record(record: str) -> tuple[str, list[str]]:
    header, _, body = record.partition("\0")
    return header, [name for name in body.lstrip("\n").split("\0") if name.strip("\n")]


def history_of(repo: RepoContext) -> History:
    """The scan's one `History`; the first caller also leaves its note (no git, shallow) once."""

    def open_history() -> History:
        history = History(repo.git_root(), observe=repo.consult)
        if history.note:
            repo.diagnostic(".", history.note, "note")
        return history

    return repo.shared("history", open_history)
