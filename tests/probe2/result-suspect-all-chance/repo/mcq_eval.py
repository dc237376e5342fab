import csv
import json
import re

import requests

URL = "http://localhost:8000/v1/completions"
MODELS = ["meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen2.5-7B-Instruct", "mistralai/Mistral-7B-Instruct-v0.3"]


def parse(text):
    m = re.search(r"\(([ABCD])\)", text)
    return m.group(1) if m else "A"


items = [json.loads(l) for l in open("data/mcq.jsonl")]
rows = []
for model in MODELS:
    correct = 0
    for it in items:
        prompt = it["question"] + "\n" + "\n".join(f"({k}) {v}" for k, v in zip("ABCD", it["options"])) + "\nAnswer:"
        r = requests.post(URL, json={"model": model, "prompt": prompt, "max_tokens": 8, "temperature": 0}).json()
        correct += parse(r["choices"][0]["text"]) == it["gold"]
    rows.append({"model": model, "n": len(items), "correct": correct, "accuracy": f"{correct / len(items):.4f}"})

with open("results/mcq_summary.csv", "w", newline="") as fh:
    w = csv.DictWriter(fh, fieldnames=["model", "n", "correct", "accuracy"])
    w.writeheader()
    w.writerows(rows)
