import json

rows = [json.loads(l) for l in open("outputs/generations.jsonl")]
acc = sum(r["completion"].strip().upper().startswith(r["gold"]) for r in rows) / len(rows)
json.dump({"model": "gpt-4o-mini", "n": len(rows), "accuracy": acc}, open("results/score.json", "w"))
