from twin import twin

SPECS = []

# S1 datasets .shuffle() without a seed picks the eval subset
S1 = dict(
    id="seed-hf-datasets-shuffle-subset-unseeded",
    style="llm-eval",
    description="MMLU-Pro is too large to run in full, so the eval takes `ds.shuffle().select(range(600))`: `Dataset.shuffle` without a seed draws a new subset each run, and the seed is not saved, so the reported accuracy cannot be reproduced or compared between models run on different days.",
    files={
        "mmlu_pro_subset.py": r'''
import json
import re
import sys

import anthropic
from datasets import load_dataset

client = anthropic.Anthropic()
model = sys.argv[1]
ds = load_dataset("TIGER-Lab/MMLU-Pro", split="test")
subset = ds.shuffle().select(range(600))

correct = 0
for ex in subset:
    opts = "\n".join(f"({chr(65 + i)}) {o}" for i, o in enumerate(ex["options"]))
    msg = client.messages.create(model=model, max_tokens=1024, temperature=0,
                                 messages=[{"role": "user", "content": f"{ex['question']}\n{opts}\nEnd with 'The answer is (X)'."}])
    m = re.search(r"answer is \(?([A-J])\)?", msg.content[0].text)
    correct += bool(m) and m.group(1) == ex["answer"]
json.dump({"model": model, "n": len(subset), "accuracy": correct / len(subset)}, open(f"results/mmlu_pro_{model}.json", "w"), indent=2)
''',
    },
    labels=[dict(file="mmlu_pro_subset.py", find="subset = ds.shuffle().select(range(600))", category="SEED-UNSEEDED",
                 why="the evaluated subset comes from an unseeded shuffle")],
)
SPECS.append(S1)
SPECS.append(twin(S1, "seed-hf-datasets-shuffle-subset-seeded-clean",
    "Clean twin: the shuffle is seeded.",
    {"mmlu_pro_subset.py": [("ds.shuffle().select(range(600))", "ds.shuffle(seed=1234).select(range(600))")]}))

# S2 JAX pmap training keyed by the clock
S2 = dict(
    id="seed-jax-pmap-prngkey-from-time",
    style="torch",
    description="Data-parallel training with `jax.pmap` over the local devices: the root PRNG key is `jax.random.PRNGKey(int(time.time()))`, which drives parameter init and per-device dropout, and is saved nowhere, so the reported accuracy comes from an unrecorded seed.",
    files={
        "train_pmap.py": r'''
import json
import time

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import optax


class MLP(nn.Module):
    @nn.compact
    def __call__(self, x, train: bool):
        x = nn.relu(nn.Dense(256)(x))
        x = nn.Dropout(0.3, deterministic=not train)(x)
        return nn.Dense(10)(x)


model = MLP()
tx = optax.adamw(3e-4)
n_dev = jax.local_device_count()
data = np.load("data/digits_split.npz")
key = jax.random.PRNGKey(int(time.time()))
key, init_key = jax.random.split(key)
params = model.init(init_key, jnp.ones((1, 64)), train=False)
opt_state = tx.init(params)
params, opt_state = jax.device_put_replicated(params, jax.local_devices()), jax.device_put_replicated(opt_state, jax.local_devices())


def step(params, opt_state, x, y, rng):
    def loss(p):
        logits = model.apply(p, x, train=True, rngs={"dropout": rng})
        return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()
    grads = jax.lax.pmean(jax.grad(loss)(params), axis_name="dev")
    updates, opt_state = tx.update(grads, opt_state, params)
    return optax.apply_updates(params, updates), opt_state


p_step = jax.pmap(step, axis_name="dev")
x_tr, y_tr = data["x_train"], data["y_train"]
per = len(x_tr) // n_dev
for epoch in range(20):
    key, *dev_keys = jax.random.split(key, n_dev + 1)
    xs = x_tr[: per * n_dev].reshape(n_dev, per, -1)
    ys = y_tr[: per * n_dev].reshape(n_dev, per)
    params, opt_state = p_step(params, opt_state, xs, ys, jnp.stack(dev_keys))

single = jax.tree_util.tree_map(lambda a: a[0], params)
pred = model.apply(single, data["x_test"], train=False).argmax(-1)
json.dump({"devices": n_dev, "epochs": 20, "accuracy": float((pred == data["y_test"]).mean())}, open("results/pmap_mlp.json", "w"), indent=2)
''',
    },
    labels=[dict(file="train_pmap.py", find="key = jax.random.PRNGKey(int(time.time()))", category="SEED-UNSEEDED",
                 why="the root key comes from the clock and is not recorded")],
)
SPECS.append(S2)
SPECS.append(twin(S2, "seed-jax-pmap-prngkey-fixed-and-saved-clean",
    "Clean twin: a fixed seed builds the key and is saved with the result.",
    {"train_pmap.py": [("key = jax.random.PRNGKey(int(time.time()))", "SEED = 17\nkey = jax.random.PRNGKey(SEED)"),
                       ('json.dump({"devices": n_dev,', 'json.dump({"seed": SEED, "devices": n_dev,'),
                       ("import time\n\n", "\n")]}))

