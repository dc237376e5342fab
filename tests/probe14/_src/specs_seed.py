from twin import twin

SPECS = []

# S1 decorator-registered task draws an unseeded subset
S1 = dict(
    id="seed-registered-task-random-sample-subset",
    style="llm-eval",
    description="Tasks are registered with a @register_task decorator in a small harness. The NLI task evaluates a 300-item subset drawn with random.sample from the test docs with no seed anywhere in the harness, so each run scores different items and the numbers in the results table cannot be reproduced.",
    files={
        "harness/registry.py": r'''
TASKS = {}


def register_task(name):
    def deco(cls):
        TASKS[name] = cls
        return cls
    return deco
''',
        "harness/tasks/nli.py": r'''
import json
import random

from harness.registry import register_task

LABELS = ["entailment", "neutral", "contradiction"]


@register_task("anli_r3")
class ANLIR3:
    subset_size = 300

    def docs(self):
        docs = [json.loads(l) for l in open("data/anli_r3_test.jsonl")]
        return random.sample(docs, self.subset_size)

    def prompt(self, doc):
        return f"Premise: {doc['premise']}\nHypothesis: {doc['hypothesis']}\nAnswer entailment, neutral or contradiction:"

    def score(self, doc, reply):
        return reply.strip().lower().startswith(LABELS[doc["label"]])
''',
        "harness/run.py": r'''
import argparse
import json

import harness.tasks.nli  # noqa: F401  (registers the task)
from harness.model import generate
from harness.registry import TASKS


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--task", default="anli_r3")
    ap.add_argument("--model", default="gpt-4o-mini")
    args = ap.parse_args()
    task = TASKS[args.task]()
    docs = task.docs()
    acc = sum(task.score(d, generate(args.model, task.prompt(d))) for d in docs) / len(docs)
    print(json.dumps({"task": args.task, "model": args.model, "n": len(docs), "accuracy": acc}))


if __name__ == "__main__":
    main()
''',
        "harness/model.py": r'''
from openai import OpenAI

client = OpenAI()


def generate(model, prompt):
    r = client.chat.completions.create(model=model, temperature=0, max_tokens=8,
                                       messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content
''',
    },
    labels=[dict(file="harness/tasks/nli.py", find="return random.sample(docs, self.subset_size)",
                 category="SEED-UNSEEDED", why="the evaluated subset is drawn with the unseeded global random; every run scores different items")],
)
SPECS.append(S1)
SPECS.append(twin(S1, "seed-registered-task-seeded-rng-subset-clean",
    "Clean twin: the subset is drawn with random.Random(1234), a seed stored on the task.",
    {"harness/tasks/nli.py": [("    subset_size = 300\n", "    subset_size = 300\n    subset_seed = 1234\n"),
                              ("return random.sample(docs, self.subset_size)", "return random.Random(self.subset_seed).sample(docs, self.subset_size)")]}))

