import json

from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from credit.features import load_design_matrix

X, y = load_design_matrix("data/credit.csv")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=1)
clf = HistGradientBoostingClassifier(max_iter=300, random_state=1)
clf.fit(X_train.toarray() if hasattr(X_train, "toarray") else X_train, y_train)
auc = roc_auc_score(y_test, clf.predict_proba(X_test.toarray() if hasattr(X_test, "toarray") else X_test)[:, 1])
print("test AUC", auc)
json.dump({"auc": auc, "seed": 1, "n_test": len(y_test)}, open("results/credit.json", "w"))
