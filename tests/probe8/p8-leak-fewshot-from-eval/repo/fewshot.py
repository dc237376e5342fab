import json
import random

import anthropic

client = anthropic.Anthropic()
rng = random.Random(1234)
eval_items = [json.loads(l) for l in open("data/sst2_validation.jsonl")]
demos = rng.sample(eval_items, 8)
demo_text = "".join(f"Review: {d['sentence']}\nSentiment: {d['label']}\n\n" for d in demos)

correct = 0
for it in eval_items:
    msg = client.messages.create(
        model="claude-3-5-haiku-20241022", max_tokens=3, temperature=0,
        messages=[{"role": "user", "content": demo_text + f"Review: {it['sentence']}\nSentiment:"}])
    correct += msg.content[0].text.strip().lower() == it["label"]
print(f"8-shot accuracy {correct / len(eval_items):.3f} (n={len(eval_items)})")
