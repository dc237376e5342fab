"""Batch 3 of the lead's third concept probe."""
from twin import twin

SPECS = []

# 1. A pretrained backbone run for feature extraction without .eval(): dropout / batch norm in training mode.
D1 = dict(
    id="timm-features-without-eval",
    style="torch",
    description="Features for a linear probe are extracted from a pretrained timm ViT under no_grad but the model "
                "is never put in eval mode, so drop-path and dropout stay on while the features are computed.",
    files={
        "linear_probe.py": r'''
import json

import numpy as np
import timm
import torch
from sklearn.linear_model import LogisticRegression
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


@torch.no_grad()
def extract(model, loader):
    feats, labels = [], []
    for x, y in loader:
        feats.append(model.forward_features(x).mean(1).numpy())
        labels.append(y.numpy())
    return np.concatenate(feats), np.concatenate(labels)


tf = transforms.Compose([transforms.Resize(224), transforms.ToTensor()])
train = datasets.CIFAR10("data", train=True, download=True, transform=tf)
test = datasets.CIFAR10("data", train=False, download=True, transform=tf)
backbone = timm.create_model("vit_base_patch16_224", pretrained=True, drop_rate=0.1, drop_path_rate=0.1)
Xtr, ytr = extract(backbone, DataLoader(train, batch_size=256))
Xte, yte = extract(backbone, DataLoader(test, batch_size=256))
clf = LogisticRegression(max_iter=3000).fit(Xtr, ytr)
json.dump({"linear_probe_acc": clf.score(Xte, yte)}, open("results/probe.json", "w"))
''',
    },
    labels=[dict(file="linear_probe.py", find="backbone = timm.create_model(", category="EVAL-MODE",
                 why="the backbone is never put in eval mode: dropout and drop-path stay on while features are extracted")],
    also_ok=[dict(file="linear_probe.py", find="feats.append(model.forward_features(x).mean(1).numpy())", category="EVAL-MODE")],
)
SPECS.append(D1)
SPECS.append(twin(D1, "timm-features-without-eval-clean", "The backbone is put in eval mode first.",
                  {"linear_probe.py": [("drop_rate=0.1, drop_path_rate=0.1)\n", "drop_rate=0.1, drop_path_rate=0.1)\nbackbone.eval()\n")]}))

# 2. Several images per patient, split by row.
D2 = dict(
    id="tab-patient-rows-split-by-row",
    style="sklearn",
    description="Each patient has several scans; the table is split by row with train_test_split, so scans of "
                "the same patient land in both train and test.",
    files={
        "train_radiomics.py": r'''
import json

import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/radiomics_features.csv")  # one row per scan; patient_id repeats across follow-ups
print(f"{df['patient_id'].nunique()} patients, {len(df)} scans")
X = df.drop(columns=["patient_id", "scan_date", "malignant"])
y = df["malignant"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
clf = HistGradientBoostingClassifier(random_state=0).fit(X_tr, y_tr)
json.dump({"test_auc": roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])}, open("results/radiomics.json", "w"))
''',
    },
    labels=[dict(file="train_radiomics.py", find="X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)",
                 category="LEAK-SPLIT", why="scans of one patient fall on both sides of a row-wise split")],
)
SPECS.append(D2)
SPECS.append(twin(D2, "tab-patient-rows-split-by-row-clean", "The split groups by patient.",
                  {"train_radiomics.py": [("from sklearn.model_selection import train_test_split\n",
                                           "from sklearn.model_selection import GroupShuffleSplit\n"),
                                          ("X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)\n",
                                           "tr, te = next(GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=0).split(X, y, groups=df[\"patient_id\"]))\n"
                                           "X_tr, X_te, y_tr, y_te = X.iloc[tr], X.iloc[te], y.iloc[tr], y.iloc[te]\n")]}))

# 3. A per-store rolling mean of the target that includes the current row, used as a feature.
D3 = dict(
    id="ts-groupby-rolling-target-feature",
    style="sklearn",
    description="The feature sales_ma7 is a per-store 7-day rolling mean of sales that includes the current day; "
                "the model predicts that day's sales from it.",
    files={
        "forecast.py": r'''
import json

import lightgbm as lgb
import pandas as pd
from sklearn.metrics import mean_absolute_error

df = pd.read_parquet("data/store_sales.parquet").sort_values(["store", "date"])
df["sales_ma7"] = df.groupby("store")["sales"].transform(lambda s: s.rolling(7, min_periods=1).mean())
df["dow"] = df["date"].dt.dayofweek
feats = ["sales_ma7", "dow", "promo"]
train, test = df[df["date"] < "2024-01-01"], df[df["date"] >= "2024-01-01"]
model = lgb.LGBMRegressor(n_estimators=500, random_state=0).fit(train[feats], train["sales"])
json.dump({"test_mae": mean_absolute_error(test["sales"], model.predict(test[feats]))}, open("results/forecast.json", "w"))
''',
    },
    labels=[dict(file="forecast.py", find='df["sales_ma7"] = df.groupby("store")["sales"].transform(', category="LEAK-TARGET",
                 why="the rolling window includes the day being predicted")],
)
SPECS.append(D3)
SPECS.append(twin(D3, "ts-groupby-rolling-target-feature-clean", "The window is shifted by a day.",
                  {"forecast.py": [("transform(lambda s: s.rolling(7, min_periods=1).mean())",
                                    "transform(lambda s: s.shift(1).rolling(7, min_periods=1).mean())")]}))

