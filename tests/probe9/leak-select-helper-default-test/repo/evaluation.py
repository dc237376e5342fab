import json

from openai import OpenAI

client = OpenAI()
SPLITS = {name: [json.loads(l) for l in open(f"data/boolq_{name}.jsonl")] for name in ("dev", "test")}


def evaluate(instruction, split="test", model="gpt-4o-mini"):
    items = SPLITS[split]
    hits = 0
    for it in items:
        reply = client.chat.completions.create(
            model=model, temperature=0,
            messages=[{"role": "system", "content": instruction},
                      {"role": "user", "content": it["passage"] + "\n\nQ: " + it["question"]}],
        ).choices[0].message.content
        hits += reply.strip().lower().startswith("yes") == it["answer"]
    return hits / len(items)
