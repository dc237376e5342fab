"""Which programs the repository's own run scripts launch.

A repository that keeps shell scripts for its experiments (`scripts/run_cifar_distill.sh`,
`experiments/10baseline.sh`, `run_pipeline.sh`) says with them how its results were made. A
program that none of them names, in a folder whose other programs they do launch, is not one of
those runs: a mode kept from a copied baseline (`Pyraformer/single_step_main.py` next to the
`long_range_main.py` every script runs), an old entry point. Whether a draw there changes a reported
number is then a checklist question, not a finding (`hygiene.analysis.seed_evidence`).

Only shell scripts count: a README copied with a baseline documents the original repository's
commands, not this one's. A repository without run scripts says nothing, so nothing is left out.
"""
from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from hygiene.analysis.history import History

if TYPE_CHECKING:
    from hygiene.context import RepoContext

_SCRIPT_SUFFIXES = (".sh", ".bash", ".slurm", ".sbatch")
_PROGRAM = re.compile(r"([\w.-]+)\.py\b")
_MAX_SCRIPTS = 400
_MAX_BYTES = 200_000


def script_texts(repo: RepoContext) -> dict[str, str]:
    """The text (its first 200 kB) of each run script git tracks (`.sh`, `.bash`, `.slurm`, `.sbatch`),
    by path; empty without git. Shared by the questions about run scripts (this module,
    `hygiene.analysis.launch_args`, LEAK016)."""
    def compute() -> dict[str, str]:
        # A History of its own: the scan's shared one leaves a "not a git repository" note, which
        # a question about run scripts should not cause.
        history = History(repo.git_root(), observe=repo.consult)
        tracked = history.tracked_paths() if history.available else frozenset()
        texts: dict[str, str] = {}
        for path in sorted(p for p in tracked if p.endswith(_SCRIPT_SUFFIXES))[:_MAX_SCRIPTS]:
            try:
                texts[path] = repo.read_bytes(path)[:_MAX_BYTES].decode("utf-8", errors="replace")
            except OSError:
                continue
        return texts
    return repo.shared("run_scripts.texts", compute)


def _named(repo: RepoContext) -> set[str] | None:
    """File names (`train.py`) that the repository's run scripts mention; None without run scripts."""
    def compute() -> set[str] | None:
        texts = script_texts(repo)
        if not texts:
            return None
        return {f"{m.group(1)}.py" for text in texts.values() for m in _PROGRAM.finditer(text)}
    return repo.shared("run_scripts.named", compute)


def not_run(repo: RepoContext, entries: list[str]) -> frozenset[str]:
    """The entries (scripts, not notebooks) that no run script names while the scripts name
    another program of the same folder."""
    def compute() -> frozenset[str]:
        names = _named(repo)
        if not names:
            return frozenset()
        folders: dict[str, set[str]] = {}
        for entry in entries:
            folders.setdefault(posixpath.dirname(entry), set()).add(posixpath.basename(entry))
        return frozenset(e for e in entries if e.endswith(".py") and posixpath.basename(e) not in names
                         and folders[posixpath.dirname(e)] & names)
    return repo.shared("run_scripts.not_run", compute)


# Options that set how many items a run scores, and options that only name where a run writes.
_LIMIT_OPTIONS = frozenset({"limit", "n", "num", "n_items", "num_items", "n_samples", "num_samples", "max_samples",
                            "max_items", "max_examples", "n_examples", "num_examples", "subset_size", "sample_size",
                            "n_questions", "num_questions", "max_instances", "n_eval", "num_eval"})
_WHERE_WORDS = ("out", "output", "save", "log", "dir", "path", "file", "name", "tag", "seed", "run", "wandb", "exp")
_DEBUG_TARGET = re.compile(r"(?i)debug|smoke|quick|dry|sanity|tiny|toy|test")
_INVOCATION = re.compile(r"\bpython3?\s+(?:-m\s+)?([\w./-]+)(.*)")
_OPTION = re.compile(r"--([\w-]+)(?:[ =]+([^\s\\;|&-][^\s\\;|&]*))?")
_MAKE_TARGET = re.compile(r"^([\w.-]+)\s*:(?!=)")


def uneven_limits(repo: RepoContext) -> list[dict]:
    """Runs of one script, in one Makefile, for different conditions (`--prompt direct`,
    `--prompt cot`) that score different numbers of items (`--limit 200`, `--limit 500`), whose outputs a
    later command reads together (`compare.py results/direct.json results/cot.json`)."""
    def compute() -> list[dict]:
        # The Makefiles at the root and beside the scanned files, each read through `read_bytes` (its
        # content, or its absence, is in the replay key): no git and no listing of the tree, whose
        # state would tie every later rule's replay key to this one's reads.
        folders = sorted({posixpath.dirname(s.path) for s in repo.paths()})[:50]
        scripts = [posixpath.join(folder, name) if folder else name for folder in folders for name in ("Makefile", "makefile")]
        found: list[dict] = []
        for path in scripts:
            try:
                text = repo.read_bytes(path)[:_MAX_BYTES].decode("utf-8", errors="replace")
            except OSError:
                continue
            if "--" not in text or "python" not in text:
                continue
            lines = text.split("\n")
            runs: list[tuple[int, str, dict[str, str]]] = []
            target = ""
            for number, line in enumerate(lines, start=1):
                head = _MAKE_TARGET.match(line)
                if head:
                    target = head.group(1)
                m = _INVOCATION.search(line)
                if m is None or _DEBUG_TARGET.search(target) or line.lstrip().startswith("#"):
                    continue
                options = {k.replace("-", "_").lower(): (v or "") for k, v in _OPTION.findall(m.group(2))}
                runs.append((number, m.group(1), options))
            for index, (line, program, options) in enumerate(runs):
                for first_line, first_program, first in runs[:index]:
                    if first_program != program:
                        continue
                    limits = [k for k in (first.keys() | options.keys()) & _LIMIT_OPTIONS
                              if first.get(k) != options.get(k)]
                    conditions = [k for k in first.keys() & options.keys() - _LIMIT_OPTIONS
                                  if first[k] != options[k] and not any(w in k for w in _WHERE_WORDS)]
                    if not limits or not conditions:
                        continue
                    outputs = [(first[k], options[k]) for k in first.keys() & options.keys()
                               if any(w in k for w in ("out", "output", "save")) and first[k] != options[k]]
                    later = "\n".join(lines[line:])
                    if not any(a in later and b in later and any(a in l and b in l for l in lines[line:])
                               for a, b in outputs if a and b):
                        continue
                    key = limits[0]
                    found.append({"path": path, "line": line, "program": program, "option": key,
                                  "values": (first.get(key) or "all", options.get(key) or "all"),
                                  "condition": conditions[0], "conditions": (first[conditions[0]], options[conditions[0]]),
                                  "first_line": first_line})
                    break
        return found
    return repo.shared("run_scripts.uneven_limits", compute)
