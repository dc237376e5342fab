import json
import re

import anthropic

client = anthropic.Anthropic()
rows = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]
correct = 0
truncated = 0
for r in rows:
    msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=128, temperature=0,
                                 messages=[{"role": "user", "content": r["question"] + "\nThink step by step. End with 'Answer: <number>'."}])
    if msg.stop_reason == "max_tokens":
        truncated += 1
    m = re.search(r"Answer:\s*(-?[\d,]+)", msg.content[0].text)
    correct += bool(m) and m.group(1).replace(",", "") == r["answer"]
json.dump({"accuracy": correct / len(rows), "n": len(rows), "max_tokens": 128, "truncated": truncated}, open("results/gsm8k_claude.json", "w"))
