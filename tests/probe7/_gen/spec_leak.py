from make import twin

L1 = {
    "id": "leak-custom-transformer-package",
    "style": "sklearn",
    "description": "Churn prediction as a small package run with `python -m churnlab.train`. features.py defines a custom RobustZ transformer and build_features() fits it on the whole customer table; split.py splits afterwards, so the test rows' medians and IQRs are in the training features.",
    "files": {
        "churnlab/__init__.py": "",
        "churnlab/features.py": '''
import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

NUM_COLS = ["tenure_months", "monthly_charges", "total_charges", "support_calls"]


class RobustZ(BaseEstimator, TransformerMixin):
    def fit(self, X, y=None):
        X = np.asarray(X, dtype=float)
        self.median_ = np.nanmedian(X, axis=0)
        q75, q25 = np.nanpercentile(X, [75, 25], axis=0)
        self.iqr_ = np.where(q75 - q25 == 0, 1.0, q75 - q25)
        return self

    def transform(self, X):
        return (np.asarray(X, dtype=float) - self.median_) / self.iqr_


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.get_dummies(df[["contract", "payment_method"]], dtype=float)
    out[NUM_COLS] = RobustZ().fit_transform(df[NUM_COLS])  ⟪LEAK-PREPROC|the scaler is fit on every customer before split.py makes the test set⟫
    return out
''',
        "churnlab/split.py": '''
from sklearn.model_selection import train_test_split


def holdout(X, y, frac=0.2):
    return train_test_split(X, y, test_size=frac, stratify=y, random_state=42)
''',
        "churnlab/train.py": '''
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score

from .features import build_features
from .split import holdout


def main():
    df = pd.read_csv("data/telco_churn.csv")
    X, y = build_features(df), df["churned"].astype(int)
    X_tr, X_te, y_tr, y_te = holdout(X, y)
    clf = HistGradientBoostingClassifier(max_iter=300, random_state=0).fit(X_tr, y_tr)
    print(f"test AUC {roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]):.4f}")


if __name__ == "__main__":
    main()
''',
    },
}

L1C = twin(L1, "leak-clean-custom-transformer-pipeline",
           "Twin of the churn package: RobustZ sits inside a ColumnTransformer in a Pipeline that is fit on the training split only.",
           {"churnlab/features.py": [
               ('''def build_features(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.get_dummies(df[["contract", "payment_method"]], dtype=float)
    out[NUM_COLS] = RobustZ().fit_transform(df[NUM_COLS])
    return out''',
                '''def build_features(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.get_dummies(df[["contract", "payment_method"]], dtype=float)
    out[NUM_COLS] = df[NUM_COLS].astype(float)
    return out''')],
            "churnlab/train.py": [
               ('from sklearn.metrics import roc_auc_score\n',
                'from sklearn.compose import ColumnTransformer\nfrom sklearn.metrics import roc_auc_score\nfrom sklearn.pipeline import make_pipeline\n'),
               ('from .features import build_features', 'from .features import NUM_COLS, RobustZ, build_features'),
               ('    clf = HistGradientBoostingClassifier(max_iter=300, random_state=0).fit(X_tr, y_tr)',
                '''    scale = ColumnTransformer([("num", RobustZ(), NUM_COLS)], remainder="passthrough")
    clf = make_pipeline(scale, HistGradientBoostingClassifier(max_iter=300, random_state=0))
    clf.fit(X_tr, y_tr)''')]})

