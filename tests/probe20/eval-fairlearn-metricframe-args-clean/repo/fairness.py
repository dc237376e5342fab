import json

import pandas as pd
from fairlearn.metrics import MetricFrame, equalized_odds_difference, selection_rate, true_positive_rate
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/adult.csv")
y = (df.pop("income") == ">50K").astype(int)
A = df["sex"]
X = pd.get_dummies(df, drop_first=True)
X_train, X_test, y_train, y_test, A_train, A_test = train_test_split(X, y, A, test_size=0.3, stratify=y, random_state=0)

clf = HistGradientBoostingClassifier(random_state=0).fit(X_train, y_train)
y_pred = clf.predict(X_test)

mf = MetricFrame(metrics={"tpr": true_positive_rate, "selection_rate": selection_rate}, y_true=y_test, y_pred=y_pred, sensitive_features=A_test)
eod = equalized_odds_difference(y_test, y_pred, sensitive_features=A_test)

with open("results/fairness.json", "w") as fh:
    json.dump({"model": "HistGradientBoostingClassifier", "n_test": int(len(y_test)),
               "tpr_by_group": mf.by_group["tpr"].to_dict(),
               "selection_rate_by_group": mf.by_group["selection_rate"].to_dict(),
               "equalized_odds_difference": float(eod)}, fh, indent=2)