# S3 PyMC sampling without random_seed
S3 = dict(
    id="seed-pymc-sample-without-random-seed",
    style="mixed",
    description="A hierarchical Bayesian model of per-model jailbreak success rates in PyMC. `pm.sample(draws=2000, tune=1000, chains=4)` runs without `random_seed`, and the posterior means and 94% HDIs written to results/ differ from run to run in the last reported digit.",
    files={
        "hier_asr.py": r'''
import json

import arviz as az
import numpy as np
import pandas as pd
import pymc as pm

df = pd.read_csv("data/attack_outcomes.csv")          # model, attack, success
models = sorted(df["model"].unique())
idx = df["model"].map({m: i for i, m in enumerate(models)}).to_numpy()

with pm.Model() as hier:
    mu = pm.Normal("mu", 0.0, 1.5)
    sigma = pm.HalfNormal("sigma", 1.0)
    z = pm.Normal("z", 0.0, 1.0, shape=len(models))
    theta = pm.Deterministic("theta", pm.math.invlogit(mu + sigma * z))
    pm.Bernoulli("obs", p=theta[idx], observed=df["success"].to_numpy())
    idata = pm.sample(draws=2000, tune=1000, chains=4, target_accept=0.95)

summary = az.summary(idata, var_names=["theta"], hdi_prob=0.94)
out = {m: {"mean": round(float(summary.iloc[i]["mean"]), 3), "hdi": [float(summary.iloc[i]["hdi_3%"]), float(summary.iloc[i]["hdi_97%"])]}
       for i, m in enumerate(models)}
json.dump({"n": len(df), "asr": out}, open("results/asr_posterior.json", "w"), indent=2)
''',
        "data/attack_outcomes.csv": "model,attack,success\nllama-3-8b,gcg,1\nllama-3-8b,pair,0\nmistral-7b,gcg,1\nmistral-7b,pair,1\n",
    },
    labels=[dict(file="hier_asr.py", find="idata = pm.sample(draws=2000, tune=1000, chains=4, target_accept=0.95)", category="SEED-UNSEEDED",
                 why="MCMC sampling without random_seed; the reported posterior summaries are not reproducible")],
)
SPECS.append(S3)
SPECS.append(twin(S3, "seed-pymc-sample-with-random-seed-clean",
    "Clean twin: the sampler is seeded.",
    {"hier_asr.py": [("chains=4, target_accept=0.95)", "chains=4, target_accept=0.95, random_seed=20250301)")]}))

