from twin import twin

SPECS = []

# L1 ColumnTransformer fit_transform on the full frame in one module, cross_validate in another
SPECS.append(dict(
    id="leak-columntransformer-fit-full-frame-then-cross-validate",
    style="sklearn",
    description="Hospital readmission prediction, package layout. src/readmit/features.py builds a ColumnTransformer (median imputation + scaling for numeric columns, one-hot for categoricals) and fit_transforms it on the whole cohort; train.py then runs cross_validate on the transformed matrix, so every fold's imputation medians, scaling and category list were learnt from its own test fold.",
    files={
        "src/readmit/__init__.py": "",
        "src/readmit/features.py": r'''
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["age", "n_prior_visits", "los_days", "hba1c"]
CATEGORICAL = ["admission_type", "discharge_to", "payer"]


def make_preprocessor():
    numeric = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    return ColumnTransformer([
        ("num", numeric, NUMERIC),
        ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
    ])


def featurise(df):
    pre = make_preprocessor()
    X = pre.fit_transform(df[NUMERIC + CATEGORICAL])
    return X, df["readmitted_30d"].to_numpy()
''',
        "src/readmit/train.py": r'''
import json

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate

from readmit.features import featurise


def main():
    cohort = pd.read_parquet("data/cohort.parquet")
    X, y = featurise(cohort)
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)
    res = cross_validate(LogisticRegression(max_iter=2000), X, y, cv=cv, scoring=["roc_auc", "average_precision"])
    out = {k: float(v.mean()) for k, v in res.items() if k.startswith("test_")}
    json.dump({"model": "logreg", "n": len(y), **out}, open("results/cv.json", "w"), indent=2)


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="src/readmit/features.py", find="X = pre.fit_transform(df[NUMERIC + CATEGORICAL])",
                 category="LEAK-PREPROC", why="the imputer/scaler/encoder are fit on the whole cohort before cross_validate splits it")],
))

# L2 imbalanced-learn SMOTE before cross_val_predict
L2 = dict(
    id="leak-smote-fit-resample-before-cross-val-predict",
    style="sklearn",
    description="Fraud detection with imbalanced-learn. SMOTE.fit_resample is applied to the whole data set and cross_val_predict then splits the oversampled rows; synthetic minority points interpolated from test-fold frauds sit in the training folds (and near-copies of training frauds in the test folds), inflating recall and PR-AUC.",
    files={
        "fraud.py": r'''
import json

import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score, classification_report
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/transactions.csv")
X = df.drop(columns=["is_fraud", "txn_id"]).to_numpy()
y = df["is_fraud"].to_numpy()

X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
model = make_pipeline(StandardScaler(), RandomForestClassifier(n_estimators=300, random_state=0))
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
proba = cross_val_predict(model, X_res, y_res, cv=cv, method="predict_proba")[:, 1]

print(classification_report(y_res, proba > 0.5))
json.dump({"pr_auc": average_precision_score(y_res, proba), "n": int(len(y)), "seed": 0}, open("results/fraud_cv.json", "w"))
''',
    },
    labels=[dict(file="fraud.py", find="X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)",
                 category="LEAK-PREPROC", why="the oversampler is fit on all rows before cross-validation splits them")],
)
SPECS.append(L2)
SPECS.append(twin(L2, "leak-smote-inside-imblearn-pipeline-clean",
    "Clean twin: SMOTE is a step of the imblearn pipeline, so it is fit inside each training fold; metrics are computed on the original rows.",
    {"fraud.py": [("X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)\n", ""),
                  ("make_pipeline(StandardScaler(), RandomForestClassifier", "make_pipeline(StandardScaler(), SMOTE(random_state=0), RandomForestClassifier"),
                  ("cross_val_predict(model, X_res, y_res,", "cross_val_predict(model, X, y,"),
                  ("classification_report(y_res,", "classification_report(y,"),
                  ("average_precision_score(y_res,", "average_precision_score(y,")]}))

# L3 cross_validate with shuffled KFold on several visits per patient; groups column unused
L3 = dict(
    id="leak-cross-validate-kfold-visits-per-patient",
    style="sklearn",
    description="Gait-based Parkinson's detection: each patient has 4-12 recorded walking sessions (one row per session, patient_id column). The pipeline is scored with cross_validate over KFold(shuffle=True), so sessions of the same patient land in train and test folds and the model is rewarded for recognising people, not disease.",
    files={
        "gait/cv.py": r'''
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import KFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sessions = pd.read_csv("data/gait_sessions.csv")  # one row per walking session; patient_id, features..., pd_label
features = [c for c in sessions.columns if c.startswith("f_")]
X = sessions[features]
y = sessions["pd_label"]
groups = sessions["patient_id"]

pipe = make_pipeline(StandardScaler(), GradientBoostingClassifier(random_state=0))
cv = KFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_validate(pipe, X, y, cv=cv, scoring="balanced_accuracy")
print(f"balanced accuracy {scores['test_score'].mean():.3f} +- {scores['test_score'].std():.3f}")
''',
    },
    labels=[dict(file="gait/cv.py", find="cv = KFold(n_splits=5, shuffle=True, random_state=0)", end_find="scores = cross_validate(",
                 category="LEAK-SPLIT", why="sessions of the same patient are split by row; groups is built but never passed to a group-aware splitter")],
)
SPECS.append(L3)
SPECS.append(twin(L3, "leak-cross-validate-group-kfold-patients-clean",
    "Clean twin: StratifiedGroupKFold with groups=patient_id keeps each patient's sessions in one fold.",
    {"gait/cv.py": [("from sklearn.model_selection import KFold, cross_validate", "from sklearn.model_selection import StratifiedGroupKFold, cross_validate"),
                    ("cv = KFold(n_splits=5, shuffle=True, random_state=0)", "cv = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=0)"),
                    ('scoring="balanced_accuracy")', 'groups=groups, scoring="balanced_accuracy")')]}))

# L4 polars: rolling mean of the target without a shift as a feature (group_by_dynamic daily)
L4 = dict(
    id="leak-polars-rolling-target-no-shift",
    style="mixed",
    description="Next-day electricity demand forecasting with polars. Hourly readings are aggregated to days with group_by_dynamic; the feature 'demand_7d' is a 7-day rolling mean of the daily demand that includes the current day, which is the target itself. The model is trained and tested on a time-ordered split, but every row's features contain its own label.",
    files={
        "forecast/features.py": r'''
import polars as pl


def daily_frame(path: str) -> pl.DataFrame:
    hourly = pl.scan_parquet(path).sort("ts")
    daily = (
        hourly.group_by_dynamic("ts", every="1d")
        .agg(pl.col("demand_mw").sum().alias("demand"), pl.col("temp_c").mean().alias("temp"))
        .with_columns(
            pl.col("demand").rolling_mean(window_size=7).alias("demand_7d"),
            pl.col("temp").shift(1).alias("temp_lag1"),
            pl.col("ts").dt.weekday().alias("dow"),
        )
        .drop_nulls(["demand_7d", "temp_lag1"])
    )
    return daily.collect()
''',
        "forecast/train.py": r'''
from lightgbm import LGBMRegressor
from sklearn.metrics import mean_absolute_error

from forecast.features import daily_frame

df = daily_frame("data/grid_hourly.parquet")
cut = int(len(df) * 0.8)
train, test = df[:cut], df[cut:]
cols = ["demand_7d", "temp_lag1", "dow"]
model = LGBMRegressor(n_estimators=400, random_state=0).fit(train[cols].to_pandas(), train["demand"].to_pandas())
print("MAE", mean_absolute_error(test["demand"].to_pandas(), model.predict(test[cols].to_pandas())))
''',
        "forecast/__init__.py": "",
    },
    labels=[dict(file="forecast/features.py", find='pl.col("demand").rolling_mean(window_size=7).alias("demand_7d")',
                 category="LEAK-TARGET", why="the rolling mean includes the current day's demand, which is the target")],
)
SPECS.append(L4)
SPECS.append(twin(L4, "leak-polars-rolling-target-shifted-clean",
    "Clean twin: the rolling mean is taken over the previous seven days (shift(1) first).",
    {"forecast/features.py": [('pl.col("demand").rolling_mean(window_size=7)', 'pl.col("demand").shift(1).rolling_mean(window_size=7)')]}))

# L5 Lightning DataModule: random_split over overlapping sliding windows of one series
SPECS.append(dict(
    id="leak-lightning-datamodule-random-split-windows",
    style="torch",
    description="A LightningDataModule for wearable-sensor activity forecasting cuts one long recording into overlapping 256-step windows (stride 32) and splits the windows with random_split into train/val/test. Neighbouring windows share most of their samples and the test windows are interleaved in time with the training windows, so the test score measures interpolation, not forecasting.",
    files={
        "src/sensorcast/__init__.py": "",
        "src/sensorcast/data.py": r'''
import lightning as L
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split


class WindowDataModule(L.LightningDataModule):
    def __init__(self, path: str = "data/accel.npy", window: int = 256, stride: int = 32, batch_size: int = 64):
        super().__init__()
        self.save_hyperparameters()

    def setup(self, stage=None):
        series = np.load(self.hparams.path).astype("float32")
        w, s = self.hparams.window, self.hparams.stride
        starts = range(0, len(series) - w - 1, s)
        X = torch.tensor(np.stack([series[i:i + w] for i in starts]))
        y = torch.tensor(np.stack([series[i + w] for i in starts]))
        ds = TensorDataset(X, y)
        self.train_ds, self.val_ds, self.test_ds = random_split(
            ds, [0.7, 0.15, 0.15], generator=torch.Generator().manual_seed(0)
        )

    def train_dataloader(self):
        return DataLoader(self.train_ds, batch_size=self.hparams.batch_size, shuffle=True)

    def val_dataloader(self):
        return DataLoader(self.val_ds, batch_size=self.hparams.batch_size)

    def test_dataloader(self):
        return DataLoader(self.test_ds, batch_size=self.hparams.batch_size)
''',
        "src/sensorcast/cli.py": r'''
from lightning.pytorch.cli import LightningCLI

from sensorcast.data import WindowDataModule
from sensorcast.model import Forecaster


def main():
    LightningCLI(Forecaster, WindowDataModule, seed_everything_default=0)


if __name__ == "__main__":
    main()
''',
        "src/sensorcast/model.py": r'''
import lightning as L
import torch
from torch import nn


class Forecaster(L.LightningModule):
    def __init__(self, hidden: int = 128, lr: float = 1e-3):
        super().__init__()
        self.save_hyperparameters()
        self.gru = nn.GRU(3, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 3)

    def forward(self, x):
        out, _ = self.gru(x)
        return self.head(out[:, -1])

    def training_step(self, batch, _):
        x, y = batch
        loss = nn.functional.mse_loss(self(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, _):
        x, y = batch
        self.log("val_mse", nn.functional.mse_loss(self(x), y))

    def test_step(self, batch, _):
        x, y = batch
        self.log("test_mse", nn.functional.mse_loss(self(x), y))

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)
''',
    },
    labels=[dict(file="src/sensorcast/data.py", find="self.train_ds, self.val_ds, self.test_ds = random_split(",
                 category="LEAK-SPLIT", why="overlapping windows of one time series are split at random, so test windows overlap and interleave with training windows")],
))

# L6 HF Trainer: best checkpoint chosen on the test split, then reported on the test split
L6 = dict(
    id="leak-hf-trainer-best-model-on-test-split",
    style="torch",
    description="Fine-tuning deberta-v3 for sentiment with the HF Trainer. eval_dataset is the test split, load_best_model_at_end with metric_for_best_model='f1' picks the checkpoint with the best test F1, and the final trainer.evaluate on the same test split is the number in the paper.",
    files={
        "train_sentiment.py": r'''
import json

import numpy as np
from datasets import load_dataset
from sklearn.metrics import f1_score
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, EarlyStoppingCallback, Trainer,
                          TrainingArguments)

MODEL = "microsoft/deberta-v3-base"
tok = AutoTokenizer.from_pretrained(MODEL)
ds = load_dataset("csv", data_files={"train": "data/train.csv", "validation": "data/dev.csv", "test": "data/test.csv"})
ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=256), batched=True)


