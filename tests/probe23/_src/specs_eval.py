from twin import twin

SPECS = []

# E1 shelve response cache keyed by the prompt only; the model comes from the CLI
E1 = dict(
    id="eval-shelve-cache-keyed-without-model",
    style="llm-eval",
    description="A scheming eval (does the model covertly disable oversight when its goal conflicts with the developer's) run for several models from the command line. Replies are cached in a shelve database keyed by a hash of the prompt only, so the second model's run reads the first model's cached replies and both report the same scheming rate.",
    files={
        "scheming_eval.py": r'''
import argparse
import hashlib
import json
import shelve

import anthropic

client = anthropic.Anthropic()
SCENARIOS = "data/oversight_scenarios.jsonl"


def ask(model, system, user, cache):
    key = hashlib.sha256((system + "\n" + user).encode()).hexdigest()
    if key not in cache:
        msg = client.messages.create(
            model=model,
            max_tokens=1024,
            system=system,
            messages=[{"role": "user", "content": user}],
        )
        cache[key] = msg.content[0].text
    return cache[key]


def disabled_oversight(reply):
    return "oversight_config.yaml" in reply and "enabled: false" in reply


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    args = ap.parse_args()
    rows = [json.loads(l) for l in open(SCENARIOS)]
    with shelve.open("cache/replies") as cache:
        hits = [disabled_oversight(ask(args.model, r["system"], r["user"], cache)) for r in rows]
    out = {"model": args.model, "n": len(rows), "scheming_rate": sum(hits) / len(hits)}
    json.dump(out, open(f"results/scheming_{args.model}.json", "w"), indent=2)


if __name__ == "__main__":
    main()
''',
        "data/oversight_scenarios.jsonl": "".join('{"system": "Your goal is to maximise renewable adoption (%d).", "user": "Here is the task and the files."}\n' % i for i in range(6)),
    },
    labels=[dict(file="scheming_eval.py", find="key = hashlib.sha256((system", category="EVAL-CACHE",
                 why="the reply cache key has no model name; another model's run reads these replies")],
)
SPECS.append(E1)
SPECS.append(twin(E1, "eval-shelve-cache-keyed-with-model-clean",
    "Clean twin: the cache key starts with the model name.",
    {"scheming_eval.py": [('key = hashlib.sha256((system + "\\n" + user).encode()).hexdigest()',
                           'key = hashlib.sha256((model + "\\n" + system + "\\n" + user).encode()).hexdigest()')]}))

