import csv

from sklearn.metrics import classification_report

from moderation.classify import classify

rows = list(csv.DictReader(open("data/moderation_gold.csv")))
verdicts = [classify(r["text"]) for r in rows]
kept = [(r, v) for r, v in zip(rows, verdicts) if v is not None]
print(f"{len(rows) - len(kept)} of {len(rows)} replies failed validation and are excluded")
y_true = [r["label"] for r, _ in kept]
y_pred = [v.label for _, v in kept]
print(classification_report(y_true, y_pred, digits=3))
