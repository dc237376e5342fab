SPECS = []

# S1 Hydra app with cfg.seed in the YAML that nothing applies; split by torch.randperm
SPECS.append(dict(
    id="seed-hydra-config-seed-never-applied",
    style="torch",
    description="A Hydra training app for a tabular MLP. `conf/config.yaml` has `seed: 42` and the author believes runs are seeded, but no code reads cfg.seed: the train/val split (`torch.randperm`) and the weight initialisation change on every run.",
    files={
        "conf/config.yaml": '''
            seed: 42
            data:
              path: data/adult.npz
              val_frac: 0.15
            model:
              hidden: 256
              dropout: 0.2
            train:
              epochs: 30
              lr: 0.001
              batch_size: 512
        ''',
        "train.py": '''
            import hydra
            import numpy as np
            import torch
            from omegaconf import DictConfig, OmegaConf
            from torch import nn
            from torch.utils.data import DataLoader, TensorDataset


            def make_model(d_in, cfg):
                return nn.Sequential(nn.Linear(d_in, cfg.hidden), nn.ReLU(), nn.Dropout(cfg.dropout),
                                     nn.Linear(cfg.hidden, 2))


            @hydra.main(config_path="conf", config_name="config", version_base=None)
            def main(cfg: DictConfig):
                print(OmegaConf.to_yaml(cfg))
                arr = np.load(cfg.data.path)
                X = torch.tensor(arr["X"], dtype=torch.float32)
                y = torch.tensor(arr["y"], dtype=torch.long)
                perm = torch.randperm(len(X))
                n_val = int(cfg.data.val_frac * len(X))
                va, tr = perm[:n_val], perm[n_val:]
                model = make_model(X.shape[1], cfg.model)
                opt = torch.optim.Adam(model.parameters(), lr=cfg.train.lr)
                loader = DataLoader(TensorDataset(X[tr], y[tr]), batch_size=cfg.train.batch_size, shuffle=True)
                for _ in range(cfg.train.epochs):
                    model.train()
                    for xb, yb in loader:
                        opt.zero_grad()
                        nn.functional.cross_entropy(model(xb), yb).backward()
                        opt.step()
                model.eval()
                with torch.no_grad():
                    acc = (model(X[va]).argmax(1) == y[va]).float().mean().item()
                print(f"val acc {acc:.4f}")


            if __name__ == "__main__":
                main()
        ''',
    },
    labels=[dict(file="train.py", find="return nn.Sequential(nn.Linear(d_in, cfg.hidden)", end_find="perm = torch.randperm(len(X))",
                 category="SEED-UNSEEDED", why="cfg.seed is in the config but never applied; the split and the initialisation are unseeded")],
))

# S2 bootstrap confidence interval with an unseeded default_rng
SPECS.append(dict(
    id="seed-bootstrap-default-rng-unseeded",
    style="mixed",
    description="A results module reports accuracy differences between two systems with a paired bootstrap CI. The generator is `np.random.default_rng()` with no seed, so the reported interval (and the p-value) change on every run and cannot be reproduced.",
    files={
        "stats/bootstrap.py": '''
            import numpy as np


            def paired_bootstrap(a, b, n_boot=10_000):
                a, b = np.asarray(a, float), np.asarray(b, float)
                rng = np.random.default_rng()
                n = len(a)
                diffs = np.empty(n_boot)
                for i in range(n_boot):
                    idx = rng.integers(0, n, n)
                    diffs[i] = a[idx].mean() - b[idx].mean()
                lo, hi = np.percentile(diffs, [2.5, 97.5])
                p = float((diffs <= 0).mean())
                return float(a.mean() - b.mean()), (float(lo), float(hi)), p
        ''',
        "stats/__init__.py": "",
        "report.py": '''
            import json

            import pandas as pd

            from stats.bootstrap import paired_bootstrap

            df = pd.read_csv("outputs/per_item_correct.csv")
            delta, ci, p = paired_bootstrap(df["finetuned"], df["base"])
            print(f"delta={delta:.3f} 95% CI [{ci[0]:.3f}, {ci[1]:.3f}] p={p:.4f}")
            with open("results/bootstrap.json", "w") as fh:
                json.dump({"delta": delta, "ci": ci, "p": p, "n": len(df)}, fh)
        ''',
    },
    labels=[dict(file="stats/bootstrap.py", find="rng = np.random.default_rng()",
                 category="SEED-UNSEEDED", why="the bootstrap generator is unseeded; the CI and p-value change each run")],
))

# S3 Path.glob order assigns train/test by position in a Dataset class
SPECS.append(dict(
    id="seed-pathlib-glob-positional-split",
    style="torch",
    description="An ECG dataset class lists recordings with `Path.glob` (order depends on the file system) and assigns the first 80% to training and the rest to test by position, so which recordings are tested differs between machines.",
    files={
        "ecg/dataset.py": '''
            from pathlib import Path

            import numpy as np
            import torch
            from torch.utils.data import Dataset


            class ECGRecords(Dataset):
                def __init__(self, root, split="train", train_frac=0.8):
                    files = list(Path(root).glob("*.npy"))
                    cut = int(train_frac * len(files))
                    self.files = files[:cut] if split == "train" else files[cut:]

                def __len__(self):
                    return len(self.files)

                def __getitem__(self, i):
                    arr = np.load(self.files[i], allow_pickle=True).item()
                    return torch.tensor(arr["signal"], dtype=torch.float32), int(arr["label"])
        ''',
        "ecg/__init__.py": "",
        "train.py": '''
            import torch
            from torch.utils.data import DataLoader

            from ecg.dataset import ECGRecords

            torch.manual_seed(0)
            train = DataLoader(ECGRecords("data/records", "train"), batch_size=32, shuffle=True)
            test = DataLoader(ECGRecords("data/records", "test"), batch_size=32)
            print(len(train.dataset), len(test.dataset))
        ''',
    },
    labels=[dict(file="ecg/dataset.py", find='files = list(Path(root).glob("*.npy"))', end_find="self.files = files[:cut]",
                 category="SEED-ORDER", why="unsorted glob order decides which recordings are train and test")],
))

