import itertools

import catboost as cb
import pandas as pd
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/loans.csv")
y = df.pop("default")
cat_cols = [c for c in df.columns if df[c].dtype == object]
X_tr, X_va, y_tr, y_va = train_test_split(df, y, test_size=0.25, stratify=y, random_state=3)

rows = []
for depth, lr, l2 in itertools.product([4, 6, 8], [0.03, 0.1], [1, 10]):
    m = cb.CatBoostClassifier(depth=depth, learning_rate=lr, l2_leaf_reg=l2, iterations=2000,
                              random_seed=3, od_type="Iter", od_wait=100, verbose=0,
                              cat_features=cat_cols)
    m.fit(X_tr, y_tr, eval_set=(X_va, y_va))
    p = m.predict_proba(X_va)[:, 1]
    rows.append({"auc": roc_auc_score(y_va, p), "logloss": log_loss(y_va, p),
                 "trees": m.get_best_iteration()})

pd.DataFrame(rows).to_csv("results/catboost_sweep.csv", index=False)
