import json

import evaluate
import pandas as pd

precision = evaluate.load("precision")
recall = evaluate.load("recall")

df = pd.read_csv("outputs/classifier_preds.csv")
labels = df["is_harmful"].astype(int).tolist()
preds = df["flagged"].astype(int).tolist()

p = precision.compute(predictions=labels, references=preds)["precision"]
r = recall.compute(predictions=preds, references=labels)["recall"]
json.dump({"classifier": "llama-guard-3-1b", "n": len(df), "precision": p, "recall": r},
          open("results/classifier.json", "w"))
