from twin import twin

SPECS = []

# L1 category_encoders TargetEncoder fit on the full frame in one module, split in another
L1 = dict(
    id="leak-category-encoders-target-encoder-before-split",
    style="sklearn",
    description="Churn prediction with high-cardinality categoricals. features.py fits a category_encoders TargetEncoder on the whole frame with the churn label and returns the encoded frame; model.py splits afterwards. The encoding of each test row's category includes that row's own label.",
    files={
        "churn/features.py": r'''
import category_encoders as ce
import pandas as pd

CAT_COLS = ["plan", "region", "device_model", "acquisition_channel"]


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    enc = ce.TargetEncoder(cols=CAT_COLS, smoothing=5.0)
    encoded = enc.fit_transform(df[CAT_COLS], df["churned"])
    out = df.drop(columns=CAT_COLS).join(encoded.add_suffix("_te"))
    return out
''',
        "churn/model.py": r'''
import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from churn.features import build_features

raw = pd.read_parquet("data/customers.parquet")
data = build_features(raw)
X, y = data.drop(columns=["churned", "customer_id"]), data["churned"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=11)
clf = LGBMClassifier(n_estimators=400, learning_rate=0.05, random_state=11).fit(X_tr, y_tr)
print("test AUC", roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]))
''',
    },
    labels=[dict(file="churn/features.py", find='encoded = enc.fit_transform(df[CAT_COLS], df["churned"])',
                 category="LEAK-PREPROC", why="the target encoder is fit with labels of all rows, test included, before the split in model.py")],
)
SPECS.append(L1)
SPECS.append(twin(L1, "leak-category-encoders-target-encoder-train-only-clean",
    "Clean twin: the split comes first and the encoder is fit on the training rows only.",
    {"churn/features.py": [
        ("def build_features(df: pd.DataFrame) -> pd.DataFrame:\n    enc = ce.TargetEncoder(cols=CAT_COLS, smoothing=5.0)\n    encoded = enc.fit_transform(df[CAT_COLS], df[\"churned\"])\n    out = df.drop(columns=CAT_COLS).join(encoded.add_suffix(\"_te\"))\n    return out",
         "def encode(train: pd.DataFrame, test: pd.DataFrame):\n    enc = ce.TargetEncoder(cols=CAT_COLS, smoothing=5.0)\n    enc.fit(train[CAT_COLS], train[\"churned\"])\n    tr = train.drop(columns=CAT_COLS).join(enc.transform(train[CAT_COLS]).add_suffix(\"_te\"))\n    te = test.drop(columns=CAT_COLS).join(enc.transform(test[CAT_COLS]).add_suffix(\"_te\"))\n    return tr, te")],
     "churn/model.py": [
        ("from churn.features import build_features", "from churn.features import encode"),
        ("data = build_features(raw)\nX, y = data.drop(columns=[\"churned\", \"customer_id\"]), data[\"churned\"]\nX_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=11)",
         "train, test = train_test_split(raw, test_size=0.2, stratify=raw[\"churned\"], random_state=11)\ntrain, test = encode(train, test)\nX_tr, y_tr = train.drop(columns=[\"churned\", \"customer_id\"]), train[\"churned\"]\nX_te, y_te = test.drop(columns=[\"churned\", \"customer_id\"]), test[\"churned\"]")]}))

# L2 tsfresh select_features on all windows before the split
L2 = dict(
    id="leak-tsfresh-select-features-all-windows",
    style="sklearn",
    description="Bearing-fault detection from vibration windows: tsfresh extracts a large feature set and `select_features(X, y)` keeps those whose hypothesis test against the fault label is significant, computed on every window, before the train/test split. The selection has seen the test labels.",
    files={
        "pipeline.py": r'''
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import train_test_split
from tsfresh import extract_features, select_features
from tsfresh.utilities.dataframe_functions import impute

windows = pd.read_parquet("data/vibration_windows.parquet")
y = pd.read_csv("data/window_labels.csv", index_col="window_id")["fault"]

X = extract_features(windows, column_id="window_id", column_sort="t")
impute(X)
X = select_features(X, y.loc[X.index], fdr_level=0.01)

X_tr, X_te, y_tr, y_te = train_test_split(X, y.loc[X.index], test_size=0.3, random_state=0, stratify=y.loc[X.index])
clf = LogisticRegression(max_iter=2000).fit(X_tr, y_tr)
print("balanced accuracy", balanced_accuracy_score(y_te, clf.predict(X_te)))
''',
    },
    labels=[dict(file="pipeline.py", find="X = select_features(X, y.loc[X.index], fdr_level=0.01)",
                 category="LEAK-PREPROC", why="supervised feature selection on every window, test included, before the split")],
    also_ok=[dict(file="pipeline.py", find="X_tr, X_te, y_tr, y_te = train_test_split(", category="LEAK-SPLIT")],
)
SPECS.append(L2)

