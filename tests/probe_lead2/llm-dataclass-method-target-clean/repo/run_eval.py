import json

from anthropic import Anthropic

from items import MCItem

client = Anthropic()
items = [MCItem(**json.loads(line)) for line in open("data/mc_test.jsonl")]
correct = 0
for it in items:
    msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=5,
                                 messages=[{"role": "user", "content": it.render()}])
    correct += msg.content[0].text.strip().upper().startswith(it.target)
json.dump({"accuracy": correct / len(items), "n": len(items)}, open("results/mc.json", "w"))
