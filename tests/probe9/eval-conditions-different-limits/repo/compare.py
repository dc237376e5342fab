import json
import re

from openai import OpenAI

client = OpenAI()
data = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]

CONDITIONS = {
    "direct": {"suffix": "\nGive only the final number.", "max_items": None},
    "cot": {"suffix": "\nThink step by step, then give the final number.", "max_items": 300},
}

acc = {}
for name, cond in CONDITIONS.items():
    items = data if cond["max_items"] is None else data[: cond["max_items"]]
    correct = 0
    for ex in items:
        reply = client.chat.completions.create(
            model="gpt-4o-mini", temperature=0, max_tokens=1024,
            messages=[{"role": "user", "content": ex["question"] + cond["suffix"]}],
        ).choices[0].message.content
        nums = re.findall(r"-?\d+", reply.replace(",", ""))
        correct += bool(nums) and nums[-1] == ex["answer"]
    acc[name] = correct / len(items)
json.dump(acc, open("results/acc.json", "w"))