# S3 twin: sorted
SPECS.append(dict(
    id="seed-pathlib-glob-sorted-clean",
    style="torch",
    description="Clean twin: the recordings are sorted before the positional split.",
    files={
        "ecg/dataset.py": '''
            from pathlib import Path

            import numpy as np
            import torch
            from torch.utils.data import Dataset


            class ECGRecords(Dataset):
                def __init__(self, root, split="train", train_frac=0.8):
                    files = sorted(Path(root).glob("*.npy"))
                    cut = int(train_frac * len(files))
                    self.files = files[:cut] if split == "train" else files[cut:]

                def __len__(self):
                    return len(self.files)

                def __getitem__(self, i):
                    arr = np.load(self.files[i], allow_pickle=True).item()
                    return torch.tensor(arr["signal"], dtype=torch.float32), int(arr["label"])
        ''',
        "ecg/__init__.py": "",
        "train.py": '''
            import torch
            from torch.utils.data import DataLoader

            from ecg.dataset import ECGRecords

            torch.manual_seed(0)
            train = DataLoader(ECGRecords("data/records", "train"), batch_size=32, shuffle=True)
            test = DataLoader(ECGRecords("data/records", "test"), batch_size=32)
            print(len(train.dataset), len(test.dataset))
        ''',
    },
))


def _label_map_train(expr):
    return f'''
    import json

    import pandas as pd
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    import joblib

    train = pd.read_csv("data/intents_train.csv")
    intents = {expr}
    label2id = {{name: i for i, name in enumerate(intents)}}
    y = train["intent"].map(label2id)

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2)
    clf = LogisticRegression(max_iter=1000, C=4.0).fit(vec.fit_transform(train["text"]), y)
    joblib.dump((vec, clf), "models/intent_clf.joblib")
'''


_LABEL_MAP_EVAL = '''
    import pandas as pd
    import joblib
    from sklearn.metrics import accuracy_score

    from train_intents import label2id

    vec, clf = joblib.load("models/intent_clf.joblib")
    test = pd.read_csv("data/intents_test.csv")
    pred = clf.predict(vec.transform(test["text"]))
    print("accuracy", accuracy_score(test["intent"].map(label2id), pred))
'''

# S4 label ids from set iteration order of strings
SPECS.append(dict(
    id="seed-label-ids-from-set-order",
    style="sklearn",
    description="Intent classification: label ids are assigned by enumerating a `set` of intent strings. String hashing is randomised per process, so the mapping differs between the training run and the evaluation run that re-imports it, and the saved classifier's ids no longer mean the same intents.",
    files={
        "train_intents.py": _label_map_train('set(train["intent"])'),
        "eval_intents.py": _LABEL_MAP_EVAL,
    },
    labels=[dict(file="train_intents.py", find='intents = set(train["intent"])', end_find="label2id = {name: i",
                 category="SEED-ORDER", why="label ids follow the iteration order of a set of strings, which changes per process (hash randomisation)")],
))

# S4 twin: sorted set
SPECS.append(dict(
    id="seed-label-ids-sorted-clean",
    style="sklearn",
    description="Clean twin: label ids are assigned from the sorted list of intents.",
    files={
        "train_intents.py": _label_map_train('sorted(set(train["intent"]))'),
        "eval_intents.py": _LABEL_MAP_EVAL,
    },
))

# S5 vLLM: temperature 0.8, one sample per item, two models compared once
SPECS.append(dict(
    id="seed-vllm-temperature-single-sample-compare",
    style="llm-eval",
    description="Two fine-tuned checkpoints are compared on a 200-item math set with vLLM sampling at temperature 0.8, one sample per item and a single run each; the 1.5-point difference is reported as an improvement with no account of sampling variance.",
    files={
        "compare.py": '''
            import json

            from vllm import LLM, SamplingParams

            CKPTS = {"sft": "ckpts/qwen-sft", "sft+rl": "ckpts/qwen-sft-rl"}


            def score(outputs, items):
                ok = 0
                for o, it in zip(outputs, items):
                    ok += int(o.outputs[0].text.strip().split()[-1] == str(it["answer"]))
                return ok / len(items)


            def main():
                with open("data/math200.jsonl") as fh:
                    items = [json.loads(l) for l in fh]
                params = SamplingParams(temperature=0.8, top_p=0.95, max_tokens=1024, n=1)
                table = {}
                for name, path in CKPTS.items():
                    llm = LLM(path)
                    outs = llm.generate([it["prompt"] for it in items], params)
                    table[name] = score(outs, items)
                    del llm
                print(json.dumps(table))
                with open("results/sft_vs_rl.json", "w") as fh:
                    json.dump({"checkpoints": CKPTS, "accuracy": table, "n": len(items)}, fh)


            if __name__ == "__main__":
                main()
        ''',
    },
    labels=[dict(file="compare.py", find="params = SamplingParams(temperature=0.8",
                 category="SEED-SAMPLING", why="one sample per item at temperature 0.8, a single run per checkpoint, compared without any variance")],
))
