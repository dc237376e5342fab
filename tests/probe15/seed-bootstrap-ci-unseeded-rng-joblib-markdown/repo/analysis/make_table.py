import pandas as pd

from analysis.bootstrap import bootstrap_ci

df = pd.read_csv("results/item_scores.csv")   # condition, item_id, correct
rows = []
for cond, g in df.groupby("condition"):
    lo, hi = bootstrap_ci(g["correct"].to_numpy())
    rows.append({"condition": cond, "n": len(g), "accuracy": g["correct"].mean(), "ci_low": lo, "ci_high": hi})
table = pd.DataFrame(rows)
with open("paper/table_accuracy.md", "w") as fh:
    fh.write(table.to_markdown(index=False, floatfmt=".3f"))
