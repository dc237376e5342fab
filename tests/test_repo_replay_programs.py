"""The SEED rules and DATA048 after an edit (issue 12: `--focus` on an edited file).

The programs (`hygiene.analysis.programs`) read every file's `rng` fact and the file list, and the
text of a file only where a finding is placed, so an edit that leaves every `rng` fact as it was
replays the SEED rules; DATA048 and the import graph read every file's fact from the summary
store, decoding only the facts of files changed since (`hygiene.cache.summaries.packed`). Every
edit gives what a cold scan of the edited tree gives."""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from hygiene.cache import summaries
from hygiene.config import Config
from hygiene.ruleset import load_rules
from hygiene.runner import scan

EVALUATE = """
import random

def main(retriever, corpus, queries, qrels):
    query_ids = random.sample(sorted(queries), 200)
    results = retriever.retrieve(corpus, {q: queries[q] for q in query_ids})
    print("NDCG@10", retriever.evaluate(qrels, results))

if __name__ == "__main__":
    main(*load())
"""
LATE = """
import random
from helpers import keep_best

subset = random.sample(items, 100)
random.seed(0)
kept = keep_best(data, cfg.frac, cfg.frac)
print(subset, kept)
"""
HELPERS = """
def keep_best(data, frac, discount, max_len=1000):
    return data
"""
FILES = {"evaluate.py": EVALUATE, "late.py": LATE, "helpers.py": HELPERS}
CODES = ("SEED001", "SEED006", "DATA048")


@pytest.fixture
def runs(monkeypatch) -> list[str]:
    """The codes of SEED001, SEED006 and DATA048 each time their `check_repo` runs (not replayed)."""
    ran: list[str] = []
    for rule in load_rules():
        if rule.code in CODES:
            real = rule.check_repo.__func__
            monkeypatch.setattr(rule, "check_repo", classmethod(lambda cls, repo, real=real: ran.append(cls.code) or real(cls, repo)))
    return ran


def _write(root: Path, rel: str, text: str) -> None:
    (root / rel).write_text(textwrap.dedent(text).lstrip())


def _found(result) -> list[tuple]:
    return [(f.rule, f.path, f.line, f.column, f.message, f.snippet)
            for f in (*result.findings, *result.questions) if f.rule in CODES]


def _cold(root: Path) -> list[tuple]:
    return _found(scan(Config(root=root), jobs=1, use_cache=False))


def test_edits_give_what_a_cold_scan_gives_and_rerun_only_what_they_change(tmp_path: Path, runs: list[str],
                                                                           monkeypatch) -> None:
    for rel, text in FILES.items():
        _write(tmp_path, rel, text)
    config = Config(root=tmp_path)
    first = _found(scan(config, jobs=1))
    assert sorted({f[:2] for f in first}) == [("DATA048", "late.py"), ("SEED001", "evaluate.py"), ("SEED006", "late.py")]
    assert first == _cold(tmp_path)

    decoded: list[object] = []
    real_same = summaries._same
    monkeypatch.setattr(summaries, "_same", lambda value: decoded.append(value) or real_same(value))
    data048 = sys.modules[next(r for r in load_rules() if r.code == "DATA048").__module__]
    real_compact = data048._compact  # DATA048's summary of its fact
    monkeypatch.setattr(data048, "_compact", lambda value: decoded.append(value) or real_compact(value))

    # A function appended: no draw, no seed, no call. The SEED rules replay; DATA048 runs (its
    # definitions changed) from the stored facts of the other files.
    runs.clear()
    _write(tmp_path, "helpers.py", HELPERS + "\n\ndef appended():\n    return 2\n")
    again = _found(scan(config, jobs=1))
    assert runs == ["DATA048"]
    assert len(decoded) == 1  # helpers.py's DATA048 fact; its `imports` fact is empty
    assert again == first == _cold(tmp_path)

    # Lines inserted above the findings of a file: they move, whatever the stored facts say.
    runs.clear()
    _write(tmp_path, "evaluate.py", "# evaluation\n# of the retriever\n" + textwrap.dedent(EVALUATE).lstrip())
    _write(tmp_path, "late.py", "# the late seed\n" + textwrap.dedent(LATE).lstrip())
    moved = _found(scan(config, jobs=1))
    assert moved == _cold(tmp_path)
    assert [f[2] for f in moved] == [f[2] + (2 if f[1] == "evaluate.py" else 1) for f in first]

    # The seed moved before the draw; the callee's parameter renamed: the findings go.
    _write(tmp_path, "late.py", LATE.replace("random.seed(0)\n", "").replace("subset =", "random.seed(0)\nsubset ="))
    _write(tmp_path, "helpers.py", HELPERS.replace("discount", "fraction_kept"))
    after = _found(scan(config, jobs=1))
    assert after == _cold(tmp_path)
    assert sorted({f[:2] for f in after}) == [("DATA048", "late.py"), ("SEED001", "evaluate.py")]
    assert "fraction_kept" in next(f[4] for f in after if f[0] == "DATA048")
    _write(tmp_path, "helpers.py", HELPERS.replace("frac", "ratio"))
    assert _found(scan(config, jobs=1)) == _cold(tmp_path) == [f for f in after if f[0] != "DATA048"]
