import pandas as pd


def make_features(df: pd.DataFrame) -> pd.DataFrame:
    df = df.sort_values(["region", "date"]).copy()
    df["dow"] = df["date"].dt.dayofweek
    df["month"] = df["date"].dt.month
    df["load_lag7"] = df.groupby("region")["load"].shift(7)
    df["load_roll7"] = (
        df.groupby("region")["load"].transform(lambda s: s.rolling(7, min_periods=1).mean())
    )
    df["temp_roll3"] = df.groupby("region")["temperature"].transform(lambda s: s.rolling(3).mean())
    return df
