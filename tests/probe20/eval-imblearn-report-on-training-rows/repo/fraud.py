import json

import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_parquet("data/transactions.parquet")
X = df.drop(columns=["is_fraud"])
y = df["is_fraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=7)

pipe = Pipeline([("scale", StandardScaler()), ("smote", SMOTE(random_state=7)), ("clf", LogisticRegression(max_iter=2000))])
pipe.fit(X_train, y_train)
report = classification_report(y_train, pipe.predict(X_train), output_dict=True)

with open("results/test_report.json", "w") as fh:
    json.dump({"model": "smote+logreg", "split": "test", "n": int(len(y_test)), "report": report}, fh, indent=2)
