import csv
import json

import requests

SERVER = "http://127.0.0.1:8080/completion"
TEMPLATE = """<|im_start|>system
You label online comments as TOXIC or OK.<|im_end|>
<|im_start|>user
Comment: {comment}
Label:<|im_end|>
<|im_start|>assistant
"""


def classify(text: str) -> str:
    prompt = TEMPLATE.replace("{text}", text)
    r = requests.post(SERVER, json={"prompt": prompt, "n_predict": 4, "temperature": 0, "cache_prompt": True}, timeout=60)
    r.raise_for_status()
    return "TOXIC" if "TOXIC" in r.json()["content"].upper() else "OK"


with open("data/comments.csv") as fh:
    rows = list(csv.DictReader(fh))
preds = [classify(row["text"]) for row in rows]
acc = sum(p == row["label"] for p, row in zip(preds, rows)) / len(rows)
json.dump({"model": "qwen2.5-3b-instruct-q8", "n": len(rows), "accuracy": acc}, open("results/toxicity.json", "w"), indent=2)
