import json
import re

import anthropic
from datasets import load_dataset

MODEL = "claude-3-haiku-20240307"
client = anthropic.Anthropic()
ds = load_dataset("openai/gsm8k", "main", split="test")


def last_number(text):
    nums = re.findall(r"-?\d+(?:\.\d+)?", text.replace(",", ""))
    return nums[-1] if nums else None


records = []
for ex in ds:
    msgs = [{"role": "user", "content": ex["question"] + "\nThink step by step, then give the answer."}]
    resp = client.messages.create(model=MODEL, max_tokens=256, temperature=0, messages=msgs)
    text = resp.content[0].text
    gold = ex["answer"].split("####")[-1].strip()
    records.append({"pred": last_number(text), "gold": gold, "text": text})

acc = sum(r["pred"] == r["gold"] for r in records) / len(records)
json.dump({"model": MODEL, "accuracy": acc, "n": len(records)}, open("results/gsm8k.json", "w"))
