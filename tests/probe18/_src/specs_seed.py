from twin import twin

SPECS = []

# S1 Metaflow: an annotation subset drawn with random.sample and no seed
S1 = dict(
    id="seed-metaflow-random-sample-subset",
    style="mixed",
    description="A Metaflow flow that evaluates a summariser on a random 200-article subset of a news dump. The `start` step draws the subset with `random.sample` from the unseeded global generator, so every run evaluates a different subset and the ROUGE in the card cannot be reproduced.",
    files={
        "flows/summ_eval.py": r'''
import json
import random

from metaflow import FlowSpec, Parameter, step


class SummEvalFlow(FlowSpec):
    n = Parameter("n", default=200)
    model = Parameter("model", default="facebook/bart-large-cnn")

    @step
    def start(self):
        articles = [json.loads(l) for l in open("data/news_dump.jsonl")]
        self.subset = random.sample(articles, self.n)
        self.next(self.summarise)

    @step
    def summarise(self):
        from transformers import pipeline
        summ = pipeline("summarization", model=self.model)
        self.preds = [summ(a["text"], max_length=128, truncation=True)[0]["summary_text"] for a in self.subset]
        self.next(self.score)

    @step
    def score(self):
        import evaluate
        rouge = evaluate.load("rouge")
        self.rouge = rouge.compute(predictions=self.preds, references=[a["summary"] for a in self.subset])
        self.next(self.end)

    @step
    def end(self):
        print(self.model, self.n, self.rouge)


if __name__ == "__main__":
    SummEvalFlow()
''',
    },
    labels=[dict(file="flows/summ_eval.py", find="self.subset = random.sample(articles, self.n)",
                 category="SEED-UNSEEDED", why="the evaluated subset is drawn without a seed")],
)
SPECS.append(S1)
SPECS.append(twin(S1, "seed-metaflow-seeded-subset-clean",
    "Clean twin: the subset is drawn from a generator seeded by a flow parameter.",
    {"flows/summ_eval.py": [
        ('    model = Parameter("model", default="facebook/bart-large-cnn")\n',
         '    model = Parameter("model", default="facebook/bart-large-cnn")\n    seed = Parameter("seed", default=13)\n'),
        ("self.subset = random.sample(articles, self.n)", "self.subset = random.Random(self.seed).sample(articles, self.n)"),
        ("print(self.model, self.n, self.rouge)", "print(self.model, self.n, self.seed, self.rouge)")]}))

# S2 BIDS: subjects listed with os.listdir and split by position
S2 = dict(
    id="seed-bids-listdir-split-by-position",
    style="mixed",
    description="Brain-age regression from T1 images in a BIDS folder (nibabel). The subject folders are listed with `os.listdir` and the first 80% become the training subjects; listdir order is arbitrary (filesystem dependent), so which subjects are held out changes between machines.",
    files={
        "brainage/split.py": r'''
import os

BIDS = "data/bids"


def subject_split(frac=0.8):
    subjects = [d for d in os.listdir(BIDS) if d.startswith("sub-")]
    cut = int(frac * len(subjects))
    return subjects[:cut], subjects[cut:]
''',
        "brainage/train.py": r'''
import nibabel as nib
import numpy as np
import pandas as pd
from sklearn.linear_model import RidgeCV

from brainage.split import BIDS, subject_split

ages = pd.read_csv(f"{BIDS}/participants.tsv", sep="\t").set_index("participant_id")["age"]


def features(sub):
    img = nib.load(f"{BIDS}/{sub}/anat/{sub}_T1w.nii.gz").get_fdata()
    return np.histogram(img[img > 0], bins=64, density=True)[0]


train_s, test_s = subject_split()
Xtr = np.stack([features(s) for s in train_s])
Xte = np.stack([features(s) for s in test_s])
m = RidgeCV(alphas=np.logspace(-3, 3, 13)).fit(Xtr, ages[train_s])
print("test MAE (years)", np.abs(m.predict(Xte) - ages[test_s].to_numpy()).mean())
''',
    },
    labels=[dict(file="brainage/split.py", find='subjects = [d for d in os.listdir(BIDS) if d.startswith("sub-")]',
                 category="SEED-ORDER", why="unsorted listdir order decides which subjects are held out")],
)
SPECS.append(S2)
SPECS.append(twin(S2, "seed-bids-sorted-listdir-clean",
    "Clean twin: the subject list is sorted before the positional split.",
    {"brainage/split.py": [('subjects = [d for d in os.listdir(BIDS) if d.startswith("sub-")]',
                            'subjects = sorted(d for d in os.listdir(BIDS) if d.startswith("sub-"))')]}))

