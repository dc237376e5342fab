import json

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/hourly_load.csv", parse_dates=["timestamp"]).sort_values("timestamp")
df["hour"] = df["timestamp"].dt.hour
df["dow"] = df["timestamp"].dt.dayofweek
df["load_lag24"] = df["load_mw"].shift(24)
df["load_lag168"] = df["load_mw"].shift(168)
df = df.iloc[168:]

train, test = train_test_split(df, test_size=0.2, shuffle=False)
fit = smf.ols("load_mw ~ temp_c + I(temp_c**2) + C(hour) + C(dow) + load_lag24 + load_lag168", data=train).fit()
pred = fit.predict(test)
mape = float(np.mean(np.abs((test["load_mw"] - pred) / test["load_mw"])))
with open("results/load_ols.json", "w") as fh:
    json.dump({"model": "ols", "n_test": len(test), "mape": round(mape, 4), "r2_train": round(fit.rsquared, 4)}, fh)
