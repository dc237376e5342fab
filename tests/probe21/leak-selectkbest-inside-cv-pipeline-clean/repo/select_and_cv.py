import json

import numpy as np
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.svm import SVC

expr = pd.read_parquet("data/expression.parquet")
labels = pd.read_csv("data/labels.csv", index_col="patient_id")["responder"]
X = np.log2(expr.loc[labels.index].to_numpy() + 1)
y = labels.to_numpy()

model = make_pipeline(SelectKBest(f_classif, k=50), SVC(kernel="linear", C=1.0))
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(model, X, y, cv=cv, scoring="roc_auc")
json.dump({"k": 50, "n": int(len(y)), "auroc_mean": float(scores.mean()), "auroc_sd": float(scores.std())},
          open("results/cv_auroc.json", "w"), indent=2)
