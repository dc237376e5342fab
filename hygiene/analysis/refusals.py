"""Refusals: the text a model gives when it declines, and the code that counts them.

`REFUSAL` recognises the usual refusal openings ("I'm sorry", "I cannot", "As an AI"). A repository
that *measures* refusals (a jailbreak or over-refusal evaluation, a refusal-direction ablation)
keeps a list of such openings to match replies against (JailbreakBench's and GCG's `test_prefixes`):
for it, many identical refusals are the measured outcome, not a pipeline failure.
`refusal_markers(strings)` picks those openings out of the string literals of one collection.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

REFUSAL = re.compile(r"\b(I can(?:no|')t|I cannot|I'm sorry|I am sorry|I am unable|I'm unable|As an AI|"
                     r"I won't|I will not be able)\b", re.IGNORECASE)
# A marker is a short opening, not a whole canned reply: the judge matches replies against it.
MARKER_LENGTH = 40
MIN_MARKERS = 2


def refusal_markers(strings: Iterable[str]) -> list[str]:
    """The refusal openings among the strings of one list, tuple or set literal, when it holds at
    least two (one refusal string alone is as often a canned reply as a detector)."""
    found = [s for s in strings if len(s) <= MARKER_LENGTH and REFUSAL.search(s)]
    return found if len(found) >= MIN_MARKERS else []


def counted_refusal(text: str, markers: Iterable[str]) -> bool:
    """Whether `text` reads like a refusal that one of the repository's markers detects."""
    head = text[:400].lower()
    return bool(REFUSAL.search(head)) and any(m.lower() in head for m in markers)