# S2 os.listdir order assigns speakers to splits by position, in a generator helper
S2 = dict(
    id="seed-listdir-speakers-split-by-position",
    style="mixed",
    description="prepare_splits.py lists speaker folders with os.listdir (arbitrary, filesystem-dependent order) through a generator in another module and assigns the first 80% of speakers to train and the rest to test by position. The split differs between machines and file systems, so the test speakers are not reproducible.",
    files={
        "audio_prep/walk.py": r'''
import os


def speaker_dirs(root):
    for name in os.listdir(root):
        path = os.path.join(root, name)
        if os.path.isdir(path):
            yield name, path
''',
        "prepare_splits.py": r'''
import csv
import os

from audio_prep.walk import speaker_dirs

ROOT = "data/raw_speakers"


def main():
    speakers = list(speaker_dirs(ROOT))
    n_train = int(0.8 * len(speakers))
    with open("data/splits.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "speaker", "split"])
        for i, (spk, path) in enumerate(speakers):
            split = "train" if i < n_train else "test"
            for wav in sorted(os.listdir(path)):
                w.writerow([os.path.join(path, wav), spk, split])


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="audio_prep/walk.py", find="for name in os.listdir(root):",
                 category="SEED-ORDER", why="unsorted os.listdir order decides which speakers are in train and test (split by position)")],
    also_ok=[dict(file="prepare_splits.py", find='split = "train" if i < n_train else "test"', category="SEED-ORDER")],
)
SPECS.append(S2)
SPECS.append(twin(S2, "seed-sorted-listdir-speakers-split-clean",
    "Clean twin: the speaker folders are listed in sorted order.",
    {"audio_prep/walk.py": [("for name in os.listdir(root):", "for name in sorted(os.listdir(root)):")]}))

# S3 litellm temperature from a dataclass config, one sample per item, two prompt variants compared
S3 = dict(
    id="seed-dataclass-temperature-one-sample-variants",
    style="llm-eval",
    description="A prompt-variant study: a dataclass config sets temperature=0.7 and the run compares 'plain' and 'chain-of-thought' prompts by accuracy, each sampled once per item. The 2-point difference reported as the effect of chain-of-thought is within the sampling noise of a single draw, and no repeat or interval is given.",
    files={
        "variants/config.py": r'''
from dataclasses import dataclass, field


@dataclass
class RunConfig:
    model: str = "openrouter/meta-llama/llama-3.1-8b-instruct"
    temperature: float = 0.7
    max_tokens: int = 512
    variants: list = field(default_factory=lambda: ["plain", "cot"])
    data: str = "data/strategyqa_dev.jsonl"
''',
        "variants/run.py": r'''
import json

import litellm

from variants.config import RunConfig

PROMPTS = {
    "plain": "Answer yes or no.\n\nQuestion: {q}\nAnswer:",
    "cot": "Think step by step, then end with 'Answer: yes' or 'Answer: no'.\n\nQuestion: {q}",
}


def main(cfg: RunConfig = RunConfig()):
    items = [json.loads(l) for l in open(cfg.data)]
    acc = {}
    for v in cfg.variants:
        hits = 0
        for it in items:
            r = litellm.completion(model=cfg.model, temperature=cfg.temperature, max_tokens=cfg.max_tokens,
                                   messages=[{"role": "user", "content": PROMPTS[v].format(q=it["question"])}])
            text = r.choices[0].message.content.lower()
            hits += ("yes" in text.split("answer")[-1]) == it["answer"]
        acc[v] = hits / len(items)
    print(f"plain {acc['plain']:.3f}  cot {acc['cot']:.3f}  delta {acc['cot'] - acc['plain']:+.3f}")


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="variants/run.py", find="r = litellm.completion(model=cfg.model, temperature=cfg.temperature, max_tokens=cfg.max_tokens,",
                 category="SEED-SAMPLING", why="one sample per item at temperature 0.7; two variants compared without repeats or intervals")],
    also_ok=[dict(file="variants/config.py", find="temperature: float = 0.7", category="SEED-SAMPLING")],
)
SPECS.append(S3)

