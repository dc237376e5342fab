import json
import re

import ollama

MODELS = ["qwen2.5:7b", "llama3.1:8b", "mistral:7b"]
OPTIONS = {"temperature": 0, "num_predict": 256, "seed": 0}


def last_number(text):
    nums = re.findall(r"-?\d+(?:\.\d+)?", text.replace(",", ""))
    return nums[-1] if nums else None


items = [json.loads(l) for l in open("data/svamp.jsonl")]
summary = {}
for model in MODELS:
    hits = truncated = 0
    for it in items:
        out = ollama.chat(model=model, options=OPTIONS,
                          messages=[{"role": "user", "content": it["question"] + "\nThink step by step."}])
        truncated += out["done_reason"] == "length"
        hits += last_number(out["message"]["content"]) == str(it["answer"])
    summary[model] = {"accuracy": hits / len(items), "truncated": truncated}
    print(model, summary[model])
json.dump({"options": OPTIONS, "n": len(items), "accuracy": summary}, open("results/cot.json", "w"), indent=2)
