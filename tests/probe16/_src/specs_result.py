from twin import twin

SPECS = []

# R1 README number absent from the results CSV written by the script
R1 = dict(
    id="result-readme-accuracy-not-in-results-csv",
    style="sklearn",
    description="A nested-CV experiment (GridSearchCV inside cross_val_score) writes its per-fold scores and the mean to results/nested_cv.csv. The README claims a nested-CV balanced accuracy of 0.912, which is in no results file (the CSV's mean is 0.887).",
    files={
        "nested_cv.py": r'''
import numpy as np
import pandas as pd
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

df = pd.read_csv("data/parkinsons.csv")
X, y = df.drop(columns=["name", "status"]), df["status"]
pipe = Pipeline([("scale", StandardScaler()), ("svc", SVC())])
inner = GridSearchCV(pipe, {"svc__C": [0.1, 1, 10, 100], "svc__gamma": ["scale", 0.01, 0.1]},
                     cv=StratifiedKFold(5, shuffle=True, random_state=0), scoring="balanced_accuracy")
outer = cross_val_score(inner, X, y, cv=StratifiedKFold(5, shuffle=True, random_state=1), scoring="balanced_accuracy")
rows = [{"fold": i, "balanced_accuracy": s} for i, s in enumerate(outer)] + [{"fold": "mean", "balanced_accuracy": outer.mean()}]
pd.DataFrame(rows).to_csv("results/nested_cv.csv", index=False)
''',
        "results/nested_cv.csv": '''
fold,balanced_accuracy
0,0.8733
1,0.9012
2,0.8521
3,0.9167
4,0.8902
mean,0.8867
''',
        "README.md": '''
# Voice features for Parkinson's detection

An RBF SVM tuned by an inner grid search and evaluated by outer 5-fold cross-validation
(`nested_cv.py`, results in `results/nested_cv.csv`).

## Result

Nested cross-validation gives a balanced accuracy of **0.912** over the five outer folds.
''',
    },
    labels=[dict(file="README.md", find="Nested cross-validation gives a balanced accuracy of **0.912**", category="RESULT-CLAIM",
                 why="0.912 appears in no results file; the saved mean is 0.8867")],
)
SPECS.append(R1)
SPECS.append(twin(R1, "result-readme-accuracy-matches-results-csv-clean",
    "Clean twin: the README's number is the CSV's mean.",
    {"README.md": [("balanced accuracy of **0.912**", "balanced accuracy of **0.887**")]}))

# R2 results CSV older than the change to the script that produces it
R2 = dict(
    id="result-stale-ablation-csv-after-loss-change",
    style="torch",
    description="The ablation results were committed with the first version of train.py; a later commit changed the loss (label smoothing 0.0 -> 0.1) and the augmentation in train.py without re-running, and the README still cites the CSV.",
    files={
        "train.py": r'''
import argparse
import csv

import torch
import torch.nn as nn
from torchvision import datasets, transforms

p = argparse.ArgumentParser()
p.add_argument("--width", type=int, default=64)
p.add_argument("--seed", type=int, default=0)
args = p.parse_args()
torch.manual_seed(args.seed)

tf = transforms.Compose([transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip(),
                         transforms.ToTensor()])
train = datasets.CIFAR10("data", train=True, download=True, transform=tf)
test = datasets.CIFAR10("data", train=False, download=True, transform=transforms.ToTensor())
model = nn.Sequential(nn.Conv2d(3, args.width, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                      nn.Flatten(), nn.Linear(args.width, 10))
loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
g = torch.Generator().manual_seed(args.seed)
for epoch in range(30):
    model.train()
    for x, y in torch.utils.data.DataLoader(train, batch_size=128, shuffle=True, generator=g):
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
model.eval()
with torch.no_grad():
    acc = sum((model(x).argmax(1) == y).sum().item() for x, y in torch.utils.data.DataLoader(test, batch_size=512)) / len(test)
with open("results/ablation.csv", "a", newline="") as fh:
    csv.writer(fh).writerow([args.width, args.seed, acc])
''',
        "results/ablation.csv": '''
width,seed,test_acc
32,0,0.6012
64,0,0.6447
128,0,0.6731
''',
        "README.md": "# Width ablation\n\nTest accuracy by width is in `results/ablation.csv` (produced by `train.py`).\n",
    },
    history=[dict(message="width ablation: first runs", date="2025-03-02T10:00:00", files={
        "train.py": r'''
import argparse
import csv

import torch
import torch.nn as nn
from torchvision import datasets, transforms

p = argparse.ArgumentParser()
p.add_argument("--width", type=int, default=64)
p.add_argument("--seed", type=int, default=0)
args = p.parse_args()
torch.manual_seed(args.seed)

tf = transforms.ToTensor()
train = datasets.CIFAR10("data", train=True, download=True, transform=tf)
test = datasets.CIFAR10("data", train=False, download=True, transform=transforms.ToTensor())
model = nn.Sequential(nn.Conv2d(3, args.width, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                      nn.Flatten(), nn.Linear(args.width, 10))
loss_fn = nn.CrossEntropyLoss()
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
g = torch.Generator().manual_seed(args.seed)
for epoch in range(30):
    model.train()
    for x, y in torch.utils.data.DataLoader(train, batch_size=128, shuffle=True, generator=g):
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
model.eval()
with torch.no_grad():
    acc = sum((model(x).argmax(1) == y).sum().item() for x, y in torch.utils.data.DataLoader(test, batch_size=512)) / len(test)
with open("results/ablation.csv", "a", newline="") as fh:
    csv.writer(fh).writerow([args.width, args.seed, acc])
''',
        "results/ablation.csv": '''
width,seed,test_acc
32,0,0.6012
64,0,0.6447
128,0,0.6731
''',
        "README.md": "# Width ablation\n\nTest accuracy by width is in `results/ablation.csv` (produced by `train.py`).\n",
    })],
    labels=[dict(file="results/ablation.csv", category="RESULT-STALE",
                 why="the CSV was committed with the old train.py; the loss and augmentation changed afterwards and it was not regenerated")],
)
SPECS.append(R2)

