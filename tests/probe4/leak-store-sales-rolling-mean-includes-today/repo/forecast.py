import json

import lightgbm as lgb
import pandas as pd
from sklearn.metrics import mean_absolute_percentage_error

from features import build_features

raw = pd.read_csv("data/favorita_train.csv", parse_dates=["date"])
df = build_features(raw)
FEATS = ["store_nbr", "dow", "month", "sales_lag_7", "sales_roll7", "promo_roll7", "onpromotion"]
cut = pd.Timestamp("2017-07-01")
train, test = df[df.date < cut], df[df.date >= cut]
model = lgb.LGBMRegressor(n_estimators=800, learning_rate=0.03, random_state=0)
model.fit(train[FEATS], train["sales"])
mape = mean_absolute_percentage_error(test["sales"] + 1, model.predict(test[FEATS]) + 1)
json.dump({"mape": mape, "n_test_rows": len(test), "cutoff": str(cut.date())},
          open("results/lgbm_forecast.json", "w"))
