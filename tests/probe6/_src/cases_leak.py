CASES = []

# ---------------------------------------------------------------- L1 LightGBM early stopping on test, src layout
L1_DATA = r'''
from __future__ import annotations

import pandas as pd
from sklearn.model_selection import train_test_split

CATEGORICAL = ["plan", "region", "payment_method"]


def load(path: str) -> pd.DataFrame:
    df = pd.read_parquet(path)
    for c in CATEGORICAL:
        df[c] = df[c].astype("category")
    return df


def split(df: pd.DataFrame, seed: int = 13):
    X = df.drop(columns=["customer_id", "churned"])
    y = df["churned"]
    return train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)
'''
L1_TRAIN = r'''
from __future__ import annotations

import json

import lightgbm as lgb
from sklearn.metrics import average_precision_score, roc_auc_score

from .config import Config
from .data import load, split


def main(cfg: Config = Config()):
    X_tr, X_te, y_tr, y_te = split(load(cfg.data_path), seed=cfg.seed)
    dtrain = lgb.Dataset(X_tr, y_tr)
    dtest = lgb.Dataset(X_te, y_te, reference=dtrain)
    booster = lgb.train(  #!LEAK-SELECT+8
        {"objective": "binary", "learning_rate": cfg.lr, "num_leaves": cfg.num_leaves,
         "feature_fraction": 0.8, "seed": cfg.seed, "verbose": -1},
        dtrain,
        num_boost_round=5000,
        valid_sets=[dtest],
        valid_names=["holdout"],
        callbacks=[lgb.early_stopping(100), lgb.log_evaluation(200)],
    )
    p = booster.predict(X_te, num_iteration=booster.best_iteration)
    metrics = {"auc": roc_auc_score(y_te, p), "ap": average_precision_score(y_te, p),
               "best_iteration": booster.best_iteration, "seed": cfg.seed}
    print(json.dumps(metrics, indent=1))
    json.dump(metrics, open(cfg.out, "w"), indent=1)


if __name__ == "__main__":
    main()
'''
L1_CONFIG = r'''
from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    data_path: str = "data/churn.parquet"
    out: str = "results/lgbm_churn.json"
    lr: float = 0.03
    num_leaves: int = 63
    seed: int = 13
'''
L1_PYPROJECT = '''[project]
name = "churnlab"
version = "0.1.0"
dependencies = ["lightgbm>=4", "pandas", "pyarrow", "scikit-learn"]

[tool.setuptools.packages.find]
where = ["src"]
'''
CASES.append({
    "id": "probe6-leak-lgbm-earlystop-holdout",
    "style": "sklearn",
    "description": "Churn model in a src/ package: data.split returns train and test only; train.main early-stops LightGBM with valid_sets=[the test Dataset] (named 'holdout') and then reports test AUC at best_iteration, so the number of trees is chosen on the test set.",
    "why_default": "early stopping monitors the test set that the reported AUC is computed on",
    "files": {"src/churnlab/__init__.py": "", "src/churnlab/data.py": L1_DATA,
              "src/churnlab/train.py": L1_TRAIN, "src/churnlab/config.py": L1_CONFIG,
              "pyproject.toml": L1_PYPROJECT},
})
L1_DATA_OK = L1_DATA.replace('''    return train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)''',
'''    X_rest, X_te, y_rest, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)
    X_tr, X_va, y_tr, y_va = train_test_split(X_rest, y_rest, test_size=0.2, stratify=y_rest,
                                              random_state=seed)
    return X_tr, X_va, X_te, y_tr, y_va, y_te''')
L1_TRAIN_OK = L1_TRAIN.replace("  #!LEAK-SELECT+8", "").replace('''    X_tr, X_te, y_tr, y_te = split(load(cfg.data_path), seed=cfg.seed)
    dtrain = lgb.Dataset(X_tr, y_tr)
    dtest = lgb.Dataset(X_te, y_te, reference=dtrain)''', '''    X_tr, X_va, X_te, y_tr, y_va, y_te = split(load(cfg.data_path), seed=cfg.seed)
    dtrain = lgb.Dataset(X_tr, y_tr)
    dval = lgb.Dataset(X_va, y_va, reference=dtrain)''').replace('''        valid_sets=[dtest],
        valid_names=["holdout"],''', '''        valid_sets=[dval],
        valid_names=["val"],''')
CASES.append({
    "id": "probe6-clean-lgbm-earlystop-val",
    "style": "sklearn",
    "description": "Clean twin: a validation split carved from the training part drives early stopping; the test split is used once for the report.",
    "files": {"src/churnlab/__init__.py": "", "src/churnlab/data.py": L1_DATA_OK,
              "src/churnlab/train.py": L1_TRAIN_OK, "src/churnlab/config.py": L1_CONFIG,
              "pyproject.toml": L1_PYPROJECT},
})

