import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import TimeSeriesSplit

df = pd.read_parquet("data/load_hourly.parquet").sort_values("timestamp")
for lag in (1, 2, 24, 168):
    df[f"lag_{lag}"] = df["load_mw"].shift(lag)
df["hour"] = df.timestamp.dt.hour
df["dow"] = df.timestamp.dt.dayofweek
df = df.dropna()
FEATS = [c for c in df.columns if c.startswith("lag_")] + ["hour", "dow", "temp_c"]

maes = []
for tr, va in TimeSeriesSplit(n_splits=5, gap=168).split(df):
    m = lgb.LGBMRegressor(n_estimators=800, learning_rate=0.05, random_state=1)
    m.fit(df.iloc[tr][FEATS], df.iloc[tr]["load_mw"])
    maes.append(mean_absolute_error(df.iloc[va]["load_mw"], m.predict(df.iloc[va][FEATS])))
print(f"CV MAE {np.mean(maes):.1f} MW")
