SPECS = []

_EVAL_V1 = '''
    import json
    import pickle

    import pandas as pd
    from sklearn.metrics import f1_score, roc_auc_score

    clf = pickle.load(open("models/model.pkl", "rb"))
    df = pd.read_csv("data/test.csv")
    X, y = df.drop(columns=["label"]), df["label"]
    proba = clf.predict_proba(X)[:, 1]
    json.dump({"auc": roc_auc_score(y, proba), "f1": f1_score(y, proba > 0.5), "n_test": len(df)},
              open("metrics.json", "w"), indent=2)
'''

_EVAL_V2 = '''
    import json
    import pickle

    import pandas as pd
    import yaml
    from sklearn.metrics import f1_score, roc_auc_score

    p = yaml.safe_load(open("params.yaml"))["evaluate"]
    clf = pickle.load(open("models/model.pkl", "rb"))
    df = pd.read_csv("data/test.csv")
    X, y = df.drop(columns=["label"]), df["label"]
    proba = clf.predict_proba(X)[:, 1]
    json.dump({"auc": roc_auc_score(y, proba), "f1": f1_score(y, proba > p["threshold"]), "n_test": len(df)},
              open("metrics.json", "w"), indent=2)
'''

_PARAMS = '''
    train:
      n_estimators: 400
      seed: 5
    evaluate:
      threshold: 0.35
'''

_DVC = '''
    stages:
      train:
        cmd: python src/train.py
        deps: [src/train.py, data/train.csv]
        params: [train]
        outs: [models/model.pkl]
      evaluate:
        cmd: python src/evaluate.py
        deps: [src/evaluate.py, models/model.pkl, data/test.csv]
        params: [evaluate]
        metrics:
          - metrics.json:
              cache: false
'''

_TRAIN = '''
    import pickle

    import pandas as pd
    import yaml
    from sklearn.ensemble import GradientBoostingClassifier

    p = yaml.safe_load(open("params.yaml"))["train"]
    df = pd.read_csv("data/train.csv")
    clf = GradientBoostingClassifier(n_estimators=p["n_estimators"], random_state=p["seed"])
    clf.fit(df.drop(columns=["label"]), df["label"])
    pickle.dump(clf, open("models/model.pkl", "wb"))
'''

_METRICS_OLD = '''
    {
      "auc": 0.8812,
      "f1": 0.6034,
      "n_test": 2417
    }
'''

_README_DVC = '''
    # Fraud detection baseline

    `dvc repro` trains a gradient-boosting model and writes `metrics.json`.

    Current test metrics: AUC 0.881, F1 0.603 (see `metrics.json`).
'''

# R1 DVC metrics.json committed before evaluate.py changed its threshold
SPECS.append(dict(
    id="result-dvc-metrics-json-older-than-evaluate-stage",
    style="sklearn",
    description="A DVC project whose evaluate stage writes metrics.json (kept in git with `cache: false`). The threshold for F1 was later moved into params.yaml (0.35 instead of 0.5) and evaluate.py changed, but `dvc repro` was not rerun: metrics.json in git predates the code that is supposed to produce it, and the README quotes its F1.",
    files={
        "params.yaml": _PARAMS,
        "dvc.yaml": _DVC,
        "src/train.py": _TRAIN,
        "src/evaluate.py": _EVAL_V2,
        "metrics.json": _METRICS_OLD,
        "README.md": _README_DVC,
    },
    history=[
        {"message": "baseline pipeline and metrics", "date": "2025-03-02T10:00:00",
         "files": {"params.yaml": '''
            train:
              n_estimators: 400
              seed: 5
         ''', "dvc.yaml": _DVC, "src/train.py": _TRAIN, "src/evaluate.py": _EVAL_V1, "metrics.json": _METRICS_OLD,
            "README.md": _README_DVC}},
        {"message": "F1 threshold from params", "date": "2025-03-09T16:30:00",
         "files": {"params.yaml": _PARAMS, "src/evaluate.py": _EVAL_V2}},
    ],
    labels=[dict(file="metrics.json", category="RESULT-STALE",
                 why="metrics.json was last committed before evaluate.py and params.yaml changed the F1 threshold")],
    also_ok=[dict(file="README.md", find="Current test metrics", category="RESULT-STALE", why="quotes the stale file")],
))

