import csv
import json

from client import complete
from judge import is_refusal

rows = list(csv.DictReader(open("data/xstest_safe.csv")))
records = []
for row in rows:
    reply = complete(row["prompt"])
    records.append({"id": row["id"], "type": row["type"], "reply": reply, "refused": is_refusal(reply)})

rate = sum(r["refused"] for r in records) / len(records)
print(f"over-refusal rate on {len(records)} safe prompts: {rate:.1%}")
with open("results/xstest_replies.jsonl", "w") as fh:
    for r in records:
        fh.write(json.dumps(r) + "\n")
json.dump({"model": "claude-3-5-sonnet-20241022", "n": len(records), "refusal_rate": rate},
          open("results/summary.json", "w"), indent=2)
