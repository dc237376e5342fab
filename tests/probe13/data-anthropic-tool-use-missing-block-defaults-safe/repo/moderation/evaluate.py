import json

from sklearn.metrics import precision_score, recall_score

from moderation.classify import classify

rows = [json.loads(l) for l in open("data/redteam_test.jsonl")]
y_true = [r["label"] == "unsafe" for r in rows]
y_pred = [classify(r["text"]) == "unsafe" for r in rows]
print("precision", precision_score(y_true, y_pred), "recall", recall_score(y_true, y_pred))
