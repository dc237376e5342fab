"""Seed lines an author commented out: `# torch.manual_seed(1)`, `# np.random.seed(1)`.

A program that runs a draw unseeded while its own files keep the seeding call in a comment was
made unseeded on purpose (measures averaged over several unseeded runs, a variance shown) or left
that way while experimenting: either way the author decided, and the right tool is a checklist
question that points at the commented line, not a finding that says the seed was forgotten. The
`seed_comments` fact of a code file lists the generators whose seeding call is commented out
("*" for a helper that seeds them all: `set_seed`, `seed_everything`).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hygiene.context import FileContext

if TYPE_CHECKING:
    from hygiene.context import RepoContext

FACT = "seed_comments"
_COMMENTED = re.compile(r"(?m)^[ \t]*#+[ \t]*(?:[\w.]+\.)?(manual_seed(?:_all)?|seed|set_seed|seed_everything|"
                        r"set_random_seed|seed_all)[ \t]*\(")
_GENERATOR = {"manual_seed": "torch", "manual_seed_all": "torch"}


def _generator(line: str, call: str) -> str | None:
    if call in _GENERATOR:
        return _GENERATOR[call]
    if call == "seed":
        if re.search(r"\b(np|numpy)\.random\.seed", line):
            return "numpy"
        return "random" if re.search(r"\brandom\.seed", line) else None
    return "*"


class SeedCommentExtractor:
    kinds = frozenset({"python", "notebook"})

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx

    def finish(self) -> None:
        if "seed" not in self.ctx.text:
            return
        found = set()
        for match in _COMMENTED.finditer(self.ctx.text):
            line = self.ctx.text[match.start():self.ctx.text.find("\n", match.start()) % (len(self.ctx.text) + 1)]
            generator = _generator(line, match.group(1))
            if generator:
                found.add(generator)
        if found:
            self.ctx.facts[FACT] = sorted(found)


def commented_seeds(repo: RepoContext) -> dict[str, set[str]]:
    """Per file, the generators whose seeding call is commented out."""
    return repo.shared("seed_comments", lambda: {path: set(gens) for path, gens in repo.facts(FACT)})


def seed_commented_out(repo: RepoContext, gen: str, files: set[str]) -> bool:
    """Does one of `files` keep a seeding call of `gen` in a comment?"""
    comments = commented_seeds(repo)
    return any(gen in comments.get(f, ()) or "*" in comments.get(f, ()) for f in files)
