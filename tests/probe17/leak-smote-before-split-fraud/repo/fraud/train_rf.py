import json

import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score, recall_score
from sklearn.model_selection import train_test_split

SEED = 7

tx = pd.read_parquet("data/transactions.parquet")
X = tx.drop(columns=["is_fraud", "tx_id"])
y = tx["is_fraud"]
print(f"{len(tx)} transactions, fraud rate {y.mean():.4f}")

X_bal, y_bal = SMOTE(k_neighbors=5, random_state=SEED).fit_resample(X, y)
X_tr, X_te, y_tr, y_te = train_test_split(X_bal, y_bal, test_size=0.25, stratify=y_bal, random_state=SEED)

clf = RandomForestClassifier(n_estimators=400, n_jobs=-1, random_state=SEED).fit(X_tr, y_tr)
proba = clf.predict_proba(X_te)[:, 1]
out = {"seed": SEED, "n_test": len(y_te), "ap": average_precision_score(y_te, proba),
       "recall": recall_score(y_te, proba > 0.5)}
print(out)
json.dump(out, open("results/rf_smote.json", "w"), indent=2)
