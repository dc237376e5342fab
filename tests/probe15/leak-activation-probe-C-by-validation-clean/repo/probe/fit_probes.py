import json

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

acts = np.load("cache/acts_train.npy")        # (n, layers, d)
acts_test = np.load("cache/acts_test.npy")
y = np.load("cache/labels_train.npy")
y_test = np.load("cache/labels_test.npy")

results = {}
for layer in range(acts.shape[1]):
    a_tr, a_va, y_tr, y_va = train_test_split(acts[:, layer], y, test_size=0.2, random_state=0)
    best_acc, best_C = 0.0, None
    for C in [0.001, 0.01, 0.1, 1.0, 10.0]:
        probe = LogisticRegression(C=C, max_iter=5000).fit(a_tr, y_tr)
        acc = probe.score(a_va, y_va)
        if acc > best_acc:
            best_acc, best_C = acc, C
    final = LogisticRegression(C=best_C, max_iter=5000).fit(acts[:, layer], y)
    results[layer] = {"C": best_C, "val_acc": best_acc, "test_acc": final.score(acts_test[:, layer], y_test)}

json.dump(results, open("results/probe_by_layer.json", "w"), indent=1)
