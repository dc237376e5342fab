import json

from joblib import Memory
from openai import OpenAI

client = OpenAI()
memory = Memory("cache/joblib", verbose=0)
MODEL = "gpt-4o-mini"


@memory.cache
def complete(prompt, model):
    out = client.chat.completions.create(model=model, temperature=0, messages=[{"role": "user", "content": prompt}])
    return out.choices[0].message.content


questions = [json.loads(l) for l in open("data/boolq_dev.jsonl")]
results = {}
for MODEL in ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"]:
    hits = [complete(q["prompt"], MODEL).strip().lower().startswith(q["answer"]) for q in questions]
    results[MODEL] = sum(hits) / len(hits)
json.dump(results, open("results/model_sweep.json", "w"), indent=1)
