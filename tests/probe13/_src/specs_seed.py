from twin import twin

SPECS = []

# S1 papermill notebook: df.sample in an early cell, the seed set in a later cell
SPECS.append(dict(
    id="seed-papermill-sample-before-seed-cell",
    style="notebook",
    description="A papermill-parameterised notebook (parameter `seed`) subsamples 500 reviews with df.sample(n=500) in its data cell; np.random.seed(seed) is only called two cells later, before model training. The subsample (and so the reported accuracy) changes on every run whatever seed papermill passes.",
    files={
        "notebooks/sentiment_subset.ipynb": ("nb", [
            ("code", r'''
# parameters
seed = 0
n_sample = 500
'''),
            ("code", r'''
import numpy as np
import pandas as pd
reviews = pd.read_csv("../data/reviews.csv")
subset = reviews.sample(n=n_sample)
subset.label.value_counts()
'''),
            ("markdown", "## Features and model"),
            ("code", r'''
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
np.random.seed(seed)
tr, te = train_test_split(subset, test_size=0.3, random_state=seed)
vec = TfidfVectorizer(min_df=2).fit(tr.text)
clf = LogisticRegression(max_iter=1000).fit(vec.transform(tr.text), tr.label)
acc = clf.score(vec.transform(te.text), te.label)
acc
'''),
        ]),
        "run_seeds.sh": "#!/bin/bash\nfor s in 0 1 2 3 4; do\n  papermill notebooks/sentiment_subset.ipynb runs/seed_$s.ipynb -p seed $s\ndone\n",
    },
    labels=[dict(file="notebooks/sentiment_subset.ipynb", find="subset = reviews.sample(n=n_sample)", category="SEED-SAMPLING",
                 why="the subsample is drawn before np.random.seed(seed) in a later cell, and df.sample gets no random_state")],
))

# S2 LightningCLI entry point without a seed; random_split without a generator in the DataModule
SPECS.append(dict(
    id="seed-lightning-trainer-no-seed-random-split",
    style="torch",
    description="Speech-command classification with Lightning. The entry point builds a Trainer and fits without ever calling seed_everything (label corrected after the blind run: the blind version used LightningCLI, which seeds by default and saves the seed); the DataModule splits the recordings with random_split without a generator. Every run trains and validates on a different split with different initial weights, and the README reports one run's accuracy.",
    files={
        "kws/data.py": r'''
import lightning as L
from torch.utils.data import DataLoader, random_split
from torchaudio.datasets import SPEECHCOMMANDS


class KWSData(L.LightningDataModule):
    def __init__(self, root: str = "data", batch_size: int = 128):
        super().__init__()
        self.root, self.batch_size = root, batch_size

    def setup(self, stage=None):
        full = SPEECHCOMMANDS(self.root, download=False)
        n_val = len(full) // 10
        self.train_ds, self.val_ds = random_split(full, [len(full) - n_val, n_val])

    def train_dataloader(self):
        return DataLoader(self.train_ds, batch_size=self.batch_size, shuffle=True, collate_fn=pad_collate)

    def val_dataloader(self):
        return DataLoader(self.val_ds, batch_size=self.batch_size, collate_fn=pad_collate)


def pad_collate(batch):
    import torch
    waves = torch.nn.utils.rnn.pad_sequence([b[0].squeeze(0) for b in batch], batch_first=True)
    return waves, [b[2] for b in batch]
''',
        "kws/cli.py": r'''
import lightning as L

from kws.data import KWSData
from kws.model import KWSNet


def main():
    trainer = L.Trainer(max_epochs=30, accelerator="gpu")
    trainer.fit(KWSNet(), datamodule=KWSData())


if __name__ == "__main__":
    main()
''',
        "kws/model.py": r'''
import lightning as L
import torch
from torch import nn


class KWSNet(L.LightningModule):
    def __init__(self, n_classes: int = 35, lr: float = 1e-3):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(nn.Conv1d(1, 64, 80, stride=16), nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(64, n_classes))

    def training_step(self, batch, _):
        x, y = batch
        return nn.functional.cross_entropy(self.net(x.unsqueeze(1)), torch.tensor(y))

    def validation_step(self, batch, _):
        x, y = batch
        self.log("val_acc", (self.net(x.unsqueeze(1)).argmax(1) == torch.tensor(y)).float().mean())

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)
''',
        "configs/kws.yaml": "trainer:\n  max_epochs: 30\n  accelerator: gpu\nmodel:\n  lr: 0.001\ndata:\n  batch_size: 128\n",
        "kws/__init__.py": "",
        "README.md": "# Keyword spotting\n\n`python -m kws.cli fit --config configs/kws.yaml` reaches 91.8% validation accuracy.\n",
    },
    labels=[dict(file="kws/data.py", find="self.train_ds, self.val_ds = random_split(full, [len(full) - n_val, n_val])",
                 category="SEED-UNSEEDED", why="the split is drawn without a generator and the entry point never seeds (no seed_everything)")],
    also_ok=[dict(file="kws/cli.py", find="trainer.fit(KWSNet(), datamodule=KWSData())", category="SEED-UNSEEDED", why="the entry point that never seeds")],
))

