import json
import random

from openai import OpenAI

SHOT = "Q: {question}\nA: {answer}\n\n"
client = OpenAI()

train = [json.loads(l) for l in open("data/triviaqa_train.jsonl")]
test = [json.loads(l) for l in open("data/triviaqa_dev.jsonl")]
shots = random.Random(0).sample(train, 5)
prefix = "".join(SHOT.format(**s) for s in shots)

hits = 0
for item in test:
    prompt = prefix + SHOT.format(**item)
    out = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=16, temperature=0)
    pred = out.choices[0].text.strip().split("\n")[0]
    hits += pred.lower() in [a.lower() for a in item["aliases"]]
print(json.dumps({"model": "gpt-3.5-turbo-instruct", "em": hits / len(test), "n": len(test), "shots": 5}))
