import json
import pickle

import pandas as pd
import yaml
from sklearn.metrics import f1_score, roc_auc_score

p = yaml.safe_load(open("params.yaml"))["evaluate"]
clf = pickle.load(open("models/model.pkl", "rb"))
df = pd.read_csv("data/test.csv")
X, y = df.drop(columns=["label"]), df["label"]
proba = clf.predict_proba(X)[:, 1]
json.dump({"auc": roc_auc_score(y, proba), "f1": f1_score(y, proba > p["threshold"]), "n_test": len(df)},
          open("metrics.json", "w"), indent=2)
