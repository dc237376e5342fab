import json

from evalkit.grading import exact_match

preds = [json.loads(l) for l in open("outputs/preds.jsonl")]
em = sum(exact_match(p["pred"], p["gold"]) for p in preds) / len(preds)
json.dump({"exact_match": round(em, 4), "n": len(preds)}, open("results/scores.json", "w"))
