import json

import lightgbm as lgb
import pandas as pd
from sklearn.metrics import mean_absolute_error

df = pd.read_parquet("data/store_sales.parquet").sort_values(["store", "date"])
df["sales_ma7"] = df.groupby("store")["sales"].transform(lambda s: s.shift(1).rolling(7, min_periods=1).mean())
df["dow"] = df["date"].dt.dayofweek
feats = ["sales_ma7", "dow", "promo"]
train, test = df[df["date"] < "2024-01-01"], df[df["date"] >= "2024-01-01"]
model = lgb.LGBMRegressor(n_estimators=500, random_state=0).fit(train[feats], train["sales"])
json.dump({"test_mae": mean_absolute_error(test["sales"], model.predict(test[feats]))}, open("results/forecast.json", "w"))
