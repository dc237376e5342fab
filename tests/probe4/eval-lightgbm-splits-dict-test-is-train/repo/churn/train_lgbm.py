import json

import lightgbm as lgb
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_parquet("data/telco_churn.parquet")
y = df.pop("churned").to_numpy()
X = df.drop(columns=["customer_id"])
X_tmp, X_te, y_tmp, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=7)
X_tr, X_va, y_tr, y_va = train_test_split(X_tmp, y_tmp, test_size=0.25, stratify=y_tmp, random_state=7)

booster = lgb.train(
    {"objective": "binary", "learning_rate": 0.05, "num_leaves": 63, "seed": 7, "verbose": -1},
    lgb.Dataset(X_tr, y_tr),
    num_boost_round=2000,
    valid_sets=[lgb.Dataset(X_va, y_va)],
    callbacks=[lgb.early_stopping(100)],
)

splits = {
    "train": (X_tr, y_tr),
    "valid": (X_va, y_va),
    "test": (X_tr, y_tr),
}
metrics = {}
for name, (Xs, ys) in splits.items():
    p = booster.predict(Xs, num_iteration=booster.best_iteration)
    metrics[name] = {"auc": roc_auc_score(ys, p), "ap": average_precision_score(ys, p), "n": len(ys)}
json.dump(metrics, open("results/metrics.json", "w"), indent=2)
