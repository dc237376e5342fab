import json

import torch
from sklearn.metrics import *
from transformers import AutoModelForSequenceClassification, AutoTokenizer

CKPT = "checkpoints/deberta-tox"

tok = AutoTokenizer.from_pretrained(CKPT)
model = AutoModelForSequenceClassification.from_pretrained(CKPT).eval()

rows = [json.loads(l) for l in open("data/tox_test.jsonl")]
pred_list, grd_list = [], []
with torch.no_grad():
    for i in range(0, len(rows), 32):
        batch = rows[i:i + 32]
        enc = tok([r["text"] for r in batch], padding=True, truncation=True, return_tensors="pt")
        logits = model(**enc).logits
        pred_list.extend(logits.argmax(-1).tolist())
        grd_list.extend(r["label"] for r in batch)

report = {
    "precision_toxic": precision_score(pred_list, grd_list, pos_label=1),
    "recall_toxic": recall_score(grd_list, pred_list, pos_label=1),
    "n": len(grd_list),
}
print(report)
json.dump(report, open("results/tox_metrics.json", "w"), indent=2)
