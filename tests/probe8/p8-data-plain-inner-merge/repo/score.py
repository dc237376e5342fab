import pandas as pd

gold = pd.read_json("data/anli_r3_test.jsonl", lines=True)[["uid", "label"]]
pred = pd.read_json("outputs/predictions.jsonl", lines=True)[["uid", "pred"]]
merged = gold.merge(pred, on="uid", how="inner")
acc = (merged["label"] == merged["pred"]).mean()
print(f"accuracy: {acc:.4f}")