# ---------------------------------------------------------------- L2 polars rolling mean of the target without shift
L2 = r'''
"""Next-day store demand with polars features + XGBoost."""
import polars as pl
import xgboost as xgb
from sklearn.metrics import mean_absolute_error

raw = pl.read_csv("data/store_daily_sales.csv", try_parse_dates=True).sort(["store_id", "date"])

feats = raw.with_columns(
    pl.col("date").dt.weekday().alias("dow"),
    pl.col("date").dt.month().alias("month"),
    pl.col("units_sold").rolling_mean(window_size=7).over("store_id").alias("units_ma7"),  #!LEAK-TARGET
    pl.col("units_sold").rolling_std(window_size=28).over("store_id").alias("units_sd28"),
    pl.col("promo").shift(-1).over("store_id").alias("promo_tomorrow"),
).drop_nulls()

FEATURES = ["dow", "month", "units_ma7", "units_sd28", "promo", "promo_tomorrow", "price"]
cut = pl.date(2024, 7, 1)
train = feats.filter(pl.col("date") < cut)
test = feats.filter(pl.col("date") >= cut)

model = xgb.XGBRegressor(n_estimators=600, max_depth=6, learning_rate=0.05, subsample=0.8,
                         random_state=0)
model.fit(train.select(FEATURES).to_numpy(), train["units_sold"].to_numpy())
pred = model.predict(test.select(FEATURES).to_numpy())
print("MAE", mean_absolute_error(test["units_sold"].to_numpy(), pred))
'''
CASES.append({
    "id": "probe6-leak-polars-rolling-target",
    "style": "mixed",
    "description": "Store demand forecasting with polars and XGBoost. units_ma7 and units_sd28 are rolling statistics of units_sold (the target) over windows that end at and include the current row, so each row's feature contains its own target. The split is temporal (near miss), and promo_tomorrow is a planned promotion known in advance (debatable, not labelled).",
    "why_default": "rolling window over the target without shift includes the current row's target",
    "files": {"forecast.py": L2},
})
L2_OK = L2.replace('''    pl.col("units_sold").rolling_mean(window_size=7).over("store_id").alias("units_ma7"),  #!LEAK-TARGET
    pl.col("units_sold").rolling_std(window_size=28).over("store_id").alias("units_sd28"),
    pl.col("promo").shift(-1).over("store_id").alias("promo_tomorrow"),''', '''    pl.col("units_sold").shift(1).rolling_mean(window_size=7).over("store_id").alias("units_ma7"),
    pl.col("units_sold").shift(1).rolling_std(window_size=28).over("store_id").alias("units_sd28"),
    pl.col("promo"),''').replace('"promo", "promo_tomorrow", "price"', '"promo", "price"').replace(
    "    pl.col(\"promo\"),\n", "")
CASES.append({
    "id": "probe6-clean-polars-rolling-lagged",
    "style": "mixed",
    "description": "Clean twin: the rolling statistics are computed on units_sold shifted by one day per store.",
    "files": {"forecast.py": L2_OK},
})

# ---------------------------------------------------------------- L3 grouped windows split by row, GridSearchCV
L3 = r'''
import numpy as np
import pandas as pd
from scipy.signal import welch
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

FS = 256
recs = pd.read_pickle("data/eeg_windows.pkl")   # columns: subject, session, window (array), stage


def band_power(win):
    f, pxx = welch(win, fs=FS, nperseg=FS * 2, axis=-1)
    bands = [(0.5, 4), (4, 8), (8, 12), (12, 16), (16, 30)]
    return np.concatenate([pxx[..., (f >= lo) & (f < hi)].mean(-1) for lo, hi in bands])


X = np.stack([band_power(w) for w in recs["window"]])
y = recs["stage"].values
print(recs.groupby("subject").size().describe())

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)  #!LEAK-SPLIT
search = GridSearchCV(
    make_pipeline(StandardScaler(), RandomForestClassifier(random_state=0, n_jobs=-1)),
    {"randomforestclassifier__n_estimators": [300, 600],
     "randomforestclassifier__max_depth": [None, 12, 24]},
    cv=StratifiedKFold(5, shuffle=True, random_state=0),
    scoring="balanced_accuracy",
)
search.fit(X_tr, y_tr)
print(search.best_params_, "test balanced acc:", search.score(X_te, y_te))
'''
CASES.append({
    "id": "probe6-leak-eeg-windows-row-split",
    "style": "sklearn",
    "description": "Sleep staging from 30-s EEG windows, hundreds per subject. Windows are split by row with a stratified random train_test_split (and the inner CV is a row-wise StratifiedKFold), so every test subject also has windows in training and the test score measures within-subject recognition. The scaler sits inside the pipeline (near miss).",
    "why_default": "random split by window although rows are grouped by subject",
    "files": {"sleep_stage_rf.py": L3},
})

