import numpy as np
import pandas as pd
from scipy.signal import welch
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

FS = 256
recs = pd.read_pickle("data/eeg_windows.pkl")   # columns: subject, session, window (array), stage


def band_power(win):
    f, pxx = welch(win, fs=FS, nperseg=FS * 2, axis=-1)
    bands = [(0.5, 4), (4, 8), (8, 12), (12, 16), (16, 30)]
    return np.concatenate([pxx[..., (f >= lo) & (f < hi)].mean(-1) for lo, hi in bands])


X = np.stack([band_power(w) for w in recs["window"]])
y = recs["stage"].values
print(recs.groupby("subject").size().describe())

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
search = GridSearchCV(
    make_pipeline(StandardScaler(), RandomForestClassifier(random_state=0, n_jobs=-1)),
    {"randomforestclassifier__n_estimators": [300, 600],
     "randomforestclassifier__max_depth": [None, 12, 24]},
    cv=StratifiedKFold(5, shuffle=True, random_state=0),
    scoring="balanced_accuracy",
)
search.fit(X_tr, y_tr)
print(search.best_params_, "test balanced acc:", search.score(X_te, y_te))