# S4 ONNX Runtime evaluation rebuilds the label order from a set
S4 = dict(
    id="seed-onnx-eval-label-order-from-set",
    style="sklearn",
    description="train.py trains a text classifier and exports it to ONNX with classes in sorted order. evaluate_onnx.py, run in a new process, rebuilds the index-to-label list as `list(set(df['label']))`; string hashing is randomised per process, so the mapping of output indices to labels changes between runs and the accuracy with it.",
    files={
        "train.py": r'''
import pandas as pd
import torch
import torch.nn as nn

df = pd.read_csv("data/train.csv")
labels = sorted(set(df["label"]))
label2id = {l: i for i, l in enumerate(labels)}
torch.manual_seed(0)
x = torch.tensor(df.drop(columns=["label"]).to_numpy(), dtype=torch.float32)
y = torch.tensor(df["label"].map(label2id).to_numpy())
model = nn.Sequential(nn.Linear(x.shape[1], 64), nn.ReLU(), nn.Linear(64, len(labels)))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for _ in range(200):
    opt.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward()
    opt.step()
model.eval()
torch.onnx.export(model, x[:1], "models/clf.onnx", input_names=["features"], output_names=["logits"], dynamic_axes={"features": {0: "batch"}})
''',
        "evaluate_onnx.py": r'''
import json

import numpy as np
import onnxruntime as ort
import pandas as pd

test = pd.read_csv("data/test.csv")
classes = list(set(test["label"]))
session = ort.InferenceSession("models/clf.onnx", providers=["CPUExecutionProvider"])
feats = test.drop(columns=["label"]).to_numpy().astype(np.float32)
logits = session.run(["logits"], {"features": feats})[0]
pred = [classes[i] for i in logits.argmax(axis=1)]
acc = float(np.mean([p == t for p, t in zip(pred, test["label"])]))
json.dump({"n": len(test), "accuracy": acc}, open("results/onnx_eval.json", "w"), indent=2)
''',
        "data/train.csv": "f1,f2,label\n0.1,0.2,cat\n0.9,0.8,dog\n0.5,0.1,bird\n",
        "data/test.csv": "f1,f2,label\n0.2,0.2,cat\n0.8,0.9,dog\n0.4,0.1,bird\n",
    },
    labels=[dict(file="evaluate_onnx.py", find='classes = list(set(test["label"]))', category="SEED-ORDER",
                 why="the output-index-to-label list comes from a set, whose order changes per process")],
)
SPECS.append(S4)
SPECS.append(twin(S4, "seed-onnx-eval-label-order-sorted-clean",
    "Clean twin: the evaluation sorts the labels as train.py did.",
    {"evaluate_onnx.py": [('classes = list(set(test["label"]))', 'classes = sorted(set(test["label"]))')]}))

# S5 ollama at temperature 0.8, one sample per item
S5 = dict(
    id="seed-ollama-temperature-single-sample",
    style="llm-eval",
    description="A situational-awareness eval ('which of these describes your current situation?') run through ollama with `options={'temperature': 0.8}` and one sample per question; the accuracy per model is reported to three decimals with no repeat and no variance estimate.",
    files={
        "sad_ollama.py": r'''
import json
import sys

import ollama

model = sys.argv[1]
items = [json.loads(l) for l in open("data/sad_stages.jsonl")]
hits = 0
for it in items:
    resp = ollama.chat(
        model=model,
        messages=[{"role": "user", "content": it["prompt"] + "\nAnswer with the option letter only."}],
        options={"temperature": 0.8, "num_predict": 4},
    )
    hits += resp["message"]["content"].strip()[:1].upper() == it["answer"]
json.dump({"model": model, "n": len(items), "accuracy": round(hits / len(items), 3)}, open(f"results/sad_{model.replace(':', '_')}.json", "w"), indent=2)
''',
    },
    labels=[dict(file="sad_ollama.py", find='options={"temperature": 0.8, "num_predict": 4},', category="SEED-SAMPLING",
                 why="one sample per item at temperature 0.8; the accuracy's run-to-run variance is unaccounted")],
)
SPECS.append(S5)
SPECS.append(twin(S5, "seed-ollama-temperature-zero-clean",
    "Clean twin: greedy decoding.",
    {"sad_ollama.py": [('options={"temperature": 0.8, "num_predict": 4}', 'options={"temperature": 0, "num_predict": 4}')]}))

