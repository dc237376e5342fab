import json
import pickle

import pandas as pd
from sklearn.metrics import f1_score, roc_auc_score

clf = pickle.load(open("models/model.pkl", "rb"))
df = pd.read_csv("data/test.csv")
X, y = df.drop(columns=["label"]), df["label"]
proba = clf.predict_proba(X)[:, 1]
json.dump({"auc": roc_auc_score(y, proba), "f1": f1_score(y, proba > 0.5), "n_test": len(df)},
          open("metrics.json", "w"), indent=2)
