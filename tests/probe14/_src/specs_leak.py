from twin import twin

SPECS = []

# L1 Hydra instantiate: the scaler from the config is fit on the full frame in the data module
L1 = dict(
    id="leak-hydra-instantiated-scaler-fit-full-frame",
    style="mixed",
    description="A Hydra project: conf/config.yaml names a StandardScaler under `preprocess` with _target_; data.py instantiates it and calls fit_transform on every row of the feature matrix; train.py then splits the scaled matrix into train and test. The test rows' means and variances shape the training features.",
    files={
        "conf/config.yaml": r'''
defaults:
  - _self_

data:
  path: data/wine_quality.csv
  target: quality
  test_size: 0.2
  seed: 13

preprocess:
  _target_: sklearn.preprocessing.StandardScaler

model:
  _target_: sklearn.ensemble.GradientBoostingRegressor
  n_estimators: 300
  learning_rate: 0.05
  random_state: 13
''',
        "winequality/data.py": r'''
import pandas as pd
from hydra.utils import instantiate
from omegaconf import DictConfig


def load_features(cfg: DictConfig):
    df = pd.read_csv(cfg.data.path)
    y = df.pop(cfg.data.target).to_numpy()
    scaler = instantiate(cfg.preprocess)
    X = scaler.fit_transform(df.to_numpy())
    return X, y
''',
        "winequality/train.py": r'''
import json

import hydra
from hydra.utils import instantiate
from omegaconf import DictConfig, OmegaConf
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

from winequality.data import load_features


@hydra.main(config_path="../conf", config_name="config", version_base=None)
def main(cfg: DictConfig):
    X, y = load_features(cfg)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=cfg.data.test_size, random_state=cfg.data.seed)
    model = instantiate(cfg.model).fit(X_tr, y_tr)
    mae = mean_absolute_error(y_te, model.predict(X_te))
    print(OmegaConf.to_yaml(cfg))
    with open("metrics.json", "w") as fh:
        json.dump({"config": OmegaConf.to_container(cfg), "test_mae": mae}, fh)


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="winequality/data.py", find="X = scaler.fit_transform(df.to_numpy())",
                 category="LEAK-PREPROC", why="the instantiated scaler is fit on all rows before train.py splits off the test set")],
)
SPECS.append(L1)
SPECS.append(twin(L1, "leak-hydra-instantiated-scaler-fit-train-only-clean",
    "Clean twin: data.py returns raw features; train.py splits first, fits the instantiated scaler on the training rows and only transforms the test rows.",
    {"winequality/data.py": [("    scaler = instantiate(cfg.preprocess)\n    X = scaler.fit_transform(df.to_numpy())\n    return X, y",
                              "    return df.to_numpy(), y")],
     "winequality/train.py": [("    model = instantiate(cfg.model).fit(X_tr, y_tr)",
                               "    scaler = instantiate(cfg.preprocess)\n    X_tr = scaler.fit_transform(X_tr)\n    X_te = scaler.transform(X_te)\n    model = instantiate(cfg.model).fit(X_tr, y_tr)")]}))

# L2 Keras + tf.data: early stopping and best weights on the test dataset
L2 = dict(
    id="leak-keras-tfdata-early-stopping-on-test-ds",
    style="mixed",
    description="A Keras image classifier reads train and test folders with image_dataset_from_directory into tf.data pipelines. model.fit gets `validation_data=test_ds` with EarlyStopping(restore_best_weights=True) and ModelCheckpoint(save_best_only=True) monitoring val_accuracy, and the same test_ds then gives the reported accuracy: the epoch was chosen on the test set.",
    files={
        "train_keras.py": r'''
import json

import tensorflow as tf
from tensorflow import keras

IMG = (160, 160)


def make_ds(folder, shuffle):
    ds = keras.utils.image_dataset_from_directory(folder, image_size=IMG, batch_size=32, shuffle=shuffle, seed=7)
    return ds.map(lambda x, y: (keras.applications.mobilenet_v2.preprocess_input(x), y)).prefetch(tf.data.AUTOTUNE)


def build_model(n_classes):
    base = keras.applications.MobileNetV2(input_shape=IMG + (3,), include_top=False, weights="imagenet")
    base.trainable = False
    inputs = keras.Input(shape=IMG + (3,))
    x = base(inputs, training=False)
    x = keras.layers.GlobalAveragePooling2D()(x)
    x = keras.layers.Dropout(0.2)(x)
    outputs = keras.layers.Dense(n_classes, activation="softmax")(x)
    return keras.Model(inputs, outputs)


def main():
    keras.utils.set_random_seed(7)
    train_ds = make_ds("data/train", shuffle=True)
    test_ds = make_ds("data/test", shuffle=False)
    model = build_model(n_classes=5)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    callbacks = [
        keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=5, restore_best_weights=True),
        keras.callbacks.ModelCheckpoint("ckpt/best.keras", monitor="val_accuracy", save_best_only=True),
    ]
    model.fit(train_ds, validation_data=test_ds, epochs=50, callbacks=callbacks)
    loss, acc = model.evaluate(test_ds)
    with open("results/test.json", "w") as fh:
        json.dump({"model": "mobilenetv2-frozen", "seed": 7, "test_accuracy": acc}, fh)


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="train_keras.py", find="model.fit(train_ds, validation_data=test_ds, epochs=50, callbacks=callbacks)",
                 category="LEAK-SELECT", why="early stopping with restore_best_weights and best-only checkpoints monitor the test set, which then gives the reported accuracy")],
)
SPECS.append(L2)
SPECS.append(twin(L2, "leak-keras-tfdata-early-stopping-on-val-split-clean",
    "Clean twin: a validation split is carved from the training folder (validation_split=0.15, subset='training'/'validation'); callbacks monitor it and the test folder is used once at the end.",
    {"train_keras.py": [("def make_ds(folder, shuffle):\n    ds = keras.utils.image_dataset_from_directory(folder, image_size=IMG, batch_size=32, shuffle=shuffle, seed=7)",
                         "def make_ds(folder, shuffle, subset=None):\n    split = 0.15 if subset else None\n    ds = keras.utils.image_dataset_from_directory(folder, image_size=IMG, batch_size=32, shuffle=shuffle, seed=7,\n                                                  validation_split=split, subset=subset)"),
                        ('    train_ds = make_ds("data/train", shuffle=True)\n',
                         '    train_ds = make_ds("data/train", shuffle=True, subset="training")\n    val_ds = make_ds("data/train", shuffle=False, subset="validation")\n'),
                        ("validation_data=test_ds, epochs=50", "validation_data=val_ds, epochs=50")]}))

