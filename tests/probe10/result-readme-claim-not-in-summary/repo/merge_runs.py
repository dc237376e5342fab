import glob
import json

rows = []
for path in sorted(glob.glob("results/runs/*.jsonl")):
    with open(path) as fh:
        rows.extend(json.loads(line) for line in fh)

by_model = {}
for r in rows:
    by_model.setdefault(r["model"], []).append(r["correct"])
summary = {m: {"accuracy": round(sum(v) / len(v), 3), "n": len(v)} for m, v in by_model.items()}
json.dump(summary, open("results/summary.json", "w"), indent=2)
print(json.dumps(summary, indent=2))
