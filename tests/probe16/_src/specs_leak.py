from twin import twin

SPECS = []

# L1 PCA + UMAP fit on all cells in a src/ package module; the split is in another module
L1 = dict(
    id="leak-src-package-pca-umap-before-split",
    style="sklearn",
    description="Single-cell type classification in a src/ package. `embed.reduce` fits PCA and then UMAP on the expression matrix of every cell, test cells included, and `train.py` splits the reduced matrix afterwards through a relative import. Both projections have been fit with the test cells.",
    files={
        "src/cellclf/__init__.py": "",
        "src/cellclf/embed.py": r'''
import numpy as np
import umap
from sklearn.decomposition import PCA


def reduce(expr: np.ndarray, n_pcs: int = 50, n_umap: int = 10, seed: int = 0) -> np.ndarray:
    pcs = PCA(n_components=n_pcs, random_state=seed).fit_transform(np.log1p(expr))
    return umap.UMAP(n_components=n_umap, n_neighbors=30, random_state=seed).fit_transform(pcs)
''',
        "src/cellclf/train.py": r'''
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

from .embed import reduce


def main():
    expr = np.load("data/expr.npy")
    meta = pd.read_csv("data/cells.csv")
    Z = reduce(expr)
    Z_tr, Z_te, y_tr, y_te = train_test_split(Z, meta["cell_type"], test_size=0.25,
                                              stratify=meta["cell_type"], random_state=0)
    clf = RandomForestClassifier(n_estimators=500, random_state=0).fit(Z_tr, y_tr)
    print("macro F1", f1_score(y_te, clf.predict(Z_te), average="macro"))


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="src/cellclf/embed.py", find="pcs = PCA(n_components=n_pcs, random_state=seed).fit_transform(np.log1p(expr))",
                 end_find="return umap.UMAP(", category="LEAK-PREPROC",
                 why="PCA and UMAP are fit on all cells before the split in train.py")],
)
SPECS.append(L1)
SPECS.append(twin(L1, "leak-src-package-pca-umap-train-only-clean",
    "Clean twin: the split comes first; PCA and UMAP are fit on the training cells and applied to the test cells.",
    {"src/cellclf/embed.py": [
        ("def reduce(expr: np.ndarray, n_pcs: int = 50, n_umap: int = 10, seed: int = 0) -> np.ndarray:\n    pcs = PCA(n_components=n_pcs, random_state=seed).fit_transform(np.log1p(expr))\n    return umap.UMAP(n_components=n_umap, n_neighbors=30, random_state=seed).fit_transform(pcs)",
         "def reduce(expr_tr: np.ndarray, expr_te: np.ndarray, n_pcs: int = 50, n_umap: int = 10, seed: int = 0):\n    pca = PCA(n_components=n_pcs, random_state=seed).fit(np.log1p(expr_tr))\n    red = umap.UMAP(n_components=n_umap, n_neighbors=30, random_state=seed).fit(pca.transform(np.log1p(expr_tr)))\n    return red.transform(pca.transform(np.log1p(expr_tr))), red.transform(pca.transform(np.log1p(expr_te)))")],
     "src/cellclf/train.py": [
        ("    Z = reduce(expr)\n    Z_tr, Z_te, y_tr, y_te = train_test_split(Z, meta[\"cell_type\"], test_size=0.25,\n                                              stratify=meta[\"cell_type\"], random_state=0)",
         "    e_tr, e_te, y_tr, y_te = train_test_split(expr, meta[\"cell_type\"], test_size=0.25,\n                                              stratify=meta[\"cell_type\"], random_state=0)\n    Z_tr, Z_te = reduce(e_tr, e_te)")]}))

# L2 XGBoost native API: early stopping on the test DMatrix
L2 = dict(
    id="leak-xgboost-native-early-stopping-on-dtest",
    style="sklearn",
    description="Credit default with the native XGBoost API. `xgb.train` stops early on the evals list whose last entry is the test DMatrix (early stopping watches the last one), and the AUC of the best iteration on that same DMatrix is reported.",
    files={
        "train_xgb.py": r'''
import json

import pandas as pd
import xgboost as xgb
from sklearn.metrics import roc_auc_score

train = pd.read_parquet("data/train.parquet")
test = pd.read_parquet("data/test.parquet")
FEATS = [c for c in train.columns if c not in ("default", "loan_id")]

dtrain = xgb.DMatrix(train[FEATS], label=train["default"])
dtest = xgb.DMatrix(test[FEATS], label=test["default"])

params = {"objective": "binary:logistic", "eval_metric": "auc", "eta": 0.03, "max_depth": 6,
          "subsample": 0.8, "colsample_bytree": 0.8, "seed": 42}
booster = xgb.train(params, dtrain, num_boost_round=5000,
                    evals=[(dtrain, "train"), (dtest, "test")],
                    early_stopping_rounds=100, verbose_eval=200)

p = booster.predict(dtest, iteration_range=(0, booster.best_iteration + 1))
auc = roc_auc_score(test["default"], p)
json.dump({"auc": auc, "best_iteration": booster.best_iteration, "params": params}, open("results/xgb.json", "w"))
''',
    },
    labels=[dict(file="train_xgb.py", find='evals=[(dtrain, "train"), (dtest, "test")],', category="LEAK-SELECT",
                 why="the number of boosting rounds is chosen by early stopping on the test set, whose AUC is then reported")],
)
SPECS.append(L2)
SPECS.append(twin(L2, "leak-xgboost-native-early-stopping-on-dvalid-clean",
    "Clean twin: a validation split of the training rows drives early stopping; the test set is only predicted.",
    {"train_xgb.py": [
        ("from sklearn.metrics import roc_auc_score\n", "from sklearn.metrics import roc_auc_score\nfrom sklearn.model_selection import train_test_split\n"),
        ("dtrain = xgb.DMatrix(train[FEATS], label=train[\"default\"])",
         "fit, valid = train_test_split(train, test_size=0.15, stratify=train[\"default\"], random_state=42)\ndtrain = xgb.DMatrix(fit[FEATS], label=fit[\"default\"])\ndvalid = xgb.DMatrix(valid[FEATS], label=valid[\"default\"])"),
        ('evals=[(dtrain, "train"), (dtest, "test")],', 'evals=[(dtrain, "train"), (dvalid, "valid")],')]}))

# L3 medical imaging: slices of the same patient split by StratifiedKFold
L3 = dict(
    id="leak-mri-slices-stratifiedkfold-not-by-patient",
    style="torch",
    description="Tumour classification on 2D MRI slices (several dozen slices per patient, listed in slices.csv with patient_id). Five-fold cross-validation uses StratifiedKFold over slices, so slices of one patient sit in the training and validation folds of the same split.",
    files={
        "cv.py": r'''
import numpy as np
import pandas as pd
import torch
from monai.data import DataLoader, Dataset
from monai.networks.nets import DenseNet121
from monai.transforms import Compose, EnsureChannelFirstd, LoadImaged, ScaleIntensityd
from sklearn.model_selection import StratifiedKFold

from train_utils import evaluate, train_one_epoch

torch.manual_seed(0)
df = pd.read_csv("data/slices.csv")          # path, patient_id, label
tf = Compose([LoadImaged(keys="img"), EnsureChannelFirstd(keys="img"), ScaleIntensityd(keys="img")])
items = [{"img": p, "label": l} for p, l in zip(df["path"], df["label"])]

skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
aucs = []
for fold, (tr, va) in enumerate(skf.split(df, df["label"])):
    model = DenseNet121(spatial_dims=2, in_channels=1, out_channels=2)
    opt = torch.optim.Adam(model.parameters(), 1e-4)
    tr_dl = DataLoader(Dataset([items[i] for i in tr], tf), batch_size=32, shuffle=True)
    va_dl = DataLoader(Dataset([items[i] for i in va], tf), batch_size=64)
    for epoch in range(20):
        train_one_epoch(model, tr_dl, opt)
    aucs.append(evaluate(model, va_dl))
print(f"AUC {np.mean(aucs):.3f} +- {np.std(aucs):.3f}")
''',
        "train_utils.py": r'''
import torch
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score


def train_one_epoch(model, loader, opt):
    model.train()
    for batch in loader:
        opt.zero_grad()
        loss = F.cross_entropy(model(batch["img"]), batch["label"])
        loss.backward()
        opt.step()


@torch.no_grad()
def evaluate(model, loader):
    model.eval()
    ys, ps = [], []
    for batch in loader:
        ps.append(model(batch["img"]).softmax(-1)[:, 1])
        ys.append(batch["label"])
    return roc_auc_score(torch.cat(ys).numpy(), torch.cat(ps).numpy())
''',
    },
    labels=[dict(file="cv.py", find='for fold, (tr, va) in enumerate(skf.split(df, df["label"])):', category="LEAK-SPLIT",
                 why="slices of the same patient land in both training and validation folds; the split ignores patient_id")],
    also_ok=[dict(file="cv.py", find="skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)", category="LEAK-SPLIT")],
)
SPECS.append(L3)
SPECS.append(twin(L3, "leak-mri-slices-stratifiedgroupkfold-by-patient-clean",
    "Clean twin: StratifiedGroupKFold with the patient as the group.",
    {"cv.py": [
        ("from sklearn.model_selection import StratifiedKFold", "from sklearn.model_selection import StratifiedGroupKFold"),
        ("skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)", "skf = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=0)"),
        ('enumerate(skf.split(df, df["label"])):', 'enumerate(skf.split(df, df["label"], groups=df["patient_id"])):')]}))

# L4 RandomizedSearchCV fit on all rows, then the best estimator scored on a test part of them
L4 = dict(
    id="leak-randomizedsearch-on-all-rows-then-test",
    style="sklearn",
    description="A RandomizedSearchCV over an SVM pipeline is fit on the full X, y; the test split is made afterwards from the same rows and the refit best estimator (trained on all rows, test included) is scored on it.",
    files={
        "tune_svm.py": r'''
import numpy as np
import pandas as pd
from scipy.stats import loguniform
from sklearn.metrics import accuracy_score
from sklearn.model_selection import RandomizedSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

df = pd.read_csv("data/wine_quality.csv")
X, y = df.drop(columns="quality_label").values, df["quality_label"].values

pipe = make_pipeline(StandardScaler(), SVC())
search = RandomizedSearchCV(pipe, {"svc__C": loguniform(1e-2, 1e3), "svc__gamma": loguniform(1e-4, 1e0)},
                            n_iter=60, cv=5, random_state=0, n_jobs=-1)
search.fit(X, y)

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
print("best params", search.best_params_)
print("test accuracy", accuracy_score(y_te, search.best_estimator_.predict(X_te)))
''',
    },
    labels=[dict(file="tune_svm.py", find="search.fit(X, y)", category="LEAK-SELECT",
                 why="hyperparameters are searched and the best model refit on all rows, including the test rows it is then scored on")],
    also_ok=[dict(file="tune_svm.py", find='print("test accuracy", accuracy_score(y_te, search.best_estimator_.predict(X_te)))', category="EVAL-TRAIN"),
             dict(file="tune_svm.py", find="X_tr, X_te, y_tr, y_te = train_test_split(", category="LEAK-OVERLAP")],
)
SPECS.append(L4)
SPECS.append(twin(L4, "leak-randomizedsearch-on-train-then-test-clean",
    "Clean twin: split first, search on the training rows only.",
    {"tune_svm.py": [
        ("search.fit(X, y)\n\nX_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)\n",
         "X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)\nsearch.fit(X_tr, y_tr)\n")]}))

# L5 implicit ALS leave-one-out: the held-out item is left in the training matrix
L5 = dict(
    id="leak-implicit-als-leave-one-out-item-still-in-matrix",
    style="mixed",
    description="Leave-one-out evaluation of an implicit ALS recommender: for each user the last interaction is the test item, but the user-item matrix the model is fit on is built from every interaction, so the held-out items are in training. HR@10 is reported.",
    files={
        "recsys/loo.py": r'''
import numpy as np
import pandas as pd
import scipy.sparse as sp
from implicit.als import AlternatingLeastSquares

events = pd.read_csv("data/plays.csv").sort_values(["user_idx", "ts"])   # user_idx, item_idx, ts
test = events.groupby("user_idx").tail(1)

n_users, n_items = events.user_idx.max() + 1, events.item_idx.max() + 1
ui = sp.csr_matrix((np.ones(len(events)), (events.user_idx, events.item_idx)), shape=(n_users, n_items))

model = AlternatingLeastSquares(factors=128, regularization=0.05, iterations=20, random_state=7)
model.fit(ui)

users = test.user_idx.to_numpy()
ids, _ = model.recommend(users, ui[users], N=10, filter_already_liked_items=False)
hits = [t in row for t, row in zip(test.item_idx.to_numpy(), ids)]
print(f"HR@10 = {np.mean(hits):.4f} over {len(users)} users")
''',
    },
    labels=[dict(file="recsys/loo.py", find="ui = sp.csr_matrix((np.ones(len(events)), (events.user_idx, events.item_idx)), shape=(n_users, n_items))",
                 category="LEAK-OVERLAP", why="the training matrix is built from all events, including each user's held-out test item")],
)
SPECS.append(L5)
SPECS.append(twin(L5, "leak-implicit-als-leave-one-out-item-removed-clean",
    "Clean twin: the training matrix is built from the events without each user's last interaction.",
    {"recsys/loo.py": [
        ("test = events.groupby(\"user_idx\").tail(1)\n", "test = events.groupby(\"user_idx\").tail(1)\ntrain = events.drop(test.index)\n"),
        ("ui = sp.csr_matrix((np.ones(len(events)), (events.user_idx, events.item_idx)), shape=(n_users, n_items))",
         "ui = sp.csr_matrix((np.ones(len(train)), (train.user_idx, train.item_idx)), shape=(n_users, n_items))")]}))

# L6 networkx link prediction: node features from the full graph before removing test edges
L6 = dict(
    id="leak-networkx-link-prediction-features-full-graph",
    style="sklearn",
    description="Link prediction on a co-authorship graph with networkx: Jaccard and Adamic-Adar scores are computed on the full graph, then 10% of edges are sampled as test positives. The test edges are present in the graph the features were computed on (their endpoints' neighbourhoods include each other).",
    files={
        "linkpred.py": r'''
import random

import networkx as nx
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

random.seed(3)
G = nx.read_edgelist("data/coauthor.edgelist", nodetype=int)
nodes = list(G.nodes())
pos = list(G.edges())
neg = []
while len(neg) < len(pos):
    u, v = random.sample(nodes, 2)
    if not G.has_edge(u, v):
        neg.append((u, v))

pairs = pos + neg
labels = np.r_[np.ones(len(pos)), np.zeros(len(neg))]
jac = {(u, v): s for u, v, s in nx.jaccard_coefficient(G, pairs)}
aa = {(u, v): s for u, v, s in nx.adamic_adar_index(G, pairs)}
X = np.array([[jac[p], aa[p], G.degree(p[0]) * G.degree(p[1])] for p in pairs])

idx = np.random.RandomState(3).permutation(len(pairs))
cut = int(0.9 * len(pairs))
tr, te = idx[:cut], idx[cut:]
clf = LogisticRegression(max_iter=1000).fit(X[tr], labels[tr])
print("link prediction AUC", roc_auc_score(labels[te], clf.predict_proba(X[te])[:, 1]))
''',
    },
    labels=[dict(file="linkpred.py", find="jac = {(u, v): s for u, v, s in nx.jaccard_coefficient(G, pairs)}",
                 end_find="aa = {(u, v): s", category="LEAK-OVERLAP",
                 why="the neighbourhood features are computed on the graph that still contains the test edges")],
)
SPECS.append(L6)

# L7 KFold(shuffle=True) on time-ordered sensor windows
L7 = dict(
    id="leak-kfold-shuffle-time-ordered-load-forecast",
    style="sklearn",
    description="Hourly electricity load forecasting with lag and calendar features: 5-fold KFold with shuffle=True over time-ordered hours, so each validation hour has training hours on both sides of it. TimeSeriesSplit was intended (the README says 'forecast').",
    files={
        "forecast_cv.py": r'''
import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import KFold

df = pd.read_parquet("data/load_hourly.parquet").sort_values("timestamp")
for lag in (1, 2, 24, 168):
    df[f"lag_{lag}"] = df["load_mw"].shift(lag)
df["hour"] = df.timestamp.dt.hour
df["dow"] = df.timestamp.dt.dayofweek
df = df.dropna()
FEATS = [c for c in df.columns if c.startswith("lag_")] + ["hour", "dow", "temp_c"]

maes = []
for tr, va in KFold(n_splits=5, shuffle=True, random_state=1).split(df):
    m = lgb.LGBMRegressor(n_estimators=800, learning_rate=0.05, random_state=1)
    m.fit(df.iloc[tr][FEATS], df.iloc[tr]["load_mw"])
    maes.append(mean_absolute_error(df.iloc[va]["load_mw"], m.predict(df.iloc[va][FEATS])))
print(f"CV MAE {np.mean(maes):.1f} MW")
''',
        "README.md": "# Day-ahead load forecast\n\nLightGBM on lagged load; cross-validated MAE in `forecast_cv.py`.\n",
    },
    labels=[dict(file="forecast_cv.py", find="for tr, va in KFold(n_splits=5, shuffle=True, random_state=1).split(df):", category="LEAK-SPLIT",
                 why="shuffled K-fold on hourly time series: validation hours are interpolated from their neighbours")],
    also_ok=[dict(file="forecast_cv.py", find="df = df.dropna()", category="DATA-DROP")],
)
SPECS.append(L7)
SPECS.append(twin(L7, "leak-timeseriessplit-load-forecast-clean",
    "Clean twin: TimeSeriesSplit with a gap of a week.",
    {"forecast_cv.py": [
        ("from sklearn.model_selection import KFold", "from sklearn.model_selection import TimeSeriesSplit"),
        ("KFold(n_splits=5, shuffle=True, random_state=1).split(df)", "TimeSeriesSplit(n_splits=5, gap=168).split(df)")]}))

# L8 few-shot examples drawn from the evaluation items (inspect-style dataset prep)
L8 = dict(
    id="leak-fewshot-drawn-from-eval-items",
    style="llm-eval",
    description="Few-shot prompting for a legal-entailment benchmark: the five demonstrations are sampled from the same test file that is then evaluated in full, so each demonstration item is also scored with its own gold answer in the prompt.",
    files={
        "fewshot_eval.py": r'''
import json
import random

from openai import OpenAI

client = OpenAI()
random.seed(1234)
test = [json.loads(l) for l in open("data/contractnli_test.jsonl")]
shots = random.sample(test, 5)

def render(ex, with_label):
    s = f"Premise: {ex['premise']}\nHypothesis: {ex['hypothesis']}\nLabel:"
    return s + (f" {ex['label']}\n\n" if with_label else "")

prefix = "".join(render(s, True) for s in shots)
correct = 0
for ex in test:
    out = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=3,
                                         messages=[{"role": "user", "content": prefix + render(ex, False)}])
    correct += out.choices[0].message.content.strip().lower() == ex["label"]
json.dump({"model": "gpt-4o-mini", "shots": 5, "n": len(test), "acc": correct / len(test)},
          open("results/fewshot.json", "w"))
''',
    },
    labels=[dict(file="fewshot_eval.py", find="shots = random.sample(test, 5)", category="LEAK-PROMPT",
                 why="demonstrations are drawn from the evaluated test items, with their gold labels")],
)
SPECS.append(L8)
SPECS.append(twin(L8, "leak-fewshot-drawn-from-train-items-clean",
    "Clean twin: the demonstrations come from the training file.",
    {"fewshot_eval.py": [
        ("shots = random.sample(test, 5)",
         "train = [json.loads(l) for l in open(\"data/contractnli_train.jsonl\")]\nshots = random.sample(train, 5)")]}))

# L9 Optuna objective returns the test accuracy
L9 = dict(
    id="leak-optuna-objective-on-test-loader",
    style="torch",
    description="An Optuna study tunes learning rate, width and dropout of a PyTorch MLP; the objective trains on the training loader and returns the accuracy on the test loader, and the best trial's value is reported as the test accuracy.",
    files={
        "tune.py": r'''
import json

import optuna
import torch
import torch.nn as nn

from data import make_loaders

torch.manual_seed(0)
train_dl, val_dl, test_dl = make_loaders(batch_size=128, seed=0)


def accuracy(model, loader):
    model.eval()
    correct = n = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(1) == y).sum().item()
            n += len(y)
    return correct / n


