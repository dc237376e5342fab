"""A draw whose value is a seed: `seed=random.randint(0, 100000)` picks the run's seed.

Launchers of experiments (rlkit's `variant = dict(..., seed=random.randint(0, 100000))`, a sweep
that draws one seed per run) draw the seed itself from an unseeded generator, then log it with
the run's settings and seed every generator with it. That draw comes before any seed by its
nature: it is how the seed is chosen, not randomness a seed should have controlled. A draw is
one when it is the value (possibly wrapped, `int(...)`) bound to a name or key named for a seed:
`seed = ...`, `seed=...` as a keyword, `"seed": ...` in a dict, `args.__dict__["seed"] = ...` (a `-1`
sentinel replaced by a fresh seed, then applied everywhere), `setattr(args, "seed", ...)`. Whether such a seed is recorded is
SEED011's question (a seed from the clock, never written down).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hygiene.analysis.programs import Place
    from hygiene.context import RepoContext

# The text before the draw on its line: a seed-named target, then only calls wrapping the draw.
# `args.__dict__["seed"] = ...`, `vars(args)["seed"] = ...` and `setattr(args, "seed", ...)` bind one too.
_SEED_TARGET = re.compile(
    r"""(\b\w*seed\w*(?:['"]\s*\])?\s*=(?!=)|['"]\w*seed\w*['"]\s*[:,])\s*(?:[\w.]+\(\s*)*$""", re.I)


def draws_a_seed(repo: RepoContext, path: str, place: Place) -> bool:
    """Whether the draw at `place` is the value of a seed-named binding (see the module doc)."""
    if place.line is None or place.column is None:
        return False
    text = repo.code_text(path)  # (records the dependency on this file for the replay keys)
    if text is None:
        return False
    lines = text.splitlines()
    if not 0 < place.line <= len(lines):
        return False
    return bool(_SEED_TARGET.search(lines[place.line - 1][: place.column - 1]))
