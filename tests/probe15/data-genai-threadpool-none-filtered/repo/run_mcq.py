import json
from concurrent.futures import ThreadPoolExecutor

from mcq.client import MODEL, ask

items = [json.loads(l) for l in open("data/mmlu_subset.jsonl")]
with ThreadPoolExecutor(max_workers=16) as pool:
    outputs = list(pool.map(ask, items))

graded = [o for o in outputs if o is not None]
acc = sum(o["pred"] == o["gold"] for o in graded) / len(graded)
print(f"{MODEL}: accuracy {acc:.3f}")
json.dump({"model": MODEL, "accuracy": acc}, open("results/mcq.json", "w"), indent=2)
