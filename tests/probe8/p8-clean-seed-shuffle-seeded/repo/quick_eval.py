import json
import random

from openai import OpenAI

SEED = 0
client = OpenAI()
questions = [json.loads(l) for l in open("data/triviaqa_dev.jsonl")]
subset = random.Random(SEED).sample(questions, 100)

hits = 0
for q in subset:
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                       messages=[{"role": "user", "content": q["question"]}])
    hits += any(a.lower() in r.choices[0].message.content.lower() for a in q["aliases"])
print(f"accuracy on 100 questions (seed {SEED}): {hits / len(subset):.2f}")
json.dump({"model": "gpt-4o-mini", "seed": SEED, "n": len(subset), "accuracy": hits / len(subset),
           "ids": [q["id"] for q in subset]}, open("results/quick_eval.json", "w"))
