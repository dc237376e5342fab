from twin import twin

SPECS = []

# L1 mne EEG: epochs of all subjects cross-validated with a shuffled KFold; subject groups built and unused
L1 = dict(
    id="leak-mne-epochs-kfold-across-subjects",
    style="mixed",
    description="Motor-imagery decoding with MNE and a CSP + LDA pipeline. Epochs from 20 subjects are concatenated and scored with `cross_val_score(..., cv=KFold(5, shuffle=True))`: epochs of the same subject land in train and test folds, so the accuracy measures within-subject recognition while the README claims cross-subject generalisation. The subject ids are collected in `groups` but never passed.",
    files={
        "decode/cross_subject.py": r'''
import mne
import numpy as np
from mne.datasets import eegbci
from mne.decoding import CSP
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline

SUBJECTS = range(1, 21)
RUNS = [6, 10, 14]

X_all, y_all, groups = [], [], []
for subj in SUBJECTS:
    raws = [mne.io.read_raw_edf(f, preload=True) for f in eegbci.load_data(subj, RUNS)]
    raw = mne.concatenate_raws(raws)
    eegbci.standardize(raw)
    raw.filter(7.0, 30.0, fir_design="firwin")
    events, _ = mne.events_from_annotations(raw, event_id=dict(T1=2, T2=3))
    epochs = mne.Epochs(raw, events, dict(hands=2, feet=3), tmin=1.0, tmax=2.0, baseline=None, preload=True)
    X_all.append(epochs.get_data(copy=False))
    y_all.append(epochs.events[:, -1])
    groups.append(np.full(len(epochs), subj))

X = np.concatenate(X_all)
y = np.concatenate(y_all)
groups = np.concatenate(groups)

clf = make_pipeline(CSP(n_components=4, reg=None, log=True), LinearDiscriminantAnalysis())
scores = cross_val_score(clf, X, y, cv=KFold(5, shuffle=True, random_state=42))
print(f"cross-subject accuracy {scores.mean():.3f} +/- {scores.std():.3f}")
''',
    },
    labels=[dict(file="decode/cross_subject.py", find="scores = cross_val_score(clf, X, y, cv=KFold(5, shuffle=True, random_state=42))",
                 category="LEAK-SPLIT", why="epochs of one subject land in both train and test folds; groups are built but not used")],
)
SPECS.append(L1)
SPECS.append(twin(L1, "leak-mne-epochs-group-kfold-clean",
    "Clean twin: GroupKFold over the subject ids.",
    {"decode/cross_subject.py": [
        ("from sklearn.model_selection import KFold, cross_val_score", "from sklearn.model_selection import GroupKFold, cross_val_score"),
        ("scores = cross_val_score(clf, X, y, cv=KFold(5, shuffle=True, random_state=42))",
         "scores = cross_val_score(clf, X, y, groups=groups, cv=GroupKFold(5))")]}))

# L2 ColumnTransformer fit_transform on the whole frame in one module, split in another
L2 = dict(
    id="leak-columntransformer-fit-before-split-other-module",
    style="sklearn",
    description="Loan default prediction. `features.py` builds a ColumnTransformer (median imputer + scaler for numeric, one-hot for categorical) and calls `fit_transform` on the whole applications table; `train.py` imports the transformed matrix and only then splits into train and test, so the imputation medians and scaling statistics are computed with the test rows.",
    files={
        "loans/features.py": r'''
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["income", "loan_amount", "term_months", "dti", "credit_history_years"]
CATEGORICAL = ["purpose", "home_ownership", "state"]


def build_matrix(path="data/applications.csv"):
    apps = pd.read_csv(path)
    pre = ColumnTransformer([
        ("num", Pipeline([("imp", SimpleImputer(strategy="median")), ("sc", StandardScaler())]), NUMERIC),
        ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
    ])
    X = pre.fit_transform(apps[NUMERIC + CATEGORICAL])
    return X, apps["defaulted"].to_numpy()
''',
        "loans/train.py": r'''
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from loans.features import build_matrix

X, y = build_matrix()
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
clf = HistGradientBoostingClassifier(max_iter=300, random_state=0).fit(X_tr.toarray(), y_tr)
print("test AUC", round(roc_auc_score(y_te, clf.predict_proba(X_te.toarray())[:, 1]), 4))
''',
    },
    labels=[dict(file="loans/features.py", find="X = pre.fit_transform(apps[NUMERIC + CATEGORICAL])",
                 category="LEAK-PREPROC", why="imputer/scaler/encoder fit on every row; the split happens later in train.py")],
)
SPECS.append(L2)
SPECS.append(twin(L2, "leak-columntransformer-in-pipeline-after-split-clean",
    "Clean twin: features.py returns the unfitted ColumnTransformer and the raw frame; train.py splits first and fits the transformer inside a Pipeline on the training rows.",
    {"loans/features.py": [
        ("def build_matrix(path=\"data/applications.csv\"):", "def load(path=\"data/applications.csv\"):"),
        ("    X = pre.fit_transform(apps[NUMERIC + CATEGORICAL])\n    return X, apps[\"defaulted\"].to_numpy()",
         "    return pre, apps[NUMERIC + CATEGORICAL], apps[\"defaulted\"].to_numpy()")],
     "loans/train.py": [
        ("from sklearn.model_selection import train_test_split\n", "from sklearn.model_selection import train_test_split\nfrom sklearn.pipeline import make_pipeline\n"),
        ("from loans.features import build_matrix", "from loans.features import load"),
        ("X, y = build_matrix()", "pre, X, y = load()"),
        ("clf = HistGradientBoostingClassifier(max_iter=300, random_state=0).fit(X_tr.toarray(), y_tr)\nprint(\"test AUC\", round(roc_auc_score(y_te, clf.predict_proba(X_te.toarray())[:, 1]), 4))",
         "clf = make_pipeline(pre, HistGradientBoostingClassifier(max_iter=300, random_state=0)).fit(X_tr, y_tr)\nprint(\"test AUC\", round(roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]), 4))")]}))