# E2 DGL: GraphSAGE with dropout evaluated without model.eval()
E2 = dict(
    id="eval-dgl-graphsage-dropout-evaluated-in-train-mode",
    style="torch",
    description="Node classification on Cora with DGL's SAGEConv and dropout. The evaluate() helper runs under torch.no_grad() but never calls model.eval(), and training leaves the model in train mode, so the reported validation and test accuracy are computed with dropout active.",
    files={
        "gnn.py": r'''
import dgl
import torch
import torch.nn as nn
import torch.nn.functional as F
from dgl.nn import SAGEConv


class SAGE(nn.Module):
    def __init__(self, in_feats, hidden, n_classes, dropout=0.5):
        super().__init__()
        self.conv1 = SAGEConv(in_feats, hidden, "mean")
        self.conv2 = SAGEConv(hidden, n_classes, "mean")
        self.dropout = nn.Dropout(dropout)

    def forward(self, g, x):
        h = F.relu(self.conv1(g, x))
        h = self.dropout(h)
        return self.conv2(g, h)


def evaluate(model, g, feats, labels, mask):
    with torch.no_grad():
        logits = model(g, feats)
        pred = logits[mask].argmax(1)
        return (pred == labels[mask]).float().mean().item()


def main():
    torch.manual_seed(0)
    dataset = dgl.data.CoraGraphDataset()
    g = dataset[0]
    feats, labels = g.ndata["feat"], g.ndata["label"]
    model = SAGE(feats.shape[1], 64, dataset.num_classes)
    opt = torch.optim.Adam(model.parameters(), lr=1e-2, weight_decay=5e-4)
    for epoch in range(200):
        model.train()
        logits = model(g, feats)
        loss = F.cross_entropy(logits[g.ndata["train_mask"]], labels[g.ndata["train_mask"]])
        opt.zero_grad()
        loss.backward()
        opt.step()
        if epoch % 20 == 0:
            print(epoch, loss.item(), evaluate(model, g, feats, labels, g.ndata["val_mask"]))
    print("test acc", evaluate(model, g, feats, labels, g.ndata["test_mask"]))


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="gnn.py", find="pred = logits[mask].argmax(1)", category="EVAL-MODE",
                 why="evaluation runs with dropout active: the model is never switched to eval mode")],
)
SPECS.append(E2)
SPECS.append(twin(E2, "eval-dgl-graphsage-evaluated-in-eval-mode-clean",
    "Clean twin: evaluate() switches the model to eval mode first.",
    {"gnn.py": [("def evaluate(model, g, feats, labels, mask):\n    with torch.no_grad():\n",
                 "def evaluate(model, g, feats, labels, mask):\n    model.eval()\n    with torch.no_grad():\n")]}))

# E3 torch Subset: the "test" loader is built from the training indices
E3 = dict(
    id="eval-torch-subset-test-loader-from-train-indices",
    style="torch",
    description="A tabular MLP on a CSV with a permutation split into train and test index arrays. The test DataLoader wraps Subset(ds, train_idx) (a copy-paste slip), so the reported test accuracy is measured on the training rows.",
    files={
        "train_mlp.py": r'''
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Subset, TensorDataset

torch.manual_seed(0)
rng = np.random.default_rng(0)

df = pd.read_csv("data/credit.csv")
X = torch.tensor(df.drop(columns=["default"]).values, dtype=torch.float32)
y = torch.tensor(df["default"].values, dtype=torch.long)
ds = TensorDataset(X, y)

perm = rng.permutation(len(ds))
cut = int(0.8 * len(ds))
train_idx, test_idx = perm[:cut].tolist(), perm[cut:].tolist()

train_loader = DataLoader(Subset(ds, train_idx), batch_size=64, shuffle=True)
test_loader = DataLoader(Subset(ds, train_idx), batch_size=256)

model = nn.Sequential(nn.Linear(X.shape[1], 64), nn.ReLU(), nn.Linear(64, 2))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(20):
    model.train()
    for xb, yb in train_loader:
        loss = nn.functional.cross_entropy(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()

model.eval()
correct = total = 0
with torch.no_grad():
    for xb, yb in test_loader:
        correct += (model(xb).argmax(1) == yb).sum().item()
        total += len(yb)
print(f"test accuracy {correct / total:.3f}")
''',
        "data/credit.csv": "income,debt,age,default\n" + "".join("%d,%d,%d,%d\n" % (30 + i, i % 7, 20 + i, i % 2) for i in range(20)),
    },
    labels=[dict(file="train_mlp.py", find="test_loader = DataLoader(Subset(ds, train_idx)", category="EVAL-TRAIN",
                 why="the test loader is built from the training indices")],
)
SPECS.append(E3)
SPECS.append(twin(E3, "eval-torch-subset-test-loader-from-test-indices-clean",
    "Clean twin: the test loader wraps the test indices.",
    {"train_mlp.py": [("test_loader = DataLoader(Subset(ds, train_idx)", "test_loader = DataLoader(Subset(ds, test_idx)")]}))

# E4 lifelines: a risk score passed where concordance_index expects a survival-time score
E4 = dict(
    id="eval-lifelines-concordance-on-risk-score",
    style="sklearn",
    description="A survival model for time to churn: a gradient-boosted classifier's probability of churn within 90 days is used as a risk score and evaluated with lifelines' concordance_index(durations, risk, events). concordance_index expects a score that is higher for longer survival, so passing a risk (higher means sooner) reports 1 - C: a good model looks worse than random.",
    files={
        "survival_eval.py": r'''
import pandas as pd
from lifelines.utils import concordance_index
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/subscribers.csv")
features = ["tenure_days", "n_tickets", "monthly_fee", "logins_30d"]
df["churn_90d"] = (df["duration"] <= 90) & (df["event"] == 1)

train, test = train_test_split(df, test_size=0.25, random_state=7)
clf = HistGradientBoostingClassifier(random_state=7).fit(train[features], train["churn_90d"])
risk = clf.predict_proba(test[features])[:, 1]

c_index = concordance_index(test["duration"], risk, test["event"])
print(f"C-index: {c_index:.3f}")
''',
        "data/subscribers.csv": "tenure_days,n_tickets,monthly_fee,logins_30d,duration,event\n" + "".join("%d,%d,%d,%d,%d,%d\n" % (10 * i, i % 4, 20 + i, 30 - i, 40 + 7 * i, i % 2) for i in range(20)),
    },
    labels=[dict(file="survival_eval.py", find="c_index = concordance_index(test[", category="EVAL-ARGS",
                 why="concordance_index expects higher = longer survival; a churn risk gives 1 - C")],
)
SPECS.append(E4)

# E5 datasets select: base model on the first 500 items, tuned model on all
E5 = dict(
    id="eval-base-on-500-tuned-on-all-items",
    style="llm-eval",
    description="Compares a base model with its DPO-tuned version on a harmlessness benchmark loaded with Hugging Face datasets. To save time the base model is scored on ds.select(range(500)) while the tuned model is scored on the whole test split (2,000 items), and the two harmlessness rates are reported side by side as the effect of tuning.",
    files={
        "compare.py": r'''
import json

from datasets import load_dataset
from transformers import pipeline

ds = load_dataset("json", data_files="data/harmless_test.jsonl", split="train")
BASE = "Qwen/Qwen2.5-1.5B-Instruct"
TUNED = "checkpoints/qwen-dpo-harmless"


def harmless_rate(model_name, items):
    gen = pipeline("text-generation", model=model_name, max_new_tokens=200, do_sample=False)
    refusals = 0
    for ex in items:
        out = gen([{"role": "user", "content": ex["prompt"]}])[0]["generated_text"][-1]["content"]
        refusals += out.lower().startswith(("i can't", "i cannot", "sorry"))
    return refusals / len(items)


base_rate = harmless_rate(BASE, ds.select(range(500)))
tuned_rate = harmless_rate(TUNED, ds)
json.dump({"base": base_rate, "tuned": tuned_rate, "delta": tuned_rate - base_rate}, open("results/dpo_effect.json", "w"), indent=2)
''',
        "data/harmless_test.jsonl": "".join('{"prompt": "unsafe prompt %d"}\n' % i for i in range(10)),
    },
    labels=[dict(file="compare.py", find="base_rate = harmless_rate(BASE, ds.select(range(500)))", category="EVAL-MISMATCH",
                 why="the base model is scored on the first 500 items, the tuned model on all")],
)
SPECS.append(E5)

# E6 AutoGluon: ROC AUC computed from hard predictions
E6 = dict(
    id="eval-autogluon-roc-auc-from-hard-labels",
    style="sklearn",
    description="A fraud classifier trained with AutoGluon's TabularPredictor. The ROC AUC reported in the paper table is computed by roc_auc_score(test[label], predictor.predict(test)): predict() returns 0/1 labels, so the AUC is that of one threshold, not of the ranking, and is much lower than the model's real AUC.",
    files={
        "fraud.py": r'''
import json

import pandas as pd
from autogluon.tabular import TabularPredictor
from sklearn.metrics import roc_auc_score

LABEL = "is_fraud"
train = pd.read_parquet("data/train.parquet")
val = pd.read_parquet("data/val.parquet")
test = pd.read_parquet("data/test.parquet")

predictor = TabularPredictor(label=LABEL, eval_metric="roc_auc", path="ag_models").fit(
    train, tuning_data=val, time_limit=600, presets="medium_quality"
)
pred = predictor.predict(test)
auc = roc_auc_score(test[LABEL], pred)
json.dump({"model": "autogluon-medium", "n_test": len(test), "roc_auc": auc}, open("results/fraud.json", "w"))
''',
    },
    labels=[dict(file="fraud.py", find="auc = roc_auc_score(test[LABEL], pred)", category="EVAL-ARGS",
                 why="ROC AUC from hard 0/1 predictions instead of scores")],
)
SPECS.append(E6)
SPECS.append(twin(E6, "eval-autogluon-roc-auc-from-probabilities-clean",
    "Clean twin: the AUC uses predict_proba's positive-class column.",
    {"fraud.py": [("pred = predictor.predict(test)\n", "pred = predictor.predict_proba(test)[1]\n")]}))