# L3 W&B sweep optimising the test metric
L3 = dict(
    id="leak-wandb-sweep-metric-test-auc",
    style="mixed",
    description="A W&B Bayesian sweep over XGBoost hyperparameters. sweep.yaml maximises `test_auc`, and train.py logs `test_auc` computed on the held-out test split inside each run; the best run's test AUC is then reported in the README as the model's generalisation performance.",
    files={
        "sweep.yaml": r'''
program: train.py
method: bayes
metric:
  name: test_auc
  goal: maximize
parameters:
  max_depth:
    values: [3, 4, 6, 8]
  eta:
    distribution: log_uniform_values
    min: 0.01
    max: 0.3
  subsample:
    values: [0.6, 0.8, 1.0]
''',
        "train.py": r'''
import pandas as pd
import wandb
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split


def main():
    run = wandb.init(project="churn-xgb")
    cfg = run.config
    df = pd.read_parquet("data/churn.parquet")
    X, y = df.drop(columns=["churned"]), df["churned"]
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
    clf = xgb.XGBClassifier(n_estimators=400, max_depth=cfg.max_depth, learning_rate=cfg.eta,
                            subsample=cfg.subsample, random_state=0)
    clf.fit(X_tr, y_tr)
    test_auc = roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])
    wandb.log({"test_auc": test_auc})
    run.finish()


if __name__ == "__main__":
    main()
''',
        "README.md": r'''
# Churn prediction

Hyperparameters were tuned with a W&B sweep (`wandb sweep sweep.yaml`). The best configuration reaches
a test AUC of 0.873.
''',
    },
    labels=[dict(file="train.py", find='wandb.log({"test_auc": test_auc})',
                 category="LEAK-SELECT", why="the sweep maximises the AUC computed on the test split, so the hyperparameters are chosen on the test set")],
    also_ok=[dict(file="sweep.yaml", find="name: test_auc", category="LEAK-SELECT"),
             dict(file="README.md", find="a test AUC of 0.873", category="RESULT-CLAIM")],
)
SPECS.append(L3)

