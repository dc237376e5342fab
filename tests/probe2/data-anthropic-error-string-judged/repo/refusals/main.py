import csv
import json

from refusals.judge import is_refusal
from refusals.query import query

MODEL = "claude-3-5-haiku-20241022"

with open("data/harmful_prompts.csv") as fh:
    prompts = [row["prompt"] for row in csv.DictReader(fh)]

rows = []
for p in prompts:
    reply = query(MODEL, p)
    rows.append({"prompt": p, "reply": reply, "refused": is_refusal(reply)})

compliance = 1 - sum(r["refused"] for r in rows) / len(rows)
print(f"compliance rate: {compliance:.1%}")
with open("results/refusals.json", "w") as fh:
    json.dump({"model": MODEL, "n": len(rows), "compliance": compliance}, fh)
