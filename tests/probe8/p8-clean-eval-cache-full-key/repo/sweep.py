import json

from openai import OpenAI

from cache import DiskCache

client = OpenAI()
cache = DiskCache()
MODELS = ["gpt-4o-mini", "gpt-4o"]


def complete(prompt, model, temperature=0.0):
    hit = cache.get(model, temperature, prompt)
    if hit is not None:
        return hit
    resp = client.chat.completions.create(model=model, temperature=temperature,
                                          messages=[{"role": "user", "content": prompt}])
    text = resp.choices[0].message.content
    cache.put(model, temperature, prompt, text)
    return text


tasks = [json.loads(l) for l in open("data/constraints.jsonl")]
for model in MODELS:
    ok = [all(w in complete(task["prompt"], model) for w in task["must_include"]) for task in tasks]
    print(f"{model} T=0: constraint satisfaction {sum(ok) / len(ok):.3f} (n={len(ok)})")
