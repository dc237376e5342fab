"""Grade free-form answers to arithmetic word problems."""
import re
from dataclasses import dataclass

FINAL = re.compile(r"[Ff]inal answer:\s*\$?(-?[\d,]+(?:\.\d+)?)")


@dataclass
class Graded:
    item_id: str
    extracted: str | None
    correct: bool


def grade(item_id: str, reply: str, gold: str) -> Graded:
    found = FINAL.search(reply)
    value = found.group(1).replace(",", "") if found else None
    return Graded(item_id, value, value is not None and float(value) == float(gold))
