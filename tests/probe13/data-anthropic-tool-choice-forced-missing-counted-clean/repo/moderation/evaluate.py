import json

from sklearn.metrics import precision_score, recall_score

from moderation.classify import classify

rows = [json.loads(l) for l in open("data/redteam_test.jsonl")]
y_true = [r["label"] == "unsafe" for r in rows]
labels = [classify(r["text"]) for r in rows]
missing = sum(l is None for l in labels)
print(f"{missing} of {len(rows)} replies had no label (scored as wrong)")
y_pred = [l == "unsafe" if l is not None else not t for l, t in zip(labels, y_true)]
print("precision", precision_score(y_true, y_pred), "recall", recall_score(y_true, y_pred))
