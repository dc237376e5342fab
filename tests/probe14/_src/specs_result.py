from twin import twin

SPECS = []

# R1 README C-index absent from the results file
R1 = dict(
    id="result-readme-cindex-not-in-results",
    style="mixed",
    description="A survival analysis (lifelines, random survival forest via scikit-survival) writes results/survival_metrics.json with each model's test C-index. The README's results table gives the random survival forest 0.781, a number from an earlier run; the results file says 0.752.",
    files={
        "fit_models.py": r'''
import json

import pandas as pd
from lifelines import CoxPHFitter
from sksurv.ensemble import RandomSurvivalForest
from sksurv.metrics import concordance_index_censored
from sksurv.util import Surv


def main():
    train = pd.read_csv("data/train.csv")
    test = pd.read_csv("data/test.csv")
    feats = [c for c in train.columns if c not in ("time", "event")]
    cph = CoxPHFitter(penalizer=0.1).fit(train, "time", "event")
    c_cox = cph.score(test, scoring_method="concordance_index")
    rsf = RandomSurvivalForest(n_estimators=500, min_samples_leaf=15, random_state=0)
    rsf.fit(train[feats], Surv.from_arrays(train["event"].astype(bool), train["time"]))
    c_rsf = concordance_index_censored(test["event"].astype(bool), test["time"], rsf.predict(test[feats]))[0]
    out = {"n_test": len(test), "seed": 0, "coxph": {"c_index": round(c_cox, 3)}, "rsf": {"c_index": round(c_rsf, 3)}}
    with open("results/survival_metrics.json", "w") as fh:
        json.dump(out, fh, indent=2)


if __name__ == "__main__":
    main()
''',
        "results/survival_metrics.json": r'''
{
  "n_test": 412,
  "seed": 0,
  "coxph": {"c_index": 0.724},
  "rsf": {"c_index": 0.752}
}
''',
        "README.md": r'''
# Survival models for heart-failure readmission

`python fit_models.py` fits both models and writes `results/survival_metrics.json`.

| model | test C-index |
|---|---|
| Cox PH (penalizer 0.1) | 0.724 |
| Random survival forest | 0.781 |

The random survival forest improves on the Cox model by almost six points of concordance.
''',
    },
    labels=[dict(file="README.md", find="| Random survival forest | 0.781 |",
                 category="RESULT-CLAIM", why="0.781 appears in no results file; the results give the RSF 0.752")],
)
SPECS.append(R1)
SPECS.append(twin(R1, "result-readme-cindex-matches-results-clean",
    "Clean twin: the README's table gives the numbers in the results file.",
    {"README.md": [("| Random survival forest | 0.781 |", "| Random survival forest | 0.752 |"),
                   ("by almost six points of concordance", "by almost three points of concordance")]}))

# R2 Keras metrics JSON older than the last change to the training script
_R2_OLD = r'''
import json

import numpy as np
from tensorflow import keras


def main():
    keras.utils.set_random_seed(1)
    data = np.load("data/ecg5000.npz")
    x_tr, y_tr, x_te, y_te = data["x_train"], data["y_train"], data["x_test"], data["y_test"]
    model = keras.Sequential([
        keras.layers.Input(shape=x_tr.shape[1:]),
        keras.layers.Conv1D(32, 7, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_tr, y_tr, epochs=30, batch_size=64, validation_split=0.1, verbose=2)
    _, acc = model.evaluate(x_te, y_te, verbose=0)
    with open("results/ecg_metrics.json", "w") as fh:
        json.dump({"model": "conv1d-32", "seed": 1, "n_test": int(len(y_te)), "test_accuracy": float(acc)}, fh)


if __name__ == "__main__":
    main()
'''
R2 = dict(
    id="result-keras-metrics-stale-after-architecture-change",
    style="mixed",
    description="train_ecg.py was changed (a second convolution block, dropout, 50 epochs) after results/ecg_metrics.json was last written and committed; the results file still holds the old single-block model's accuracy, and the README quotes it for the current architecture.",
    files={
        "train_ecg.py": _R2_OLD.replace(
            '        keras.layers.Conv1D(32, 7, activation="relu"),\n',
            '        keras.layers.Conv1D(32, 7, activation="relu"),\n        keras.layers.Conv1D(64, 5, activation="relu"),\n        keras.layers.Dropout(0.3),\n',
        ).replace("epochs=30", "epochs=50").replace('"model": "conv1d-32"', '"model": "conv1d-32-64"'),
        "results/ecg_metrics.json": r'''
{"model": "conv1d-32", "seed": 1, "n_test": 4500, "test_accuracy": 0.9373}
''',
        "README.md": r'''
# ECG5000 beat classification

A small 1-D CNN (`train_ecg.py`) reaches 93.7% test accuracy (`results/ecg_metrics.json`).
''',
    },
    history=[dict(message="conv1d baseline and its metrics", date="2025-03-02T10:00:00",
                  files={"train_ecg.py": _R2_OLD,
                         "results/ecg_metrics.json": '{"model": "conv1d-32", "seed": 1, "n_test": 4500, "test_accuracy": 0.9373}\n',
                         "README.md": "# ECG5000 beat classification\n\nA small 1-D CNN (`train_ecg.py`) reaches 93.7% test accuracy (`results/ecg_metrics.json`).\n"})],
    labels=[dict(file="results/ecg_metrics.json",
                 category="RESULT-STALE", why="the results file was last written before train_ecg.py changed its architecture and epochs")],
    also_ok=[dict(file="README.md", find="93.7%", category="RESULT-STALE")],
)
SPECS.append(R2)

