import itertools
import json

from openai import OpenAI

from llmcache import ResponseCache

client = OpenAI()
cache = ResponseCache()
MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-4.1"]
TEMPS = [0.0, 0.7, 1.0]


def complete(model, temperature, messages):
    hit = cache.get(model, temperature, messages)
    if hit is not None:
        return hit
    out = client.chat.completions.create(model=model, temperature=temperature,
                                         messages=messages).choices[0].message.content
    cache.put(model, temperature, messages, out)
    return out


problems = [json.loads(l) for l in open("data/riddles.jsonl")]
rows = []
for model, t in itertools.product(MODELS, TEMPS):
    correct = 0
    for p in problems:
        ans = complete(model, t, [{"role": "user", "content": p["riddle"]}])
        correct += p["answer"].lower() in ans.lower()
    rows.append({"model": model, "temperature": t, "acc": correct / len(problems)})
    print(rows[-1])
json.dump(rows, open("results/sweep.json", "w"), indent=1)
