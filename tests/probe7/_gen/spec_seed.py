from make import twin

S1 = {
    "id": "seed-notebook-seed-cell-after-draw",
    "style": "notebook",
    "description": "A notebook fine-tunes a small MLP on a 2,000-row subsample of a tabular dataset. The subsample permutation is drawn in cell 2; the cell that seeds numpy and torch is cell 3, below it (the execution counts show it was run first interactively). Run top to bottom, the subsample is unseeded and the reported F1 cannot be reproduced.",
    "files": {
        "subsample_mlp.ipynb": {"cells": [
            ("markdown", "## Does a 2k-row subsample suffice? (adult income)"),
            ("code", '''
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.metrics import f1_score

df = pd.read_csv("data/adult_clean.csv")
X_all = df.drop(columns="income_gt_50k").to_numpy(np.float32)
y_all = df["income_gt_50k"].to_numpy(np.float32)
test_idx = np.load("data/test_idx.npy")
pool = np.setdiff1d(np.arange(len(df)), test_idx)
''', 2),
            ("code", '''
sub = np.random.permutation(pool)[:2000]  ⟪SEED-SAMPLING|the subsample is drawn before the cell that seeds numpy|+1⟫
X, y = torch.tensor(X_all[sub]), torch.tensor(y_all[sub])
''', 4),
            ("code", '''
SEED = 0
np.random.seed(SEED)
torch.manual_seed(SEED)
''', 1),
            ("code", '''
net = nn.Sequential(nn.Linear(X.shape[1], 64), nn.ReLU(), nn.Linear(64, 1))
opt = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=1e-4)
for epoch in range(40):
    opt.zero_grad()
    loss = nn.functional.binary_cross_entropy_with_logits(net(X).squeeze(1), y)
    loss.backward()
    opt.step()
with torch.no_grad():
    pred = (net(torch.tensor(X_all[test_idx])).squeeze(1) > 0).numpy()
print("F1 (2k subsample):", f1_score(y_all[test_idx], pred))
''', 5),
        ]},
    },
}

S1C = {
    "id": "seed-clean-notebook-seed-cell-first",
    "style": "notebook",
    "description": "Twin of the subsample notebook: the seeding cell comes before the cell that draws the subsample, and the subsample uses a seeded Generator.",
    "clean": True,
    "files": {"subsample_mlp.ipynb": {"cells": [
        S1["files"]["subsample_mlp.ipynb"]["cells"][0],
        S1["files"]["subsample_mlp.ipynb"]["cells"][1][:2] + (1,),
        ("code", "\nSEED = 0\nnp.random.seed(SEED)\ntorch.manual_seed(SEED)\nrng = np.random.default_rng(SEED)\n", 2),
        ("code", "\nsub = rng.permutation(pool)[:2000]\nX, y = torch.tensor(X_all[sub]), torch.tensor(y_all[sub])\n", 3),
        S1["files"]["subsample_mlp.ipynb"]["cells"][4][:2] + (4,),
    ]}},
}

S2 = {
    "id": "seed-listdir-helper-running-counter",
    "style": "mixed",
    "description": "Bird-call recordings are split into folds by a running counter over the list returned by a helper in another module; the helper uses os.listdir without sorting, so which recordings are held out depends on the filesystem's directory order and differs between machines.",
    "files": {
        "birdclf/__init__.py": "",
        "birdclf/io.py": '''
import os

AUDIO_EXT = (".flac", ".wav")


def list_recordings(root):
    return [os.path.join(root, name) for name in os.listdir(root) if name.endswith(AUDIO_EXT)]  ⟪SEED-ORDER|unsorted os.listdir order decides which recordings land in which fold⟫
''',
        "birdclf/folds.py": '''
import json

from .io import list_recordings


def assign_folds(root, k=5):
    folds = {i: [] for i in range(k)}
    counter = 0
    for path in list_recordings(root):
        folds[counter % k].append(path)
        counter += 1
    return folds


if __name__ == "__main__":
    json.dump(assign_folds("data/xeno_canto_subset"), open("data/folds.json", "w"), indent=1)
''',
    },
}

S2C = twin(S2, "seed-clean-listdir-helper-sorted",
           "Twin of the fold assignment: the helper sorts the directory listing, so folds are the same on every machine.",
           {"birdclf/io.py": [("return [os.path.join(root, name) for name in os.listdir(root) if name.endswith(AUDIO_EXT)]",
                               "return [os.path.join(root, name) for name in sorted(os.listdir(root))\n            if name.endswith(AUDIO_EXT)]")]})