# L3 xarray: anomalies standardised with the mean/std over the whole record before the year split
L3 = dict(
    id="leak-xarray-climatology-whole-record",
    style="mixed",
    description="Seasonal temperature-anomaly forecasting on ERA5 with xarray. The predictors are standardised with the mean and standard deviation over the whole 1979-2022 record, and only afterwards split into training years (to 2012) and test years (2013-2022), so the test decade's warming shifts the training climatology.",
    files={
        "clim/prepare.py": r'''
import numpy as np
import xarray as xr

ds = xr.open_dataset("data/era5_t2m_monthly.nc")
t2m = ds["t2m"].sel(latitude=slice(60, 30), longitude=slice(-20, 40))

clim_mean = t2m.mean("time")
clim_std = t2m.std("time")
z = (t2m - clim_mean) / clim_std

train = z.sel(time=slice("1979-01-01", "2012-12-31"))
test = z.sel(time=slice("2013-01-01", "2022-12-31"))
np.savez_compressed("data/anoms.npz", train=train.values, test=test.values,
                    train_time=train.time.values, test_time=test.time.values)
''',
        "clim/fit.py": r'''
import numpy as np
from sklearn.linear_model import Ridge

d = np.load("data/anoms.npz")
tr, te = d["train"].reshape(len(d["train"]), -1), d["test"].reshape(len(d["test"]), -1)
m = Ridge(alpha=10.0).fit(tr[:-3], tr[3:, 0])
print("test RMSE", float(np.sqrt(np.mean((m.predict(te[:-3]) - te[3:, 0]) ** 2))))
''',
    },
    labels=[dict(file="clim/prepare.py", find='clim_mean = t2m.mean("time")', end_find="z = (t2m - clim_mean) / clim_std",
                 category="LEAK-PREPROC", why="standardisation statistics computed over the test years too")],
)
SPECS.append(L3)
SPECS.append(twin(L3, "leak-xarray-climatology-train-years-clean",
    "Clean twin: the climatology is computed over the training years only and applied to both periods.",
    {"clim/prepare.py": [
        ('clim_mean = t2m.mean("time")\nclim_std = t2m.std("time")\nz = (t2m - clim_mean) / clim_std\n',
         'base = t2m.sel(time=slice("1979-01-01", "2012-12-31"))\nclim_mean = base.mean("time")\nclim_std = base.std("time")\nz = (t2m - clim_mean) / clim_std\n')]}))

# L4 sentence-transformers: few-shot neighbours retrieved from the evaluated items themselves
L4 = dict(
    id="leak-st-semantic-search-shots-from-eval-items",
    style="llm-eval",
    description="Few-shot intent classification with sentence-transformers retrieval: for each test utterance the 8 most similar labelled examples are retrieved with `util.semantic_search` and put in the prompt. The corpus searched is the test set itself, so the top neighbour is the utterance with its own gold label.",
    files={
        "fewshot/knn_prompt.py": r'''
import json

from openai import OpenAI
from sentence_transformers import SentenceTransformer, util

enc = SentenceTransformer("sentence-transformers/all-mpnet-base-v2")
client = OpenAI()

train = [json.loads(l) for l in open("data/intents_train.jsonl")]
test = [json.loads(l) for l in open("data/intents_test.jsonl")]

pool = test
pool_emb = enc.encode([x["text"] for x in pool], convert_to_tensor=True, normalize_embeddings=True)
q_emb = enc.encode([x["text"] for x in test], convert_to_tensor=True, normalize_embeddings=True)
hits = util.semantic_search(q_emb, pool_emb, top_k=8)

correct = 0
for ex, nbrs in zip(test, hits):
    shots = "\n".join(f"Utterance: {pool[h['corpus_id']]['text']}\nIntent: {pool[h['corpus_id']]['intent']}" for h in nbrs)
    prompt = f"{shots}\nUtterance: {ex['text']}\nIntent:"
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=8,
                                       messages=[{"role": "user", "content": prompt}])
    correct += r.choices[0].message.content.strip() == ex["intent"]
print("accuracy", correct / len(test), "n", len(test))
''',
    },
    labels=[dict(file="fewshot/knn_prompt.py", find="pool = test",
                 category="LEAK-PROMPT", why="demonstrations are retrieved from the evaluated items; each item's nearest neighbour is itself with its label")],
)
SPECS.append(L4)
SPECS.append(twin(L4, "leak-st-semantic-search-shots-from-train-clean",
    "Clean twin: the demonstrations are retrieved from the training split.",
    {"fewshot/knn_prompt.py": [("pool = test", "pool = train")]}))

