import pandas as pd


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    df = df.sort_values(["store_nbr", "date"]).copy()
    df["dow"] = df["date"].dt.dayofweek
    df["month"] = df["date"].dt.month
    df["sales_lag_7"] = df.groupby("store_nbr")["sales"].shift(7)
    df["sales_roll7"] = df.groupby("store_nbr")["sales"].transform(lambda s: s.rolling(7, min_periods=1).mean())
    df["promo_roll7"] = df.groupby("store_nbr")["onpromotion"].transform(lambda s: s.rolling(7, min_periods=1).sum())
    return df.dropna(subset=["sales_lag_7"])