L2 = {
    "id": "leak-numpy-ridge-lambda-on-test",
    "style": "mixed",
    "description": "A numpy-only closed-form ridge regression predicting fMRI voxel responses from language-model features. The regularisation strength is chosen by the test-set correlation inside the loop, and that same best test correlation is the reported number.",
    "files": {
        "encoding_model.py": '''
import json

import numpy as np

feats = np.load("features/gpt2_layer9_story_tr.npy")
bold = np.load("data/bold_sub01.npy")
n_train = int(0.8 * len(feats))
X_tr, X_te = feats[:n_train], feats[n_train:]
Y_tr, Y_te = bold[:n_train], bold[n_train:]


def ridge(X, Y, lam):
    d = X.shape[1]
    return np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ Y)


def voxel_corr(P, Y):
    P = (P - P.mean(0)) / P.std(0)
    Y = (Y - Y.mean(0)) / Y.std(0)
    return (P * Y).mean(0)


best_lam, best_r = None, -np.inf
for lam in np.logspace(-1, 5, 13):
    W = ridge(X_tr, Y_tr, lam)
    r = np.nanmean(voxel_corr(X_te @ W, Y_te))  ⟪LEAK-SELECT|lambda is chosen by the test-set correlation, which is then reported|+2⟫
    if r > best_r:
        best_lam, best_r = lam, r

print(f"lambda={best_lam:g}  mean voxel r={best_r:.3f}")
json.dump({"lambda": float(best_lam), "mean_r": float(best_r)}, open("results/encoding_sub01.json", "w"))  ⟪ok:RESULT-PROVENANCE|true: the saved result has no features, subject or n (added after the blind run)⟫
''',
    },
}

L3 = {
    "id": "leak-keras-checkpoint-on-test",
    "style": "mixed",
    "description": "A Keras functional-API tabular model for sepsis onset. ModelCheckpoint keeps the epoch with the best val_auc, but validation_data is the test split, so the checkpoint (and ReduceLROnPlateau) are selected on the test set that is then reported.",
    "files": {
        "sepsis_keras.py": '''
import numpy as np
from tensorflow import keras

arr = np.load("data/sepsis_windows.npz")
x_train, y_train = arr["x_train"], arr["y_train"]
x_test, y_test = arr["x_test"], arr["y_test"]

inp = keras.Input(shape=(x_train.shape[1],))
h = keras.layers.Dense(128, activation="relu")(inp)
h = keras.layers.Dropout(0.4)(h)
h = keras.layers.Dense(64, activation="relu")(h)
out = keras.layers.Dense(1, activation="sigmoid")(h)
model = keras.Model(inp, out)
model.compile("adam", "binary_crossentropy", metrics=[keras.metrics.AUC(name="auc")])

callbacks = [
    keras.callbacks.ModelCheckpoint("checkpoints/sepsis_best.keras", monitor="val_auc", mode="max",
                                    save_best_only=True),
    keras.callbacks.ReduceLROnPlateau(monitor="val_auc", mode="max", factor=0.5, patience=3),
]
model.fit(x_train, y_train, epochs=60, batch_size=256, callbacks=callbacks,
          validation_data=(x_test, y_test))  ⟪LEAK-SELECT|the checkpoint and LR schedule monitor the test split⟫

best = keras.models.load_model("checkpoints/sepsis_best.keras")
print("test AUC:", best.evaluate(x_test, y_test, return_dict=True, verbose=0)["auc"])
''',
    },
}

L4 = {
    "id": "leak-pandas-rolling-includes-target",
    "style": "mixed",
    "description": "Hour-ahead electricity load forecasting per site. The feature chain adds a 24-hour rolling mean of load_mw without shifting it, so each row's feature includes that row's own target value; the split itself is by time and is fine.",
    "files": {
        "forecast.py": '''
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error


def add_features(df):
    return (
        df.sort_values(["site", "ts"])
        .assign(
            hour=lambda d: d["ts"].dt.hour,
            dow=lambda d: d["ts"].dt.dayofweek,
            load_ma24=lambda d: d.groupby("site")["load_mw"].transform(lambda s: s.rolling(24, min_periods=1).mean()),  ⟪LEAK-TARGET|the rolling window includes the current row's load_mw, the target⟫
            temp_c=lambda d: d["temp_c"].interpolate(),
        )
    )


df = pd.read_parquet("data/site_load_hourly.parquet").pipe(add_features)
cut = df["ts"].quantile(0.8)
train, test = df.query("ts <= @cut"), df.query("ts > @cut")
FEATS = ["hour", "dow", "load_ma24", "temp_c"]
gbr = GradientBoostingRegressor(n_estimators=400, max_depth=4, random_state=0)
gbr.fit(train[FEATS], train["load_mw"])
print("MAE (MW):", mean_absolute_error(test["load_mw"], gbr.predict(test[FEATS])))
''',
    },
}