# R1c clean twin: metrics regenerated in the same commit as the change
SPECS.append(dict(
    id="result-dvc-metrics-json-regenerated-clean",
    style="sklearn",
    description="Clean twin: the commit that changes the threshold also commits the regenerated metrics.json, and the README quotes the new numbers.",
    files={
        "params.yaml": _PARAMS,
        "dvc.yaml": _DVC,
        "src/train.py": _TRAIN,
        "src/evaluate.py": _EVAL_V2,
        "metrics.json": '''
            {
              "auc": 0.8812,
              "f1": 0.6421,
              "n_test": 2417
            }
        ''',
        "README.md": '''
            # Fraud detection baseline

            `dvc repro` trains a gradient-boosting model and writes `metrics.json`.

            Current test metrics: AUC 0.881, F1 0.642 (see `metrics.json`).
        ''',
    },
    history=[
        {"message": "baseline pipeline and metrics", "date": "2025-03-02T10:00:00",
         "files": {"params.yaml": '''
            train:
              n_estimators: 400
              seed: 5
         ''', "dvc.yaml": _DVC, "src/train.py": _TRAIN, "src/evaluate.py": _EVAL_V1, "metrics.json": _METRICS_OLD,
            "README.md": _README_DVC}},
    ],
    labels=[],
))

# R2 README number not in the small results file
SPECS.append(dict(
    id="result-readme-number-absent-from-summary-json",
    style="llm-eval",
    description="An agent benchmark repo. results/summary.json holds the final per-model success rates; the README's headline says the agent solves 47.3% of tasks with Claude, a number from an earlier run that appears in no results file (the file says 0.412).",
    files={
        "results/summary.json": '''
            {
              "benchmark": "webshop-mini",
              "n_tasks": 500,
              "commit": "9f2c1e7",
              "success_rate": {
                "claude-3-5-sonnet-20241022": 0.412,
                "gpt-4o-2024-08-06": 0.386,
                "llama-3.1-70b-instruct": 0.254
              }
            }
        ''',
        "summarise.py": '''
            import json
            import subprocess
            from collections import defaultdict

            import jsonlines

            ok, n = defaultdict(int), defaultdict(int)
            with jsonlines.open("results/episodes.jsonl") as reader:
                for ep in reader:
                    n[ep["model"]] += 1
                    ok[ep["model"]] += bool(ep["success"])
            commit = subprocess.check_output(["git", "rev-parse", "--short", "HEAD"], text=True).strip()
            json.dump({"benchmark": "webshop-mini", "n_tasks": 500, "commit": commit,
                       "success_rate": {m: round(ok[m] / n[m], 3) for m in n}},
                      open("results/summary.json", "w"), indent=2)
        ''',
        "README.md": '''
            # Tool-use agent on WebShop-mini

            With Claude 3.5 Sonnet the agent solves **47.3%** of the 500 tasks, ahead of GPT-4o (38.6%)
            and Llama 3.1 70B (25.4%). Per-episode logs: `results/episodes.jsonl`; summary: `results/summary.json`.
        ''',
    },
    labels=[dict(file="README.md", find="**47.3%**", category="RESULT-CLAIM",
                 why="47.3% is in no results file; summary.json says 0.412 for Claude")],
))

# R2c clean twin: README matches
SPECS.append(dict(
    id="result-readme-numbers-match-summary-json-clean",
    style="llm-eval",
    description="Clean twin: every README number is in results/summary.json.",
    files={
        "results/summary.json": '''
            {
              "benchmark": "webshop-mini",
              "n_tasks": 500,
              "commit": "9f2c1e7",
              "success_rate": {
                "claude-3-5-sonnet-20241022": 0.412,
                "gpt-4o-2024-08-06": 0.386,
                "llama-3.1-70b-instruct": 0.254
              }
            }
        ''',
        "summarise.py": '''
            import json
            import subprocess
            from collections import defaultdict

            import jsonlines

            ok, n = defaultdict(int), defaultdict(int)
            with jsonlines.open("results/episodes.jsonl") as reader:
                for ep in reader:
                    n[ep["model"]] += 1
                    ok[ep["model"]] += bool(ep["success"])
            commit = subprocess.check_output(["git", "rev-parse", "--short", "HEAD"], text=True).strip()
            json.dump({"benchmark": "webshop-mini", "n_tasks": 500, "commit": commit,
                       "success_rate": {m: round(ok[m] / n[m], 3) for m in n}},
                      open("results/summary.json", "w"), indent=2)
        ''',
        "README.md": '''
            # Tool-use agent on WebShop-mini

            With Claude 3.5 Sonnet the agent solves **41.2%** of the 500 tasks, ahead of GPT-4o (38.6%)
            and Llama 3.1 70B (25.4%). Per-episode logs: `results/episodes.jsonl`; summary: `results/summary.json`.
        ''',
    },
    labels=[],
))

