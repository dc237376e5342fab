import json

import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/radiomics_features.csv")  # one row per scan; patient_id repeats across follow-ups
print(f"{df['patient_id'].nunique()} patients, {len(df)} scans")
X = df.drop(columns=["patient_id", "scan_date", "malignant"])
y = df["malignant"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
clf = HistGradientBoostingClassifier(random_state=0).fit(X_tr, y_tr)
json.dump({"test_auc": roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])}, open("results/radiomics.json", "w"))
