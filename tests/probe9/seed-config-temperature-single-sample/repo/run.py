import json
import statistics

import yaml
from openai import OpenAI

cfg = yaml.safe_load(open("config.yaml"))
client = OpenAI()
SYSTEM = {"plain": "Answer the question.",
          "hedge_instruction": "Answer the question. If you are unsure, say so explicitly."}
questions = [json.loads(l) for l in open("data/unanswerable.jsonl")]

summary = {}
for cond in cfg["conditions"]:
    rates = []
    for q in questions:
        replies = [client.chat.completions.create(
            model=cfg["model"], temperature=cfg["temperature"], seed=cfg.get("seed"),
            messages=[{"role": "system", "content": SYSTEM[cond]}, {"role": "user", "content": q["question"]}],
        ).choices[0].message.content for _ in range(cfg["samples_per_item"])]
        rates.append(statistics.mean("not sure" in r.lower() or "don't know" in r.lower() for r in replies))
    summary[cond] = {"hedge_rate": statistics.mean(rates), "n_items": len(questions),
                     "samples_per_item": cfg["samples_per_item"], "temperature": cfg["temperature"]}
json.dump(summary, open("results/hedging.json", "w"), indent=1)