# R3 argparse training script appends metrics-only records to a jsonl results store
SPECS.append(dict(
    id="result-jsonl-append-metrics-without-config",
    style="torch",
    description="A training CLI takes --model, --lr, --seed and --augment and appends its final metrics to results/runs.jsonl with jsonlines. Each record holds only `val_acc` and `test_acc`, so the dozens of appended lines cannot be matched to the configuration that produced them; results/runs.jsonl is what the paper's ablation table is built from.",
    files={
        "train.py": '''
            import argparse

            import jsonlines
            import torch

            from lib.data import get_loaders
            from lib.models import build
            from lib.loop import fit, accuracy


            def main():
                ap = argparse.ArgumentParser()
                ap.add_argument("--model", default="resnet18")
                ap.add_argument("--lr", type=float, default=0.1)
                ap.add_argument("--seed", type=int, default=0)
                ap.add_argument("--augment", action="store_true")
                args = ap.parse_args()

                torch.manual_seed(args.seed)
                train_dl, val_dl, test_dl = get_loaders(augment=args.augment, seed=args.seed)
                net = build(args.model)
                fit(net, train_dl, val_dl, lr=args.lr, epochs=30)
                with jsonlines.open("results/runs.jsonl", mode="a") as w:
                    w.write({"val_acc": accuracy(net, val_dl), "test_acc": accuracy(net, test_dl)})


            if __name__ == "__main__":
                main()
        ''',
        "lib/__init__.py": "",
        "lib/data.py": '''
            import torch
            import torchvision.transforms as T
            from torch.utils.data import DataLoader, random_split
            from torchvision.datasets import CIFAR100


            def get_loaders(augment, seed, bs=128):
                tf = [T.RandomCrop(32, padding=4), T.RandomHorizontalFlip()] if augment else []
                tf = T.Compose(tf + [T.ToTensor()])
                full = CIFAR100("data", train=True, download=True, transform=tf)
                test = CIFAR100("data", train=False, download=True, transform=T.ToTensor())
                g = torch.Generator().manual_seed(seed)
                train, val = random_split(full, [45000, 5000], generator=g)
                return (DataLoader(train, bs, shuffle=True, generator=g), DataLoader(val, 512), DataLoader(test, 512))
        ''',
        "lib/models.py": '''
            import torchvision


            def build(name):
                return getattr(torchvision.models, name)(num_classes=100)
        ''',
        "lib/loop.py": '''
            import torch
            from torch import nn


            def fit(net, train_dl, val_dl, lr, epochs):
                opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
                sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
                for _ in range(epochs):
                    net.train()
                    for xb, yb in train_dl:
                        opt.zero_grad()
                        nn.functional.cross_entropy(net(xb), yb).backward()
                        opt.step()
                    sched.step()


            @torch.no_grad()
            def accuracy(net, dl):
                net.eval()
                hit = n = 0
                for xb, yb in dl:
                    hit += (net(xb).argmax(1) == yb).sum().item()
                    n += len(yb)
                return hit / n
        ''',
        "results/runs.jsonl": '''
            {"val_acc": 0.7312, "test_acc": 0.7254}
            {"val_acc": 0.7598, "test_acc": 0.7533}
            {"val_acc": 0.6901, "test_acc": 0.6847}
            {"val_acc": 0.7744, "test_acc": 0.7702}
        ''',
    },
    labels=[dict(file="train.py", find='w.write({"val_acc": accuracy(net, val_dl)',
                 category="RESULT-PROVENANCE", why="appended records carry no model, lr, seed or augment flag: runs cannot be told apart")],
    also_ok=[dict(file="results/runs.jsonl", find='{"val_acc": 0.7312', category="RESULT-PROVENANCE", why="the file itself")],
))

