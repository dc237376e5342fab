import json

from sklearn.metrics import precision_recall_fscore_support


def load(path):
    return [json.loads(l) for l in open(path)]


rows = load("outputs/ner_spans.jsonl")
golds = [r["gold_type"] for r in rows]
preds = [r["pred_type"] for r in rows]
p, r, f, _ = precision_recall_fscore_support(golds, preds, average="macro", zero_division=0)
json.dump({"precision": p, "recall": r, "f1": f}, open("results/ner_macro.json", "w"))