def objective(trial):
    width = trial.suggest_int("width", 64, 1024, log=True)
    p = trial.suggest_float("dropout", 0.0, 0.5)
    lr = trial.suggest_float("lr", 1e-4, 1e-2, log=True)
    model = nn.Sequential(nn.Linear(54, width), nn.ReLU(), nn.Dropout(p), nn.Linear(width, 7))
    opt = torch.optim.AdamW(model.parameters(), lr=lr)
    for _ in range(15):
        model.train()
        for x, y in train_dl:
            opt.zero_grad()
            nn.functional.cross_entropy(model(x), y).backward()
            opt.step()
    return accuracy(model, test_dl)


study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
study.optimize(objective, n_trials=50)
json.dump({"best_params": study.best_params, "test_acc": study.best_value}, open("results/optuna.json", "w"))
''',
        "data.py": r'''
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset


def make_loaders(batch_size, seed):
    d = np.load("data/covtype_splits.npz")
    mk = lambda a, b: TensorDataset(torch.tensor(d[a], dtype=torch.float32), torch.tensor(d[b]))
    g = torch.Generator().manual_seed(seed)
    return (DataLoader(mk("X_train", "y_train"), batch_size, shuffle=True, generator=g),
            DataLoader(mk("X_val", "y_val"), batch_size),
            DataLoader(mk("X_test", "y_test"), batch_size))
