import json

from openai import OpenAI

client = OpenAI(base_url="https://generativelanguage.googleapis.com/v1beta/openai/", api_key=open(".key").read().strip())
MODEL = "gemini-1.5-flash"
TEMPLATE = """Use the reference material to answer the question in a few words.

Reference material:
{reference}

Question: {question}
Answer:"""


def ask(row):
    prompt = TEMPLATE.format(reference=row["answer"], question=row["question"])
    r = client.chat.completions.create(model=MODEL, temperature=0, messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content.strip()


rows = [json.loads(l) for l in open("data/rc_test.jsonl")]
em = sum(ask(r).lower() == r["answer"].lower() for r in rows) / len(rows)
json.dump({"model": MODEL, "n": len(rows), "exact_match": em}, open("results/rc.json", "w"))
