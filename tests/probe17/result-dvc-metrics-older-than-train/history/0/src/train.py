import json

import pandas as pd
import yaml
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

params = yaml.safe_load(open("params.yaml"))["train"]
tr = pd.read_csv("data/prepared/train.csv")
te = pd.read_csv("data/prepared/test.csv")
feats = [c for c in tr.columns if c != "yield_t_ha"]
rf = RandomForestRegressor(n_estimators=params["n_estimators"], max_depth=params["max_depth"], random_state=params["seed"])
rf.fit(tr[feats], tr["yield_t_ha"])
mae = mean_absolute_error(te["yield_t_ha"], rf.predict(te[feats]))
json.dump({"mae": mae, "n_test": len(te), **params}, open("metrics/metrics.json", "w"), indent=2)
