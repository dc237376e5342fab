import json

import polars as pl
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

tr, te = pl.read_parquet("data/train.parquet"), pl.read_parquet("data/test.parquet")
feats = [c for c in tr.columns if c.startswith("s")]
rf = RandomForestRegressor(n_estimators=300, random_state=0).fit(tr[feats].to_numpy(), tr["rul"].to_numpy())
mae = mean_absolute_error(te["rul"].to_numpy(), rf.predict(te[feats].to_numpy()))
json.dump({"mae": mae, "n_test": te.height}, open("results/rul.json", "w"))