# 4. A k-fold loop whose score is computed on the training fold.
D4 = dict(
    id="tab-kfold-scores-training-fold",
    style="sklearn",
    description="In the cross-validation loop the fold's score is computed on the training indices, so the "
                "reported CV accuracy is training accuracy.",
    files={
        "cv.py": r'''
import json

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold

df = pd.read_csv("data/churn.csv")
X, y = df.drop(columns=["churn"]), df["churn"]
scores = []
for tr, va in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X, y):
    rf = RandomForestClassifier(n_estimators=300, random_state=0).fit(X.iloc[tr], y.iloc[tr])
    scores.append(rf.score(X.iloc[tr], y.iloc[tr]))
json.dump({"cv_acc": float(np.mean(scores))}, open("results/cv.json", "w"))
''',
    },
    labels=[dict(file="cv.py", find="scores.append(rf.score(X.iloc[tr], y.iloc[tr]))", category="EVAL-TRAIN",
                 why="each fold is scored on its own training rows")],
)
SPECS.append(D4)
SPECS.append(twin(D4, "tab-kfold-scores-training-fold-clean", "Each fold is scored on its held-out rows.",
                  {"cv.py": [("scores.append(rf.score(X.iloc[tr], y.iloc[tr]))", "scores.append(rf.score(X.iloc[va], y.iloc[va]))")]}))

# 5. Unparsable judge scores coerced to NaN and silently skipped by the mean.
D5 = dict(
    id="pandas-to-numeric-coerce-mean",
    style="llm-eval",
    description="The judge's 1-10 scores are parsed with pd.to_numeric(errors='coerce'): replies that are not a "
                "number become NaN and the mean skips them without a count.",
    files={
        "judge_stats.py": r'''
import json

import pandas as pd

df = pd.read_json("outputs/mt_bench_judgments.jsonl", lines=True)
df["score"] = pd.to_numeric(df["judge_reply"].str.strip(), errors="coerce")
summary = df.groupby("model")["score"].mean().round(2).to_dict()
json.dump(summary, open("results/mt_bench.json", "w"), indent=2)
''',
    },
    labels=[dict(file="judge_stats.py", find='df["score"] = pd.to_numeric(df["judge_reply"].str.strip(), errors="coerce")',
                 category="DATA-DROP", why="unparsable scores become NaN and are skipped by the mean, uncounted")],
)
SPECS.append(D5)
SPECS.append(twin(D5, "pandas-to-numeric-coerce-mean-clean", "The unparsed replies are counted per model.",
                  {"judge_stats.py": [('summary = df.groupby("model")["score"].mean().round(2).to_dict()\n',
                                       'summary = df.groupby("model")["score"].mean().round(2).to_dict()\n'
                                       'summary["unparsed"] = df.groupby("model")["score"].apply(lambda s: int(s.isna().sum())).to_dict()\n')]}))