# S3 unsorted glob assigns recordings to train/test by position (package helper)
S3 = dict(
    id="seed-unsorted-glob-position-split-package",
    style="mixed",
    description="src/ecg/io.py lists the ECG record files with Path.glob (unsorted, file-system order) and split.py assigns the first 80% to training and the rest to testing by position. The split differs between machines and file systems (and after copying the data), so the reported F1 is not reproducible.",
    files={
        "src/ecg/__init__.py": "",
        "src/ecg/io.py": r'''
from pathlib import Path

import numpy as np


def list_records(root="data/records"):
    return [p for p in Path(root).glob("*.npz")]


def load(path):
    z = np.load(path)
    return z["signal"], int(z["label"])
''',
        "src/ecg/split.py": r'''
import json

from ecg.io import list_records


def make_split(frac=0.8):
    records = list_records()
    cut = int(len(records) * frac)
    split = {"train": [str(p) for p in records[:cut]], "test": [str(p) for p in records[cut:]]}
    json.dump(split, open("data/split.json", "w"), indent=1)
    return split


if __name__ == "__main__":
    make_split()
''',
    },
    labels=[dict(file="src/ecg/io.py", find='return [p for p in Path(root).glob("*.npz")]', category="SEED-ORDER",
                 why="glob order is file-system order, and the split takes records by position")],
)
SPECS.append(S3)
SPECS.append(twin(S3, "seed-sorted-glob-position-split-clean",
    "Clean twin: the listing is sorted before the positional split.",
    {"src/ecg/io.py": [('return [p for p in Path(root).glob("*.npz")]', 'return sorted(Path(root).glob("*.npz"))')]}))

# S4 vLLM: temperature 0.7, one sample per item, two prompt variants compared
S4 = dict(
    id="seed-vllm-temperature-one-sample-variants-compared",
    style="llm-eval",
    description="Two system prompts ('concise' vs 'detailed') are compared on 150 coding questions with vLLM offline generation at temperature 0.7 with n=1 and no seed. One sample per item and prompt, no repeats and no interval: the 2-point difference the README reports is within sampling noise.",
    files={
        "compare_prompts.py": r'''
import json

from vllm import LLM, SamplingParams

from grading import passes_tests

VARIANTS = {
    "concise": "You are a concise programmer. Write only the function.",
    "detailed": "You are a careful programmer. Think about edge cases, then write the function.",
}

llm = LLM(model="deepseek-ai/deepseek-coder-6.7b-instruct")
tok = llm.get_tokenizer()
params = SamplingParams(temperature=0.7, top_p=0.95, max_tokens=768, n=1)
problems = [json.loads(l) for l in open("data/problems.jsonl")]

results = {}
for name, system in VARIANTS.items():
    prompts = [tok.apply_chat_template([{"role": "system", "content": system}, {"role": "user", "content": p["prompt"]}],
                                       tokenize=False, add_generation_prompt=True) for p in problems]
    outs = llm.generate(prompts, params)
    results[name] = sum(passes_tests(o.outputs[0].text, p) for o, p in zip(outs, problems)) / len(problems)
print(results)
json.dump({"model": "deepseek-coder-6.7b-instruct", "n": len(problems), "pass@1": results}, open("results/prompt_variants.json", "w"))
''',
        "grading.py": r'''
import subprocess
import tempfile


def passes_tests(code: str, problem: dict) -> bool:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(code + "\n\n" + problem["tests"])
    return subprocess.run(["python", fh.name], capture_output=True, timeout=10).returncode == 0
''',
        "README.md": "# Prompt variants\n\nThe detailed system prompt improves pass@1 from 0.41 to 0.43.\n",
    },
    labels=[dict(file="compare_prompts.py", find="params = SamplingParams(temperature=0.7, top_p=0.95, max_tokens=768, n=1)",
                 category="SEED-SAMPLING", why="one sample per item at temperature 0.7, unseeded, and two conditions compared without repeats")],
    also_ok=[dict(file="README.md", find="The detailed system prompt improves", category="RESULT-CLAIM", why="numbers not in the results file")],
)
SPECS.append(S4)
SPECS.append(twin(S4, "seed-vllm-greedy-variants-compared-clean",
    "Clean twin: greedy decoding (temperature 0), so one sample per item is deterministic; results file holds the README numbers.",
    {"compare_prompts.py": [("SamplingParams(temperature=0.7, top_p=0.95, max_tokens=768, n=1)", "SamplingParams(temperature=0.0, max_tokens=768)")],
     "README.md": [("from 0.41 to 0.43", "(see results/prompt_variants.json)")]}))

