import pandas as pd


def add_features(df):
    df = df.sort_values(["store", "date"]).copy()
    df["dow"] = df["date"].dt.dayofweek
    df["promo_7d"] = df.groupby("store")["promo"].transform(lambda s: s.rolling(7, min_periods=1).sum())
    df["sales_7d_mean"] = df.groupby("store")["sales"].transform(lambda s: s.rolling(7, min_periods=1).mean())
    return df
