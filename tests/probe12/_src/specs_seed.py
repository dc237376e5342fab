SPECS = []

# S1 percent notebook: subsample drawn in a cell before the seed cell
SPECS.append(dict(
    id="seed-percent-notebook-sample-before-seed-cell",
    style="notebook",
    description="A percent-format analysis notebook subsamples 2,000 tweets with `df.sample(n=2000)` in its second cell and only sets `np.random.seed(0)` in the third (the 'setup' cell the author moved down). The subsample, and every number computed from it, differs on each run.",
    files={
        "toxicity_analysis.py": '''
            # %% [markdown]
            # Toxicity classifier agreement on a 2k subsample

            # %%
            import numpy as np
            import pandas as pd
            from sklearn.metrics import cohen_kappa_score

            df = pd.read_parquet("data/tweets_scored.parquet")
            sub = df.sample(n=2000)

            # %%
            np.random.seed(0)
            THRESH = 0.5

            # %%
            a = (sub["perspective"] > THRESH).astype(int)
            b = (sub["detoxify"] > THRESH).astype(int)
            print("kappa", round(cohen_kappa_score(a, b), 3), "n", len(sub))
        ''',
    },
    labels=[dict(file="toxicity_analysis.py", find="sub = df.sample(n=2000)",
                 category="SEED-UNSEEDED", why="the subsample is drawn before the seed cell and without random_state")],
))

# S1c clean twin
SPECS.append(dict(
    id="seed-percent-notebook-sample-random-state-clean",
    style="notebook",
    description="Clean twin: the subsample has `random_state=0`.",
    files={
        "toxicity_analysis.py": '''
            # %% [markdown]
            # Toxicity classifier agreement on a 2k subsample

            # %%
            import numpy as np
            import pandas as pd
            from sklearn.metrics import cohen_kappa_score

            df = pd.read_parquet("data/tweets_scored.parquet")
            sub = df.sample(n=2000, random_state=0)

            # %%
            THRESH = 0.5

            # %%
            a = (sub["perspective"] > THRESH).astype(int)
            b = (sub["detoxify"] > THRESH).astype(int)
            print("kappa", round(cohen_kappa_score(a, b), 3), "n", len(sub))
        ''',
    },
    labels=[],
))

# S2 unsorted os.listdir in a helper module; split by position in another
SPECS.append(dict(
    id="seed-listdir-helper-split-by-position",
    style="torch",
    description="A segmentation project lists its images with a helper `list_cases(root)` in io_utils.py that returns `os.listdir` filtered to .nii.gz, unsorted; dataset.py takes the first 80% as training and the rest as test. The directory order is filesystem-dependent, so the split differs between machines.",
    files={
        "io_utils.py": '''
            import os


            def list_cases(root):
                return [f for f in os.listdir(root) if f.endswith(".nii.gz")]
        ''',
        "dataset.py": '''
            import nibabel as nib
            import numpy as np
            import torch
            from torch.utils.data import Dataset

            from io_utils import list_cases

            ROOT = "data/imagesTr"


            def split_cases(frac=0.8):
                cases = list_cases(ROOT)
                n_train = int(frac * len(cases))
                return cases[:n_train], cases[n_train:]


            class CTDataset(Dataset):
                def __init__(self, names):
                    self.names = names

                def __len__(self):
                    return len(self.names)

                def __getitem__(self, i):
                    img = nib.load(f"{ROOT}/{self.names[i]}").get_fdata().astype(np.float32)
                    lab = nib.load(f"data/labelsTr/{self.names[i]}").get_fdata().astype(np.int64)
                    return torch.from_numpy(img)[None], torch.from_numpy(lab)
        ''',
        "train.py": '''
            import torch
            from monai.losses import DiceLoss
            from monai.networks.nets import UNet
            from torch.utils.data import DataLoader

            from dataset import CTDataset, split_cases

            torch.manual_seed(0)
            train_names, test_names = split_cases()
            g = torch.Generator().manual_seed(0)
            train_dl = DataLoader(CTDataset(train_names), batch_size=2, shuffle=True, generator=g)
            net = UNet(3, 1, 3, channels=(16, 32, 64, 128), strides=(2, 2, 2))
            opt = torch.optim.Adam(net.parameters(), 1e-4)
            loss_fn = DiceLoss(to_onehot_y=True, softmax=True)
            for epoch in range(100):
                for img, lab in train_dl:
                    opt.zero_grad()
                    loss_fn(net(img), lab[:, None]).backward()
                    opt.step()
            torch.save({"state": net.state_dict(), "test": test_names}, "checkpoints/unet.pt")
        ''',
    },
    labels=[dict(file="io_utils.py", find="return [f for f in os.listdir(root)",
                 category="SEED-ORDER", why="unsorted listdir order decides which cases are train and which are test")],
    also_ok=[dict(file="dataset.py", find="return cases[:n_train], cases[n_train:]", category="SEED-ORDER", why="the positional split")],
))

