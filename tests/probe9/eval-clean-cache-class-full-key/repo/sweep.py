import json
import itertools

from llmcache import CachedChat

chat = CachedChat()
questions = [json.loads(l) for l in open("data/strategyqa_dev.jsonl")]
rows = []
SYSTEMS = {"plain": "Answer yes or no.", "reason": "Think about the facts involved, then answer yes or no."}
for model, (style, system) in itertools.product(["gpt-4o-mini", "gpt-4o"], SYSTEMS.items()):
    for q in questions:
        reply = chat(q["question"], model=model, system=system)
        rows.append({"model": model, "system": style, "id": q["id"],
                     "correct": reply.strip().lower().startswith("yes") == q["answer"]})
json.dump(rows, open("results/sweep.json", "w"))