S3 = {
    "id": "seed-random-split-in-datamodule",
    "style": "torch",
    "description": "A text classifier's entry point never seeds anything; its randomness is indirect: the data module calls random_split without a generator to carve the validation set, the model initialises its weights, and the loader shuffles. The reported validation accuracy changes every run.",
    "files": {
        "textclf/__init__.py": "",
        "textclf/data.py": '''
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split


def make_loaders(path="data/agnews_tok.pt", val_frac=0.1, batch_size=64):
    blob = torch.load(path)
    full = TensorDataset(blob["input_ids"], blob["labels"])
    n_val = int(len(full) * val_frac)
    train_ds, val_ds = random_split(full, [len(full) - n_val, n_val])  ⟪SEED-UNSEEDED|the validation split is drawn without a generator and the entry point never seeds|+1⟫
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True),
            DataLoader(val_ds, batch_size=batch_size))
''',
        "textclf/model.py": '''
import torch.nn as nn


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab=30522, dim=128, classes=4):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab, dim)
        self.out = nn.Linear(dim, classes)

    def forward(self, ids):
        return self.out(self.emb(ids))
''',
        "train.py": '''
import json

import torch

from textclf.data import make_loaders
from textclf.model import BagOfEmbeddings

train_dl, val_dl = make_loaders()
model = BagOfEmbeddings()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(5):
    model.train()
    for ids, y in train_dl:
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(ids), y).backward()
        opt.step()
model.eval()
with torch.no_grad():
    correct = sum((model(ids).argmax(1) == y).sum().item() for ids, y in val_dl)
acc = correct / len(val_dl.dataset)
json.dump({"val_acc": acc}, open("results/agnews_val.json", "w"))  ⟪ok:RESULT-PROVENANCE|true: the saved accuracy has no model, config or seed (added after the blind run)⟫
print("val acc", acc)
''',
    },
    "null_ok": [("train.py", "SEED-UNSEEDED", "the entry point that never seeds")],
}

S4 = {
    "id": "seed-jax-key-from-clock",
    "style": "mixed",
    "description": "A JAX/optax MLP on MNIST. The PRNG key that initialises the parameters and shuffles each epoch is made from the wall clock and never recorded, so the reported test accuracy (from a single run) cannot be reproduced.",
    "files": {
        "train_jax.py": '''
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

data = np.load("data/mnist.npz")
x_tr, y_tr = data["x_train"].reshape(-1, 784) / 255.0, data["y_train"]
x_te, y_te = data["x_test"].reshape(-1, 784) / 255.0, data["y_test"]

key = jax.random.PRNGKey(int(time.time()))  ⟪SEED-UNSEEDED|the PRNG key comes from the clock and is never recorded⟫


def init(key, sizes=(784, 256, 10)):
    params = []
    for din, dout in zip(sizes[:-1], sizes[1:]):
        key, sub = jax.random.split(key)
        params.append((jax.random.normal(sub, (din, dout)) * jnp.sqrt(2 / din), jnp.zeros(dout)))
    return params


def forward(params, x):
    for w, b in params[:-1]:
        x = jax.nn.relu(x @ w + b)
    w, b = params[-1]
    return x @ w + b


def loss_fn(params, x, y):
    return optax.softmax_cross_entropy_with_integer_labels(forward(params, x), y).mean()


key, init_key = jax.random.split(key)
params = init(init_key)
opt = optax.adam(1e-3)
state = opt.init(params)


@jax.jit
def step(params, state, x, y):
    grads = jax.grad(loss_fn)(params, x, y)
    updates, state = opt.update(grads, state)
    return optax.apply_updates(params, updates), state


for epoch in range(10):
    key, sub = jax.random.split(key)
    perm = jax.random.permutation(sub, len(x_tr))
    for i in range(0, len(x_tr), 128):
        idx = perm[i:i + 128]
        params, state = step(params, state, x_tr[idx], y_tr[idx])

acc = (forward(params, x_te).argmax(1) == y_te).mean()
print(f"test accuracy {float(acc):.4f}")
''',
    },
}

S5 = {
    "id": "seed-hydra-temperature-one-sample",
    "style": "llm-eval",
    "description": "Chain-of-thought vs direct answering on GSM8K, configured with Hydra. The config samples at temperature 0.8 with n_samples 1; each item is answered once per condition and the two accuracies are compared as if the difference were the effect of CoT, with no repeats or interval.",
    "files": {
        "conf/eval.yaml": '''
model: gpt-4o-mini-2024-07-18
sampling:
  temperature: 0.8  ⟪ok:SEED-SAMPLING|temperature above 0 with one sample per item⟫
  n_samples: 1
  max_tokens: 512
conditions: [direct, cot]
data: data/gsm8k_test_300.jsonl
''',
        "run_conditions.py": '''
import json
import re

import hydra
from omegaconf import DictConfig
from openai import OpenAI

SUFFIX = {"direct": "Answer with only the final number.",
          "cot": "Think step by step, then give the final number after 'Answer:'."}


def final_number(text):
    nums = re.findall(r"-?\\d[\\d,]*\\.?\\d*", text)
    return nums[-1].replace(",", "") if nums else None


@hydra.main(config_path="conf", config_name="eval", version_base=None)
def main(cfg: DictConfig):
    client = OpenAI()
    items = [json.loads(l) for l in open(hydra.utils.to_absolute_path(cfg.data))]
    acc = {}
    for cond in cfg.conditions:
        hits = 0
        for it in items:
            r = client.chat.completions.create(
                model=cfg.model, n=cfg.sampling.n_samples, temperature=cfg.sampling.temperature,  ⟪SEED-SAMPLING|one sample per item at temperature 0.8; the conditions are compared without repeats|+1⟫
                max_tokens=cfg.sampling.max_tokens,
                messages=[{"role": "user", "content": f"{it['question']}\\n\\n{SUFFIX[cond]}"}])
            hits += final_number(r.choices[0].message.content) == it["answer"]
        acc[cond] = hits / len(items)
    print(acc, "CoT gain:", acc["cot"] - acc["direct"])


if __name__ == "__main__":
    main()
''',
    },
}

CASES = [S1, S1C, S2, S2C, S3, S4, S5]
