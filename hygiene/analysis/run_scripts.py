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


def _named(repo: RepoContext) -> set[str] | None:
    """File names (`train.py`) that the repository's run scripts mention; None without run scripts."""
    def compute() -> set[str] | None:
        # A History of its own: the scan's shared one leaves a "not a git repository" note, which
        # a question about run scripts should not cause.
        history = History(repo.git_root(), observe=repo.consult)
        tracked = history.tracked_paths() if history.available else frozenset()
        scripts = sorted(p for p in tracked if p.endswith(_SCRIPT_SUFFIXES))[:_MAX_SCRIPTS]
        if not scripts:
            return None
        names: set[str] = set()
        for path in scripts:
            try:
                text = repo.read_bytes(path)[:_MAX_BYTES].decode("utf-8", errors="replace")
            except OSError:
                continue
            names.update(f"{m.group(1)}.py" for m in _PROGRAM.finditer(text))
        return names
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
