import json

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from loans.features import build_matrix

df = pd.read_csv("data/loans.csv")
X, y = build_matrix(df)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=1)
clf = LogisticRegression(max_iter=1000).fit(X_tr, y_tr)
auc = roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])
json.dump({"auc": auc, "n_test": len(y_te), "seed": 1}, open("results/logreg.json", "w"))
