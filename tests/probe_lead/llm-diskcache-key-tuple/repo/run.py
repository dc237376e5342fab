import json
import diskcache
from openai import OpenAI

cache = diskcache.Cache("llm_cache")
client = OpenAI()


def complete(prompt, model, temperature=0.0):
    key = (prompt, temperature)
    if key in cache:
        return cache[key]
    out = client.chat.completions.create(model=model, temperature=temperature,
                                         messages=[{"role": "user", "content": prompt}]).choices[0].message.content
    cache[key] = out
    return out


for model in ("gpt-4o-mini", "gpt-4.1"):
    rows = [json.loads(l) for l in open("data/dev.jsonl")]
    print(model, sum(complete(r["prompt"], model) == r["gold"] for r in rows) / len(rows))
