import pickle

import pandas as pd
import yaml
from sklearn.linear_model import LogisticRegression

p = yaml.safe_load(open("params.yaml"))["train"]
df = pd.read_csv("data/train.csv")
X, y = df.drop(columns=["patient_id", "outcome"]), df["outcome"]
clf = LogisticRegression(C=p["C"], max_iter=p["max_iter"]).fit(X, y)
pickle.dump(clf, open("models/model.pkl", "wb"))