def compute_metrics(p):
    preds = np.argmax(p.predictions, axis=-1)
    return {"f1": f1_score(p.label_ids, preds, average="macro")}


args = TrainingArguments(
    output_dir="out/deberta",
    num_train_epochs=6,
    learning_rate=2e-5,
    per_device_train_batch_size=16,
    eval_strategy="epoch",
    save_strategy="epoch",
    load_best_model_at_end=True,
    metric_for_best_model="f1",
    seed=13,
)
trainer = Trainer(
    model=AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=3),
    args=args,
    train_dataset=ds["train"],
    eval_dataset=ds["test"],
    tokenizer=tok,
    compute_metrics=compute_metrics,
    callbacks=[EarlyStoppingCallback(early_stopping_patience=2)],
)
trainer.train()
metrics = trainer.evaluate(ds["test"])
json.dump({"model": MODEL, "seed": 13, "test_f1": metrics["eval_f1"]}, open("results/test.json", "w"))
''',
    },
    labels=[dict(file="train_sentiment.py", find="load_best_model_at_end=True,", end_find='eval_dataset=ds["test"],', category="LEAK-SELECT",
                 why="checkpoint selection and early stopping use the test split that is then reported")],
)
SPECS.append(L6)
SPECS.append(twin(L6, "leak-hf-trainer-best-model-on-validation-clean",
    "Clean twin: selection and early stopping use the validation split; the test split is evaluated once at the end.",
    {"train_sentiment.py": [('eval_dataset=ds["test"],', 'eval_dataset=ds["validation"],')]}))

# L7 DSPy: BootstrapFewShot compiled on the devset it is evaluated on
SPECS.append(dict(
    id="leak-dspy-bootstrap-compiled-on-devset",
    style="llm-eval",
    description="A DSPy multi-hop QA program is optimised with BootstrapFewShot and scored with dspy.Evaluate. The optimiser is compiled with trainset=devset, so the demonstrations it bootstraps into the prompt are (question, answer) pairs of the very items it is then evaluated on.",
    files={
        "hotpot/program.py": r'''
