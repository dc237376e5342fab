import json
import re

import anthropic

client = anthropic.Anthropic()
MODEL = "claude-3-5-sonnet-20241022"
FEWSHOT = open("prompts/fewshot_solutions.txt").read()


def solve(question):
    msg = client.messages.create(
        model=MODEL,
        max_tokens=256,
        system=[
            {"type": "text", "text": "Solve the problem. Think step by step, then end with 'ANSWER: <number>'."},
            {"type": "text", "text": FEWSHOT, "cache_control": {"type": "ephemeral"}},
        ],
        messages=[{"role": "user", "content": question}],
    )
    m = re.search(r"ANSWER:\s*(-?[\d,]+)", msg.content[0].text)
    return m.group(1).replace(",", "") if m else None


items = [json.loads(l) for l in open("data/gsm_test.jsonl")]
preds = [solve(it["question"]) for it in items]
acc = sum(p == it["answer"] for p, it in zip(preds, items)) / len(items)
json.dump({"model": MODEL, "n": len(items), "accuracy": acc}, open("results/gsm.json", "w"))
