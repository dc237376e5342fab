import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from churn.features import encode

raw = pd.read_parquet("data/customers.parquet")
train, test = train_test_split(raw, test_size=0.2, stratify=raw["churned"], random_state=11)
train, test = encode(train, test)
X_tr, y_tr = train.drop(columns=["churned", "customer_id"]), train["churned"]
X_te, y_te = test.drop(columns=["churned", "customer_id"]), test["churned"]
clf = LGBMClassifier(n_estimators=400, learning_rate=0.05, random_state=11).fit(X_tr, y_tr)
print("test AUC", roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]))
