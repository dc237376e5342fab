import json

import numpy as np
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.utils import shuffle

data = np.load("data/higgs_small.npz")
X, y = shuffle(data["X"], data["y"])
n = int(0.8 * len(y))
model = xgb.XGBClassifier(n_estimators=400, max_depth=6, random_state=0).fit(X[:n], y[:n])
auc = roc_auc_score(y[n:], model.predict_proba(X[n:])[:, 1])
json.dump({"test_auc": auc}, open("results/higgs.json", "w"))
