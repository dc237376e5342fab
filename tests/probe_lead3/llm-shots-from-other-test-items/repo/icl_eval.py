import json
import random

from openai import OpenAI

client = OpenAI()
rng = random.Random(0)
test = [json.loads(l) for l in open("data/sst2_test.jsonl")]


def demo(ex):
    return f"Review: {ex['sentence']}\nSentiment: {ex['label_text']}\n\n"


hits = 0
for ex in test:
    shots = rng.sample([t for t in test if t is not ex], 3)
    prompt = "".join(demo(s) for s in shots) + f"Review: {ex['sentence']}\nSentiment:"
    out = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=2, temperature=0)
    hits += out.choices[0].text.strip().lower() == ex["label_text"]
json.dump({"sst2_3shot": hits / len(test)}, open("results/sst2.json", "w"))
