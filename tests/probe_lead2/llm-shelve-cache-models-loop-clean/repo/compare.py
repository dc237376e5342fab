import json
import shelve

from openai import OpenAI

client = OpenAI()
MODELS = ["gpt-4o-mini", "gpt-4o"]


def ask(db, model, prompt):
    key = f"{model}\x00{prompt}"
    if key in db:
        return db[key]
    out = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}], temperature=0)
    db[key] = out.choices[0].message.content
    return db[key]


questions = [json.loads(l) for l in open("data/arc_challenge.jsonl")]
acc = {}
with shelve.open("cache/replies") as db:
    for model in MODELS:
        hits = [ask(db, model, q["prompt"]).strip()[:1] == q["answer"] for q in questions]
        acc[model] = sum(hits) / len(hits)
json.dump(acc, open("results/compare.json", "w"))
