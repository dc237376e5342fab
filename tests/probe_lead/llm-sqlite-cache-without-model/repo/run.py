import json
import sys
from cache import complete

for model in ["gpt-4o-mini", "gpt-4o"]:
    qs = [json.loads(l) for l in open("data/qa.jsonl")]
    acc = sum(complete(q["question"], model=model).strip() == q["answer"] for q in qs) / len(qs)
    print(model, acc)
