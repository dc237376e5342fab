import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from churn.features import build_features

raw = pd.read_parquet("data/customers.parquet")
data = build_features(raw)
X, y = data.drop(columns=["churned", "customer_id"]), data["churned"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=11)
clf = LGBMClassifier(n_estimators=400, learning_rate=0.05, random_state=11).fit(X_tr, y_tr)
print("test AUC", roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]))
