import pandas as pd
from sklearn.metrics import f1_score

preds = pd.read_csv("outputs/preds.csv")   # lang, label, pred
rows = []
for lang, g in preds.groupby("lang"):
    f1 = f1_score(g.label, g.pred, zero_division=float("nan"))
    rows.append({"lang": lang, "n": len(g), "n_pos": int(g.label.sum()), "f1": f1})
pd.DataFrame(rows).to_csv("results/by_language.csv", index=False)