L5 = {
    "id": "leak-hf-datasets-record-split",
    "style": "mixed",
    "description": "Arrhythmia beat classification from a CSV of ECG beats (many beats per record / patient). The HF datasets pipeline filters by signal quality and then calls Dataset.train_test_split on beats, so beats from the same patient are in train and test.",
    "files": {
        "prepare.py": '''
from datasets import load_dataset

ds = load_dataset("csv", data_files="data/mitbih_beats.csv", split="train")
ds = ds.filter(lambda ex: ex["sqi"] >= 0.6)
ds = ds.map(lambda ex: {"label": int(ex["aami_class"] != "N")}, remove_columns=["aami_class"])
splits = ds.train_test_split(test_size=0.2, stratify_by_column=None, seed=7)  ⟪LEAK-SPLIT|beats are split at random though each record_id contributes hundreds of beats⟫
print({k: len(v) for k, v in splits.items()}, "records:", len(set(ds["record_id"])))
splits.save_to_disk("data/mitbih_split")
''',
        "train_cnn.py": '''
import numpy as np
import torch
import torch.nn as nn
from datasets import load_from_disk

torch.manual_seed(0)
splits = load_from_disk("data/mitbih_split").with_format("torch")
SIG = [f"s{i}" for i in range(187)]


def arrays(d):
    return torch.stack([d[c] for c in SIG], 1).float().unsqueeze(1), d["label"].float()


x_tr, y_tr = arrays(splits["train"])
x_te, y_te = arrays(splits["test"])
net = nn.Sequential(nn.Conv1d(1, 16, 7), nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(16, 1))
opt = torch.optim.Adam(net.parameters(), 1e-3)
for epoch in range(10):
    for i in torch.randperm(len(x_tr)).split(256):
        opt.zero_grad()
        nn.functional.binary_cross_entropy_with_logits(net(x_tr[i]).squeeze(1), y_tr[i]).backward()
        opt.step()
net.eval()
with torch.no_grad():
    acc = ((net(x_te).squeeze(1) > 0).float() == y_te).float().mean().item()
print(f"test accuracy {acc:.4f}")
''',
    },
}

L6 = {
    "id": "leak-fewshot-drawn-from-eval-items",
    "style": "llm-eval",
    "description": "Few-shot date-understanding eval with the Anthropic async client. The five exemplars are sampled from the same 250 items being evaluated and the loop runs over all 250, so five items are answered with their own solved example in the prompt and the others see test items as shots.",
    "files": {
        "fewshot_eval.py": '''
import asyncio
import json
import random

from anthropic import AsyncAnthropic

client = AsyncAnthropic()
items = [json.loads(l) for l in open("data/date_understanding_250.jsonl")]
rng = random.Random(1234)
shots = rng.sample(items, 5)  ⟪LEAK-PROMPT|the few-shot exemplars are drawn from the evaluated items|+1⟫
SHOT_BLOCK = "\\n\\n".join(f"Q: {s['input']}\\nA: {s['target']}" for s in shots)


async def ask(item, sem):
    async with sem:
        msg = await client.messages.create(
            model="claude-3-haiku-20240307", max_tokens=20, temperature=0,
            messages=[{"role": "user", "content": f"{SHOT_BLOCK}\\n\\nQ: {item['input']}\\nA:"}])
        return msg.content[0].text.strip()


async def main():
    sem = asyncio.Semaphore(10)
    preds = await asyncio.gather(*(ask(it, sem) for it in items))
    acc = sum(p.startswith(it["target"]) for p, it in zip(preds, items)) / len(items)
    print(f"5-shot accuracy: {acc:.3f} (n={len(items)})")


asyncio.run(main())
''',
    },
}

L6C = twin(L6, "leak-clean-fewshot-from-dev-file",
           "Twin of the few-shot eval: the exemplars are sampled from a separate dev file that shares no items with the evaluated set.",
           {"fewshot_eval.py": [("shots = rng.sample(items, 5)",
                                 'dev = [json.loads(l) for l in open("data/date_understanding_dev.jsonl")]\nshots = rng.sample(dev, 5)')]})

CASES = [L1, L1C, L2, L3, L4, L5, L6, L6C]
