import csv
from typing import List

import pandas as pd
import typer
from sktime.forecasting.model_selection import temporal_train_test_split
from sktime.performance_metrics.forecasting import MeanAbsoluteScaledError, mean_absolute_percentage_error
from sktime.registry import all_estimators

app = typer.Typer()


def by_name(name):
    return dict(all_estimators("forecaster"))[name]


@app.command()
def main(models: List[str] = typer.Option(["NaiveForecaster", "ThetaForecaster", "AutoETS"]), horizon: int = 12):
    y = pd.read_csv("data/airline.csv", index_col=0, parse_dates=True).squeeze("columns").asfreq("MS")
    y_train, y_test = temporal_train_test_split(y, test_size=horizon)
    fh = list(range(1, horizon + 1))
    mase = MeanAbsoluteScaledError()
    with open("results/forecast_scores.csv", "a", newline="") as fh_out:
        writer = csv.writer(fh_out)
        for name in models:
            f = by_name(name)().fit(y_train, fh=fh)
            y_pred = f.predict(fh)
            writer.writerow([mean_absolute_percentage_error(y_test, y_pred, symmetric=True),
                             mase(y_test, y_pred, y_train=y_train)])


if __name__ == "__main__":
    app()
