import json

from rag.answer import answer

qs = [json.loads(l) for l in open("data/nq_dev_200.jsonl")]
em = sum(answer(q["question"]).strip().lower() in [a.lower() for a in q["answers"]] for q in qs) / len(qs)
print(f"exact match {em:.3f} on {len(qs)} questions")
