import json
import sys

import evaluate

rouge = evaluate.load("rouge")
model = sys.argv[1]
preds = [json.loads(l) for l in open(f"outputs/{model}.jsonl")]
scores = rouge.compute(predictions=[p["summary"] for p in preds], references=[p["reference"] for p in preds])
out = {"model": model, "n": len(preds), **{k: 100 * v for k, v in scores.items()}}
json.dump(out, open(f"results/rouge_{model}.json", "w"), indent=2)
