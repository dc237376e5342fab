import json

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_percentage_error
from sklearn.model_selection import KFold, TimeSeriesSplit

df = pd.read_csv("data/household_power_daily.csv", parse_dates=["date"]).sort_values("date")
df["dow"] = df["date"].dt.dayofweek
df["lag_1"] = df["kwh"].shift(1)
df["lag_7"] = df["kwh"].shift(7)
df = df.dropna(subset=["lag_7"]).reset_index(drop=True)
FEATURES = ["dow", "lag_1", "lag_7", "temp_max", "temp_min"]
print(f"{len(df)} days after removing the first week")


cv = TimeSeriesSplit(n_splits=5)

errors = []
for tr_idx, te_idx in cv.split(df):
    model = lgb.LGBMRegressor(n_estimators=400, learning_rate=0.05, random_state=0)
    model.fit(df.loc[tr_idx, FEATURES], df.loc[tr_idx, "kwh"])
    errors.append(mean_absolute_percentage_error(df.loc[te_idx, "kwh"], model.predict(df.loc[te_idx, FEATURES])))
json.dump({"mape_mean": float(np.mean(errors)), "folds": len(errors)}, open("results/cv.json", "w"))