# S2c clean twin: sorted, then shuffled with a seeded rng
SPECS.append(dict(
    id="seed-listdir-helper-sorted-seeded-clean",
    style="torch",
    description="Clean twin: the helper sorts the listing and the split shuffles with a seeded generator.",
    files={
        "io_utils.py": '''
            import os


            def list_cases(root):
                return sorted(f for f in os.listdir(root) if f.endswith(".nii.gz"))
        ''',
        "dataset.py": '''
            import random

            import nibabel as nib
            import numpy as np
            import torch
            from torch.utils.data import Dataset

            from io_utils import list_cases

            ROOT = "data/imagesTr"


            def split_cases(frac=0.8, seed=0):
                cases = list_cases(ROOT)
                random.Random(seed).shuffle(cases)
                n_train = int(frac * len(cases))
                return cases[:n_train], cases[n_train:]


            class CTDataset(Dataset):
                def __init__(self, names):
                    self.names = names

                def __len__(self):
                    return len(self.names)

                def __getitem__(self, i):
                    img = nib.load(f"{ROOT}/{self.names[i]}").get_fdata().astype(np.float32)
                    lab = nib.load(f"data/labelsTr/{self.names[i]}").get_fdata().astype(np.int64)
                    return torch.from_numpy(img)[None], torch.from_numpy(lab)
        ''',
        "train.py": '''
            import torch
            from monai.losses import DiceLoss
            from monai.networks.nets import UNet
            from torch.utils.data import DataLoader

            from dataset import CTDataset, split_cases

            torch.manual_seed(0)
            train_names, test_names = split_cases()
            g = torch.Generator().manual_seed(0)
            train_dl = DataLoader(CTDataset(train_names), batch_size=2, shuffle=True, generator=g)
            net = UNet(3, 1, 3, channels=(16, 32, 64, 128), strides=(2, 2, 2))
            opt = torch.optim.Adam(net.parameters(), 1e-4)
            loss_fn = DiceLoss(to_onehot_y=True, softmax=True)
            for epoch in range(100):
                for img, lab in train_dl:
                    opt.zero_grad()
                    loss_fn(net(img), lab[:, None]).backward()
                    opt.step()
            torch.save({"state": net.state_dict(), "test": test_names}, "checkpoints/unet.pt")
        ''',
    },
    labels=[],
))

# S3 litellm temperature from a config dict, one sample per item, two prompts compared
SPECS.append(dict(
    id="seed-config-temperature-single-sample-prompt-comparison",
    style="llm-eval",
    description="Two prompt variants are compared on 150 items through litellm. The module-level SETTINGS dict has `temperature: 0.8`; each item is answered once per variant and the accuracy difference (a few points) is reported as the effect of the prompt, with no repeats or variance estimate.",
    files={
        "settings.py": '''
            SETTINGS = {
                "model": "together_ai/meta-llama/Llama-3.1-8B-Instruct-Turbo",
                "temperature": 0.8,
                "max_tokens": 16,
                "n_items": 150,
            }
        ''',
        "compare_prompts.py": '''
            import json

            import litellm

            from settings import SETTINGS

            VARIANTS = {
                "plain": "Answer the question with a single word.\\n\\nQ: {q}\\nA:",
                "expert": "You are a careful trivia expert. Answer with a single word.\\n\\nQ: {q}\\nA:",
            }


            def ask(prompt):
                r = litellm.completion(model=SETTINGS["model"], temperature=SETTINGS["temperature"],
                                       max_tokens=SETTINGS["max_tokens"],
                                       messages=[{"role": "user", "content": prompt}])
                return r.choices[0].message.content.strip().lower()


            if __name__ == "__main__":
                items = [json.loads(l) for l in open("data/trivia.jsonl")][: SETTINGS["n_items"]]
                acc = {}
                for name, tmpl in VARIANTS.items():
                    acc[name] = sum(ask(tmpl.format(q=it["q"])) == it["a"].lower() for it in items) / len(items)
                print(acc, "delta", round(acc["expert"] - acc["plain"], 3))
        ''',
    },
    labels=[dict(file="compare_prompts.py", find="r = litellm.completion(model=SETTINGS",
                 category="SEED-SAMPLING", why="temperature 0.8 (from settings) with one sample per item per variant; the prompt comparison has no account of sampling variance")],
    also_ok=[dict(file="settings.py", find='"temperature": 0.8', category="SEED-SAMPLING", why="the configured temperature")],
))

