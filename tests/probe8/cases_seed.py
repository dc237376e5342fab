def define(case):
    case("p8-seed-notebook-seed-late", "notebook",
         "Notebook that subsamples 2,000 of the prompts for annotation cost: the subsample is drawn with "
         "np.random.choice in an early cell, while np.random.seed(0) is only called in a later cell before "
         "model fitting, so the subsample (and every number computed on it) changes on each run.",
         {
             "README.md": """
                 # toxicity-probe
                 Linear probe for toxicity on sentence embeddings; see `probe.ipynb`.
             """,
             "probe.ipynb": [
                 ("md", "# Toxicity probe\nSubsample, embed, fit a logistic probe."),
                 ("code", """
                     import numpy as np
                     import pandas as pd
                     from sklearn.linear_model import LogisticRegression
                     from sklearn.model_selection import cross_val_score
                 """),
                 ("code", """
                     df = pd.read_csv("data/comments.csv")
                     idx = np.random.choice(len(df), size=2000, replace=False)  #@SEED-UNSEEDED
                     sub = df.iloc[idx].reset_index(drop=True)
                     sub.label.value_counts()
                 """),
                 ("code", """
                     emb = np.load("data/comment_embeddings.npy")[idx]
                     emb.shape
                 """),
                 ("md", "Fix the seed for the probe."),
                 ("code", """
                     np.random.seed(0)
                     clf = LogisticRegression(max_iter=2000, C=0.5)
                     scores = cross_val_score(clf, emb, sub.label, cv=5, scoring="roc_auc")
                     print(f"probe AUROC {scores.mean():.3f} +- {scores.std():.3f}")
                 """),
             ],
         })

    case("p8-clean-seed-notebook-seeded-first", "notebook",
         "Clean twin of the toxicity-probe notebook: a seeded Generator is created in the first code cell and the "
         "subsample is drawn from it.",
         {
             "README.md": """
                 # toxicity-probe
                 Linear probe for toxicity on sentence embeddings; see `probe.ipynb`.
             """,
             "probe.ipynb": [
                 ("md", "# Toxicity probe\nSubsample, embed, fit a logistic probe."),
                 ("code", """
                     import numpy as np
                     import pandas as pd
                     from sklearn.linear_model import LogisticRegression
                     from sklearn.model_selection import cross_val_score
                     rng = np.random.default_rng(0)
                 """),
                 ("code", """
                     df = pd.read_csv("data/comments.csv")
                     idx = rng.choice(len(df), size=2000, replace=False)
                     sub = df.iloc[idx].reset_index(drop=True)
                     sub.label.value_counts()
                 """),
                 ("code", """
                     emb = np.load("data/comment_embeddings.npy")[idx]
                     emb.shape
                 """),
                 ("code", """
                     clf = LogisticRegression(max_iter=2000, C=0.5)
                     scores = cross_val_score(clf, emb, sub.label, cv=5, scoring="roc_auc")
                     print(f"probe AUROC {scores.mean():.3f} +- {scores.std():.3f}")
                 """),
             ],
         })

    case("p8-seed-listdir-helper-split", "torch",
         "EEG subject split: a helper in data/io.py lists subject folders with os.listdir (no sort), and train.py "
         "assigns the first 80% of that list to training and the rest to test; the listing order is filesystem "
         "dependent, so which subjects are held out differs between machines.",
         {
             "README.md": """
                 # eeg-sleep
                 Sleep staging from EEG, subject-wise split. `python train.py`
             """,
             "data/__init__.py": "",
             "data/io.py": """
                 import os

                 import numpy as np


                 def list_subjects(root):
                     return [d for d in os.listdir(root) if d.startswith("sub-")]  #@SEED-ORDER


                 def load_subject(root, subject):
                     z = np.load(os.path.join(root, subject, "epochs.npz"))
                     return z["x"], z["y"]
             """,
             "train.py": """
                 import numpy as np
                 import torch
                 from sklearn.metrics import cohen_kappa_score

                 from data.io import list_subjects, load_subject
                 from model import SleepNet, fit

                 torch.manual_seed(0)
                 ROOT = "/data/sleep-edf"
                 subjects = list_subjects(ROOT)
                 n_train = int(0.8 * len(subjects))
                 train_subj, test_subj = subjects[:n_train], subjects[n_train:]

                 Xtr, ytr = map(np.concatenate, zip(*(load_subject(ROOT, s) for s in train_subj)))
                 Xte, yte = map(np.concatenate, zip(*(load_subject(ROOT, s) for s in test_subj)))
                 net = fit(SleepNet(), Xtr, ytr, epochs=20)
                 net.eval()
                 with torch.no_grad():
                     pred = net(torch.as_tensor(Xte, dtype=torch.float32)).argmax(1).numpy()
                 print(f"test kappa {cohen_kappa_score(yte, pred):.3f} on {len(test_subj)} subjects")
             """,
             "model.py": """
                 import torch
                 import torch.nn as nn


                 class SleepNet(nn.Module):
                     def __init__(self, n_classes=5):
                         super().__init__()
                         self.net = nn.Sequential(nn.Conv1d(1, 16, 7, stride=2), nn.ReLU(), nn.AdaptiveAvgPool1d(32),
                                                  nn.Flatten(), nn.Linear(16 * 32, n_classes))

                     def forward(self, x):
                         return self.net(x.unsqueeze(1))


                 def fit(net, X, y, epochs=10, lr=1e-3):
                     opt = torch.optim.Adam(net.parameters(), lr=lr)
                     X = torch.as_tensor(X, dtype=torch.float32)
                     y = torch.as_tensor(y)
                     g = torch.Generator().manual_seed(0)
                     net.train()
                     for _ in range(epochs):
                         for i in torch.randperm(len(X), generator=g).split(256):
                             opt.zero_grad()
                             nn.functional.cross_entropy(net(X[i]), y[i]).backward()
                             opt.step()
                     return net
             """,
         })

    case("p8-clean-seed-listdir-sorted", "torch",
         "Clean twin of the EEG split: the helper sorts the subject folders, so the positional split is the same "
         "everywhere.",
         {
             "README.md": """
                 # eeg-sleep
                 Sleep staging from EEG, subject-wise split. `python train.py`
             """,
             "data/__init__.py": "",
             "data/io.py": """
                 import os

                 import numpy as np


                 def list_subjects(root):
                     return sorted(d for d in os.listdir(root) if d.startswith("sub-"))


                 def load_subject(root, subject):
                     z = np.load(os.path.join(root, subject, "epochs.npz"))
                     return z["x"], z["y"]
             """,
             "train.py": """
                 import numpy as np
                 import torch
                 from sklearn.metrics import cohen_kappa_score

                 from data.io import list_subjects, load_subject
                 from model import SleepNet, fit

                 torch.manual_seed(0)
                 ROOT = "/data/sleep-edf"
                 subjects = list_subjects(ROOT)
                 n_train = int(0.8 * len(subjects))
                 train_subj, test_subj = subjects[:n_train], subjects[n_train:]

                 Xtr, ytr = map(np.concatenate, zip(*(load_subject(ROOT, s) for s in train_subj)))
                 Xte, yte = map(np.concatenate, zip(*(load_subject(ROOT, s) for s in test_subj)))
                 net = fit(SleepNet(), Xtr, ytr, epochs=20)
                 net.eval()
                 with torch.no_grad():
                     pred = net(torch.as_tensor(Xte, dtype=torch.float32)).argmax(1).numpy()
                 print(f"test kappa {cohen_kappa_score(yte, pred):.3f} on {len(test_subj)} subjects")
             """,
             "model.py": """
                 import torch
                 import torch.nn as nn


                 class SleepNet(nn.Module):
                     def __init__(self, n_classes=5):
                         super().__init__()
                         self.net = nn.Sequential(nn.Conv1d(1, 16, 7, stride=2), nn.ReLU(), nn.AdaptiveAvgPool1d(32),
                                                  nn.Flatten(), nn.Linear(16 * 32, n_classes))

                     def forward(self, x):
                         return self.net(x.unsqueeze(1))


                 def fit(net, X, y, epochs=10, lr=1e-3):
                     opt = torch.optim.Adam(net.parameters(), lr=lr)
                     X = torch.as_tensor(X, dtype=torch.float32)
                     y = torch.as_tensor(y)
                     g = torch.Generator().manual_seed(0)
                     net.train()
                     for _ in range(epochs):
                         for i in torch.randperm(len(X), generator=g).split(256):
                             opt.zero_grad()
                             nn.functional.cross_entropy(net(X[i]), y[i]).backward()
                             opt.step()
                     return net
             """,
         })

    case("p8-seed-random-split-datamodule", "torch",
         "Tabular MLP where the train/val split lives in datamodule.py as random_split(ds, [0.8, 0.2]) with no "
         "generator, and the entry point main.py never seeds anything; weight initialisation and the split change "
         "on every run while a single val accuracy is reported.",
         {
             "README.md": """
                 # adult-mlp
                 `python main.py --epochs 15`
             """,
             "datamodule.py": """
                 import pandas as pd
                 import torch
                 from torch.utils.data import DataLoader, TensorDataset, random_split


                 def make_loaders(path="data/adult_processed.csv", batch_size=256):
                     df = pd.read_csv(path)
                     X = torch.tensor(df.drop(columns=["income_gt_50k"]).to_numpy(), dtype=torch.float32)
                     y = torch.tensor(df["income_gt_50k"].to_numpy(), dtype=torch.long)
                     ds = TensorDataset(X, y)
                     train_ds, val_ds = random_split(ds, [0.8, 0.2])  #@SEED-UNSEEDED
                     return (DataLoader(train_ds, batch_size=batch_size, shuffle=True),
                             DataLoader(val_ds, batch_size=1024), X.shape[1])
             """,
             "main.py": """
                 import argparse

                 import torch
                 import torch.nn as nn

                 from datamodule import make_loaders


                 def main():
                     ap = argparse.ArgumentParser()
                     ap.add_argument("--epochs", type=int, default=15)
                     args = ap.parse_args()
                     train_dl, val_dl, d_in = make_loaders()
                     model = nn.Sequential(nn.Linear(d_in, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 2))
                     opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
                     for _ in range(args.epochs):
                         model.train()
                         for x, y in train_dl:
                             opt.zero_grad()
                             nn.functional.cross_entropy(model(x), y).backward()
                             opt.step()
                     model.eval()
                     correct = 0
                     with torch.no_grad():
                         for x, y in val_dl:
                             correct += (model(x).argmax(1) == y).sum().item()
                     print(f"val accuracy {correct / len(val_dl.dataset):.4f}")


                 if __name__ == "__main__":
                     main()
             """,
         })

    case("p8-seed-temperature-config-once", "llm-eval",
         "Prompt-style comparison configured by a dataclass whose temperature defaults to 0.8, with one sample per "
         "item; the two prompt styles are compared on a single sampled answer each, with no repeats or variance, "
         "and the 1-2 point difference is reported as an effect.",
         {
             "README.md": """
                 # politeness-effect
                 Does a polite prompt improve accuracy? `python experiment.py`
             """,
             "config.py": """
                 from dataclasses import dataclass


                 @dataclass
                 class ExpConfig:
                     model: str = "gpt-4o-mini"
                     temperature: float = 0.8  #@ok:SEED-SAMPLING
                     max_tokens: int = 256
                     data_path: str = "data/arith.jsonl"
             """,
             "experiment.py": """
                 import json

                 from openai import OpenAI

                 from config import ExpConfig

                 STYLES = {
                     "plain": "{q}",
                     "polite": "Could you please help me with this? {q} Thank you so much!",
                 }


                 def run(cfg: ExpConfig):
                     client = OpenAI()
                     items = [json.loads(l) for l in open(cfg.data_path)]
                     acc = {}
                     for style, tmpl in STYLES.items():
                         hits = 0
                         for it in items:
                             resp = client.chat.completions.create(
                                 model=cfg.model, temperature=cfg.temperature, max_tokens=cfg.max_tokens,  #@SEED-SAMPLING
                                 messages=[{"role": "user", "content": tmpl.format(q=it["question"])}])
                             hits += str(it["answer"]) in resp.choices[0].message.content
                         acc[style] = hits / len(items)
                     print(acc, f"polite - plain = {acc['polite'] - acc['plain']:+.3f}")


                 if __name__ == "__main__":
                     run(ExpConfig())
             """,
         })

    case("p8-seed-sklearn-plain", "sklearn",
         "Plain spelling: RandomForestClassifier and train_test_split are used without random_state in a script "
         "that reports one accuracy to three decimals.",
         {
             "README.md": """
                 # wine-rf
                 `python rf.py`
             """,
             "rf.py": """
                 import pandas as pd
                 from sklearn.ensemble import RandomForestClassifier
                 from sklearn.metrics import accuracy_score
                 from sklearn.model_selection import train_test_split

                 df = pd.read_csv("data/winequality-red.csv", sep=";")
                 X = df.drop(columns=["quality"])
                 y = (df["quality"] >= 7).astype(int)
                 X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25)  #@SEED-UNSEEDED+1
                 clf = RandomForestClassifier(n_estimators=200).fit(X_train, y_train)
                 print(f"accuracy: {accuracy_score(y_test, clf.predict(X_test)):.3f}")
             """,
         })
