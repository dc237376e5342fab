import pickle

import pandas as pd
import yaml
from sklearn.ensemble import GradientBoostingClassifier

p = yaml.safe_load(open("params.yaml"))["train"]
df = pd.read_csv("data/train.csv")
clf = GradientBoostingClassifier(n_estimators=p["n_estimators"], random_state=p["seed"])
clf.fit(df.drop(columns=["label"]), df["label"])
pickle.dump(clf, open("models/model.pkl", "wb"))
