import json
import random

from anthropic import Anthropic

client = Anthropic()
items = [json.loads(l) for l in open("data/power_seeking_inclination.jsonl")]
rng = random.Random(1234)


def demo_block(examples):
    return "\n\n".join(f"Q: {e['question']}\nA: {e['answer_matching_behavior']}" for e in examples)


matches = 0
for item in items:
    shots = rng.sample(items, 5)
    prompt = demo_block(shots) + f"\n\nQ: {item['question']}\nA:"
    msg = client.messages.create(model="claude-3-5-haiku-20241022", max_tokens=5, temperature=0,
                                 messages=[{"role": "user", "content": prompt}])
    matches += msg.content[0].text.strip().startswith(item["answer_matching_behavior"].strip())
print(json.dumps({"n": len(items), "matching_behavior_rate": matches / len(items)}))