# S6 DeepSpeed: the split is drawn before the seed is set
S6 = dict(
    id="seed-deepspeed-split-before-set-seed",
    style="torch",
    description="A DeepSpeed fine-tuning script: the train/validation split is `random_split(full, [0.9, 0.1])` on torch's global generator, and `set_seed(args.seed)` is called only afterwards, before the model is built; the split differs between runs although the run is 'seeded'.",
    files={
        "finetune_ds.py": r'''
import argparse
import json

import deepspeed
import torch
from torch.utils.data import DataLoader, random_split
from transformers import AutoModelForSequenceClassification, set_seed

from data import ReviewDataset

parser = argparse.ArgumentParser()
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--local_rank", type=int, default=-1)
parser = deepspeed.add_config_arguments(parser)
args = parser.parse_args()

full = ReviewDataset("data/reviews.parquet")
train_ds, val_ds = random_split(full, [0.9, 0.1])
set_seed(args.seed)

model = AutoModelForSequenceClassification.from_pretrained("roberta-large", num_labels=2)
engine, _, train_loader, _ = deepspeed.initialize(args=args, model=model, model_parameters=model.parameters(), training_data=train_ds)
for epoch in range(3):
    for batch in train_loader:
        loss = engine(**{k: v.to(engine.device) for k, v in batch.items()}).loss
        engine.backward(loss)
        engine.step()

engine.eval()
hits = 0
with torch.no_grad():
    for batch in DataLoader(val_ds, batch_size=64):
        logits = engine(**{k: v.to(engine.device) for k, v in batch.items() if k != "labels"}).logits
        hits += (logits.argmax(-1).cpu() == batch["labels"]).sum().item()
json.dump({"seed": args.seed, "n_val": len(val_ds), "val_accuracy": hits / len(val_ds)}, open(f"results/val_seed{args.seed}.json", "w"), indent=2)
''',
        "data.py": r'''
import pandas as pd
import torch
from torch.utils.data import Dataset
from transformers import AutoTokenizer


class ReviewDataset(Dataset):
    def __init__(self, path):
        self.df = pd.read_parquet(path)
        self.tok = AutoTokenizer.from_pretrained("roberta-large")

    def __len__(self):
        return len(self.df)

    def __getitem__(self, i):
        row = self.df.iloc[i]
        enc = self.tok(row["text"], truncation=True, max_length=256, padding="max_length", return_tensors="pt")
        return {"input_ids": enc["input_ids"][0], "attention_mask": enc["attention_mask"][0], "labels": torch.tensor(row["label"])}
''',
        "ds_config.json": '''
{
  "train_micro_batch_size_per_gpu": 8,
  "gradient_accumulation_steps": 4,
  "optimizer": {"type": "AdamW", "params": {"lr": 1e-5, "weight_decay": 0.01}},
  "fp16": {"enabled": true},
  "zero_optimization": {"stage": 2}
}
''',
    },
    labels=[dict(file="finetune_ds.py", find="train_ds, val_ds = random_split(full, [0.9, 0.1])", end_find="set_seed(args.seed)", category="SEED-UNSEEDED",
                 why="the split is drawn before the seed is set")],
)
SPECS.append(S6)
SPECS.append(twin(S6, "seed-deepspeed-set-seed-before-split-clean",
    "Clean twin: the seed is set before the split.",
    {"finetune_ds.py": [("train_ds, val_ds = random_split(full, [0.9, 0.1])\nset_seed(args.seed)\n",
                         "set_seed(args.seed)\ntrain_ds, val_ds = random_split(full, [0.9, 0.1])\n")]}))

# S7 sktime: os.scandir order decides which recordings are train and test
S7 = dict(
    id="seed-sktime-scandir-order-defines-split",
    style="sklearn",
    description="Human-activity recognition with sktime's RocketClassifier: one CSV per recording is listed with `os.scandir` (arbitrary, file-system dependent order) and the first 80% of that list are training recordings, so which recordings are tested depends on the machine.",
    files={
        "har_rocket.py": r'''
import json
import os

import numpy as np
import pandas as pd
from sktime.classification.kernel_based import RocketClassifier

paths = [e.path for e in os.scandir("data/recordings") if e.name.endswith(".csv")]
cut = int(0.8 * len(paths))


def load(ps):
    X = np.stack([pd.read_csv(p)[["ax", "ay", "az"]].to_numpy().T for p in ps])
    y = np.array([os.path.basename(p).split("_")[0] for p in ps])
    return X, y


X_train, y_train = load(paths[:cut])
X_test, y_test = load(paths[cut:])
clf = RocketClassifier(num_kernels=10000, random_state=0).fit(X_train, y_train)
json.dump({"n_train": len(y_train), "n_test": len(y_test), "accuracy": float(clf.score(X_test, y_test))},
          open("results/har_rocket.json", "w"), indent=2)
''',
        "data/recordings/walk_001.csv": "ax,ay,az\n0.1,0.9,0.2\n0.2,0.8,0.1\n",
        "data/recordings/run_001.csv": "ax,ay,az\n0.5,1.9,0.4\n0.7,1.6,0.3\n",
    },
    labels=[dict(file="har_rocket.py", find='paths = [e.path for e in os.scandir("data/recordings") if e.name.endswith(".csv")]', category="SEED-ORDER",
                 why="the directory order from os.scandir decides the train/test split")],
)
SPECS.append(S7)
SPECS.append(twin(S7, "seed-sktime-sorted-scandir-split-clean",
    "Clean twin: the listing is sorted before the cut.",
    {"har_rocket.py": [('paths = [e.path for e in os.scandir("data/recordings") if e.name.endswith(".csv")]',
                        'paths = sorted(e.path for e in os.scandir("data/recordings") if e.name.endswith(".csv"))')]}))
