import json

import numpy as np
from joblib import Parallel, delayed
from sklearn.datasets import fetch_openml
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

X, y = fetch_openml("Fashion-MNIST", version=1, return_X_y=True, as_frame=False)
X_tr, X_te, y_tr, y_te = train_test_split(X[:20000], y[:20000], test_size=0.25, random_state=0)
scaler = StandardScaler().fit(X_tr)
X_tr, X_te = scaler.transform(X_tr), scaler.transform(X_te)


def fit_and_score(C):
    clf = SVC(C=C, kernel="rbf", gamma="scale").fit(X_tr, y_tr)
    return C, clf.score(X_te, y_te)


grid = np.logspace(-2, 2, 9)
results = Parallel(n_jobs=-1)(delayed(fit_and_score)(C) for C in grid)
best_C, best_acc = max(results, key=lambda r: r[1])
print(f"best C={best_C:.3g} test acc={best_acc:.4f}")
json.dump({"best_C": best_C, "test_acc": best_acc, "grid": grid.tolist()}, open("results/svm.json", "w"))
