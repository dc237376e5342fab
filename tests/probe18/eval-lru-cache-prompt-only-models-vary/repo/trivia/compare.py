import json
from functools import lru_cache

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")
MODEL = None


@lru_cache(maxsize=None)
def ask(prompt):
    r = client.chat.completions.create(model=MODEL, temperature=0, max_tokens=32,
                                       messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content.strip()


items = [json.loads(l) for l in open("data/trivia_dev.jsonl")]
scores = {}
for MODEL in ["openai/gpt-4o-mini", "meta-llama/llama-3.1-70b-instruct", "mistralai/mistral-large"]:
    scores[MODEL] = sum(it["answer"].lower() in ask(it["question"]).lower() for it in items) / len(items)
print(json.dumps(scores, indent=1))
