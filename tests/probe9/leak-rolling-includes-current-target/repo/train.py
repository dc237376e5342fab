import json

import pandas as pd
import xgboost as xgb
from sklearn.metrics import r2_score

from features import add_features

df = add_features(pd.read_csv("data/sales.csv", parse_dates=["date"]))
cut = df["date"].quantile(0.8)
tr, te = df[df["date"] <= cut], df[df["date"] > cut]
FEATS = ["dow", "promo_7d", "sales_7d_mean", "store"]
model = xgb.XGBRegressor(n_estimators=500, max_depth=6, random_state=0).fit(tr[FEATS], tr["sales"])
json.dump({"r2": r2_score(te["sales"], model.predict(te[FEATS])), "cutoff": str(cut)}, open("results/r2.json", "w"))
