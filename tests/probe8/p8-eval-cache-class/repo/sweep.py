import json

from openai import OpenAI

from cache import DiskCache

client = OpenAI()
cache = DiskCache()
MODELS = ["gpt-4o-mini", "gpt-4o"]
TEMPERATURES = [0.0, 0.7, 1.0]


def complete(prompt, model, temperature):
    hit = cache.get(prompt)
    if hit is not None:
        return hit
    resp = client.chat.completions.create(model=model, temperature=temperature, seed=0,
                                          messages=[{"role": "user", "content": prompt}])
    text = resp.choices[0].message.content
    cache.put(prompt, text)
    return text


tasks = [json.loads(l) for l in open("data/constraints.jsonl")]
for model in MODELS:
    for t in TEMPERATURES:
        ok = [all(w in complete(task["prompt"], model, t) for w in task["must_include"]) for task in tasks]
        print(f"{model} T={t}: constraint satisfaction {sum(ok) / len(ok):.3f} (n={len(ok)})")
