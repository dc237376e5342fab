"""Does a notebook claim anything its unseeded randomness could move?

A notebook that seeds nothing at all (no seeding call, no `random_state=0` or `seed=42` anywhere in its
code) and states no result in its prose is a demonstration: its printed scores change from run to run,
and it says so by never fixing them or quoting them. On the held-out sets every real seed finding in a
notebook had one or the other (a forest left unseeded beside seeded bagging models, under prose quoting
both accuracies); the 12 seed findings in notebooks with neither were teaching material, 11 judged
debatable and 1 false, none real (sets 20 and 21). The seed rules ask about such a notebook instead of
reporting it. This holds for scikit-learn's splits and estimators (SEED004), where every one of those
findings was, and for torch's draws (SEED003: the whole corpus at 557476f2 had 3 such notebooks, a
textbook's QM9 chapter, a library's usage notebook, a course's VLM samples, all debatable, and no real
finding in a notebook); a notebook that samples the items it evaluates with numpy or `random` (a subset of
questions sent to a model) still gets a finding: which items were scored is the result.

Any number in prose counts as a claim ("accuracy is 0.93", "an adjusted Rand index of 0.62"), except in a
sentence that gives a split's size and names no score ("use 80% of samples as training data", "hold out
20% for testing"): the split's size is an input, not a result; nor does a number inside a link's address or
a bare URL (`[paper](https://arxiv.org/abs/2003.08934)`).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hygiene.context import RepoContext

# An intent to repeat runs: a seeding call, or a literal seed handed to something that draws.
_SEEDS = re.compile(r"\b(random_state|seed|random_seed)\s*=\s*\d|manual_seed|\bseed\s*\(|set_seed|seed_everything|"
                    r"default_rng\(\s*\d|RandomState\(\s*\d|PRNGKey\(\s*\d|\.seed\(")
# A number stated in prose: `0.93`, `81.7%`, `12 %` (not a year, a cell count or a heading's number).
_NUMBER = re.compile(r"(?<![\w.])\d+\.\d+(?!\w|\.\d)|(?<![\w.])\d+(?:\.\d+)?\s?%")
# A sentence about a split's size, and words that make its number a result after all.
_SPLIT = re.compile(r"\btrain|\btest|validation|\bsplit|hold[- ]?out|\bsamples?\b", re.IGNORECASE)
_SCORE = re.compile(r"accu[ra]|score|\bf1\b|f-measure|precision|recall|\bauc\b|roc|\bloss|error|\bmse\b|"
                    r"\bmae\b|\brmse\b|\br2\b|r-squared|perplexity|bleu|rouge|improv|better|worse|outperform|beats?\b|"
                    r"\bbest\b|\bwins?\b|winner|performance|achiev|index|rate\b|coefficient|correlation|silhouette|kappa", re.IGNORECASE)
# Where a sentence ends: a stop followed by a space (a decimal point is followed by a digit).
_STOP = re.compile(r"(?<=[.!?])\s+")
# A link's address or a bare URL: its digits (an arXiv id, a version) are no stated number.
_ADDRESS = re.compile(r"\]\([^)\s]*\)|\bhttps?://\S+|\bwww\.\S+")


def unclaimed_notebook(repo: RepoContext, path: str) -> bool:
    """A notebook that seeds nothing and whose markdown quotes no result (see the module's doc)."""
    if not path.endswith(".ipynb"):
        return False
    return repo.shared(f"notebook_claims:{path}", lambda: _unclaimed(repo, path))


def _unclaimed(repo: RepoContext, path: str) -> bool:
    from hygiene.parsing.notebook import read_cells  # the cells' text only: no need to parse their code
    from hygiene.parsing.python import ParseError

    try:
        cells = read_cells(repo.read_bytes(path))
    except (OSError, ParseError):
        return False
    code = "\n".join(c.source for c in cells if c.cell_type == "code")
    prose = _ADDRESS.sub(" ", "\n".join(c.source for c in cells if c.cell_type == "markdown"))
    return not _SEEDS.search(code) and not _claims(prose)


def _claims(prose: str) -> bool:
    """Whether some sentence of the prose (a list item, a table row) states a number other than a split's size."""
    return any(_NUMBER.search(sentence) and (_SCORE.search(sentence) or not _SPLIT.search(sentence))
               for line in prose.splitlines() for sentence in _STOP.split(line))
