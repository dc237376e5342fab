import json

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

df = pd.read_parquet("data/features.parquet").sort_values("ts")
cut = int(len(df) * 0.8)
train, test = df.iloc[:cut], df.iloc[cut:]
cols = ["spread", "mid", "imbalance", "volume"]
clf = LogisticRegression(max_iter=1000).fit(train[cols], train["filled"])
auc = roc_auc_score(test["filled"], clf.predict_proba(test[cols])[:, 1])
json.dump({"model": "logreg", "features": cols, "test_auc": auc}, open("results/fill_auc.json", "w"))
