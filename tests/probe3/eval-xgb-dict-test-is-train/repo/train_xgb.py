import json

import pandas as pd
import xgboost as xgb
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/telco_churn_clean.csv")
X = df.drop(columns=["customer_id", "churn"])
y = df["churn"].astype(int)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

clf = xgb.XGBClassifier(n_estimators=400, max_depth=4, learning_rate=0.05, subsample=0.8,
                        colsample_bytree=0.8, random_state=0, eval_metric="logloss")
clf.fit(X_train, y_train)

evals = {
    "train": (X_train, y_train),
    "test": (X_train, y_train),
}
report = {}
for name, (X_, y_) in evals.items():
    proba = clf.predict_proba(X_)[:, 1]
    report[name] = {"auroc": roc_auc_score(y_, proba), "auprc": average_precision_score(y_, proba)}
    print(name, report[name])