# 6. random_split with fractions and no generator in a Lightning DataModule; nothing seeds torch.
D6 = dict(
    id="lightning-datamodule-random-split-unseeded",
    style="torch",
    description="The DataModule's setup() cuts validation and test sets with random_split and no generator; the "
                "training script never seeds, so each run tests on other images.",
    files={
        "datamodule.py": r'''
import lightning as L
from torch.utils.data import DataLoader, random_split
from torchvision import datasets, transforms


class FlowersDM(L.LightningDataModule):
    def __init__(self, root="data/flowers", batch_size=64):
        super().__init__()
        self.root, self.batch_size = root, batch_size

    def setup(self, stage=None):
        full = datasets.ImageFolder(self.root, transform=transforms.Compose([transforms.Resize((128, 128)), transforms.ToTensor()]))
        self.train, self.val, self.test = random_split(full, [0.7, 0.15, 0.15])

    def train_dataloader(self):
        return DataLoader(self.train, batch_size=self.batch_size, shuffle=True)

    def val_dataloader(self):
        return DataLoader(self.val, batch_size=self.batch_size)

    def test_dataloader(self):
        return DataLoader(self.test, batch_size=self.batch_size)
''',
        "train.py": r'''
import json

import lightning as L

from datamodule import FlowersDM
from model import SmallCNN

dm = FlowersDM()
model = SmallCNN(num_classes=102)
trainer = L.Trainer(max_epochs=30, deterministic=True)
trainer.fit(model, datamodule=dm)
metrics = trainer.test(model, datamodule=dm)[0]
json.dump(metrics, open("results/flowers.json", "w"))
''',
        "model.py": r'''
import lightning as L
import torch
import torch.nn.functional as F


class SmallCNN(L.LightningModule):
    def __init__(self, num_classes):
        super().__init__()
        self.net = torch.nn.Sequential(torch.nn.Conv2d(3, 32, 3), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1),
                                       torch.nn.Flatten(), torch.nn.Linear(32, num_classes))

    def training_step(self, batch, _):
        x, y = batch
        return F.cross_entropy(self.net(x), y)

    def test_step(self, batch, _):
        x, y = batch
        self.log("test_acc", (self.net(x).argmax(1) == y).float().mean())

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)
''',
    },
    labels=[dict(file="datamodule.py", find="self.train, self.val, self.test = random_split(full, [0.7, 0.15, 0.15])",
                 category="SEED-UNSEEDED", why="the test images are drawn by an unseeded random_split")],
)
SPECS.append(D6)
SPECS.append(twin(D6, "lightning-datamodule-random-split-unseeded-clean", "The script seeds everything first.",
                  {"train.py": [("dm = FlowersDM()\n", "L.seed_everything(42, workers=True)\ndm = FlowersDM()\n")]}))

# 7. Metrics a Trainer saved (eval_results.json) older than the training script that produced them (history).
D7 = dict(
    id="hf-save-metrics-stale-after-script-change",
    style="mixed",
    description="run_cls.py writes out/eval_results.json with trainer.save_metrics; the committed file is from "
                "before the script's learning rate and label smoothing were changed.",
    files={
        "run_cls.py": r'''
from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments)

tok = AutoTokenizer.from_pretrained("roberta-base")
ds = load_dataset("glue", "sst2").map(lambda b: tok(b["sentence"], truncation=True), batched=True)
model = AutoModelForSequenceClassification.from_pretrained("roberta-base", num_labels=2)
args = TrainingArguments("out", learning_rate=1e-5, label_smoothing_factor=0.1, num_train_epochs=3, seed=13)
trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["validation"], tokenizer=tok)
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("eval", metrics)
''',
        "out/eval_results.json": '{\n    "epoch": 3.0,\n    "eval_accuracy": 0.9461,\n    "eval_loss": 0.1832\n}\n',
        "README.md": "# SST-2 fine-tuning\n\nRoBERTa-base reaches 94.6% validation accuracy (`out/eval_results.json`).\n",
    },
    history=[
        {"message": "sst2 baseline and its metrics", "date": "2025-02-11T16:00:00",
         "files": {"run_cls.py": "PLACEHOLDER",
                   "out/eval_results.json": '{\n    "epoch": 3.0,\n    "eval_accuracy": 0.9461,\n    "eval_loss": 0.1832\n}\n',
                   "README.md": "# SST-2 fine-tuning\n\nRoBERTa-base reaches 94.6% validation accuracy (`out/eval_results.json`).\n"}},
    ],
    labels=[dict(file="out/eval_results.json", category="RESULT-STALE",
                 why="the script that writes it changed after it was committed")],
)
D7["history"][0]["files"]["run_cls.py"] = D7["files"]["run_cls.py"].replace(
    'learning_rate=1e-5, label_smoothing_factor=0.1, ', 'learning_rate=2e-5, ')
D7["_twin_drop_history"] = True
SPECS.append(D7)
SPECS.append(twin(D7, "hf-save-metrics-stale-after-script-change-clean", "Script and metrics in one commit.",
                  {"run_cls.py": [("seed=13)", "seed=13)")]}))