''',
    },
    labels=[dict(file="tune.py", find="return accuracy(model, test_dl)", category="LEAK-SELECT",
                 why="the Optuna objective is the test accuracy, and the best trial's value is reported as test accuracy")],
)
SPECS.append(L9)
SPECS.append(twin(L9, "leak-optuna-objective-on-val-loader-clean",
    "Clean twin: the objective is the validation accuracy; the best configuration is retrained and tested once.",
    {"tune.py": [
        ("    model = nn.Sequential(nn.Linear(54, width), nn.ReLU(), nn.Dropout(p), nn.Linear(width, 7))\n    opt = torch.optim.AdamW(model.parameters(), lr=lr)\n    for _ in range(15):\n        model.train()\n        for x, y in train_dl:\n            opt.zero_grad()\n            nn.functional.cross_entropy(model(x), y).backward()\n            opt.step()\n    return accuracy(model, test_dl)",
         "    return accuracy(fit(width, p, lr), val_dl)\n\n\ndef fit(width, p, lr):\n    model = nn.Sequential(nn.Linear(54, width), nn.ReLU(), nn.Dropout(p), nn.Linear(width, 7))\n    opt = torch.optim.AdamW(model.parameters(), lr=lr)\n    for _ in range(15):\n        model.train()\n        for x, y in train_dl:\n            opt.zero_grad()\n            nn.functional.cross_entropy(model(x), y).backward()\n            opt.step()\n    return model"),
        ('json.dump({"best_params": study.best_params, "test_acc": study.best_value}, open("results/optuna.json", "w"))',
         'best = fit(**study.best_params)\njson.dump({"best_params": study.best_params, "val_acc": study.best_value, "test_acc": accuracy(best, test_dl)},\n          open("results/optuna.json", "w"))')]}))

# L10 speech: random_split over utterances of the same speakers
L10 = dict(
    id="leak-speech-random-split-utterances-same-speakers",
    style="torch",
    description="Emotion recognition on a corpus of ~10 speakers with hundreds of utterances each (the speaker id is the filename prefix, e.g. `spk03_happy_0142.wav`). The train/test split is torch's random_split over utterances, so every test speaker is also a training speaker.",
    files={
        "ser/data.py": r'''
