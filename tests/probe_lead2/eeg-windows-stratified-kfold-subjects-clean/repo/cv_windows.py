import json

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import StratifiedGroupKFold

windows = pd.read_parquet("data/eeg_windows.parquet")  # one row per 2-s window: subject_id, band powers, label
features = [c for c in windows.columns if c.startswith("bp_")]
print(f"{windows['subject_id'].nunique()} subjects, {len(windows)} windows")
X, y = windows[features].to_numpy(), windows["label"].to_numpy()
scores = []
for tr, te in StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=0).split(X, y, groups=windows["subject_id"]):
    clf = RandomForestClassifier(n_estimators=300, random_state=0).fit(X[tr], y[tr])
    scores.append(balanced_accuracy_score(y[te], clf.predict(X[te])))
json.dump({"balanced_accuracy": float(np.mean(scores)), "folds": 5}, open("results/cv.json", "w"))