# R3c clean twin: config and commit recorded
SPECS.append(dict(
    id="result-jsonl-append-with-config-clean",
    style="torch",
    description="Clean twin: each appended record carries the arguments and the git commit.",
    files={
        "train.py": '''
            import argparse
            import subprocess

            import jsonlines
            import torch

            from lib.data import get_loaders
            from lib.models import build
            from lib.loop import fit, accuracy


            def main():
                ap = argparse.ArgumentParser()
                ap.add_argument("--model", default="resnet18")
                ap.add_argument("--lr", type=float, default=0.1)
                ap.add_argument("--seed", type=int, default=0)
                ap.add_argument("--augment", action="store_true")
                args = ap.parse_args()

                torch.manual_seed(args.seed)
                train_dl, val_dl, test_dl = get_loaders(augment=args.augment, seed=args.seed)
                net = build(args.model)
                fit(net, train_dl, val_dl, lr=args.lr, epochs=30)
                commit = subprocess.check_output(["git", "rev-parse", "HEAD"], text=True).strip()
                with jsonlines.open("results/runs.jsonl", mode="a") as w:
                    w.write({**vars(args), "commit": commit, "epochs": 30,
                             "val_acc": accuracy(net, val_dl), "test_acc": accuracy(net, test_dl)})


            if __name__ == "__main__":
                main()
        ''',
        "lib/__init__.py": "",
        "lib/data.py": '''
            import torch
            import torchvision.transforms as T
            from torch.utils.data import DataLoader, random_split
            from torchvision.datasets import CIFAR100


            def get_loaders(augment, seed, bs=128):
                tf = [T.RandomCrop(32, padding=4), T.RandomHorizontalFlip()] if augment else []
                tf = T.Compose(tf + [T.ToTensor()])
                full = CIFAR100("data", train=True, download=True, transform=tf)
                test = CIFAR100("data", train=False, download=True, transform=T.ToTensor())
                g = torch.Generator().manual_seed(seed)
                train, val = random_split(full, [45000, 5000], generator=g)
                return (DataLoader(train, bs, shuffle=True, generator=g), DataLoader(val, 512), DataLoader(test, 512))
        ''',
        "lib/models.py": '''
            import torchvision


            def build(name):
                return getattr(torchvision.models, name)(num_classes=100)
        ''',
        "lib/loop.py": '''
            import torch
            from torch import nn


            def fit(net, train_dl, val_dl, lr, epochs):
                opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
                sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
                for _ in range(epochs):
                    net.train()
                    for xb, yb in train_dl:
                        opt.zero_grad()
                        nn.functional.cross_entropy(net(xb), yb).backward()
                        opt.step()
                    sched.step()


            @torch.no_grad()
            def accuracy(net, dl):
                net.eval()
                hit = n = 0
                for xb, yb in dl:
                    hit += (net(xb).argmax(1) == yb).sum().item()
                    n += len(yb)
                return hit / n
        ''',
        "results/runs.jsonl": '''
            {"model": "resnet18", "lr": 0.1, "seed": 0, "augment": false, "commit": "4be01f2a9c0d6e7f8a1b2c3d4e5f60718293a4b5", "epochs": 30, "val_acc": 0.7312, "test_acc": 0.7254}
            {"model": "resnet18", "lr": 0.1, "seed": 0, "augment": true, "commit": "4be01f2a9c0d6e7f8a1b2c3d4e5f60718293a4b5", "epochs": 30, "val_acc": 0.7598, "test_acc": 0.7533}
        ''',
    },
    labels=[],
))