# S3c clean twin: temperature 0
SPECS.append(dict(
    id="seed-config-temperature-zero-prompt-comparison-clean",
    style="llm-eval",
    description="Clean twin: temperature 0 (greedy), one answer per item is the whole distribution.",
    files={
        "settings.py": '''
            SETTINGS = {
                "model": "together_ai/meta-llama/Llama-3.1-8B-Instruct-Turbo",
                "temperature": 0.0,
                "max_tokens": 16,
                "n_items": 150,
            }
        ''',
        "compare_prompts.py": '''
            import json

            import litellm

            from settings import SETTINGS

            VARIANTS = {
                "plain": "Answer the question with a single word.\\n\\nQ: {q}\\nA:",
                "expert": "You are a careful trivia expert. Answer with a single word.\\n\\nQ: {q}\\nA:",
            }


            def ask(prompt):
                r = litellm.completion(model=SETTINGS["model"], temperature=SETTINGS["temperature"],
                                       max_tokens=SETTINGS["max_tokens"],
                                       messages=[{"role": "user", "content": prompt}])
                return r.choices[0].message.content.strip().lower()


            if __name__ == "__main__":
                items = [json.loads(l) for l in open("data/trivia.jsonl")][: SETTINGS["n_items"]]
                acc = {}
                for name, tmpl in VARIANTS.items():
                    acc[name] = sum(ask(tmpl.format(q=it["q"])) == it["a"].lower() for it in items) / len(items)
                print(acc, "delta", round(acc["expert"] - acc["plain"], 3))
        ''',
    },
    labels=[],
))

# S4 GridSearchCV with an unseeded KFold(shuffle=True) and an unseeded RandomForest
SPECS.append(dict(
    id="seed-gridsearch-kfold-shuffle-forest-unseeded",
    style="sklearn",
    description="A random forest tuned with GridSearchCV over a `KFold(n_splits=5, shuffle=True)` with no random_state, and a RandomForestClassifier with no random_state. The folds and the forests change every run, and so do the chosen hyperparameters and the reported CV score.",
    files={
        "tune_rf.py": '''
            import json

            import pandas as pd
            from sklearn.ensemble import RandomForestClassifier
            from sklearn.model_selection import GridSearchCV, KFold

            df = pd.read_csv("data/credit_train.csv")
            X, y = df.drop(columns=["default"]), df["default"]

            cv = KFold(n_splits=5, shuffle=True)
            grid = GridSearchCV(RandomForestClassifier(n_estimators=300),
                                {"max_depth": [4, 8, 16, None], "min_samples_leaf": [1, 5, 20]},
                                cv=cv, scoring="roc_auc", n_jobs=-1)
            grid.fit(X, y)
            json.dump({"best_params": grid.best_params_, "cv_auc": grid.best_score_},
                      open("results/rf_grid.json", "w"), indent=2)
        ''',
    },
    labels=[dict(file="tune_rf.py", find="cv = KFold(n_splits=5, shuffle=True)",
                 end_find="grid = GridSearchCV(RandomForestClassifier(n_estimators=300),",
                 category="SEED-UNSEEDED", why="shuffled folds and the forest have no random_state")],
    also_ok=[dict(file="tune_rf.py", find='json.dump({"best_params": grid.best_params_',
                  category="RESULT-PROVENANCE", why="the saved CV score has no seed or n (true, not the case's point; added after the blind run)")],
))

