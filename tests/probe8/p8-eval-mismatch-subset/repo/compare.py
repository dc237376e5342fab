import json

from openai import OpenAI

client = OpenAI()
items = [json.loads(l) for l in open("data/qa.jsonl")]


def ask(prompt):
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                       messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content


def accuracy(items, style):
    hits = 0
    for it in items:
        suffix = "Answer directly." if style == "direct" else "Think step by step, then give the answer after 'Answer:'."
        out = ask(it["question"] + "\n" + suffix)
        hits += it["answer"].lower() in out.split("Answer:")[-1].lower()
    return hits / len(items)


direct = accuracy(items[:200], "direct")
cot = accuracy(items, "cot")
print(f"direct {direct:.3f}  cot {cot:.3f}  gain {cot - direct:+.3f}")
