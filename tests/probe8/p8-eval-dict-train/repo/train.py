import lightgbm as lgb
import pandas as pd
from sklearn.metrics import roc_auc_score

df = pd.read_parquet("data/churn.parquet").sort_values("snapshot_date")
features = [c for c in df.columns if c not in ("customer_id", "snapshot_date", "churned")]
n = len(df)
train, valid, test = df.iloc[: int(0.7 * n)], df.iloc[int(0.7 * n): int(0.85 * n)], df.iloc[int(0.85 * n):]
X_tr, y_tr = train[features], train["churned"]
X_va, y_va = valid[features], valid["churned"]
X_te, y_te = test[features], test["churned"]

model = lgb.LGBMClassifier(n_estimators=2000, learning_rate=0.03, random_state=7)
model.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], callbacks=[lgb.early_stopping(100)])

eval_sets = {
    "train": (X_tr, y_tr),
    "valid": (X_va, y_va),
    "test": (X_tr, y_tr),
}
for name, (X, y) in eval_sets.items():
    auc = roc_auc_score(y, model.predict_proba(X)[:, 1])
    print(f"{name:>5} AUC {auc:.4f} (n={len(y)})")