import os

import torch
import torchaudio
from torch.utils.data import Dataset, random_split

EMOTIONS = ["neutral", "happy", "sad", "angry"]


class Utterances(Dataset):
    def __init__(self, root):
        self.files = sorted(f for f in os.listdir(root) if f.endswith(".wav"))
        self.root = root
        self.fbank = torchaudio.transforms.MelSpectrogram(16000, n_mels=64)

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        f = self.files[i]
        speaker, emotion, _ = f[:-4].split("_")
        wav, _ = torchaudio.load(os.path.join(self.root, f))
        return self.fbank(wav).log1p().squeeze(0), EMOTIONS.index(emotion)


def splits(root, seed=0):
    ds = Utterances(root)
    n_test = len(ds) // 5
    return random_split(ds, [len(ds) - n_test, n_test], generator=torch.Generator().manual_seed(seed))
''',
        "ser/train.py": r'''
import torch
from torch.utils.data import DataLoader

from ser.data import splits
from ser.model import CRNN, fit, test_accuracy

torch.manual_seed(0)
train_ds, test_ds = splits("data/wav")
model = CRNN(n_classes=4)
fit(model, DataLoader(train_ds, batch_size=32, shuffle=True), epochs=30)
print("test UA", test_accuracy(model, DataLoader(test_ds, batch_size=64)))
''',
    },
    labels=[dict(file="ser/data.py", find="return random_split(ds, [len(ds) - n_test, n_test], generator=torch.Generator().manual_seed(seed))",
                 category="LEAK-SPLIT", why="utterances are split at random while each speaker has hundreds of them: test speakers are seen in training")],
)
SPECS.append(L10)

# L11 TF2: Normalization layer adapted on every example before the split
L11 = dict(
    id="leak-tf-normalization-adapt-full-data",
    style="mixed",
    description="A TensorFlow 2 custom training loop with GradientTape. A `tf.keras.layers.Normalization` layer is adapted on the whole feature matrix before `train_test_split`; its mean and variance include the test rows.",
    files={
        "tf_train.py": r'''
