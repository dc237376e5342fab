import json

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold

df = pd.read_csv("data/churn.csv")
X, y = df.drop(columns=["churn"]), df["churn"]
scores = []
for tr, va in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X, y):
    rf = RandomForestClassifier(n_estimators=300, random_state=0).fit(X.iloc[tr], y.iloc[tr])
    scores.append(rf.score(X.iloc[va], y.iloc[va]))
json.dump({"cv_acc": float(np.mean(scores))}, open("results/cv.json", "w"))
