import itertools

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.svm import LinearSVC

from feats import FEATURE_SETS, load_split

MODELS = {"logreg": lambda: LogisticRegression(max_iter=3000), "svm": lambda: LinearSVC(C=0.5)}
rows = []
for (mname, make), fs in itertools.product(MODELS.items(), FEATURE_SETS):
    X_tr, X_te, y_tr, y_te = load_split(fs)
    pred = make().fit(X_tr, y_tr).predict(X_te)
    rows.append({"accuracy": accuracy_score(y_te, pred), "macro_f1": f1_score(y_te, pred, average="macro")})
pd.DataFrame(rows).to_csv("results/sweep.csv", index=False)