# L3 linear probe on activations: C chosen by the test accuracy
L3 = dict(
    id="leak-activation-probe-C-by-test-accuracy",
    style="mixed",
    description="A truthfulness probe: residual-stream activations of a language model are cached as .npy, and a logistic-regression probe is trained per layer. For each layer the regularisation strength C is picked as the one with the best accuracy on the test split, and that test accuracy is reported as the layer's probe accuracy.",
    files={
        "probe/fit_probes.py": r'''
import json

import numpy as np
from sklearn.linear_model import LogisticRegression

acts = np.load("cache/acts_train.npy")        # (n, layers, d)
acts_test = np.load("cache/acts_test.npy")
y = np.load("cache/labels_train.npy")
y_test = np.load("cache/labels_test.npy")

results = {}
for layer in range(acts.shape[1]):
    best_acc, best_C = 0.0, None
    for C in [0.001, 0.01, 0.1, 1.0, 10.0]:
        probe = LogisticRegression(C=C, max_iter=5000).fit(acts[:, layer], y)
        acc = probe.score(acts_test[:, layer], y_test)
        if acc > best_acc:
            best_acc, best_C = acc, C
    results[layer] = {"C": best_C, "test_acc": best_acc}

json.dump(results, open("results/probe_by_layer.json", "w"), indent=1)
''',
    },
    labels=[dict(file="probe/fit_probes.py", find="if acc > best_acc:", category="LEAK-SELECT",
                 why="C is chosen by the test accuracy that is then reported")],
    also_ok=[dict(file="probe/fit_probes.py", find="acc = probe.score(acts_test[:, layer], y_test)", category="LEAK-SELECT")],
)
SPECS.append(L3)
SPECS.append(twin(L3, "leak-activation-probe-C-by-validation-clean",
    "Clean twin: C is picked on a validation split carved out of the training activations; the test accuracy is computed once with the chosen C.",
    {"probe/fit_probes.py": [
        ("from sklearn.linear_model import LogisticRegression\n", "from sklearn.linear_model import LogisticRegression\nfrom sklearn.model_selection import train_test_split\n"),
        ("    best_acc, best_C = 0.0, None\n", "    a_tr, a_va, y_tr, y_va = train_test_split(acts[:, layer], y, test_size=0.2, random_state=0)\n    best_acc, best_C = 0.0, None\n"),
        ("        probe = LogisticRegression(C=C, max_iter=5000).fit(acts[:, layer], y)\n        acc = probe.score(acts_test[:, layer], y_test)",
         "        probe = LogisticRegression(C=C, max_iter=5000).fit(a_tr, y_tr)\n        acc = probe.score(a_va, y_va)"),
        ('    results[layer] = {"C": best_C, "test_acc": best_acc}',
         '    final = LogisticRegression(C=best_C, max_iter=5000).fit(acts[:, layer], y)\n    results[layer] = {"C": best_C, "val_acc": best_acc, "test_acc": final.score(acts_test[:, layer], y_test)}')]}))

# L4 HF datasets train_test_split over several rows per speaker
L4 = dict(
    id="leak-hf-datasets-train-test-split-speakers",
    style="torch",
    description="Speaker-independent emotion recognition is claimed, but the HF dataset holds many utterances per speaker and `ds.train_test_split(test_size=0.2, seed=0)` splits by row. The same speakers' voices are in both splits.",
    files={
        "ser/data.py": r'''
from datasets import Audio, load_dataset


def get_splits():
    ds = load_dataset("csv", data_files="data/utterances.csv")["train"]   # columns: path, speaker_id, emotion
    ds = ds.cast_column("path", Audio(sampling_rate=16_000))
    ds = ds.filter(lambda r: r["emotion"] != "other")
    splits = ds.train_test_split(test_size=0.2, seed=0)
    return splits["train"], splits["test"]
''',
        "README.md": r'''
# Speaker-independent speech emotion recognition

wav2vec2-base fine-tuned on our corpus; the test speakers are unseen during training.
''',
        "ser/train.py": r'''
import numpy as np
from transformers import AutoFeatureExtractor, AutoModelForAudioClassification, Trainer, TrainingArguments

from ser.data import get_splits

LABELS = ["angry", "happy", "neutral", "sad"]
fe = AutoFeatureExtractor.from_pretrained("facebook/wav2vec2-base")
train_ds, test_ds = get_splits()


def prep(b):
    b["input_values"] = fe(b["path"]["array"], sampling_rate=16_000).input_values[0]
    b["label"] = LABELS.index(b["emotion"])
    return b


train_ds, test_ds = train_ds.map(prep), test_ds.map(prep)
model = AutoModelForAudioClassification.from_pretrained("facebook/wav2vec2-base", num_labels=len(LABELS))
args = TrainingArguments("out/ser", per_device_train_batch_size=8, num_train_epochs=5, seed=0)
trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=test_ds,
                  compute_metrics=lambda p: {"acc": float((np.argmax(p.predictions, -1) == p.label_ids).mean())})
trainer.train()
print(trainer.evaluate())
''',
    },
    labels=[dict(file="ser/data.py", find="splits = ds.train_test_split(test_size=0.2, seed=0",
                 category="LEAK-SPLIT", why="row-level split of utterances; the same speaker_id appears in train and test")],
)
SPECS.append(L4)