# R3 a results CSV appended per model with only metric columns (typer CLI loop)
R3 = dict(
    id="result-csv-metric-columns-only-model-loop",
    style="sklearn",
    description="A typer CLI benchmarks several sktime forecasters over a list given on the command line and appends one row per forecaster to results/forecast_scores.csv with only sMAPE and MASE columns: no forecaster name, horizon or series count, so the rows cannot be told apart afterwards.",
    files={
        "bench_forecasters.py": r'''
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
''',
    },
    labels=[dict(file="bench_forecasters.py", find="writer = csv.writer(fh_out)", end_find="mase(y_test, y_pred, y_train=y_train)])",
                 category="RESULT-PROVENANCE", why="each row holds only the two metrics; the forecaster, horizon and n are not written")],
)
SPECS.append(R3)
SPECS.append(twin(R3, "result-csv-rows-name-forecaster-clean",
    "Clean twin: each row names the forecaster, the horizon and the test length before the metrics.",
    {"bench_forecasters.py": [("            writer.writerow([mean_absolute_percentage_error(",
                               "            writer.writerow([name, horizon, len(y_test), mean_absolute_percentage_error(")]}))

# R4 a metrics CSV with a NaN row for one condition, read by the plotting script
R4 = dict(
    id="result-darts-backtest-nan-row",
    style="mixed",
    description="Backtests of darts models are saved in results/backtest.csv and plotted. The N-BEATS row has MAPE = NaN (the series contains zeros, where MAPE is undefined) and the plot silently omits it, while the README says N-BEATS was compared.",
    files={
        "backtest.py": r'''
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
''',
        "results/backtest.csv": r'''
model,horizon,mape
naive_seasonal,7,18.42
ets,7,15.97
nbeats,7,nan
''',
        "plot.py": r'''
import matplotlib.pyplot as plt
import pandas as pd

df = pd.read_csv("results/backtest.csv")
df.plot.bar(x="model", y="mape", legend=False)
plt.ylabel("MAPE (%)")
plt.savefig("figures/backtest.png", dpi=200)
''',
        "README.md": r'''
# Demand forecasting backtests

We compare a seasonal naive baseline, exponential smoothing and N-BEATS with weekly backtests
(`results/backtest.csv`, `figures/backtest.png`).
''',
    },
    labels=[dict(file="results/backtest.csv", find="nbeats,7,nan",
                 category="RESULT-SUSPECT", why="the N-BEATS MAPE is NaN (zeros in the series); the comparison silently lacks it")],
)
SPECS.append(R4)

# R5 results JSON in which every model has exactly the same accuracy (answer extraction broken)
R5 = dict(
    id="result-inspect-all-models-identical-accuracy",
    style="llm-eval",
    description="An inspect_ai multiple-choice task is run on four models; summarize.py writes results/summary.json. All four models have exactly the same accuracy 0.25 on 400 items, i.e. chance on a 4-way choice for every model: a sign that the scoring does not read the replies (a formatting or target mismatch), not that the models are equal; summary.json is taken as the comparison.",
    files={
        "mc_task.py": r'''
from inspect_ai import Task, task
from inspect_ai.dataset import json_dataset
from inspect_ai.scorer import match
from inspect_ai.solver import generate, prompt_template

TEMPLATE = "{prompt}\n\nReply with the letter of the correct option only."


@task
def sciq_mc():
    return Task(
        dataset=json_dataset("data/sciq_mc_test.jsonl"),
        solver=[prompt_template(TEMPLATE), generate()],
        scorer=match(location="begin"),
    )
''',
        "summarize.py": r'''
import json

from inspect_ai.log import list_eval_logs, read_eval_log


def main():
    summary = {}
    for info in list_eval_logs("logs"):
        log = read_eval_log(info)
        summary[log.eval.model] = {
            "accuracy": log.results.scores[0].metrics["accuracy"].value,
            "n": log.results.total_samples,
        }
    with open("results/summary.json", "w") as fh:
        json.dump(summary, fh, indent=2, sort_keys=True)


if __name__ == "__main__":
    main()
''',
        "results/summary.json": r'''
{
  "anthropic/claude-3-5-haiku-20241022": {"accuracy": 0.25, "n": 400},
  "google/gemini-1.5-flash": {"accuracy": 0.25, "n": 400},
  "openai/gpt-4o-mini": {"accuracy": 0.25, "n": 400},
  "together/meta-llama/Llama-3.1-8B-Instruct-Turbo": {"accuracy": 0.25, "n": 400}
}
''',
    },
    labels=[dict(file="results/summary.json", find='"anthropic/claude-3-5-haiku-20241022": {"accuracy": 0.25, "n": 400},',
                 end_find='"together/meta-llama/Llama-3.1-8B-Instruct-Turbo": {"accuracy": 0.25, "n": 400}',
                 category="RESULT-SUSPECT", why="every model has exactly the same accuracy, at chance: the scoring is broken, not the models equal")],
)
SPECS.append(R5)
