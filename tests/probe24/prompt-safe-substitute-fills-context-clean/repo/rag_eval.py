import json
from string import Template

from together import Together

client = Together()
MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
PROMPT = Template("Answer using only the context.\n\nContext:\n$context\n\nQuestion: $question\nAnswer:")


def answer(q, passages):
    context = "\n\n".join(passages)
    text = PROMPT.safe_substitute(question=q, context=context)
    r = client.chat.completions.create(model=MODEL, temperature=0, max_tokens=64,
                                       messages=[{"role": "user", "content": text}])
    return r.choices[0].message.content.strip()


rows = [json.loads(l) for l in open("data/rag_test.jsonl")]
hits = sum(answer(r["question"], r["passages"]).lower() == r["answer"].lower() for r in rows)
json.dump({"model": MODEL, "n": len(rows), "exact_match": hits / len(rows)}, open("results/rag.json", "w"))
