import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

df = pd.read_parquet("data/icu_stays.parquet")
X = df.drop(columns=["sepsis", "hospital_id", "stay_id"]).to_numpy()
y = df["sepsis"].to_numpy()
groups = df["hospital_id"].to_numpy()

aucs = []
for fold, (tr_idx, te_idx) in enumerate(GroupKFold(n_splits=6).split(X, y, groups)):
    clf = HistGradientBoostingClassifier(max_iter=400, learning_rate=0.05, random_state=0)
    clf.fit(X[tr_idx], y[tr_idx])
    aucs.append(roc_auc_score(y[tr_idx], clf.predict_proba(X[tr_idx])[:, 1]))
    print(f"fold {fold}: held-out hospitals {sorted(set(groups[te_idx]))} AUC {aucs[-1]:.3f}")
print(f"leave-site-out AUC {np.mean(aucs):.3f} +- {np.std(aucs):.3f}")
