import json
import os

import httpx

from rag.answer import answer
from rag.retrieve import top_k

headers = {"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"}
rows = [json.loads(l) for l in open("data/policy_qa.jsonl")]
with httpx.Client(headers=headers, timeout=60) as client:
    preds = [answer(client, "\n".join(top_k(r["question"], k=4)), r["question"]) for r in rows]
json.dump([{"id": r["id"], "pred": p} for r, p in zip(rows, preds)], open("outputs/preds.json", "w"), indent=1)
