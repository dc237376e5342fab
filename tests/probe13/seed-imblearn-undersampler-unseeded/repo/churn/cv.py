import json

import pandas as pd
from sklearn.model_selection import StratifiedKFold, cross_validate

from churn.model import SEED, make_model

df = pd.read_csv("data/customers.csv")
X, y = df.drop(columns=["churned", "customer_id"]), df["churned"]
res = cross_validate(make_model(), X, y, cv=StratifiedKFold(5, shuffle=True, random_state=SEED), scoring=["roc_auc", "f1"])
json.dump({"seed": SEED, "n": len(df), "auc": res["test_roc_auc"].mean(), "f1": res["test_f1"].mean()}, open("results/churn_cv.json", "w"))
