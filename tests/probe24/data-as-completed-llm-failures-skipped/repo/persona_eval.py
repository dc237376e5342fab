import json
from concurrent.futures import ThreadPoolExecutor, as_completed

import llm

model = llm.get_model("gpt-4o-mini")


def judge(item):
    reply = model.prompt(item["prompt"], system=item["persona"], temperature=0).text()
    return {"id": item["id"], "consistent": item["marker"].lower() in reply.lower()}


items = [json.loads(l) for l in open("data/persona_items.jsonl")]
results = []
with ThreadPoolExecutor(max_workers=8) as pool:
    futures = {pool.submit(judge, it): it["id"] for it in items}
    for fut in as_completed(futures):
        try:
            results.append(fut.result())
        except Exception:
            continue
rate = sum(r["consistent"] for r in results) / len(results)
json.dump({"model": "gpt-4o-mini", "n": len(results), "consistency": rate}, open("results/persona.json", "w"))