# 8. A built prompt bypassed: the Responses API is given the raw question, not the prompt built with the rubric.
D8 = dict(
    id="llm-responses-api-built-prompt-bypassed",
    style="llm-eval",
    description="build_prompt adds the instructions and the answer format, but client.responses.create is given "
                "input=item['question'], the bare question; the parse then expects the format the model never saw.",
    files={
        "solve.py": r'''
import json
import re

from openai import OpenAI

client = OpenAI()
INSTRUCTIONS = "Solve the problem. End with a line 'ANSWER: <integer>'."


def build_prompt(item: dict) -> str:
    return f"{INSTRUCTIONS}\n\nProblem: {item['question']}"


def parse(text: str):
    m = re.search(r"ANSWER:\s*(-?\d+)", text)
    return int(m.group(1)) if m else None


items = [json.loads(l) for l in open("data/aime.jsonl")]
correct = 0
for item in items:
    prompt = build_prompt(item)
    resp = client.responses.create(model="o4-mini", input=item["question"])
    correct += parse(resp.output_text) == item["answer"]
json.dump({"aime_acc": correct / len(items)}, open("results/aime.json", "w"))
''',
    },
    labels=[dict(file="solve.py", find='resp = client.responses.create(model="o4-mini", input=item["question"])',
                 category="PROMPT-TEMPLATE", why="the built prompt is never sent; the model gets the bare question")],
    also_ok=[dict(file="solve.py", find="prompt = build_prompt(item)", category="PROMPT-TEMPLATE")],
)
SPECS.append(D8)
SPECS.append(twin(D8, "llm-responses-api-built-prompt-bypassed-clean", "The built prompt is sent.",
                  {"solve.py": [('input=item["question"])', "input=prompt)")]}))

# 9. A cached method whose result depends on a mutable attribute (the temperature set per condition).
D9 = dict(
    id="llm-cached-method-mutable-temperature",
    style="llm-eval",
    description="Sampler.complete is memoised with functools.cache on (self, prompt); the experiment changes "
                "sampler.temperature between conditions, so every condition after the first reads the first "
                "condition's cached replies.",
    files={
        "sampler.py": r'''
import functools

from anthropic import Anthropic


class Sampler:
    def __init__(self, model: str, temperature: float = 0.0):
        self.client = Anthropic()
        self.model = model
        self.temperature = temperature

    @functools.cache
    def complete(self, prompt: str) -> str:
        msg = self.client.messages.create(model=self.model, max_tokens=400, temperature=self.temperature,
                                          messages=[{"role": "user", "content": prompt}])
        return msg.content[0].text
''',
        "diversity.py": r'''
import json

from sampler import Sampler

prompts = [json.loads(l)["prompt"] for l in open("data/story_prompts.jsonl")]
sampler = Sampler("claude-3-5-haiku-latest")
distinct = {}
for t in (0.0, 0.5, 1.0):
    sampler.temperature = t
    outs = [sampler.complete(p) for p in prompts]
    distinct[str(t)] = len({w for o in outs for w in o.split()}) / sum(len(o.split()) for o in outs)
json.dump(distinct, open("results/distinct_by_temperature.json", "w"), indent=2)
''',
    },
    labels=[dict(file="sampler.py", find="@functools.cache", category="EVAL-CACHE",
                 why="the cache key is (self, prompt); the temperature changed on the same instance is not in it")],
)
SPECS.append(D9)
SPECS.append(twin(D9, "llm-cached-method-mutable-temperature-clean", "One sampler per temperature.",
                  {"diversity.py": [('sampler = Sampler("claude-3-5-haiku-latest")\n', ""),
                                    ("    sampler.temperature = t\n", '    sampler = Sampler("claude-3-5-haiku-latest", temperature=t)\n')]}))

# 10. Target encoding fitted on every row before the split (category_encoders).
D10 = dict(
    id="tab-target-encoder-before-split",
    style="sklearn",
    description="A TargetEncoder from category_encoders is fit_transform'ed on every row with the label before "
                "the train/test split: each test row's encoding includes its own label.",
    files={
        "ctr.py": r'''
import json

import category_encoders as ce
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/ads.csv")
cats = ["site_id", "app_id", "device_model"]
df[cats] = ce.TargetEncoder(cols=cats).fit_transform(df[cats], df["click"])
tr, te = train_test_split(df, test_size=0.2, random_state=0)
clf = LogisticRegression(max_iter=1000).fit(tr[cats], tr["click"])
json.dump({"test_logloss": log_loss(te["click"], clf.predict_proba(te[cats])[:, 1])}, open("results/ctr.json", "w"))
''',
    },
    labels=[dict(file="ctr.py", find='df[cats] = ce.TargetEncoder(cols=cats).fit_transform(df[cats], df["click"])',
                 category="LEAK-PREPROC", why="the target encoding is fit on all rows, test labels included")],
)
SPECS.append(D10)
SPECS.append(twin(D10, "tab-target-encoder-before-split-clean", "The encoder is fit on the training rows.",
                  {"ctr.py": [('df[cats] = ce.TargetEncoder(cols=cats).fit_transform(df[cats], df["click"])\n'
                               'tr, te = train_test_split(df, test_size=0.2, random_state=0)\n',
                               'tr, te = train_test_split(df, test_size=0.2, random_state=0)\n'
                               'enc = ce.TargetEncoder(cols=cats).fit(tr[cats], tr["click"])\n'
                               'tr, te = tr.assign(**enc.transform(tr[cats])), te.assign(**enc.transform(te[cats]))\n')]}))