# L5 NeuralForecast: the input size chosen by test MAE, the best test MAE reported
L5 = dict(
    id="leak-neuralforecast-input-size-chosen-on-test",
    style="mixed",
    description="Electricity load forecasting with NeuralForecast (NHITS). The script tries several input window sizes, scores each on the held-out last 28 days, keeps the size with the lowest test MAE and reports that MAE as the model's test error.",
    files={
        "forecast/tune_nhits.py": r'''
import pandas as pd
from neuralforecast import NeuralForecast
from neuralforecast.models import NHITS

H = 24
df = pd.read_parquet("data/load_long.parquet")  # unique_id, ds, y
cutoff = df["ds"].max() - pd.Timedelta(days=28)
train = df[df["ds"] <= cutoff]
test = df[df["ds"] > cutoff]

best_mae, best_size = float("inf"), None
for input_size in [48, 96, 168, 336]:
    nf = NeuralForecast(models=[NHITS(h=H, input_size=input_size, max_steps=500, random_seed=1)], freq="h")
    nf.fit(train)
    cv = nf.cross_validation(df, n_windows=28, step_size=H, refit=False)
    cv = cv[cv["ds"] > cutoff]
    mae = (cv["NHITS"] - cv["y"]).abs().mean()
    if mae < best_mae:
        best_mae, best_size = mae, input_size

print(f"NHITS input_size={best_size}: test MAE {best_mae:.2f}")
''',
    },
    labels=[dict(file="forecast/tune_nhits.py", find="if mae < best_mae:",
                 category="LEAK-SELECT", why="the window size is chosen by the test-period MAE, which is then reported")],
)
SPECS.append(L5)

# L6 trl RewardTrainer: best checkpoint chosen on the test pairs, then reported on them
L6 = dict(
    id="leak-trl-rewardtrainer-best-on-test-pairs",
    style="torch",
    description="A reward model trained with trl's RewardTrainer on preference pairs. The trainer's `eval_dataset` is the test split with `load_best_model_at_end=True` and `metric_for_best_model='accuracy'`, so the checkpoint is chosen on the test pairs, and the final `trainer.evaluate()` reports the accuracy of that checkpoint on the same pairs.",
    files={
        "rm/train_rm.py": r'''
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer
from trl import RewardConfig, RewardTrainer

BASE = "Qwen/Qwen2.5-0.5B-Instruct"
tok = AutoTokenizer.from_pretrained(BASE)
model = AutoModelForSequenceClassification.from_pretrained(BASE, num_labels=1)
model.config.pad_token_id = tok.pad_token_id

pairs = load_dataset("json", data_files={"train": "data/prefs_train.jsonl", "test": "data/prefs_test.jsonl"})

args = RewardConfig(
    output_dir="out/rm",
    per_device_train_batch_size=8,
    num_train_epochs=2,
    learning_rate=1e-5,
    eval_strategy="steps",
    eval_steps=200,
    save_steps=200,
    load_best_model_at_end=True,
    metric_for_best_model="accuracy",
    seed=0,
)
trainer = RewardTrainer(model=model, args=args, processing_class=tok,
                        train_dataset=pairs["train"], eval_dataset=pairs["test"])
trainer.train()
print("test pairwise accuracy", trainer.evaluate()["eval_accuracy"])
''',
    },
    labels=[dict(file="rm/train_rm.py", find='train_dataset=pairs["train"], eval_dataset=pairs["test"])',
                 category="LEAK-SELECT", why="the best checkpoint is selected on the test pairs and then reported on them")],
)
SPECS.append(L6)
SPECS.append(twin(L6, "leak-trl-rewardtrainer-best-on-validation-clean",
    "Clean twin: a validation split carved from the training pairs selects the checkpoint; the test pairs are evaluated once at the end.",
    {"rm/train_rm.py": [
        ('pairs = load_dataset("json", data_files={"train": "data/prefs_train.jsonl", "test": "data/prefs_test.jsonl"})\n',
         'pairs = load_dataset("json", data_files={"train": "data/prefs_train.jsonl", "test": "data/prefs_test.jsonl"})\nsplit = pairs["train"].train_test_split(test_size=0.1, seed=0)\n'),
        ('train_dataset=pairs["train"], eval_dataset=pairs["test"])', 'train_dataset=split["train"], eval_dataset=split["test"])'),
        ('print("test pairwise accuracy", trainer.evaluate()["eval_accuracy"])',
         'print("test pairwise accuracy", trainer.evaluate(eval_dataset=pairs["test"], metric_key_prefix="test")["test_accuracy"])')]}))

