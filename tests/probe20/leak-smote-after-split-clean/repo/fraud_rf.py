import json

import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split

df = pd.read_parquet("data/transactions.parquet")
X = df.drop(columns=["is_fraud"])
y = df["is_fraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=7)
X_train, y_train = SMOTE(random_state=7).fit_resample(X_train, y_train)

clf = RandomForestClassifier(n_estimators=500, random_state=7, n_jobs=-1).fit(X_train, y_train)
report = classification_report(y_test, clf.predict(X_test), output_dict=True)
with open("results/rf_report.json", "w") as fh:
    json.dump({"model": "smote+rf", "split": "test", "n": int(len(y_test)), "report": report}, fh, indent=2)
