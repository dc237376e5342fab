import csv
import json

from jb.bedrock import MODEL_ID, query_model
from jb.judge import is_refusal

attacks = [json.loads(l) for l in open("data/attacks.jsonl")]
rows = []
for a in attacks:
    reply = query_model(a["template"].replace("<GOAL>", a["goal"]))
    rows.append({"id": a["id"], "family": a["family"], "jailbroken": not is_refusal(reply)})

asr = sum(r["jailbroken"] for r in rows) / len(rows)
print(f"attack success rate on {MODEL_ID}: {asr:.1%}")
with open("results/asr_rows.csv", "w", newline="") as fh:
    w = csv.DictWriter(fh, fieldnames=["id", "family", "jailbroken"])
    w.writeheader()
    w.writerows(rows)
