"""Copies of one script: a script copied once per task and edited (`CodeClone/train.py`,
`CodeDefect/train.py`, `CodeComplex/train.py`) holds the same decision in every copy.

A finding whose rule, file name, enclosing function and matched code (for a finding of the repo
phase, which matches no code: its message, with its own path and positions left out) are the
same in several files is one decision: it is reported once, at the first of those paths, and the
copies are named as related places. Findings without a line (results, documents) are not grouped
here: their identity is their file.

A notebook exported to a script under another name in the same folder (`Feature Selection.ipynb`
beside `feature_selection.py`, nbconvert's `# In[3]:` export of a book chapter) is the same code
twice too: a script finding whose rule and matched code a notebook of its folder has is reported
on the notebook only (`one_report_per_export`), naming the script's place as a copy's.
"""
from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from typing import Iterable

from hygiene.finding import Finding, Location, mask_positions

MAX_NAMED = 5
# The note on each other copy's place in the one finding the copies give (benchmarks read it).
COPY_NOTE = "the same code in a copy of this file"
# The note on the other places of one decision repeated under other names (`one_report_per_decision`).
SAME_NOTE = "the same code and finding here too"
FOLD_NOTES = (COPY_NOTE, SAME_NOTE)
# A matched code this short (`except Exception:`, `model(x)`) says too little to call two places one.
MIN_SHARED_CODE = 30


def fold_repeats(findings: list[Finding]) -> list[Finding]:
    """A notebook's exported script, copies of a script, one decision repeated, and one rule twice
    on one line: each once."""
    return one_report_per_line(one_report_per_decision(one_report_per_copy(one_report_per_export(findings))))


def one_report_per_line(findings: list[Finding]) -> list[Finding]:
    """One rule twice on one line (the mean and the std of one normalisation, two columns of one
    row of a results table) is one answer: the first finding stays, saying what else the line gave,
    and keeps the others' identities (`extra["folded"]`) for baselines. A question and a finding
    stay apart."""
    groups: dict[tuple, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.line is not None:
            groups[(f.rule, f.path, f.line, bool((f.extra or {}).get("ask")))].append(f)
    dropped: set[int] = set()
    merged: dict[int, Finding] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda f: (f.sort_key(), f.message))
        first, others = group[0], group[1:]
        named = [o.message.split("`")[1] for o in others if o.message.count("`") >= 2]
        what = ", ".join(f"`{n}`" for n in dict.fromkeys(named) if n not in first.message.split("`")[1::2])
        said = (f"; this line gives {'one more' if len(others) == 1 else f'{len(others)} more'} of the same"
                f"{f' ({what})' if what else ''}: one line, one finding")
        extra = {**(first.extra or {}), "folded": [*(first.extra or {}).get("folded", ()), *(o.fingerprint for o in others)]}
        merged[id(first)] = dataclasses.replace(first, message=first.message + said, extra=extra)
        dropped.update(id(o) for o in others)
    if not dropped:
        return findings
    return [merged.get(id(f), f) for f in findings if id(f) not in dropped]


def one_report_per_copy(findings: list[Finding]) -> list[Finding]:
    groups: dict[tuple[str, str, str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.line is not None:
            groups[(f.rule, _name(f.path), f.context, _identity(f))].append(f)
    return _fold(findings, groups.values(), COPY_NOTE, same_file=False)


def one_report_per_decision(findings: list[Finding]) -> list[Finding]:
    """One finding for a decision repeated in files of other names, or twice in one file.

    A course whose every notebook starts with the same cell (`df['income'].fillna(df['income'].median())`
    then `zscore` on every column, before the split) gives the same finding in each: one answer
    settles them. Findings of one rule in one enclosing scope whose identity is the same (the matched
    code when it is long enough to be specific, else the repo-phase message with its own places
    left out) are reported once, at the first place, naming the others.
    """
    groups: dict[tuple[str, str, str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.line is None:
            continue
        if f.snippet.strip() and len(f.code_identity()) < MIN_SHARED_CODE:
            continue
        asked = bool((f.extra or {}).get("ask"))  # a question and a finding are not folded together
        groups[(f.rule, f.context, own_identity(f), str(asked))].append(f)
    return _fold(findings, groups.values(), SAME_NOTE, same_file=True)


def _fold(findings: list[Finding], groups: Iterable[list[Finding]], note: str, same_file: bool) -> list[Finding]:
    """Each group reported once, at its first place, naming the others (`note`); with `same_file`
    False, the other findings of the first one's own file stay findings of their own."""
    dropped: set[int] = set()
    merged: dict[int, Finding] = {}
    for group in groups:
        group.sort(key=Finding.sort_key)
        first = group[0]
        others = [f for f in group[1:] if same_file or f.path != first.path]
        if not others:
            continue
        notes = tuple(Location(o.path, o.line, note) for o in others[:MAX_NAMED])
        merged[id(first)] = dataclasses.replace(first, related=(*first.related, *notes))
        dropped.update(id(o) for o in others)
    if not dropped:
        return findings
    return [merged.get(id(f), f) for f in findings if id(f) not in dropped]


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _identity(f: Finding) -> str:
    if f.snippet.strip():
        return f.code_identity()
    return mask_positions(f.message.replace(f.path, _name(f.path)))


def one_report_per_export(findings: list[Finding]) -> list[Finding]:
    def key(f: Finding) -> tuple[str, str, str]:
        return f.path.rsplit("/", 1)[0] if "/" in f.path else "", f.rule, own_identity(f)

    on_notebooks = {key(f) for f in findings if f.path.endswith(".ipynb") and f.line is not None}
    if not on_notebooks:
        return findings
    scripts: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.path.endswith(".py") and f.line is not None and key(f) in on_notebooks:
            scripts[key(f)].append(f)
    kept = []
    for f in findings:
        if f.path.endswith(".py") and key(f) in scripts:
            continue
        if f.path.endswith(".ipynb") and key(f) in scripts:
            # The script's place is named on the notebook's finding, as a copy's is.
            notes = tuple(Location(c.path, c.line, COPY_NOTE) for c in scripts[key(f)][:MAX_NAMED])
            f = dataclasses.replace(f, related=(*f.related, *notes))
        kept.append(f)
    return kept


def own_identity(f: Finding) -> str:
    """What a finding is about, without where: its matched code, or (a repo-phase finding, which
    matches none) its message with the places in its own file left out (`feature_selection.py:206`
    and `Feature Selection.ipynb cell 28, line 3` read alike)."""
    if f.snippet.strip():
        return f.code_identity()
    return mask_positions(re.sub(re.escape(f.path) + r"(:\d+| cell \d+, line \d+)?", "<here>", f.message))


def one_report_per_twin(findings: list[Finding]) -> list[Finding]:
    """A script kept beside its notebook (`ch04.py` next to `ch04.ipynb`, a jupytext pair or an
    export) is the same code twice: a finding the notebook has too, by rule and by the code it
    names first, is reported on the notebook only."""
    def key(f: Finding) -> tuple[str, str]:
        code = f.message.split("`")[1] if f.message.count("`") >= 2 else f.message
        return f.rule, code

    on_notebooks = {(f.path[: -len(".ipynb")], *key(f)) for f in findings if f.path.endswith(".ipynb")}
    if not on_notebooks:
        return findings
    return [f for f in findings if not (f.path.endswith(".py") and (f.path[: -len(".py")], *key(f)) in on_notebooks)]
