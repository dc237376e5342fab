import json

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/housing.csv")
X, y = df.drop(columns=["price"]), np.log1p(df["price"])
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=3)
X_tr, X_va, y_tr, y_va = train_test_split(X_tr, y_tr, test_size=0.2, random_state=3)

model = xgb.XGBRegressor(n_estimators=2000, learning_rate=0.03, max_depth=6, early_stopping_rounds=50,
                         random_state=3)
model.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], verbose=False)

eval_sets = {}
eval_sets["train"] = (X_tr, y_tr)
eval_sets["val"] = (X_va, y_va)
eval_sets["test"] = (X_tr, y_tr)

out = {}
for name, (Xs, ys) in eval_sets.items():
    out[f"{name}_rmse"] = float(np.sqrt(mean_squared_error(ys, model.predict(Xs))))
json.dump({"model": "xgb", "seed": 3, **out}, open("results/xgb.json", "w"), indent=2)
print(out)
