import json

import lightgbm as lgb
import pandas as pd
from sklearn.metrics import mean_absolute_percentage_error

from demand.features import make_features

df = pd.read_csv("data/load.csv", parse_dates=["date"])
df = make_features(df)
FEATS = ["dow", "month", "load_lag7", "load_roll7", "temp_roll3", "temperature"]
train = df[df.date < "2024-01-01"]
test = df[df.date >= "2024-01-01"]
model = lgb.LGBMRegressor(n_estimators=800, learning_rate=0.05, random_state=0, verbose=-1)
model.fit(train[FEATS], train["load"])
mape = mean_absolute_percentage_error(test["load"], model.predict(test[FEATS]))
print("MAPE", mape)
json.dump({"mape": mape, "features": FEATS, "seed": 0}, open("results/demand.json", "w"))