# L5 few-shot exemplars drawn from the evaluated split
L5 = dict(
    id="leak-hf-fewshot-from-test-split",
    style="llm-eval",
    description="A 5-shot evaluation on an HF dataset: the exemplars are drawn with `test.shuffle(seed=0).select(range(5))` from the same split that is then evaluated in full, so five test items are answered with their own gold answer in the prompt.",
    files={
        "fewshot_eval.py": r'''
from datasets import load_dataset
from openai import OpenAI

client = OpenAI()
ds = load_dataset("json", data_files={"train": "data/train.jsonl", "test": "data/test.jsonl"})
test = ds["test"]

shots = test.shuffle(seed=0).select(range(5))
header = "".join(f"Q: {s['question']}\nA: {s['answer']}\n\n" for s in shots)

correct = 0
for ex in test:
    prompt = header + f"Q: {ex['question']}\nA:"
    r = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=20, temperature=0)
    correct += r.choices[0].text.strip().split("\n")[0] == ex["answer"]
print(f"5-shot accuracy {correct / len(test):.3f}")
''',
    },
    labels=[dict(file="fewshot_eval.py", find="shots = test.shuffle(seed=0).select(range(5))",
                 category="LEAK-PROMPT", why="few-shot exemplars come from the evaluated test split")],
)
SPECS.append(L5)
SPECS.append(twin(L5, "leak-hf-fewshot-from-train-split-clean",
    "Clean twin: exemplars come from the train split.",
    {"fewshot_eval.py": [("shots = test.shuffle(seed=0).select(range(5))", 'shots = ds["train"].shuffle(seed=0).select(range(5))')]}))

# L6 prophet regressor: rolling mean of the target without a shift
L6 = dict(
    id="leak-prophet-rolling-target-regressor-no-shift",
    style="mixed",
    description="Daily demand forecasting with Prophet plus an extra regressor: a 7-day rolling mean of the target `y` computed with `.rolling(7).mean()` and no shift, so each day's regressor contains that day's demand. The holdout MAPE is optimistic.",
    files={
        "forecast.py": r'''
import pandas as pd
from prophet import Prophet
from sklearn.metrics import mean_absolute_percentage_error

df = pd.read_csv("data/daily_demand.csv", parse_dates=["ds"]).sort_values("ds")
df["y_roll7"] = df["y"].rolling(7, min_periods=1).mean()
df["temp"] = df["temp_c"].fillna(method="ffill")

cut = df["ds"].max() - pd.Timedelta(days=60)
train, test = df[df["ds"] <= cut], df[df["ds"] > cut]

m = Prophet(weekly_seasonality=True, yearly_seasonality=True)
m.add_regressor("y_roll7")
m.add_regressor("temp")
m.fit(train[["ds", "y", "y_roll7", "temp"]])
fc = m.predict(test[["ds", "y_roll7", "temp"]])
print("holdout MAPE", mean_absolute_percentage_error(test["y"], fc["yhat"]))
''',
    },
    labels=[dict(file="forecast.py", find='df["y_roll7"] = df["y"].rolling(7, min_periods=1).mean()',
                 category="LEAK-TARGET", why="the rolling mean includes the current day's target")],
)
SPECS.append(L6)
SPECS.append(twin(L6, "leak-prophet-rolling-target-regressor-shifted-clean",
    "Clean twin: the rolling mean is shifted by one day.",
    {"forecast.py": [('df["y"].rolling(7, min_periods=1).mean()', 'df["y"].shift(1).rolling(7, min_periods=1).mean()')]}))

