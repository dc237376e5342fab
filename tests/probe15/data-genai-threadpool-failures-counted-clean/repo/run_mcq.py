import json
from concurrent.futures import ThreadPoolExecutor

from mcq.client import MODEL, ask

items = [json.loads(l) for l in open("data/mmlu_subset.jsonl")]
with ThreadPoolExecutor(max_workers=16) as pool:
    outputs = list(pool.map(ask, items))

failed = sum(o is None for o in outputs)
acc = sum(o is not None and o["pred"] == o["gold"] for o in outputs) / len(outputs)
print(f"{MODEL}: accuracy {acc:.3f} ({failed} of {len(outputs)} calls failed, counted wrong)")
json.dump({"model": MODEL, "accuracy": acc, "n": len(outputs), "failed": failed}, open("results/mcq.json", "w"), indent=2)
