import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupShuffleSplit

vitals = pd.read_csv("data/hourly_vitals.csv")  # one row per patient_id and hour
features = ["hr", "sbp", "dbp", "resp", "temp", "spo2", "lactate", "wbc", "hours_since_admit"]
X, y, groups = vitals[features], vitals["sepsis_next_6h"], vitals["patient_id"]

splitter = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=0)
train_idx, test_idx = next(splitter.split(X, y, groups=groups))
rf = RandomForestClassifier(n_estimators=300, n_jobs=-1, random_state=0)
rf.fit(X.iloc[train_idx], y.iloc[train_idx])
print(f"AUROC {roc_auc_score(y.iloc[test_idx], rf.predict_proba(X.iloc[test_idx])[:, 1]):.4f}")