# R4 generations file full of API error strings, scored anyway
SPECS.append(dict(
    id="result-generations-jsonl-mostly-api-errors",
    style="llm-eval",
    description="The generation script writes `f'ERROR: {e}'` as the completion when the API call fails, and the committed outputs/generations.jsonl has rate-limit errors on most lines; the scorer counts them as wrong answers and results/score.json reports a low accuracy for the model.",
    files={
        "generate.py": '''
            import json

            from openai import OpenAI

            client = OpenAI()
            items = [json.loads(l) for l in open("data/arc_challenge.jsonl")]
            with open("outputs/generations.jsonl", "w") as out:
                for it in items:
                    try:
                        r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=5,
                                                           messages=[{"role": "user", "content": it["prompt"]}])
                        text = r.choices[0].message.content
                    except Exception as e:
                        text = f"ERROR: {e}"
                    out.write(json.dumps({"id": it["id"], "completion": text, "gold": it["answer"]}) + "\\n")
        ''',
        "score.py": '''
            import json

            rows = [json.loads(l) for l in open("outputs/generations.jsonl")]
            acc = sum(r["completion"].strip().upper().startswith(r["gold"]) for r in rows) / len(rows)
            json.dump({"model": "gpt-4o-mini", "n": len(rows), "accuracy": acc}, open("results/score.json", "w"))
        ''',
        "outputs/generations.jsonl": '''
            {"id": "arc-0001", "completion": "B", "gold": "B"}
            {"id": "arc-0002", "completion": "ERROR: Error code: 429 - Rate limit reached for gpt-4o-mini", "gold": "C"}
            {"id": "arc-0003", "completion": "ERROR: Error code: 429 - Rate limit reached for gpt-4o-mini", "gold": "A"}
            {"id": "arc-0004", "completion": "ERROR: Error code: 429 - Rate limit reached for gpt-4o-mini", "gold": "D"}
            {"id": "arc-0005", "completion": "A", "gold": "A"}
            {"id": "arc-0006", "completion": "ERROR: Error code: 429 - Rate limit reached for gpt-4o-mini", "gold": "B"}
            {"id": "arc-0007", "completion": "ERROR: Error code: 429 - Rate limit reached for gpt-4o-mini", "gold": "C"}
            {"id": "arc-0008", "completion": "ERROR: Error code: 429 - Rate limit reached for gpt-4o-mini", "gold": "B"}
            {"id": "arc-0009", "completion": "D", "gold": "C"}
            {"id": "arc-0010", "completion": "ERROR: Error code: 429 - Rate limit reached for gpt-4o-mini", "gold": "A"}
        ''',
        "results/score.json": '''
            {"model": "gpt-4o-mini", "n": 10, "accuracy": 0.2}
        ''',
    },
    labels=[dict(file="outputs/generations.jsonl", category="RESULT-SUSPECT",
                 why="7 of 10 completions are API error strings, scored as wrong answers")],
    also_ok=[dict(file="generate.py", find='text = f"ERROR: {e}"', category="DATA-DEFAULT", why="the error string that becomes an answer"),
             dict(file="results/score.json", find='"accuracy": 0.2', category="RESULT-SUSPECT", why="the accuracy over error strings"),
             dict(file="score.py", find="acc = sum(", category="DATA-DEFAULT", why="errors scored as wrong")],
))