import dspy


class MultiHop(dspy.Module):
    def __init__(self, hops: int = 2):
        super().__init__()
        self.gen_query = dspy.ChainOfThought("context, question -> search_query")
        self.retrieve = dspy.Retrieve(k=3)
        self.answer = dspy.ChainOfThought("context, question -> answer")
        self.hops = hops

    def forward(self, question):
        context = []
        for _ in range(self.hops):
            q = self.gen_query(context=context, question=question).search_query
            context += self.retrieve(q).passages
        return self.answer(context=context, question=question)
''',
        "hotpot/optimize.py": r'''
import dspy
from dspy.datasets import HotPotQA
from dspy.evaluate import Evaluate
from dspy.teleprompt import BootstrapFewShot

from hotpot.program import MultiHop

dspy.settings.configure(lm=dspy.LM("openai/gpt-4o-mini", temperature=0), rm=dspy.ColBERTv2(url="http://localhost:8893/api/search"))

data = HotPotQA(train_seed=1, train_size=200, eval_seed=2023, dev_size=300, test_size=0)
trainset = [x.with_inputs("question") for x in data.train]
devset = [x.with_inputs("question") for x in data.dev]


def exact_match(example, pred, trace=None):
    return dspy.evaluate.answer_exact_match(example, pred)


optimizer = BootstrapFewShot(metric=exact_match, max_bootstrapped_demos=4, max_labeled_demos=8)
compiled = optimizer.compile(MultiHop(), trainset=devset)

