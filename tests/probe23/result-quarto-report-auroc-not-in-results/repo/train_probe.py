import json

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

acts = np.load("artifacts/acts_layer20.npz")
clf = LogisticRegression(max_iter=2000, C=0.1).fit(acts["X_train"], acts["y_train"])
auroc = roc_auc_score(acts["y_test"], clf.predict_proba(acts["X_test"])[:, 1])
json.dump({"model": "llama-3.1-8b-instruct", "layer": 20, "n_test": int(len(acts["y_test"])), "auroc": round(auroc, 2)},
          open("results/probe_auroc.json", "w"), indent=2)
