import csv
import json

from llmcache import complete

MODELS = ["claude-3-5-haiku-20241022", "claude-3-5-sonnet-20241022", "claude-3-opus-20240229"]
items = [json.loads(l) for l in open("data/arith_word_problems.jsonl")]
with open("results/sweep.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["model", "n", "accuracy"])
    for model in MODELS:
        ok = [complete(model, it["question"] + "\nAnswer with the number only.").strip() == str(it["answer"]) for it in items]
        w.writerow([model, len(ok), sum(ok) / len(ok)])
