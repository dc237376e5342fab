import json

from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

from credit.features import load_raw, make_preprocessor

X, y = load_raw("data/credit.csv")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=1)
model = Pipeline([("prep", make_preprocessor()), ("clf", LogisticRegression(max_iter=1000))])
model.fit(X_train, y_train)
auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
print("test AUC", auc)
json.dump({"auc": auc, "seed": 1, "n_test": len(y_test)}, open("results/credit.json", "w"))
