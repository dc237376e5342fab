import pandas as pd


def add_calendar(d):
    return d.assign(dow=d["date"].dt.dayofweek, month=d["date"].dt.month)


def make_frame(path="data/store_daily.csv"):
    return (
        pd.read_csv(path, parse_dates=["date"])
        .sort_values(["store", "date"])
        .pipe(add_calendar)
        .assign(
            demand_ma7=lambda d: d.groupby("store")["demand"].transform(lambda s: s.rolling(7, min_periods=1).mean()),
            promo_next=lambda d: d.groupby("store")["promo"].shift(-1).fillna(0),
        )
    )
