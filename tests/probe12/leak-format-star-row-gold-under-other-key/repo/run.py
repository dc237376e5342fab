import json

from anthropic import Anthropic

from prompts import TEMPLATE

client = Anthropic()

rows = [json.loads(l) for l in open("data/reviews_test.jsonl")]
correct = 0
for row in rows:
    prompt = TEMPLATE.format(**row)
    msg = client.messages.create(model="claude-3-5-haiku-20241022", max_tokens=3, temperature=0,
                                 messages=[{"role": "user", "content": prompt}])
    correct += msg.content[0].text.strip().lower() == row["label_name"]
print(f"accuracy {correct / len(rows):.3f}")
