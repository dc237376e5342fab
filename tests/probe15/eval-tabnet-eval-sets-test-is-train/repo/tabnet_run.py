import json

import numpy as np
import pandas as pd
from pytorch_tabnet.tab_model import TabNetClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/credit.csv")
X, y = df.drop(columns=["default"]).to_numpy(np.float32), df["default"].to_numpy()
X_tmp, X_te, y_tmp, y_te = train_test_split(X, y, test_size=0.2, random_state=0, stratify=y)
X_tr, X_va, y_tr, y_va = train_test_split(X_tmp, y_tmp, test_size=0.2, random_state=0, stratify=y_tmp)

splits = {
    "train": (X_tr, y_tr),
    "valid": (X_va, y_va),
    "test": (X_tr, y_tr),
}

clf = TabNetClassifier(seed=0, n_d=16, n_a=16)
clf.fit(*splits["train"], eval_set=[splits["valid"]], eval_metric=["auc"], max_epochs=200, patience=20)

scores = {}
for name in ["valid", "test"]:
    Xs, ys = splits[name]
    scores[name] = roc_auc_score(ys, clf.predict_proba(Xs)[:, 1])
print(scores)
json.dump(scores, open("results/tabnet_auc.json", "w"))
