import re

_LETTER = re.compile(r"(?:answer is|Answer:)\s*\(?([A-D])\)?", re.I)


def extract_choice(example):
    m = _LETTER.search(example["generation"])
    example["pred"] = m.group(1).upper() if m else "A"
    return example
