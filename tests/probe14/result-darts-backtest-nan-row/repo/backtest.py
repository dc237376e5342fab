import pandas as pd
from darts import TimeSeries
from darts.metrics import mape
from darts.models import ExponentialSmoothing, NBEATSModel, NaiveSeasonal

MODELS = {
    "naive_seasonal": lambda: NaiveSeasonal(K=7),
    "ets": lambda: ExponentialSmoothing(),
    "nbeats": lambda: NBEATSModel(input_chunk_length=28, output_chunk_length=7, n_epochs=50, random_state=0),
}


def main():
    df = pd.read_csv("data/daily_demand.csv", parse_dates=["date"])
    series = TimeSeries.from_dataframe(df, "date", "units", fill_missing_dates=True, freq="D")
    rows = []
    for name, make in MODELS.items():
        err = make().backtest(series, start=0.8, forecast_horizon=7, stride=7, metric=mape)
        rows.append({"model": name, "horizon": 7, "mape": err})
    pd.DataFrame(rows).to_csv("results/backtest.csv", index=False)


if __name__ == "__main__":
    main()
