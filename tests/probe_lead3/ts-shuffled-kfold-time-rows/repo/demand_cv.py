import json

import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import KFold, cross_val_score

df = pd.read_csv("data/hourly_demand.csv", parse_dates=["timestamp"]).sort_values("timestamp")
for lag in (1, 2, 24, 168):
    df[f"lag_{lag}"] = df["demand"].shift(lag)
df = df.dropna()
X, y = df[[c for c in df.columns if c.startswith("lag_")] + ["temp"]], df["demand"]
cv = KFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(GradientBoostingRegressor(random_state=0), X, y, cv=cv, scoring="neg_mean_absolute_error")
json.dump({"cv_mae": -scores.mean()}, open("results/demand_cv.json", "w"))