# L4 sentence-transformers + faiss few-shot retrieval over the evaluated items themselves
L4 = dict(
    id="leak-faiss-fewshot-index-over-test-items",
    style="llm-eval",
    description="Few-shot demonstrations are retrieved by embedding similarity: a faiss index is built over the evaluation questions with their answers, and each test question retrieves its 4 nearest neighbours as demonstrations. The nearest neighbour of every question is itself, so its gold answer is pasted into its own prompt.",
    files={
        "knn_icl/index.py": r'''
import faiss
from sentence_transformers import SentenceTransformer

_enc = SentenceTransformer("BAAI/bge-small-en-v1.5")


class DemoIndex:
    def __init__(self, pool: list[dict]):
        self.pool = pool
        vecs = _enc.encode([p["question"] for p in pool], normalize_embeddings=True, convert_to_numpy=True)
        self.index = faiss.IndexFlatIP(vecs.shape[1])
        self.index.add(vecs)

    def nearest(self, question: str, k: int) -> list[dict]:
        q = _enc.encode([question], normalize_embeddings=True, convert_to_numpy=True)
        _, idx = self.index.search(q, k)
        return [self.pool[i] for i in idx[0]]
''',
        "knn_icl/evaluate.py": r'''
import json

from openai import OpenAI

from knn_icl.index import DemoIndex

client = OpenAI()


def render(demos, question):
    shots = "\n\n".join(f"Q: {d['question']}\nA: {d['answer']}" for d in demos)
    return f"{shots}\n\nQ: {question}\nA:"


def main():
    test = [json.loads(l) for l in open("data/trivia_test.jsonl")]
    index = DemoIndex(test)
    correct = 0
    for ex in test:
        demos = index.nearest(ex["question"], k=4)
        out = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=20,
                                             messages=[{"role": "user", "content": render(demos, ex["question"])}])
        correct += ex["answer"].lower() in out.choices[0].message.content.lower()
    print(json.dumps({"model": "gpt-4o-mini", "shots": 4, "n": len(test), "accuracy": correct / len(test)}))


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="knn_icl/evaluate.py", find="index = DemoIndex(test)",
                 category="LEAK-PROMPT", why="the demonstration pool is the evaluated items with answers; each question retrieves itself as a demonstration")],
)
SPECS.append(L4)
SPECS.append(twin(L4, "leak-faiss-fewshot-index-over-train-pool-clean",
    "Clean twin: the demonstration index is built over the training questions; the test questions only query it.",
    {"knn_icl/evaluate.py": [("    index = DemoIndex(test)", "    train = [json.loads(l) for l in open(\"data/trivia_train.jsonl\")]\n    index = DemoIndex(train)")]}))

# L5 time-ordered rows split with train_test_split's default shuffle, lag features via .assign
L5 = dict(
    id="leak-pandas-assign-lags-shuffled-split",
    style="mixed",
    description="Next-day electricity load forecasting: lag and calendar features are added with a pandas .assign chain on hourly rows ordered by time, then train_test_split (default shuffle=True) mixes hours from the whole period into train and test, so the model interpolates between neighbouring hours instead of forecasting.",
    files={
        "forecast/features.py": r'''
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
''',
        "forecast/fit.py": r'''
from catboost import CatBoostRegressor
from sklearn.metrics import mean_absolute_percentage_error
from sklearn.model_selection import train_test_split

from forecast.features import make_frame

FEATURES = ["hour", "dow", "lag_24", "lag_168", "temp_c"]


def main():
    df = make_frame("data/load_hourly.csv")
    X_tr, X_te, y_tr, y_te = train_test_split(df[FEATURES], df["load_mw"], test_size=0.2, random_state=1)
    model = CatBoostRegressor(iterations=800, depth=6, random_seed=1, verbose=0).fit(X_tr, y_tr)
    print(f"MAPE {mean_absolute_percentage_error(y_te, model.predict(X_te)):.4f}")


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="forecast/fit.py", find="X_tr, X_te, y_tr, y_te = train_test_split(df[FEATURES]",
                 category="LEAK-SPLIT", why="hourly time-ordered rows are split with the default shuffle, so test hours sit between training hours")],
)
SPECS.append(L5)