# S4 typer CLI with a dataclass config whose seed field is never used
S4 = dict(
    id="seed-typer-config-seed-field-never-applied",
    style="torch",
    description="A typer training CLI with a dataclass config that has `seed: int = 0`, written to the run's config.json. Nothing ever seeds torch, numpy or random with it: the model's initialisation, the random_split of the dataset and the shuffled DataLoader differ every run while the saved config claims seed 0.",
    files={
        "tabnet_cli/config.py": r'''
from dataclasses import asdict, dataclass
import json


@dataclass
class TrainConfig:
    data: str = "data/adult.parquet"
    hidden: int = 128
    lr: float = 1e-3
    epochs: int = 20
    batch_size: int = 256
    seed: int = 0

    def save(self, path):
        with open(path, "w") as fh:
            json.dump(asdict(self), fh, indent=2)
''',
        "tabnet_cli/cli.py": r'''
import typer
import pandas as pd
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

from tabnet_cli.config import TrainConfig

app = typer.Typer()


@app.command()
def train(hidden: int = 128, lr: float = 1e-3, epochs: int = 20, seed: int = 0):
    cfg = TrainConfig(hidden=hidden, lr=lr, epochs=epochs, seed=seed)
    cfg.save("runs/config.json")
    df = pd.read_parquet(cfg.data)
    X = torch.tensor(df.drop(columns="income").to_numpy(), dtype=torch.float32)
    y = torch.tensor(df["income"].to_numpy(), dtype=torch.long)
    ds = TensorDataset(X, y)
    train_ds, test_ds = random_split(ds, [0.8, 0.2])
    model = nn.Sequential(nn.Linear(X.shape[1], cfg.hidden), nn.ReLU(), nn.Dropout(0.1), nn.Linear(cfg.hidden, 2))
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    for _ in range(cfg.epochs):
        model.train()
        for xb, yb in DataLoader(train_ds, batch_size=cfg.batch_size, shuffle=True):
            opt.zero_grad()
            nn.functional.cross_entropy(model(xb), yb).backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        xt, yt = next(iter(DataLoader(test_ds, batch_size=len(test_ds))))
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    typer.echo(f"test accuracy {acc:.4f}")


if __name__ == "__main__":
    app()
''',
    },
    labels=[dict(file="tabnet_cli/cli.py", find="train_ds, test_ds = random_split(ds, [0.8, 0.2])",
                 category="SEED-UNSEEDED", why="the config's seed is saved but never applied; random_split, init and shuffling are unseeded")],
    also_ok=[dict(file="tabnet_cli/cli.py", find="for xb, yb in DataLoader(train_ds, batch_size=cfg.batch_size, shuffle=True):", category="SEED-UNSEEDED"),
             dict(file="tabnet_cli/cli.py", find="model = nn.Sequential(", category="SEED-UNSEEDED")],
)
SPECS.append(S4)
SPECS.append(twin(S4, "seed-typer-config-seed-applied-clean",
    "Clean twin: the command seeds torch with cfg.seed before any draw and passes a seeded generator to random_split.",
    {"tabnet_cli/cli.py": [('    cfg.save("runs/config.json")\n', '    cfg.save("runs/config.json")\n    torch.manual_seed(cfg.seed)\n'),
                           ("random_split(ds, [0.8, 0.2])", "random_split(ds, [0.8, 0.2], generator=torch.Generator().manual_seed(cfg.seed))")]}))

# S5 label ids from set iteration, rebuilt in another process for evaluation
S5 = dict(
    id="seed-label-ids-from-set-rebuilt-in-eval",
    style="sklearn",
    description="train.py maps intent names to class ids with `list(set(...))` and saves only the model; predict.py rebuilds the mapping the same way in a new process. String hashing is randomised per process (PYTHONHASHSEED), so the set's order, and thus the id -> intent mapping, can differ between the two runs and predictions are decoded to the wrong intents.",
    files={
        "intents/train.py": r'''
import joblib
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline


def main():
    df = pd.read_csv("data/intents_train.csv")
    intents = list(set(df["intent"]))
    label_id = {name: i for i, name in enumerate(intents)}
    y = df["intent"].map(label_id)
    pipe = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2), LogisticRegression(max_iter=2000, C=4.0))
    pipe.fit(df["text"], y)
    joblib.dump(pipe, "models/intent_clf.joblib")


if __name__ == "__main__":
    main()
''',
        "intents/predict.py": r'''
import joblib
import pandas as pd
from sklearn.metrics import accuracy_score


def main():
    train = pd.read_csv("data/intents_train.csv")
    intents = list(set(train["intent"]))
    test = pd.read_csv("data/intents_test.csv")
    pipe = joblib.load("models/intent_clf.joblib")
    pred = [intents[i] for i in pipe.predict(test["text"])]
    print(f"intent accuracy {accuracy_score(test['intent'], pred):.3f}")


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="intents/train.py", find='intents = list(set(df["intent"]))',
                 category="SEED-ORDER", why="class ids come from set iteration order, which differs between processes (hash randomisation); the decoding mapping rebuilt in predict.py need not match training's")],
    also_ok=[dict(file="intents/predict.py", find='intents = list(set(train["intent"]))', category="SEED-ORDER")],
)
SPECS.append(S5)
