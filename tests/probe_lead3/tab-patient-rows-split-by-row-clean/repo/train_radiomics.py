import json

import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupShuffleSplit

df = pd.read_csv("data/radiomics_features.csv")  # one row per scan; patient_id repeats across follow-ups
print(f"{df['patient_id'].nunique()} patients, {len(df)} scans")
X = df.drop(columns=["patient_id", "scan_date", "malignant"])
y = df["malignant"]
tr, te = next(GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=0).split(X, y, groups=df["patient_id"]))
X_tr, X_te, y_tr, y_te = X.iloc[tr], X.iloc[te], y.iloc[tr], y.iloc[te]
clf = HistGradientBoostingClassifier(random_state=0).fit(X_tr, y_tr)
json.dump({"test_auc": roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])}, open("results/radiomics.json", "w"))
