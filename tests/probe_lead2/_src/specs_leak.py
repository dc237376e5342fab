from twin import twin

SPECS = []

L1 = dict(
    id="llm-dataclass-method-target",
    style="llm-eval",
    description="A multiple-choice eval whose item dataclass renders its own prompt; the method interpolates the gold letter (self.target) into the prompt text.",
    files={
        "items.py": r'''
from dataclasses import dataclass


@dataclass
class MCItem:
    question: str
    choices: list
    target: str

    def render(self) -> str:
        opts = "\n".join(f"{'ABCD'[i]}. {c}" for i, c in enumerate(self.choices))
        return f"{self.question}\n{opts}\nThe correct option is {self.target}. Answer with one letter:"
''',
        "run_eval.py": r'''
import json

from anthropic import Anthropic

from items import MCItem

client = Anthropic()
items = [MCItem(**json.loads(line)) for line in open("data/mc_test.jsonl")]
correct = 0
for it in items:
    msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=5,
                                 messages=[{"role": "user", "content": it.render()}])
    correct += msg.content[0].text.strip().upper().startswith(it.target)
json.dump({"accuracy": correct / len(items), "n": len(items)}, open("results/mc.json", "w"))
''',
    },
    labels=[dict(file="items.py", find="The correct option is {self.target}", category="LEAK-PROMPT",
                 why="the gold letter is interpolated into the prompt the model answers")],
)
SPECS.append(L1)
SPECS.append(twin(L1, "llm-dataclass-method-target-clean",
                  "The same dataclass prompt without the gold letter; the target is only compared with the reply.",
                  {"items.py": [("\\nThe correct option is {self.target}. Answer with one letter:", "\\nAnswer with one letter:")]}))

L2 = dict(
    id="tab-scaler-fit-on-stacked-train-test",
    style="sklearn",
    description="A regression study fits its StandardScaler on the train and test matrices stacked together, after the split.",
    files={
        "train.py": r'''
import json

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/housing.csv")
X, y = df.drop(columns=["price"]).values, df["price"].values
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
scaler = StandardScaler().fit(np.vstack([X_train, X_test]))
model = Ridge(alpha=1.0).fit(scaler.transform(X_train), y_train)
mae = mean_absolute_error(y_test, model.predict(scaler.transform(X_test)))
json.dump({"mae": mae}, open("results/ridge.json", "w"))
''',
    },
    labels=[dict(file="train.py", find="StandardScaler().fit(np.vstack", category="LEAK-PREPROC",
                 why="the scaler's statistics include the test rows")],
)
SPECS.append(L2)
SPECS.append(twin(L2, "tab-scaler-fit-on-stacked-train-test-clean", "The scaler is fit on the training rows only.",
                  {"train.py": [("StandardScaler().fit(np.vstack([X_train, X_test]))", "StandardScaler().fit(X_train)")]}))

L3 = dict(
    id="tab-optuna-objective-test-score",
    style="sklearn",
    description="Optuna tunes a gradient-boosting model by the test-set accuracy returned from its objective; the best trial's test accuracy is reported.",
    files={
        "tune.py": r'''
import json

import optuna
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

df = pd.read_parquet("data/churn.parquet")
X, y = df.drop(columns="churned"), df["churned"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=7, stratify=y)


def objective(trial):
    clf = HistGradientBoostingClassifier(
        learning_rate=trial.suggest_float("lr", 1e-3, 0.3, log=True),
        max_depth=trial.suggest_int("depth", 2, 10),
        random_state=0,
    ).fit(X_tr, y_tr)
    return accuracy_score(y_te, clf.predict(X_te))


study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
study.optimize(objective, n_trials=50)
json.dump({"best_params": study.best_params, "test_accuracy": study.best_value}, open("results/tuned.json", "w"))
''',
    },
    labels=[dict(file="tune.py", find="return accuracy_score(y_te, clf.predict(X_te))", category="LEAK-SELECT",
                 why="hyperparameters are chosen by the test accuracy, which is then reported")],
)
SPECS.append(L3)
SPECS.append(twin(L3, "tab-optuna-objective-test-score-clean",
                  "Optuna tunes on a validation split; the test set is scored once with the best parameters.",
                  {"tune.py": [
                      ("X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=7, stratify=y)\n",
                       "X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=7, stratify=y)\n"
                       "X_fit, X_val, y_fit, y_val = train_test_split(X_tr, y_tr, test_size=0.2, random_state=7, stratify=y_tr)\n"),
                      (").fit(X_tr, y_tr)\n    return accuracy_score(y_te, clf.predict(X_te))",
                       ").fit(X_fit, y_fit)\n    return accuracy_score(y_val, clf.predict(X_val))"),
                      ('json.dump({"best_params": study.best_params, "test_accuracy": study.best_value}',
                       'final = HistGradientBoostingClassifier(learning_rate=study.best_params["lr"], max_depth=study.best_params["depth"], random_state=0).fit(X_tr, y_tr)\n'
                       'json.dump({"best_params": study.best_params, "test_accuracy": accuracy_score(y_te, final.predict(X_te))}'),
                  ]}))

L4 = dict(
    id="torch-concat-dataset-train-on-test",
    style="torch",
    description="The 'final' model is trained on ConcatDataset of the train and test sets, then evaluated on the test set.",
    files={
        "final.py": r'''
import json

import torch
from torch.utils.data import ConcatDataset, DataLoader
from torchvision import datasets, transforms

from model import SmallCNN

tf = transforms.ToTensor()
train_ds = datasets.FashionMNIST("data", train=True, download=True, transform=tf)
test_ds = datasets.FashionMNIST("data", train=False, download=True, transform=tf)
torch.manual_seed(0)
loader = DataLoader(ConcatDataset([train_ds, test_ds]), batch_size=128, shuffle=True)
net = SmallCNN()
opt = torch.optim.Adam(net.parameters(), 1e-3)
for epoch in range(5):
    for x, y in loader:
        opt.zero_grad()
        torch.nn.functional.cross_entropy(net(x), y).backward()
        opt.step()
net.eval()
correct = 0
with torch.no_grad():
    for x, y in DataLoader(test_ds, batch_size=512):
        correct += (net(x).argmax(1) == y).sum().item()
json.dump({"test_acc": correct / len(test_ds)}, open("results/final.json", "w"))
''',
        "model.py": r'''
import torch.nn as nn


class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU(), nn.Flatten(), nn.Linear(16 * 26 * 26, 10))

    def forward(self, x):
        return self.body(x)
''',
    },
    labels=[dict(file="final.py", find="ConcatDataset([train_ds, test_ds])", category="LEAK-OVERLAP",
                 why="the test set is part of the training data of the model scored on it")],
)
SPECS.append(L4)
SPECS.append(twin(L4, "torch-concat-dataset-train-on-test-clean",
                  "The final model is trained on the train set and a held-out extra split, never on the test set.",
                  {"final.py": [("ConcatDataset([train_ds, test_ds])", "ConcatDataset([train_ds, datasets.KMNIST(\"data\", train=True, download=True, transform=tf)])")]}))
