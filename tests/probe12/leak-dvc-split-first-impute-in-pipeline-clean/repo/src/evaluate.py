import json
import pickle

import pandas as pd
from sklearn.metrics import roc_auc_score

clf = pickle.load(open("models/model.pkl", "rb"))
df = pd.read_csv("data/test.csv")
X, y = df.drop(columns=["patient_id", "outcome"]), df["outcome"]
auc = roc_auc_score(y, clf.predict_proba(X)[:, 1])
json.dump({"auc": auc, "n_test": len(df)}, open("metrics.json", "w"), indent=2)