# S5 random_split in a data module with no seed anywhere
SPECS.append(dict(
    id="seed-random-split-data-module-never-seeded",
    style="torch",
    description="A speech-command classifier. data.py splits the dataset with `random_split(ds, [0.8, 0.1, 0.1])` and no generator; main.py never seeds anything. The split, the initialisation and the shuffling all differ per run, and results/metrics.json records a single run.",
    files={
        "data.py": '''
            import torchaudio
            from torch.utils.data import DataLoader, random_split


            def make_loaders(root="data", bs=64):
                ds = torchaudio.datasets.SPEECHCOMMANDS(root, download=True)
                train, val, test = random_split(ds, [0.8, 0.1, 0.1])
                return (DataLoader(train, bs, shuffle=True), DataLoader(val, bs), DataLoader(test, bs))
        ''',
        "main.py": '''
            import json

            import torch
            from torch import nn

            from data import make_loaders
            from model import M5


            def run_epoch(net, dl, opt=None):
                net.train(opt is not None)
                hit = n = 0
                with torch.set_grad_enabled(opt is not None):
                    for wav, label in dl:
                        out = net(wav)
                        if opt is not None:
                            opt.zero_grad()
                            nn.functional.cross_entropy(out, label).backward()
                            opt.step()
                        hit += (out.argmax(1) == label).sum().item()
                        n += len(label)
                return hit / n


            if __name__ == "__main__":
                train_dl, val_dl, test_dl = make_loaders()
                net = M5(n_output=35)
                opt = torch.optim.Adam(net.parameters(), lr=1e-3)
                for epoch in range(15):
                    run_epoch(net, train_dl, opt)
                    print(epoch, run_epoch(net, val_dl))
                json.dump({"test_acc": run_epoch(net, test_dl), "epochs": 15}, open("results/metrics.json", "w"))
        ''',
        "model.py": '''
            from torch import nn


            class M5(nn.Module):
                def __init__(self, n_output=35, stride=16, n_channel=32):
                    super().__init__()
                    self.net = nn.Sequential(
                        nn.Conv1d(1, n_channel, kernel_size=80, stride=stride), nn.BatchNorm1d(n_channel), nn.ReLU(),
                        nn.MaxPool1d(4), nn.Conv1d(n_channel, n_channel, 3), nn.BatchNorm1d(n_channel), nn.ReLU(),
                        nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(n_channel, n_output),
                    )

                def forward(self, x):
                    return self.net(x)
        ''',
    },
    labels=[dict(file="data.py", find="train, val, test = random_split(ds, [0.8, 0.1, 0.1])",
                 category="SEED-UNSEEDED", why="random_split without a generator in a program that never seeds")],
    also_ok=[dict(file="main.py", find="net = M5(n_output=35)", category="SEED-UNSEEDED", why="unseeded initialisation"),
             dict(file="main.py", find='json.dump({"test_acc"', category="RESULT-PROVENANCE", why="a single unseeded run")],
))

# S6 glob order of predictions zipped with sorted labels
SPECS.append(dict(
    id="seed-glob-unsorted-preds-zipped-with-sorted-labels",
    style="mixed",
    description="Per-document predictions and gold labels are stored as one JSON file each. The scorer lists predictions with `glob.glob('preds/*.json')` (unsorted) and gold with `sorted(glob.glob('gold/*.json'))`, then zips them; pairs are misaligned whenever the filesystem order differs from sorted order, and the F1 is over mismatched pairs.",
    files={
        "score_docs.py": '''
            import glob
            import json

            from sklearn.metrics import f1_score

            pred_files = glob.glob("preds/*.json")
            gold_files = sorted(glob.glob("gold/*.json"))

            y_pred, y_true = [], []
            for pf, gf in zip(pred_files, gold_files):
                y_pred.append(json.load(open(pf))["label"])
                y_true.append(json.load(open(gf))["label"])
            print("micro F1", f1_score(y_true, y_pred, average="micro"))
        ''',
    },
    labels=[dict(file="score_docs.py", find='pred_files = glob.glob("preds/*.json")',
                 category="SEED-ORDER", why="unsorted glob zipped with a sorted list: predictions and gold are paired by filesystem order")],
))
