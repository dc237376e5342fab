import csv
import glob
import json
import os

rows = []
for path in sorted(glob.glob("runs/*.jsonl")):
    recs = [json.loads(l) for l in open(path)]
    rate = sum(r.get("refused", False) for r in recs) / len(recs)
    rows.append({"model": os.path.basename(path)[:-6], "n": len(recs), "refusal_rate": round(rate, 3)})
with open("results/refusal_rates.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["model", "n", "refusal_rate"])
    w.writeheader()
    w.writerows(rows)