# L7 timm + albumentations: the "val" loader is the test folder, best checkpoint chosen on it
L7 = dict(
    id="leak-timm-albumentations-best-ckpt-on-test-folder",
    style="torch",
    description="A timm classifier trained with albumentations augmentations on an ImageFolder-style layout. The loader used to pick the best epoch is built from data/test, and the best checkpoint's accuracy on that same folder is the reported test accuracy.",
    files={
        "cls/data.py": r'''
import albumentations as A
import cv2
import numpy as np
from albumentations.pytorch import ToTensorV2
from torch.utils.data import DataLoader, Dataset
from pathlib import Path

train_tf = A.Compose([A.RandomResizedCrop(224, 224), A.HorizontalFlip(), A.Normalize(), ToTensorV2()])
eval_tf = A.Compose([A.Resize(256, 256), A.CenterCrop(224, 224), A.Normalize(), ToTensorV2()])


class Folder(Dataset):
    def __init__(self, root, tf):
        self.items = [(p, i) for i, c in enumerate(sorted(Path(root).iterdir())) for p in sorted(c.glob("*.jpg"))]
        self.tf = tf

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        p, y = self.items[i]
        img = cv2.cvtColor(cv2.imread(str(p)), cv2.COLOR_BGR2RGB)
        return self.tf(image=img)["image"], y


def loaders(bs=64):
    tr = DataLoader(Folder("data/train", train_tf), batch_size=bs, shuffle=True, num_workers=4)
    ev = DataLoader(Folder("data/test", eval_tf), batch_size=bs, num_workers=4)
    return tr, ev
''',
        "cls/train.py": r'''
import timm
import torch

from cls.data import loaders

torch.manual_seed(0)
model = timm.create_model("convnext_tiny", pretrained=True, num_classes=12).cuda()
opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
train_loader, val_loader = loaders()


def accuracy(loader):
    model.eval()
    hit = n = 0
    with torch.no_grad():
        for x, y in loader:
            hit += (model(x.cuda()).argmax(1).cpu() == y).sum().item()
            n += len(y)
    return hit / n


best = 0.0
for epoch in range(30):
    model.train()
    for x, y in train_loader:
        loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())
        opt.zero_grad(); loss.backward(); opt.step()
    acc = accuracy(val_loader)
    if acc > best:
        best = acc
        torch.save(model.state_dict(), "ckpt/best.pt")
print(f"test accuracy (best checkpoint): {best:.4f}")
''',
    },
    labels=[dict(file="cls/train.py", find="if acc > best:", category="LEAK-SELECT",
                 why="the best epoch is picked on the loader of the test folder (built in cls/data.py), and its score reported"),
            ],
    also_ok=[dict(file="cls/data.py", find='ev = DataLoader(Folder("data/test", eval_tf)', category="LEAK-SELECT"),
             dict(file="cls/train.py", find="acc = accuracy(val_loader)", category="LEAK-SELECT")],
)
SPECS.append(L7)

# L8 mlxtend sequential feature selection on all rows, in a helper module
L8 = dict(
    id="leak-mlxtend-sfs-full-data-helper-module",
    style="sklearn",
    description="A clinical regression: selection.py runs mlxtend's SequentialFeatureSelector with 5-fold CV on every row and returns the chosen columns; evaluate.py then holds out 20% and reports the test R^2 of a model on those columns. The columns were chosen with the test rows' outcomes.",
    files={
        "study/selection.py": r'''
from mlxtend.feature_selection import SequentialFeatureSelector as SFS
from sklearn.linear_model import Ridge


def choose_columns(X, y, k=12):
    sfs = SFS(Ridge(alpha=1.0), k_features=k, forward=True, scoring="r2", cv=5, n_jobs=-1)
    sfs = sfs.fit(X, y)
    return list(sfs.k_feature_names_)
''',
        "study/evaluate.py": r'''
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split

from study.selection import choose_columns

df = pd.read_csv("data/cohort.csv")
X, y = df.drop(columns=["los_days"]), df["los_days"]
cols = choose_columns(X, y)
X_tr, X_te, y_tr, y_te = train_test_split(X[cols], y, test_size=0.2, random_state=5)
model = Ridge(alpha=1.0).fit(X_tr, y_tr)
print("selected:", cols)
print("test R2:", r2_score(y_te, model.predict(X_te)))
''',
    },
    labels=[dict(file="study/evaluate.py", find="cols = choose_columns(X, y)",
                 category="LEAK-PREPROC", why="features selected with all outcomes before the held-out split")],
    also_ok=[dict(file="study/selection.py", find="sfs = sfs.fit(X, y)", category="LEAK-PREPROC")],
)
SPECS.append(L8)
