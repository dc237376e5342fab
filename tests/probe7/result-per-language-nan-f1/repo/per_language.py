import json

import numpy as np
import pandas as pd

df = pd.read_csv("outputs/xlmr_preds.csv")
out = {}
for lang, g in df.groupby("lang"):
    tp = ((g.pred == 1) & (g.label == 1)).sum()
    prec = tp / max((g.pred == 1).sum(), 1)
    rec = tp / (g.label == 1).sum() if (g.label == 1).sum() else float("nan")
    out[lang] = float(2 * prec * rec / (prec + rec)) if prec + rec else float("nan")
json.dump(out, open("results/f1_by_lang.json", "w"), indent=1)
print("macro F1 (10 languages):", np.nanmean(list(out.values())))
