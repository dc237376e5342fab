"""Accuracy per model and benchmark from outputs/<benchmark>/<model>.jsonl."""
import json
import re
import sys
from pathlib import Path

GOLD = {p.stem: json.loads(p.read_text()) for p in Path("gold").glob("*.json")}


def letter(text):
    found = re.search(r"\(([ABCD])\)", text)
    return found.group(1) if found else None


for path in sorted(Path("outputs").glob("*/*.jsonl")):
    rows = [json.loads(line) for line in path.open()]
    gold = GOLD[path.parent.name]
    acc = sum(letter(r["response"]) == gold[r["qid"]] for r in rows) / len(rows)
    print(f"{path.parent.name:10s} {path.stem:16s} {acc:.3f}", file=sys.stdout)
