import re

LETTER = re.compile(r"\(?([A-D])\)?\s*(?:is|$)", re.M)


def extract_letter(reply, fallback):
    m = LETTER.search(reply or "")
    return m.group(1) if m else fallback
