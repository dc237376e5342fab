import pandas as pd


def build(df):
    df = df.sort_values("date").copy()
    df["dow"] = df["date"].dt.dayofweek
    df["demand_ma7"] = df["demand"].rolling(7, min_periods=1).mean()
    df["temp_ma3"] = df["temp"].rolling(3, min_periods=1).mean()
    return df
