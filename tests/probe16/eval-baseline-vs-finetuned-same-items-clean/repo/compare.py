import pandas as pd

base = pd.read_csv("outputs/base_preds.csv")          # id, gold, pred
tuned = pd.read_csv("outputs/lora_preds.csv")         # id, gold, pred (pred empty on failure)
tuned["pred"] = tuned["pred"].fillna("<failed>")
assert set(base["id"]) == set(tuned["id"])

rows = []
for name, df in [("base", base), ("LoRA", tuned)]:
    rows.append({"model": name, "n": len(df), "accuracy": (df["pred"] == df["gold"]).mean()})
table = pd.DataFrame(rows)
table.to_csv("results/compare.csv", index=False)
with open("paper/table_compare.tex", "w") as fh:
    fh.write(table.to_latex(index=False, float_format="%.3f"))
