import json
import sys

import yaml
from openai import OpenAI

client = OpenAI()
model = sys.argv[1]
TASKS = ["stages", "self_recognition", "influence"]


def score_task(task):
    items = [json.loads(l) for l in open(f"data/{task}.jsonl")]
    right = 0
    for it in items:
        r = client.chat.completions.create(model=model, temperature=0, max_tokens=5,
                                           messages=[{"role": "user", "content": it["prompt"]}])
        right += r.choices[0].message.content.strip().upper().startswith(it["answer"])
    return right / len(items)


metrics = {task: round(score_task(task), 4) for task in TASKS}
with open("results/metrics.yaml", "w") as f:
    yaml.safe_dump({"accuracy": metrics}, f)