# S5 imbalanced-learn RandomUnderSampler without random_state
SPECS.append(dict(
    id="seed-imblearn-undersampler-unseeded",
    style="sklearn",
    description="Churn prediction with an imblearn Pipeline (RandomUnderSampler then XGBoost) scored with cross_validate. The undersampler has no random_state, so which majority-class customers are kept changes on every run (and in every fold); the seed set for the folds and the model does not control it.",
    files={
        "churn/model.py": r'''
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.preprocessing import StandardScaler
from xgboost import XGBClassifier

SEED = 7


def make_model():
    return Pipeline([
        ("scale", StandardScaler()),
        ("under", RandomUnderSampler(sampling_strategy=0.5)),
        ("xgb", XGBClassifier(n_estimators=400, max_depth=5, learning_rate=0.05, random_state=SEED)),
    ])
''',
        "churn/cv.py": r'''
import json

import pandas as pd
from sklearn.model_selection import StratifiedKFold, cross_validate

from churn.model import SEED, make_model

df = pd.read_csv("data/customers.csv")
X, y = df.drop(columns=["churned", "customer_id"]), df["churned"]
res = cross_validate(make_model(), X, y, cv=StratifiedKFold(5, shuffle=True, random_state=SEED), scoring=["roc_auc", "f1"])
json.dump({"seed": SEED, "n": len(df), "auc": res["test_roc_auc"].mean(), "f1": res["test_f1"].mean()}, open("results/churn_cv.json", "w"))
''',
        "churn/__init__.py": "",
    },
    labels=[dict(file="churn/model.py", find='("under", RandomUnderSampler(sampling_strategy=0.5)),', category="SEED-UNSEEDED",
                 why="the undersampler draws which rows to keep without a random_state")],
))

# S6 JAX: PRNGKey from the clock, never recorded
S6 = dict(
    id="seed-jax-prngkey-from-time",
    style="mixed",
    description="A JAX/optax MLP for tabular regression initialises its parameters and shuffles batches from jax.random.PRNGKey(int(time.time())); the key is neither printed nor saved with the results, so a run cannot be repeated and the reported RMSE is one unrecorded draw.",
    files={
        "mlp_jax/train.py": r'''
import json
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax


def init_params(key, sizes):
    params = []
    for k, (m, n) in zip(jax.random.split(key, len(sizes) - 1), zip(sizes[:-1], sizes[1:])):
        params.append((jax.random.normal(k, (m, n)) * jnp.sqrt(2 / m), jnp.zeros(n)))
    return params


def forward(params, x):
    for w, b in params[:-1]:
        x = jax.nn.relu(x @ w + b)
    w, b = params[-1]
    return (x @ w + b).squeeze(-1)


def loss_fn(params, x, y):
    return jnp.mean((forward(params, x) - y) ** 2)


def main():
    d = np.load("data/housing_splits.npz")
    key = jax.random.PRNGKey(int(time.time()))
    key, init_key = jax.random.split(key)
    params = init_params(init_key, [d["X_train"].shape[1], 128, 64, 1])
    opt = optax.adam(1e-3)
    state = opt.init(params)
    step = jax.jit(lambda p, s, x, y: _step(opt, p, s, x, y))
    for epoch in range(200):
        key, perm_key = jax.random.split(key)
        perm = jax.random.permutation(perm_key, len(d["X_train"]))
        for i in range(0, len(perm), 256):
            idx = perm[i:i + 256]
            params, state = step(params, state, d["X_train"][idx], d["y_train"][idx])
    rmse = float(jnp.sqrt(loss_fn(params, d["X_test"], d["y_test"])))
    json.dump({"rmse": rmse, "epochs": 200, "hidden": [128, 64]}, open("results/mlp.json", "w"))


def _step(opt, params, state, x, y):
    grads = jax.grad(loss_fn)(params, x, y)
    updates, state = opt.update(grads, state)
    return optax.apply_updates(params, updates), state


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="mlp_jax/train.py", find="key = jax.random.PRNGKey(int(time.time()))", category="SEED-UNSEEDED",
                 why="the key comes from the clock and is never recorded")],
)
SPECS.append(S6)