# S3 Azure OpenAI: two prompt variants compared with one sample each at temperature 0.8
S3 = dict(
    id="seed-azure-prompt-variants-one-sample-temp",
    style="llm-eval",
    description="Two system-prompt variants for a math tutor are compared on 150 problems through an Azure OpenAI deployment, one completion per problem at temperature 0.8; the accuracy difference (a few points) is reported as the better prompt with no repeats or interval.",
    files={
        "tutor/ab_prompts.py": r'''
import json
import os

from openai import AzureOpenAI

client = AzureOpenAI(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"], api_version="2024-06-01")
DEPLOYMENT = "gpt-4o-tutor"
VARIANTS = {
    "plain": "You are a math tutor. Give the final answer after 'Answer:'.",
    "socratic": "You are a patient math tutor who reasons step by step. Give the final answer after 'Answer:'.",
}


def solve(system, problem):
    r = client.chat.completions.create(model=DEPLOYMENT, temperature=0.8, max_tokens=600,
                                       messages=[{"role": "system", "content": system},
                                                 {"role": "user", "content": problem}])
    return r.choices[0].message.content.rsplit("Answer:", 1)[-1].strip()


problems = [json.loads(l) for l in open("data/algebra_150.jsonl")]
acc = {name: sum(solve(sys_p, p["problem"]) == p["answer"] for p in problems) / len(problems)
       for name, sys_p in VARIANTS.items()}
print(json.dumps(acc), "winner:", max(acc, key=acc.get))
''',
    },
    labels=[dict(file="tutor/ab_prompts.py", find="temperature=0.8, max_tokens=600,",
                 category="SEED-SAMPLING", why="one sample per item at temperature 0.8; variants compared with no repeats")],
)
SPECS.append(S3)

# S4 Kaggle notebook run top to bottom: df.sample before the seed cell
S4 = dict(
    id="seed-kaggle-notebook-sample-before-seed",
    style="notebook",
    description="A Kaggle-kernel notebook for a tabular competition. Cell 2 takes a 20% development sample with `train.sample(frac=0.2)` (numpy's global generator), and `seed_everything(42)` is only called in cell 4, so the development subset differs on every run even though the notebook looks seeded.",
    files={
        "kernel.ipynb": ("nb", [
            ("markdown", "# Playground S4E12 - LightGBM baseline"),
            ("code", """
import os, random
import numpy as np
import pandas as pd
import lightgbm as lgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_squared_log_error
"""),
            ("code", """
train = pd.read_csv("/kaggle/input/playground-series-s4e12/train.csv")
dev = train.sample(frac=0.2)
dev.shape
"""),
            ("code", """
def seed_everything(seed):
    random.seed(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)
    np.random.seed(seed)
"""),
            ("code", """
seed_everything(42)
X = dev.drop(columns=["id", "Premium Amount"])
y = np.log1p(dev["Premium Amount"])
X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, random_state=42)
"""),
            ("code", """
model = lgb.LGBMRegressor(n_estimators=1000, learning_rate=0.03, random_state=42, verbose=-1)
model.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], callbacks=[lgb.early_stopping(50)])
print("RMSLE", np.sqrt(mean_squared_log_error(np.expm1(y_va), np.expm1(model.predict(X_va)))))
"""),
        ], [None, 1, 2, 3, 4, 5]),
    },
    labels=[dict(file="kernel.ipynb", find="dev = train.sample(frac=0.2)",
                 category="SEED-SAMPLING", why="the sample is drawn before seed_everything runs in a later cell")],
)
SPECS.append(S4)

# S5 fire CLI: random_split in a data module, the entry point never seeds
S5 = dict(
    id="seed-fire-cli-random-split-unseeded",
    style="torch",
    description="A fire CLI trains a small CNN on spectrogram tensors. The data module splits the dataset with `torch.utils.data.random_split` without a generator, and neither the CLI nor the training code seeds torch, so the train/validation partition (and the initial weights) change on every run.",
    files={
        "specnet/data.py": r'''
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split


def loaders(path="data/specs.pt", val_frac=0.15, batch_size=64):
    blob = torch.load(path)
    ds = TensorDataset(blob["x"], blob["y"])
    n_val = int(len(ds) * val_frac)
    train_ds, val_ds = random_split(ds, [len(ds) - n_val, n_val])
    return DataLoader(train_ds, batch_size=batch_size, shuffle=True), DataLoader(val_ds, batch_size=256)
''',
        "specnet/cli.py": r'''
import fire
import torch
import torch.nn as nn

from specnet.data import loaders


def train(epochs=20, lr=3e-4, out="runs/specnet.pt"):
    tr, va = loaders()
    net = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(8), nn.Flatten(), nn.Linear(1024, 10))
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    for _ in range(epochs):
        net.train()
        for x, y in tr:
            loss = nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    net.eval()
    with torch.no_grad():
        acc = sum((net(x).argmax(1) == y).sum().item() for x, y in va) / len(va.dataset)
    torch.save({"state": net.state_dict(), "val_acc": acc}, out)
    print("val acc", acc)


if __name__ == "__main__":
    fire.Fire({"train": train})
''',
    },
    labels=[dict(file="specnet/data.py", find="train_ds, val_ds = random_split(ds, [len(ds) - n_val, n_val])",
                 category="SEED-UNSEEDED", why="random_split without a generator and no seed anywhere in the entry point")],
)
SPECS.append(S5)
