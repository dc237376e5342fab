import json
import sys

from sklearn.metrics import balanced_accuracy_score
from sklearn.svm import SVC

from features import load_splits, normalise

splits = normalise(load_splits(sys.argv[1]))
best = None
for c in (0.1, 1.0, 10.0):
    clf = SVC(C=c, kernel="rbf").fit(splits.X_train, splits.y_train)
    val = balanced_accuracy_score(splits.y_val, clf.predict(splits.X_val))
    if best is None or val > best[0]:
        best = (val, c, clf)
val_score, c, clf = best
test_score = balanced_accuracy_score(splits.y_test, clf.predict(splits.X_test))
json.dump({"C": c, "val_bacc": val_score, "test_bacc": test_score}, open("results.json", "w"), indent=1)
