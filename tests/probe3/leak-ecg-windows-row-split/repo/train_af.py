import lightgbm as lgb
import pandas as pd
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import train_test_split

FEATURES = ["rr_mean", "rr_std", "rmssd", "pnn50", "sample_entropy", "p_wave_power", "qrs_width"]

windows = pd.read_parquet("data/ecg_windows.parquet")  # patient_id, window_idx, features..., afib
X = windows[FEATURES]
y = windows["afib"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=7)

model = lgb.LGBMClassifier(n_estimators=600, learning_rate=0.03, num_leaves=31, random_state=7)
model.fit(X_tr, y_tr)
proba = model.predict_proba(X_te)[:, 1]
print(f"AUROC {roc_auc_score(y_te, proba):.3f}  F1 {f1_score(y_te, proba > 0.5):.3f}")
