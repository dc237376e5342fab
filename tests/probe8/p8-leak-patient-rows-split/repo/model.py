import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

vitals = pd.read_csv("data/hourly_vitals.csv")  # one row per patient_id and hour
features = ["hr", "sbp", "dbp", "resp", "temp", "spo2", "lactate", "wbc", "hours_since_admit"]
X, y = vitals[features], vitals["sepsis_next_6h"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
rf = RandomForestClassifier(n_estimators=300, n_jobs=-1, random_state=0).fit(X_train, y_train)
print(f"AUROC {roc_auc_score(y_test, rf.predict_proba(X_test)[:, 1]):.4f}")
