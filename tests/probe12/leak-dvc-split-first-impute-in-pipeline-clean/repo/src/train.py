import pickle

import pandas as pd
import yaml
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

p = yaml.safe_load(open("params.yaml"))["train"]
df = pd.read_csv("data/train.csv")
X, y = df.drop(columns=["patient_id", "outcome"]), df["outcome"]
clf = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(),
                    LogisticRegression(C=p["C"], max_iter=p["max_iter"])).fit(X, y)
pickle.dump(clf, open("models/model.pkl", "wb"))
