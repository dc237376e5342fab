import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error


def add_features(df):
    return (
        df.sort_values(["site", "ts"])
        .assign(
            hour=lambda d: d["ts"].dt.hour,
            dow=lambda d: d["ts"].dt.dayofweek,
            load_ma24=lambda d: d.groupby("site")["load_mw"].transform(lambda s: s.rolling(24, min_periods=1).mean()),
            temp_c=lambda d: d["temp_c"].interpolate(),
        )
    )


df = pd.read_parquet("data/site_load_hourly.parquet").pipe(add_features)
cut = df["ts"].quantile(0.8)
train, test = df.query("ts <= @cut"), df.query("ts > @cut")
FEATS = ["hour", "dow", "load_ma24", "temp_c"]
gbr = GradientBoostingRegressor(n_estimators=400, max_depth=4, random_state=0)
gbr.fit(train[FEATS], train["load_mw"])
print("MAE (MW):", mean_absolute_error(test["load_mw"], gbr.predict(test[FEATS])))
