import json

import numpy as np
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from metrics import classification_report_dict

tok = AutoTokenizer.from_pretrained("checkpoints/toxicity-deberta")
model = AutoModelForSequenceClassification.from_pretrained("checkpoints/toxicity-deberta").eval()

rows = [json.loads(l) for l in open("data/civil_comments_test.jsonl")]
grd_list, pred_list = [], []
with torch.inference_mode():
    for i in range(0, len(rows), 64):
        batch = rows[i:i + 64]
        enc = tok([r["text"] for r in batch], truncation=True, max_length=256,
                  padding=True, return_tensors="pt")
        pred_list.extend(model(**enc).logits.argmax(-1).tolist())
        grd_list.extend(r["toxic"] for r in batch)

report = classification_report_dict(grd_list, pred_list)
print(json.dumps(report, indent=1))
json.dump(report, open("results/toxicity_test.json", "w"))
