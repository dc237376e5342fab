import json

import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score, classification_report
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/transactions.csv")
X = df.drop(columns=["is_fraud", "txn_id"]).to_numpy()
y = df["is_fraud"].to_numpy()

X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
model = make_pipeline(StandardScaler(), RandomForestClassifier(n_estimators=300, random_state=0))
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
proba = cross_val_predict(model, X_res, y_res, cv=cv, method="predict_proba")[:, 1]

print(classification_report(y_res, proba > 0.5))
json.dump({"pr_auc": average_precision_score(y_res, proba), "n": int(len(y)), "seed": 0}, open("results/fraud_cv.json", "w"))