# L6 rolling mean of the target without a shift, groupby.transform inside assign
L6 = dict(
    id="leak-groupby-rolling-target-no-shift",
    style="mixed",
    description="Store-level weekly sales forecasting: a 4-week rolling mean of `sales` per store is added as a feature through groupby().transform(rolling(4).mean()) without a shift, so each row's feature contains that row's own sales (the target).",
    files={
        "sales/prepare.py": r'''
import pandas as pd


def add_features(df: pd.DataFrame) -> pd.DataFrame:
    df = df.sort_values(["store_id", "week"])
    g = df.groupby("store_id")["sales"]
    return df.assign(
        sales_roll4=g.transform(lambda s: s.rolling(4, min_periods=1).mean()),
        promo_next=df.groupby("store_id")["promo"].shift(-1).fillna(0),
        week_of_year=df["week"].dt.isocalendar().week.astype(int),
    )
''',
        "sales/model.py": r'''
import lightgbm as lgb
import pandas as pd
from sklearn.metrics import mean_absolute_error

from sales.prepare import add_features

FEATURES = ["sales_roll4", "promo", "promo_next", "week_of_year", "store_size"]


def main():
    df = add_features(pd.read_parquet("data/weekly_sales.parquet"))
    cutoff = pd.Timestamp("2024-01-01")
    train, test = df[df.week < cutoff], df[df.week >= cutoff]
    model = lgb.LGBMRegressor(n_estimators=500, learning_rate=0.03, random_state=0)
    model.fit(train[FEATURES], train["sales"])
    print("MAE", mean_absolute_error(test["sales"], model.predict(test[FEATURES])))


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="sales/prepare.py", find="sales_roll4=g.transform(lambda s: s.rolling(4, min_periods=1).mean()),",
                 category="LEAK-TARGET", why="the rolling mean of the target includes the current row's sales (no shift)")],
)
SPECS.append(L6)
SPECS.append(twin(L6, "leak-groupby-rolling-target-shifted-clean",
    "Clean twin: the rolling mean is taken over the previous four weeks (shift(1) before rolling).",
    {"sales/prepare.py": [("s.rolling(4, min_periods=1).mean()", "s.shift(1).rolling(4, min_periods=1).mean()")]}))

# L7 CatBoost eval_set on the test split with best-model selection
L7 = dict(
    id="leak-catboost-eval-set-test-use-best-model",
    style="sklearn",
    description="A CatBoost classifier for loan default is fitted with `eval_set=(X_test, y_test)` and `early_stopping_rounds=100`; CatBoost's use_best_model (on by default with an eval_set) keeps the iteration with the best test loss, and the test AUC of that model is then reported.",
    files={
        "default_model.py": r'''
import json

import pandas as pd
from catboost import CatBoostClassifier, Pool
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

CAT_COLS = ["grade", "home_ownership", "purpose", "addr_state"]


def main():
    df = pd.read_csv("data/loans.csv")
    y = df.pop("default")
    X_train, X_test, y_train, y_test = train_test_split(df, y, test_size=0.25, stratify=y, random_state=42)
    model = CatBoostClassifier(iterations=3000, learning_rate=0.05, depth=6, eval_metric="AUC", random_seed=42, verbose=200)
    model.fit(Pool(X_train, y_train, cat_features=CAT_COLS),
              eval_set=Pool(X_test, y_test, cat_features=CAT_COLS),
              early_stopping_rounds=100)
    auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
    with open("results/catboost.json", "w") as fh:
        json.dump({"model": "catboost", "best_iteration": model.get_best_iteration(), "seed": 42, "test_auc": auc}, fh)


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="default_model.py", find="eval_set=Pool(X_test, y_test, cat_features=CAT_COLS),",
                 category="LEAK-SELECT", why="early stopping and the best iteration are chosen on the test pool, whose AUC is then reported")],
)
SPECS.append(L7)

# L8 several clips per speaker split by clip with StratifiedKFold
L8 = dict(
    id="leak-speaker-clips-stratified-kfold-by-clip",
    style="sklearn",
    description="Speaker-independent keyword spotting is claimed, but the cross-validation uses StratifiedKFold over clips; each speaker recorded ~30 clips, so the same voices are in training and test folds. The metadata has a speaker_id column that is never used as groups.",
    files={
        "kws/cv.py": r'''
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold


def main():
    meta = pd.read_csv("data/clips.csv")
    X = np.load("data/logmel_stats.npy")
    y = meta["keyword"].to_numpy()
    speakers = meta["speaker_id"].to_numpy()
    print(f"{len(meta)} clips from {len(np.unique(speakers))} speakers")
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    scores = []
    for fold, (tr, te) in enumerate(skf.split(X, y)):
        clf = RandomForestClassifier(n_estimators=500, random_state=fold, n_jobs=-1).fit(X[tr], y[tr])
        scores.append(f1_score(y[te], clf.predict(X[te]), average="macro"))
    print(f"speaker-independent macro F1: {np.mean(scores):.3f} +/- {np.std(scores):.3f}")


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="kws/cv.py", find="for fold, (tr, te) in enumerate(skf.split(X, y)):",
                 category="LEAK-SPLIT", why="clips of the same speaker fall in training and test folds; speaker_id is never used as groups",
                 )],
    also_ok=[dict(file="kws/cv.py", find="skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)", category="LEAK-SPLIT")],
)
SPECS.append(L8)
