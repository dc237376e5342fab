import numpy as np
import pandas as pd
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

df = pd.read_csv("data/parkinsons.csv")
X, y = df.drop(columns=["name", "status"]), df["status"]
pipe = Pipeline([("scale", StandardScaler()), ("svc", SVC())])
inner = GridSearchCV(pipe, {"svc__C": [0.1, 1, 10, 100], "svc__gamma": ["scale", 0.01, 0.1]},
                     cv=StratifiedKFold(5, shuffle=True, random_state=0), scoring="balanced_accuracy")
outer = cross_val_score(inner, X, y, cv=StratifiedKFold(5, shuffle=True, random_state=1), scoring="balanced_accuracy")
rows = [{"fold": i, "balanced_accuracy": s} for i, s in enumerate(outer)] + [{"fold": "mean", "balanced_accuracy": outer.mean()}]
pd.DataFrame(rows).to_csv("results/nested_cv.csv", index=False)
