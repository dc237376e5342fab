import numpy as np
import pandas as pd
from darts import TimeSeries
from darts.models import ExponentialSmoothing, Theta


def mape(actual, pred):
    a, p = actual.values().ravel(), pred.values().ravel()
    return float(np.mean(np.abs((a - p) / a)) * 100)


def smape(actual, pred):
    a, p = actual.values().ravel(), pred.values().ravel()
    return float(np.mean(2 * np.abs(a - p) / (np.abs(a) + np.abs(p))) * 100)


sales = pd.read_csv("data/store_sales.csv", parse_dates=["date"])
rows = []
for store, frame in sales.groupby("store"):
    series = TimeSeries.from_dataframe(frame, time_col="date", value_cols="sales", freq="D")
    for name, model in (("ExponentialSmoothing", ExponentialSmoothing()), ("Theta", Theta())):
        hist = model.historical_forecasts(series, start=0.8, forecast_horizon=7, stride=7, last_points_only=False)
        m = [mape(series.slice_intersect(h), h) for h in hist]
        s = [smape(series.slice_intersect(h), h) for h in hist]
        rows.append({"series": store, "model": name, "mape": round(np.mean(m), 2), "smape": round(np.mean(s), 2), "n_windows": len(hist)})
pd.DataFrame(rows).to_csv("results/backtest.csv", index=False)
