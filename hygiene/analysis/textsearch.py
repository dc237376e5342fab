"""A case-insensitive search over a whole file's text, as plain searches over its lowercase copy.

Several rules decide from the file's text whether their shape can be there at all (`(?i)lookback|...`
before walking every function). Python's `re` with IGNORECASE tries every alternative at every
character; the same pattern without the flag over the text lowered once is several times faster
(0.7 s of a 22 s file phase on transformers for three such patterns, issue 12).

Same answer: a pattern of ASCII characters with no uppercase letter (so no `\\S`, `\\W`, `\\B`...)
matches a text under IGNORECASE exactly where it matches the text's `lower()`, except for four
characters that `re` folds onto an ASCII letter: KELVIN SIGN (which `lower()` folds the same),
and U+0130, U+0131, U+017F, which it does not (U+0130 also lowers to two characters). A text
holding one of those three, or a pattern not of that kind, is searched with the pattern itself.
"""
from __future__ import annotations

import re
from typing import Any

_UNSAFE = ("\u0130", "\u0131", "\u017f")
_plain: dict[re.Pattern[str], re.Pattern[str] | None] = {}


def _without_case(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    if pattern in _plain:
        return _plain[pattern]
    plain = None
    source = pattern.pattern
    if pattern.flags & re.IGNORECASE and isinstance(source, str):
        inline = source.startswith("(?i)")
        rest = source[4:] if inline else source
        if rest.isascii() and rest == rest.lower() and "(?" not in rest.replace("(?:", ""):
            plain = re.compile(rest, pattern.flags & ~re.IGNORECASE)
    _plain[pattern] = plain
    return plain


def lowered(memo: dict[str, Any], text: str) -> str | None:
    """The text lowered, kept in a file's memo; None when lowering does not keep `re`'s folding."""
    low = memo.get("textsearch.lower", False)
    if low is False:
        low = None if any(c in text for c in _UNSAFE) else text.lower()
        memo["textsearch.lower"] = low
    return low


def found_in_text(ctx: Any, pattern: re.Pattern[str]) -> bool:
    """`bool(pattern.search(ctx.text))` for a case-insensitive `pattern`, faster."""
    plain = _without_case(pattern)
    if plain is not None:
        low = lowered(ctx.memo, ctx.text)
        if low is not None:
            return plain.search(low) is not None
    return pattern.search(ctx.text) is not None
