"""Per-rule pre-tests (issue 12): which rules may find anything in a file, from its text alone.

A rule declares `triggers` (strings, one of which must occur in the text) and `requires` (names,
one of which must be a word of the text); the engine skips a rule whose pre-test the file fails.
`tests/test_pretests.py` checks that no positive example of a rule loses anything to it.
"""
from __future__ import annotations

import re

from hygiene.rule import Rule

_WORD = re.compile(r"\w+")
_word_like: dict[str, bool] = {}  # trigger -> is it all word characters (`\w+`)


def text_words(text: str) -> frozenset[str]:
    """The words of `text` (maximal runs of `\\w`): every identifier of the code is one."""
    return frozenset(_WORD.findall(text))


class Pretext:
    """One file's text as the rules' pre-tests ask about it (issue 12): each trigger searched for
    once, however many rules name it; the words (`text_words`) built once, when first needed.

    A trigger of word characters only is in the text exactly when it is in one of the text's words
    (it cannot span a character that is not one), so it is searched for in the distinct words
    joined by spaces, a third of a library file's length, once they are built."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._seen: dict[str, bool] = {}
        self._words: frozenset[str] | None = None
        self._joined: str | None = None

    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = text_words(self.text)
        return self._words

    def has(self, part: str) -> bool:
        """`part in text`."""
        known = self._seen.get(part)
        if known is None:
            word = _word_like.get(part)
            if word is None:
                word = _word_like[part] = bool(_WORD.fullmatch(part))
            if word:
                if self._joined is None:
                    self._joined = " ".join(self.words())
                known = part in self._joined
            else:
                known = part in self.text
            self._seen[part] = known
        return known


def passes_pretest(rule: type[Rule], text: Pretext | str) -> bool:
    """Whether `rule` may find anything in a file of this text: one of its `triggers` occurs in it
    and one of its `requires` is a word of it (each declared test; a rule with neither runs)."""
    pre = text if isinstance(text, Pretext) else Pretext(text)
    if rule.triggers and not any(pre.has(t) for t in rule.triggers):
        return False
    return not rule.requires or not rule.requires.isdisjoint(pre.words())


def applicable_rules(rules: list[type[Rule]], kind: str, text: str) -> list[type[Rule]]:
    """The rules of `kind`'s files whose pre-tests `text` passes (`Pretext`: each asked once per file)."""
    pre = Pretext(text)
    return [r for r in rules if kind in r.kinds and passes_pretest(r, pre)]