evaluate = Evaluate(devset=devset, metric=exact_match, num_threads=8, display_progress=True)
score = evaluate(compiled)
print(f"compiled MultiHop EM on dev: {score}")
compiled.save("artifacts/multihop_compiled.json")
''',
        "hotpot/__init__.py": "",
    },
    labels=[dict(file="hotpot/optimize.py", find="compiled = optimizer.compile(MultiHop(), trainset=devset)",
                 category="LEAK-PROMPT", why="few-shot demonstrations are bootstrapped from the evaluation items themselves")],
))

# L8 MLflow: the best C is chosen by test accuracy through search_runs
SPECS.append(dict(
    id="leak-mlflow-search-runs-best-by-test-metric",
    style="sklearn",
    description="An SVM's C and gamma are swept, each fit logged to MLflow with its test accuracy. select_best.py queries mlflow.search_runs ordered by metrics.test_accuracy and reports that run's test accuracy as the final result: the configuration was chosen on the test set.",
    files={
        "sweep.py": r'''
import itertools

import mlflow
import numpy as np
from sklearn.metrics import accuracy_score
from sklearn.svm import SVC

data = np.load("data/splits.npz")
X_train, y_train, X_test, y_test = data["X_train"], data["y_train"], data["X_test"], data["y_test"]

mlflow.set_experiment("svm-sweep")
for C, gamma in itertools.product([0.1, 1, 10, 100], [1e-3, 1e-2, 1e-1]):
    with mlflow.start_run():
        mlflow.log_params({"C": C, "gamma": gamma})
        clf = SVC(C=C, gamma=gamma).fit(X_train, y_train)
        mlflow.log_metric("test_accuracy", accuracy_score(y_test, clf.predict(X_test)))
''',
        "select_best.py": r'''
import mlflow

runs = mlflow.search_runs(experiment_names=["svm-sweep"], order_by=["metrics.test_accuracy DESC"], max_results=1)
best = runs.iloc[0]
print(f"best C={best['params.C']} gamma={best['params.gamma']} test accuracy={best['metrics.test_accuracy']:.4f}")
''',
    },
    labels=[dict(file="select_best.py", find='order_by=["metrics.test_accuracy DESC"]', category="LEAK-SELECT",
                 why="the configuration is chosen by its test accuracy and that same test accuracy is reported")],
    also_ok=[dict(file="sweep.py", find='mlflow.log_metric("test_accuracy"', category="LEAK-SELECT", why="the test metric each candidate is ranked by")],
))
