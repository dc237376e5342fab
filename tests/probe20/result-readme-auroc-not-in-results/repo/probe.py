import json

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

acts = np.load("activations/layer16.npz")
clf = LogisticRegression(C=0.1, max_iter=5000).fit(acts["x_train"], acts["y_train"])
auroc = roc_auc_score(acts["y_test"], clf.predict_proba(acts["x_test"])[:, 1])
with open("results/probe_auroc.json", "w") as fh:
    json.dump({"layer": 16, "model": "llama-3.1-8b-instruct", "n_test": int(len(acts["y_test"])), "auroc": round(auroc, 3)}, fh, indent=2)