# R5 ablation CSV with all-identical metrics
SPECS.append(dict(
    id="result-ablation-csv-identical-rows",
    style="torch",
    description="An ablation script loops over four config variants, but the variant is never passed to the model builder (it always builds the default); results/ablation.csv therefore has four rows with identical numbers to the fourth decimal, which the report presents as 'no component matters'.",
    files={
        "ablate.py": '''
            import csv

            import torch

            from common import build_model, evaluate, train

            VARIANTS = {
                "full": dict(attn=True, residual=True),
                "no_attn": dict(attn=False, residual=True),
                "no_residual": dict(attn=True, residual=False),
                "neither": dict(attn=False, residual=False),
            }

            rows = []
            for name, flags in VARIANTS.items():
                torch.manual_seed(0)
                model = build_model()
                train(model, epochs=20)
                rows.append({"variant": name, **flags, "seed": 0, **evaluate(model)})
            with open("results/ablation.csv", "w", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=list(rows[0]))
                w.writeheader()
                w.writerows(rows)
        ''',
        "common.py": '''
            import torch
            from torch import nn


            class Net(nn.Module):
                def __init__(self, attn=True, residual=True, d=64):
                    super().__init__()
                    self.attn = nn.MultiheadAttention(d, 4, batch_first=True) if attn else None
                    self.residual = residual
                    self.inp = nn.Linear(16, d)
                    self.out = nn.Linear(d, 5)

                def forward(self, x):
                    h = self.inp(x)
                    if self.attn is not None:
                        a, _ = self.attn(h, h, h)
                        h = h + a if self.residual else a
                    return self.out(h.mean(1))


            def build_model(**flags):
                return Net(**flags)


            def train(model, epochs):
                data = torch.load("data/seq_train.pt")
                opt = torch.optim.Adam(model.parameters(), 1e-3)
                for _ in range(epochs):
                    model.train()
                    opt.zero_grad()
                    nn.functional.cross_entropy(model(data["X"]), data["y"]).backward()
                    opt.step()


            @torch.no_grad()
            def evaluate(model):
                data = torch.load("data/seq_test.pt")
                model.eval()
                pred = model(data["X"]).argmax(1)
                return {"acc": round((pred == data["y"]).float().mean().item(), 4), "n": len(data["y"])}
        ''',
        "results/ablation.csv": '''
            variant,attn,residual,seed,acc,n
            full,True,True,0,0.8315,4000
            no_attn,False,True,0,0.8315,4000
            no_residual,True,False,0,0.8315,4000
            neither,False,False,0,0.8315,4000
        ''',
    },
    labels=[dict(file="results/ablation.csv", category="RESULT-SUSPECT",
                 why="all four ablation variants have the identical accuracy: the flags never reach the model")],
    also_ok=[dict(file="ablate.py", find="model = build_model()", category="EVAL-MISMATCH", why="the cause: variant flags not passed")],
))

# R6 markdown report table with a number not in the results files
SPECS.append(dict(
    id="result-report-table-number-not-in-results",
    style="mixed",
    description="docs/report.md has a results table for three retrieval configurations; the nDCG@10 for 'hybrid' (0.517) comes from a run whose output was overwritten: results/beir_scifact.json records 0.493 for hybrid. The other two numbers match.",
    files={
        "results/beir_scifact.json": '''
            {
              "dataset": "scifact",
              "split": "test",
              "n_queries": 300,
              "ndcg@10": {"bm25": 0.665, "dense": 0.641, "hybrid": 0.493}
            }
        ''',
        "docs/report.md": '''
            # Retrieval on SciFact

            | system | nDCG@10 |
            |---|---|
            | BM25 | 0.665 |
            | dense (e5-base) | 0.641 |
            | hybrid (RRF) | 0.517 |

            Hybrid retrieval does not beat BM25 on SciFact, though it comes close.
        ''',
        "eval_beir.py": '''
            import json

            from beir import util
            from beir.datasets.data_loader import GenericDataLoader
            from beir.retrieval.evaluation import EvaluateRetrieval

            from systems import bm25_search, dense_search, hybrid_search

            path = util.download_and_unzip("https://public.ukp.informatik.tu-darmstadt.de/thakur/BEIR/datasets/scifact.zip", "data")
            corpus, queries, qrels = GenericDataLoader(path).load(split="test")
            out = {}
            for name, fn in [("bm25", bm25_search), ("dense", dense_search), ("hybrid", hybrid_search)]:
                run = fn(corpus, queries)
                ndcg, _map, _recall, _p = EvaluateRetrieval.evaluate(qrels, run, [10])
                out[name] = round(ndcg["NDCG@10"], 3)
            json.dump({"dataset": "scifact", "split": "test", "n_queries": len(queries), "ndcg@10": out},
                      open("results/beir_scifact.json", "w"), indent=2)
        ''',
        "systems.py": '''
            def bm25_search(corpus, queries):
                raise NotImplementedError


            def dense_search(corpus, queries):
                raise NotImplementedError


            def hybrid_search(corpus, queries):
                raise NotImplementedError
        ''',
    },
    labels=[dict(file="docs/report.md", find="| hybrid (RRF) | 0.517 |", category="RESULT-CLAIM",
                 why="0.517 appears in no results file; beir_scifact.json has 0.493 for hybrid")],
))
