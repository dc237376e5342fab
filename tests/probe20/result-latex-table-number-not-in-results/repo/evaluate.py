import json

from sklearn.metrics import f1_score

preds = {m: json.load(open(f"outputs/{m}_preds.json")) for m in ("keyword", "llama-guard-3", "ours-lora")}
gold = json.load(open("data/refusal_test_labels.json"))
scores = {m: round(100 * f1_score(gold, p), 1) for m, p in preds.items()}
with open("results/main.json", "w") as fh:
    json.dump({"n": len(gold), "f1": scores}, fh, indent=2)
