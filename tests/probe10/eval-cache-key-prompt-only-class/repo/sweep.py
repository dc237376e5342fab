import itertools
import json

from llmcache import CachedClient

MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-3.5-turbo"]
TEMPS = [0.0, 1.0]
client = CachedClient()
problems = [json.loads(l) for l in open("data/logic_puzzles.jsonl")]

rows = []
for model, temp in itertools.product(MODELS, TEMPS):
    correct = 0
    for p in problems:
        ans = client.complete(p["prompt"], model=model, temperature=temp)
        correct += p["answer"].lower() in ans.lower()
    rows.append({"model": model, "temperature": temp, "acc": correct / len(problems)})
json.dump(rows, open("results/sweep.json", "w"), indent=1)
