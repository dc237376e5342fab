import json

import pandas as pd
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_parquet("data/churn.parquet")
y = df.pop("churned").to_numpy()
X = df.to_numpy()

X_tr, X_rest, y_tr, y_rest = train_test_split(X, y, test_size=0.3, random_state=7, stratify=y)
X_val, X_te, y_val, y_te = train_test_split(X_rest, y_rest, test_size=0.5, random_state=7, stratify=y_rest)

eval_sets = {
    "train": (X_tr, y_tr),
    "val": (X_val, y_val),
    "test": (X_te, y_te),
}

params = dict(n_estimators=600, max_depth=5, learning_rate=0.05, subsample=0.8,
              colsample_bytree=0.8, eval_metric="auc", early_stopping_rounds=50, random_state=7)
model = xgb.XGBClassifier(**params)
model.fit(X_tr, y_tr, eval_set=[eval_sets["val"]], verbose=False)

report = {}
for split, (Xs, ys) in eval_sets.items():
    report[split] = roc_auc_score(ys, model.predict_proba(Xs)[:, 1])
print(report)
json.dump({"params": params, "auc": report}, open("results/xgb_auc.json", "w"), indent=2)