# R3 pickle results without the seed or config; seeds overwrite each other
R3 = dict(
    id="result-pickle-dump-no-config-seeds-overwrite",
    style="mixed",
    description="run_all.sh loops over three encoders and three seeds calling `python probe.py --encoder $e --seed $s`. probe.py pickles only the metric values to results/<encoder>.pkl: the seed and the config are not stored, and each seed overwrites the previous one, so the table made from the pickles shows one unknown seed per encoder.",
    files={
        "run_all.sh": '''
#!/usr/bin/env bash
set -euo pipefail
for enc in bert-base-uncased roberta-base deberta-v3-base; do
  for seed in 0 1 2; do
    python probe.py --encoder "$enc" --seed "$seed" --layer 8
  done
done
python make_table.py
''',
        "probe.py": r'''
import argparse
import pickle

import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

from features import embed_split

ap = argparse.ArgumentParser()
ap.add_argument("--encoder", required=True)
ap.add_argument("--seed", type=int, default=0)
ap.add_argument("--layer", type=int, default=8)
args = ap.parse_args()
np.random.seed(args.seed)
torch.manual_seed(args.seed)

Xtr, ytr = embed_split(args.encoder, "train", args.layer)
Xte, yte = embed_split(args.encoder, "test", args.layer)
clf = LogisticRegression(max_iter=3000, random_state=args.seed).fit(Xtr, ytr)
pred = clf.predict(Xte)
with open(f"results/{args.encoder}.pkl", "wb") as fh:
    pickle.dump({"acc": accuracy_score(yte, pred), "macro_f1": f1_score(yte, pred, average="macro")}, fh)
''',
        "make_table.py": r'''
import glob
import os
import pickle

import pandas as pd

rows = []
for f in sorted(glob.glob("results/*.pkl")):
    r = pickle.load(open(f, "rb"))
    rows.append({"encoder": os.path.basename(f)[:-4], **r})
pd.DataFrame(rows).to_latex("paper/probe_table.tex", index=False, float_format="%.3f")
''',
        "features.py": r'''
import numpy as np


def embed_split(encoder, split, layer):
    d = np.load(f"cache/{encoder}_{split}_L{layer}.npz")
    return d["X"], d["y"]
''',
    },
    labels=[dict(file="probe.py", find='with open(f"results/{args.encoder}.pkl", "wb") as fh:', end_find="pickle.dump(",
                 category="RESULT-PROVENANCE", why="results saved without the seed or layer; the file name omits the seed so the three seeds overwrite each other")],
)
SPECS.append(R3)
SPECS.append(twin(R3, "result-pickle-dump-with-config-per-seed-clean",
    "Clean twin: one pickle per encoder, layer and seed, with the arguments stored in it; the table averages over seeds.",
    {"probe.py": [('with open(f"results/{args.encoder}.pkl", "wb") as fh:\n    pickle.dump({"acc": accuracy_score(yte, pred), "macro_f1": f1_score(yte, pred, average="macro")}, fh)',
                   'with open(f"results/{args.encoder}_L{args.layer}_s{args.seed}.pkl", "wb") as fh:\n    pickle.dump({**vars(args), "n_test": len(yte), "acc": accuracy_score(yte, pred),\n                 "macro_f1": f1_score(yte, pred, average="macro")}, fh)')],
     "make_table.py": [('    rows.append({"encoder": os.path.basename(f)[:-4], **r})\npd.DataFrame(rows).to_latex(',
                        '    rows.append(r)\ndf = pd.DataFrame(rows).groupby(["encoder", "layer"])[["acc", "macro_f1"]].agg(["mean", "std"])\ndf.to_latex(')]}))

