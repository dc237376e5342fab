import json

from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import GroupShuffleSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from emo.features import build_table

X, y, spk = build_table("data/manifest.csv")
gss = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=0)
tr, te = next(gss.split(X, y, groups=spk))
clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
clf.fit(X[tr], y[tr])
bacc = balanced_accuracy_score(y[te], clf.predict(X[te]))
print("balanced accuracy", bacc)
json.dump({"balanced_accuracy": bacc, "n_train": len(tr), "n_test": len(te), "seed": 0},
          open("results/emotion.json", "w"))
