from datasets import load_dataset
from openai import OpenAI

client = OpenAI()
ds = load_dataset("json", data_files="data/qa_with_passages.jsonl")["train"]


def ask(q, passage=None):
    content = (f"Passage: {passage}\n\n" if passage else "") + f"Question: {q}\nShort answer:"
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=16,
                                       messages=[{"role": "user", "content": content}])
    return r.choices[0].message.content.strip().lower()


def accuracy(rows, use_passage):
    hits = [ask(r["question"], r["passage"] if use_passage else None) in r["aliases"] for r in rows]
    return sum(hits) / len(hits)


closed = accuracy(ds, use_passage=False)
with_ctx = ds.filter(lambda r: r["passage"] is not None and len(r["passage"]) > 0)
rag = accuracy(with_ctx, use_passage=True)
print(f"closed-book {closed:.3f} | retrieval {rag:.3f} | gain {rag - closed:+.3f}")
