import json

from cache import complete

MODELS = ["gpt-4o", "gpt-4o-mini", "gpt-3.5-turbo"]
items = [json.loads(l) for l in open("data/arith.jsonl")]
scores = {}
for model in MODELS:
    correct = sum(complete(model, it["question"]).strip() == it["answer"] for it in items)
    scores[model] = correct / len(items)
json.dump(scores, open("results/arith.json", "w"), indent=2)
