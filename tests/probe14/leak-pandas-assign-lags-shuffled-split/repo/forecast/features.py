import pandas as pd


def make_frame(path: str) -> pd.DataFrame:
    return (
        pd.read_csv(path, parse_dates=["timestamp"])
        .sort_values("timestamp")
        .assign(
            hour=lambda d: d["timestamp"].dt.hour,
            dow=lambda d: d["timestamp"].dt.dayofweek,
            lag_24=lambda d: d["load_mw"].shift(24),
            lag_168=lambda d: d["load_mw"].shift(168),
        )
        .dropna(subset=["lag_168"])
    )
