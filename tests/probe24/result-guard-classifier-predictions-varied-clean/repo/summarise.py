import json

import pandas as pd
from sklearn.metrics import precision_score, recall_score

df = pd.read_csv("results/predictions.csv")
y = (df["gold"] == "harmful").astype(int)
json.dump({"classifier": "org/harm-clf-deberta", "n": len(df),
           "precision": precision_score(y, df["flagged"], zero_division=0),
           "recall": recall_score(y, df["flagged"])}, open("results/summary.json", "w"))