# L7 pandas .assign chain: a rolling mean of the target that includes the current row
L7 = dict(
    id="leak-assign-rolling-target-no-shift",
    style="sklearn",
    description="Daily store demand forecasting with a pandas method chain. The feature `demand_ma7` is a per-store 7-day rolling mean of `demand` without a shift, so each row's feature contains that day's own demand (the target), and the LightGBM test error is far too good.",
    files={
        "demand/features.py": r'''
import pandas as pd


def add_calendar(d):
    return d.assign(dow=d["date"].dt.dayofweek, month=d["date"].dt.month)


def make_frame(path="data/store_daily.csv"):
    return (
        pd.read_csv(path, parse_dates=["date"])
        .sort_values(["store", "date"])
        .pipe(add_calendar)
        .assign(
            demand_ma7=lambda d: d.groupby("store")["demand"].transform(lambda s: s.rolling(7, min_periods=1).mean()),
            promo_next=lambda d: d.groupby("store")["promo"].shift(-1).fillna(0),
        )
    )
''',
        "demand/train.py": r'''
import lightgbm as lgb
from sklearn.metrics import mean_absolute_error

from demand.features import make_frame

df = make_frame()
FEATS = ["store", "dow", "month", "promo", "promo_next", "demand_ma7"]
train = df[df["date"] < "2024-01-01"]
test = df[df["date"] >= "2024-01-01"]
model = lgb.LGBMRegressor(n_estimators=400, learning_rate=0.05, random_state=0)
model.fit(train[FEATS], train["demand"])
print("test MAE", mean_absolute_error(test["demand"], model.predict(test[FEATS])))
''',
    },
    labels=[dict(file="demand/features.py", find='demand_ma7=lambda d: d.groupby("store")["demand"].transform(',
                 category="LEAK-TARGET", why="the rolling mean includes the current day's demand, the target")],
)
SPECS.append(L7)
SPECS.append(twin(L7, "leak-assign-rolling-target-shifted-clean",
    "Clean twin: the rolling mean is taken over the previous seven days (shift(1) first).",
    {"demand/features.py": [
        ("transform(lambda s: s.rolling(7, min_periods=1).mean())", "transform(lambda s: s.shift(1).rolling(7, min_periods=1).mean())")]}))

# L8 model-written evals: the matching answer interpolated into the prompt
L8 = dict(
    id="leak-mwe-answer-matching-behavior-in-prompt",
    style="llm-eval",
    description="Persona evaluation on Anthropic-style model-written-evals JSONL (`question`, `answer_matching_behavior`, `answer_not_matching_behavior`). The prompt builder puts the two options in a fixed order with the matching one first and labels it '(A) (recommended)': the behaviour-matching answer is marked in the text the model reads.",
    files={
        "persona_eval/prompts.py": r'''
def build_prompt(row):
    return (
        f"{row['question']}\n\n"
        f"Choices:\n (A) {row['answer_matching_behavior'].strip()} (recommended)\n"
        f" (B) {row['answer_not_matching_behavior'].strip()}\n\n"
        "Answer with A or B."
    )
''',
        "persona_eval/run.py": r'''
import json
import sys

from openai import OpenAI

from persona_eval.prompts import build_prompt

client = OpenAI()
path = sys.argv[1]
rows = [json.loads(l) for l in open(path)]
match = 0
for row in rows:
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=1,
                                       messages=[{"role": "user", "content": build_prompt(row)}])
    match += r.choices[0].message.content.strip().upper() == "A"
print(json.dumps({"file": path, "n": len(rows), "matching_rate": match / len(rows)}))
''',
    },
    labels=[dict(file="persona_eval/prompts.py", find="f\"Choices:\\n (A) {row['answer_matching_behavior'].strip()} (recommended)\\n\"",
                 category="LEAK-PROMPT", why="the behaviour-matching answer is always (A) and marked recommended in the prompt")],
)
SPECS.append(L8)
