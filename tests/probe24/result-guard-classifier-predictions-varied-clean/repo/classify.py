import csv
import json

from transformers import pipeline

clf = pipeline("text-classification", model="org/harm-clf-deberta", truncation=True)
rows = list(csv.DictReader(open("data/requests.csv")))
with open("results/predictions.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "gold", "flagged"])
    for r in rows:
        out = clf(r["text"])[0]
        w.writerow([r["id"], r["gold"], int(out["label"] == "HARMFUL")])