# ---------------------------------------------------------------- L4 inspect_ai fewshot from eval dataset
L4 = r'''
from inspect_ai import Task, task
from inspect_ai.dataset import Sample, hf_dataset
from inspect_ai.scorer import choice
from inspect_ai.solver import multiple_choice, system_message

LETTERS = "ABCD"


def record_to_sample(record):
    return Sample(
        input=record["question"],
        choices=record["choices"],
        target=LETTERS[record["answer"]],
        metadata={"subject": record["subject"]},
    )


def format_fewshot(samples):
    blocks = []
    for s in samples:
        opts = "\n".join(f"{LETTERS[i]}) {c}" for i, c in enumerate(s.choices))
        blocks.append(f"{s.input}\n{opts}\nANSWER: {s.target}")
    return "\n\n".join(blocks)


@task
def mmlu_pro_physics(fewshot: int = 5):
    dataset = hf_dataset("cais/mmlu", name="college_physics", split="test",
                         sample_fields=record_to_sample, shuffle=True, seed=42)
    examples = format_fewshot(dataset[:fewshot])  #!LEAK-PROMPT
    return Task(
        dataset=dataset,
        solver=[system_message("Here are some solved examples:\n\n" + examples),
                multiple_choice()],
        scorer=choice(),
    )
'''
CASES.append({
    "id": "probe6-leak-inspect-fewshot-from-test",
    "style": "llm-eval",
    "description": "An inspect_ai MMLU college-physics task. The few-shot block in the system message is built from the first five samples of the same test dataset the Task evaluates, so five items are answered with their own solution in context. The dataset shuffle is seeded (near miss).",
    "why_default": "few-shot examples are drawn from the evaluated test dataset itself",
    "files": {"mmlu_physics.py": L4,
              "README.md": "Run: `inspect eval mmlu_physics.py --model openai/gpt-4o-mini`\n"},
})

# ---------------------------------------------------------------- L5 Lightning DataModule normalises before random_split
L5 = r'''
import lightning as L
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split


class SensorDataModule(L.LightningDataModule):
    def __init__(self, path="data/pump_snapshots.npz", batch_size=256, seed=0):
        super().__init__()
        self.path, self.batch_size, self.seed = path, batch_size, seed

    def setup(self, stage=None):
        npz = np.load(self.path)
        x = torch.tensor(npz["x"], dtype=torch.float32)      # (n_pumps, window, sensors), one per pump
        y = torch.tensor(npz["rul"], dtype=torch.float32)
        mu = x.mean(dim=(0, 1), keepdim=True)  #!LEAK-PREPROC+2
        sd = x.std(dim=(0, 1), keepdim=True) + 1e-6
        x = (x - mu) / sd
        full = TensorDataset(x, y)
        n_test = int(0.2 * len(full))
        g = torch.Generator().manual_seed(self.seed)
        self.train_set, self.test_set = random_split(full, [len(full) - n_test, n_test], generator=g)

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True)

    def test_dataloader(self):
        return DataLoader(self.test_set, batch_size=self.batch_size)
'''
L5_TRAIN = r'''
import lightning as L
import torch
from torch import nn

from datamodule import SensorDataModule


class RULRegressor(L.LightningModule):
    def __init__(self, n_sensors=14, hidden=64):
        super().__init__()
        self.lstm = nn.LSTM(n_sensors, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        return self.head(self.lstm(x)[0][:, -1]).squeeze(-1)

    def training_step(self, batch, _):
        x, y = batch
        loss = nn.functional.mse_loss(self(x), y)
        self.log("train_rmse", loss.sqrt())
        return loss

    def test_step(self, batch, _):
        x, y = batch
        self.log("test_rmse", nn.functional.mse_loss(self(x), y).sqrt())

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)


if __name__ == "__main__":
    L.seed_everything(0)
    dm = SensorDataModule()
    trainer = L.Trainer(max_epochs=30, deterministic=True)
    trainer.fit(RULRegressor(), datamodule=dm)
    trainer.test(datamodule=dm)
'''
CASES.append({
    "id": "probe6-leak-lightning-norm-before-split",
    "style": "torch",
    "description": "Remaining-useful-life regression with a Lightning DataModule, one sensor snapshot per pump. setup() z-normalises the sensor windows with mean and std over the whole array and only then random_splits into train/test, so test statistics shape the training inputs. The split and the run are seeded (near miss).",
    "why_default": "normalisation statistics computed on all windows before the train/test split",
    "files": {"datamodule.py": L5, "train.py": L5_TRAIN},
})
