import json

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

windows = pd.read_parquet("data/eeg_windows.parquet")
subjects = windows["subject_id"].to_numpy()
X = windows.drop(columns=["subject_id", "stage"]).to_numpy()
y = windows["stage"].to_numpy()

pipe = Pipeline([("scale", StandardScaler()), ("clf", HistGradientBoostingClassifier(random_state=0))])
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
pred = cross_val_predict(pipe, X, y, cv=cv)
bacc = balanced_accuracy_score(y, pred)
json.dump({"model": "hgb", "cv": "5-fold", "n_subjects": int(np.unique(subjects).size), "balanced_accuracy": bacc},
          open("results/sleep_cv.json", "w"))