# R4 results CSV with NaN metrics for most rows
R4 = dict(
    id="result-suspect-nan-f1-rows-in-summary",
    style="sklearn",
    description="A per-language evaluation of a toxicity classifier writes results/by_language.csv. For four of the seven languages the F1 column is NaN (no positive example survived the filter in those languages), and the macro average in the README is taken over the three numeric rows without comment.",
    files={
        "eval_by_lang.py": r'''
import pandas as pd
from sklearn.metrics import f1_score

preds = pd.read_csv("outputs/preds.csv")   # lang, label, pred
rows = []
for lang, g in preds.groupby("lang"):
    f1 = f1_score(g.label, g.pred, zero_division=float("nan"))
    rows.append({"lang": lang, "n": len(g), "n_pos": int(g.label.sum()), "f1": f1})
pd.DataFrame(rows).to_csv("results/by_language.csv", index=False)
''',
        "results/by_language.csv": '''
lang,n,n_pos,f1
de,812,97,0.7421
en,1500,211,0.8113
es,640,0,
fr,701,0,
hi,355,0,
it,588,64,0.6980
pt,402,0,
''',
        "README.md": '''
# Multilingual toxicity

Per-language F1 is in `results/by_language.csv`; the macro average over languages is 0.7505.
''',
    },
    labels=[dict(file="results/by_language.csv", find="es,640,0,", end_find="pt,402,0,", category="RESULT-SUSPECT",
                 why="F1 is empty/NaN for four of seven languages (no positive examples); the average silently skips them")],
)
SPECS.append(R4)

# R5 LaTeX table number absent from the results JSON
R5 = dict(
    id="result-latex-table-number-not-in-results",
    style="mixed",
    description="The paper's main table (paper/main_table.tex) was typed by hand. Its DPO row reports 71.8 win rate, while results/winrate.json (written by judge.py) has 0.684 for DPO; the SFT row matches.",
    files={
        "judge.py": r'''
import json

import numpy as np

wins = {}
for policy in ["sft", "dpo"]:
    rows = [json.loads(l) for l in open(f"outputs/judged_{policy}.jsonl")]
    w = np.array([r["winner"] == policy for r in rows], dtype=float)
    wins[policy] = {"win_rate": round(w.mean(), 3), "n": len(rows), "judge": "gpt-4o-2024-08-06"}
json.dump(wins, open("results/winrate.json", "w"), indent=1)
''',
        "results/winrate.json": '''
{
 "sft": {"win_rate": 0.527, "n": 805, "judge": "gpt-4o-2024-08-06"},
 "dpo": {"win_rate": 0.684, "n": 805, "judge": "gpt-4o-2024-08-06"}
}
''',
        "paper/main_table.tex": r'''
\begin{table}[t]
\centering
\begin{tabular}{lcc}
\toprule
Policy & Win rate vs. reference (\%) & $n$ \\
\midrule
SFT & 52.7 & 805 \\
DPO & 71.8 & 805 \\
\bottomrule
\end{tabular}
\caption{Pairwise win rate judged by GPT-4o.}
\end{table}
''',
    },
    labels=[dict(file="paper/main_table.tex", find="DPO & 71.8 & 805", category="RESULT-CLAIM",
                 why="71.8 is in no results file; results/winrate.json has 0.684 for DPO")],
)
SPECS.append(R5)
SPECS.append(twin(R5, "result-latex-table-numbers-match-results-clean",
    "Clean twin: the table's DPO number is the JSON's.",
    {"paper/main_table.tex": [("DPO & 71.8 & 805", "DPO & 68.4 & 805")]}))