import numpy as np
import tensorflow as tf
from sklearn.model_selection import train_test_split

tf.random.set_seed(0)
data = np.load("data/higgs_subset.npz")
X, y = data["X"].astype("float32"), data["y"].astype("int32")

norm = tf.keras.layers.Normalization()
norm.adapt(X)

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
model = tf.keras.Sequential([norm, tf.keras.layers.Dense(256, activation="relu"),
                             tf.keras.layers.Dense(256, activation="relu"), tf.keras.layers.Dense(2)])
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
opt = tf.keras.optimizers.Adam(1e-3)
ds = tf.data.Dataset.from_tensor_slices((X_tr, y_tr)).shuffle(10000, seed=0).batch(512)


@tf.function
def step(x, t):
    with tf.GradientTape() as tape:
        loss = loss_fn(t, model(x, training=True))
    opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    return loss


for epoch in range(10):
    for xb, yb in ds:
        step(xb, yb)
acc = tf.keras.metrics.SparseCategoricalAccuracy()
acc.update_state(y_te, model(X_te, training=False))
print("test accuracy", float(acc.result()))
''',
    },
    labels=[dict(file="tf_train.py", find="norm.adapt(X)", category="LEAK-PREPROC",
                 why="the normalisation statistics are adapted on all rows before the split")],
)
SPECS.append(L11)
