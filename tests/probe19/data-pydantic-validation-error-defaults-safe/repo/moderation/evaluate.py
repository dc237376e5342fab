import csv

from sklearn.metrics import classification_report

from moderation.classify import classify

rows = list(csv.DictReader(open("data/moderation_gold.csv")))
y_true = [r["label"] for r in rows]
y_pred = [classify(r["text"]).label for r in rows]
print(classification_report(y_true, y_pred, digits=3))
