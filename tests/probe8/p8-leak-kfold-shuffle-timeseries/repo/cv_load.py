import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import KFold, cross_val_score

load = pd.read_csv("data/hourly_load.csv", parse_dates=["timestamp"]).set_index("timestamp").sort_index()
for lag in (1, 2, 24, 168):
    load[f"lag_{lag}"] = load["mw"].shift(lag)
load["hour"] = load.index.hour
load = load.dropna()

X, y = load.drop(columns=["mw"]), load["mw"]
cv = KFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(RandomForestRegressor(n_estimators=200, random_state=0), X, y,
                         cv=cv, scoring="neg_mean_absolute_error")
print(f"CV MAE {-scores.mean():.2f} MW")
