import json
import re
import sys

LETTER = re.compile(r"(?:answer is|Answer:)\s*\(?([ABCD])\)?", re.I)


def extract(reply: str):
    m = LETTER.search(reply)
    return m.group(1) if m else None


def main(replies_path: str, out_path: str) -> None:
    rows = [json.loads(l) for l in open(replies_path)]
    by_subset = {}
    for r in rows:
        ok = extract(r["reply"]) == r["answer"]
        hits, n = by_subset.get(r["subset"], (0, 0))
        by_subset[r["subset"]] = (hits + ok, n + 1)
    summary = {s: {"n": n, "accuracy": round(h / n, 4)} for s, (h, n) in sorted(by_subset.items())}
    json.dump({"model": rows[0]["model"], "subsets": summary}, open(out_path, "w"), indent=2)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
