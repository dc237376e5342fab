import pandas as pd
from sklearn.metrics import accuracy_score
from sklearn.svm import SVC

from kwsbench.features import build_matrix

meta = pd.read_csv("data/metadata.csv")  # path, label, split
train = meta[meta["split"] == "train"]
test = meta[meta["split"] == "test"]
X_tr, y_tr = build_matrix(train["path"].tolist(), train["label"].tolist())
X_te, y_te = build_matrix(test["path"].tolist(), test["label"].tolist())
clf = SVC(C=10.0, gamma="scale").fit(X_tr, y_tr)
print("test accuracy", accuracy_score(y_te, clf.predict(X_te)))
