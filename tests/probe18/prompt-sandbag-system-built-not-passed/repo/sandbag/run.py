import json

from sandbag.conditions import Baseline, Sandbag

items = [json.loads(l) for l in open("data/wmdp_bio_sample.jsonl")]
for cond in (Baseline(), Sandbag()):
    acc = sum(cond.answer(it["prompt"]).upper().startswith(it["answer"]) for it in items) / len(items)
    print(type(cond).__name__, round(acc, 3), len(items))
