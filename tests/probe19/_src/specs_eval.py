from twin import twin

SPECS = []

# E1 Cohere + shelve cache keyed by the prompt only, two models compared
E1 = dict(
    id="eval-cohere-shelve-cache-key-without-model",
    style="llm-eval",
    description="Compares two Cohere models (ClientV2 `chat`) on a QA set through a disk cache (`shelve`) that saves money on reruns. The cache key is the SHA-256 of the prompt alone, so the second model's run reads the first model's cached answers and the two models score (almost) the same.",
    files={
        "bench/cache.py": r'''
import hashlib
import shelve


def cached_chat(client, model, prompt, temperature=0.0):
    key = hashlib.sha256(prompt.encode("utf-8")).hexdigest()
    with shelve.open(".cache/responses") as db:
        if key in db:
            return db[key]
        res = client.chat(model=model, messages=[{"role": "user", "content": prompt}], temperature=temperature)
        text = res.message.content[0].text
        db[key] = text
        return text
''',
        "bench/compare.py": r'''
import json

import cohere

from bench.cache import cached_chat

co = cohere.ClientV2()
MODELS = ["command-r-08-2024", "command-r-plus-08-2024"]
items = [json.loads(l) for l in open("data/triviaqa_dev.jsonl")]

for model in MODELS:
    hits = 0
    for it in items:
        reply = cached_chat(co, model, f"Answer in a few words.\nQ: {it['question']}\nA:")
        hits += any(a.lower() in reply.lower() for a in it["aliases"])
    print(f"{model}: {hits / len(items):.3f}")
''',
    },
    labels=[dict(file="bench/cache.py", find='key = hashlib.sha256(prompt.encode("utf-8")).hexdigest()', category="EVAL-CACHE",
                 why="the response cache is keyed by the prompt only; the second model reads the first model's answers")],
)
SPECS.append(E1)
SPECS.append(twin(E1, "eval-cohere-shelve-cache-key-with-model-clean",
    "Clean twin: the cache key hashes the model name, the temperature and the prompt.",
    {"bench/cache.py": [('key = hashlib.sha256(prompt.encode("utf-8")).hexdigest()',
                         'key = hashlib.sha256(f"{model}|{temperature}|{prompt}".encode("utf-8")).hexdigest()')]}))

# E2 Lightning DataModule: the "test" set is the CIFAR-10 training set
E2 = dict(
    id="eval-lightning-datamodule-test-is-train",
    style="torch",
    description="A ResNet on CIFAR-10 with a PyTorch Lightning DataModule and `trainer.test`. In `setup`, the test set is built with `train=True` (copied from the line above), so `trainer.test` reports accuracy on the 50,000 training images, 45,000 of which the model was trained on.",
    files={
        "cifar/datamodule.py": r'''
import lightning as L
import torch
from torch.utils.data import DataLoader, random_split
from torchvision import datasets, transforms

MEAN, STD = (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)


class CIFAR10DataModule(L.LightningDataModule):
    def __init__(self, root="data", batch_size=256):
        super().__init__()
        self.root = root
        self.batch_size = batch_size
        self.tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize(MEAN, STD)])

    def prepare_data(self):
        datasets.CIFAR10(self.root, train=True, download=True)
        datasets.CIFAR10(self.root, train=False, download=True)

    def setup(self, stage=None):
        full = datasets.CIFAR10(self.root, train=True, transform=self.tf)
        self.train_set, self.val_set = random_split(full, [45000, 5000], generator=torch.Generator().manual_seed(0))
        self.test_set = datasets.CIFAR10(self.root, train=True, transform=self.tf)

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True, num_workers=4)

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=self.batch_size, num_workers=4)

    def test_dataloader(self):
        return DataLoader(self.test_set, batch_size=self.batch_size, num_workers=4)
''',
        "cifar/train.py": r'''
import lightning as L
import torch
import torch.nn.functional as F
import torchvision

from cifar.datamodule import CIFAR10DataModule


class LitResNet(L.LightningModule):
    def __init__(self, lr=0.05):
        super().__init__()
        self.save_hyperparameters()
        self.net = torchvision.models.resnet18(num_classes=10)

    def forward(self, x):
        return self.net(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        self.log("val_acc", (self(x).argmax(1) == y).float().mean())

    def test_step(self, batch, batch_idx):
        x, y = batch
        self.log("test_acc", (self(x).argmax(1) == y).float().mean())

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=self.hparams.lr, momentum=0.9, weight_decay=5e-4)


if __name__ == "__main__":
    L.seed_everything(0)
    dm = CIFAR10DataModule()
    model = LitResNet()
    trainer = L.Trainer(max_epochs=30, accelerator="auto")
    trainer.fit(model, datamodule=dm)
    trainer.test(model, datamodule=dm)
''',
    },
    labels=[dict(file="cifar/datamodule.py", find="self.test_set = datasets.CIFAR10(self.root, train=True", category="EVAL-TRAIN",
                 why="the test set is the training split of CIFAR-10")],
)
SPECS.append(E2)
SPECS.append(twin(E2, "eval-lightning-datamodule-test-split-clean",
    "Clean twin: the test set is CIFAR-10's test split (train=False).",
    {"cifar/datamodule.py": [("self.test_set = datasets.CIFAR10(self.root, train=True", "self.test_set = datasets.CIFAR10(self.root, train=False")]}))

# E3 click CLI over Keras 3: the evaluate command defaults to the training split
E3 = dict(
    id="eval-click-keras-evaluate-default-train-split",
    style="mixed",
    description="A click CLI around a Keras 3 image classifier: `train` fits and saves the model, `evaluate` loads it and writes `results/test_metrics.json`. The `--split` option of `evaluate` defaults to 'train', and the README's run instructions call `python cli.py evaluate` without it, so the 'test' metrics are training-set metrics.",
    files={
        "cli.py": r'''
import json
import os

import click
import keras

IMG = (160, 160)


def load_split(split):
    return keras.utils.image_dataset_from_directory(
        os.path.join("data/leaves", split), image_size=IMG, batch_size=64, shuffle=(split == "train"), seed=7
    )


@click.group()
def cli():
    pass


@cli.command()
@click.option("--epochs", default=15)
def train(epochs):
    keras.utils.set_random_seed(7)
    base = keras.applications.EfficientNetB0(include_top=False, input_shape=IMG + (3,), pooling="avg")
    base.trainable = False
    model = keras.Sequential([base, keras.layers.Dropout(0.2), keras.layers.Dense(12, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(load_split("train"), validation_data=load_split("val"), epochs=epochs)
    model.save("models/leaves.keras")


@cli.command()
@click.option("--split", default="train", type=click.Choice(["train", "val", "test"]))
def evaluate(split):
    model = keras.saving.load_model("models/leaves.keras")
    loss, acc = model.evaluate(load_split(split), verbose=0)
    os.makedirs("results", exist_ok=True)
    with open("results/test_metrics.json", "w") as fh:
        json.dump({"loss": loss, "accuracy": acc}, fh, indent=2)
    print(f"test accuracy {acc:.4f}")


if __name__ == "__main__":
    cli()
''',
        "README.md": r'''
# Leaf disease classifier

    python cli.py train
    python cli.py evaluate

`evaluate` writes `results/test_metrics.json`.
''',
    },
    labels=[dict(file="cli.py", find='@click.option("--split", default="train"', category="EVAL-TRAIN",
                 why="the evaluate command reports 'test' metrics on the training split by default")],
    also_ok=[dict(file="cli.py", find='json.dump({"loss": loss, "accuracy": acc}, fh, indent=2)', category="RESULT-PROVENANCE")],
)
SPECS.append(E3)

# E4 flax: the eval step runs the model with dropout active
E4 = dict(
    id="eval-flax-eval-step-dropout-active",
    style="mixed",
    description="A flax.linen MLP trained with optax on tabular features. The jitted `eval_step` calls `model.apply(..., train=True, rngs={'dropout': key})`, so dropout is active when the test accuracy is measured and the number is lower and noisy (it changes with the key).",
    files={
        "jaxmlp/model.py": r'''
import flax.linen as nn


class MLP(nn.Module):
    hidden: int = 256
    n_classes: int = 7

    @nn.compact
    def __call__(self, x, train: bool):
        x = nn.relu(nn.Dense(self.hidden)(x))
        x = nn.Dropout(0.3, deterministic=not train)(x)
        x = nn.relu(nn.Dense(self.hidden)(x))
        x = nn.Dropout(0.3, deterministic=not train)(x)
        return nn.Dense(self.n_classes)(x)
''',
        "jaxmlp/train.py": r'''
import jax
import jax.numpy as jnp
import numpy as np
import optax

from jaxmlp.model import MLP

model = MLP()


@jax.jit
def train_step(params, opt_state, x, y, key):
    def loss_fn(p):
        logits = model.apply({"params": p}, x, train=True, rngs={"dropout": key})
        return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()

    loss, grads = jax.value_and_grad(loss_fn)(params)
    updates, opt_state = tx.update(grads, opt_state, params)
    return optax.apply_updates(params, updates), opt_state, loss


@jax.jit
def eval_step(params, x, y, key):
    logits = model.apply({"params": params}, x, train=True, rngs={"dropout": key})
    return jnp.mean(jnp.argmax(logits, axis=-1) == y)


data = np.load("data/covertype_splits.npz")
x_tr, y_tr, x_te, y_te = data["x_train"], data["y_train"], data["x_test"], data["y_test"]
key = jax.random.PRNGKey(0)
key, init_key = jax.random.split(key)
params = model.init(init_key, x_tr[:1], train=False)["params"]
tx = optax.adam(1e-3)
opt_state = tx.init(params)
for epoch in range(20):
    for i in range(0, len(x_tr), 512):
        key, sub = jax.random.split(key)
        params, opt_state, loss = train_step(params, opt_state, x_tr[i:i + 512], y_tr[i:i + 512], sub)
key, sub = jax.random.split(key)
print(f"test accuracy {float(eval_step(params, x_te, y_te, sub)):.4f}")
''',
    },
    labels=[dict(file="jaxmlp/train.py", find='    logits = model.apply({"params": params}, x, train=True, rngs={"dropout": key})', category="EVAL-MODE",
                 why="the test accuracy is measured with dropout active (train=True)")],
)
SPECS.append(E4)
SPECS.append(twin(E4, "eval-flax-eval-step-deterministic-clean",
    "Clean twin: the eval step applies the model with train=False and no dropout key.",
    {"jaxmlp/train.py": [("def eval_step(params, x, y, key):\n    logits = model.apply({\"params\": params}, x, train=True, rngs={\"dropout\": key})",
                          "def eval_step(params, x, y):\n    logits = model.apply({\"params\": params}, x, train=False)"),
                         ('key, sub = jax.random.split(key)\nprint(f"test accuracy {float(eval_step(params, x_te, y_te, sub)):.4f}")',
                          'print(f"test accuracy {float(eval_step(params, x_te, y_te)):.4f}")')]}))

# E5 CatBoost: ROC-AUC of hard class predictions
E5 = dict(
    id="eval-catboost-auc-on-hard-labels",
    style="sklearn",
    description="A CatBoost churn model with categorical features; the test ROC-AUC is computed from `model.predict(test_pool)`, i.e. hard 0/1 labels at the 0.5 threshold, not scores, so the reported 'AUC' is the balanced accuracy of one threshold and understates the ranking quality.",
    files={
        "churn/train_catboost.py": r'''
import pandas as pd
from catboost import CatBoostClassifier, Pool
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/telco_churn.csv")
CATS = ["contract", "payment_method", "internet_service", "gender"]
X, y = df.drop(columns=["customer_id", "churn"]), df["churn"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
X_tr, X_va, y_tr, y_va = train_test_split(X_tr, y_tr, test_size=0.2, stratify=y_tr, random_state=42)

model = CatBoostClassifier(iterations=2000, learning_rate=0.05, depth=6, random_seed=42, verbose=0)
model.fit(Pool(X_tr, y_tr, cat_features=CATS), eval_set=Pool(X_va, y_va, cat_features=CATS), early_stopping_rounds=100)

test_pool = Pool(X_te, cat_features=CATS)
pred = model.predict(test_pool)
print(f"test ROC-AUC {roc_auc_score(y_te, pred):.4f}")
''',
    },
    labels=[dict(file="churn/train_catboost.py", find="roc_auc_score(y_te, pred)", category="EVAL-ARGS",
                 why="ROC-AUC is computed from hard class labels instead of scores")],
)
SPECS.append(E5)

# E6 mistralai: direct and chain-of-thought runs on different 300-item subsets
E6 = dict(
    id="eval-mistral-cot-vs-direct-different-items",
    style="llm-eval",
    description="Compares direct answering with chain-of-thought on GSM8K using the mistralai SDK. The direct run takes the first 300 test problems, the CoT run a seeded shuffle's first 300, and `compare.py` reports the gain as if both conditions saw the same items.",
    files={
        "gsm/common.py": r'''
import re

from mistralai import Mistral

client = Mistral()
NUM = re.compile(r"-?\d[\d,]*\.?\d*")


def ask(prompt):
    res = client.chat.complete(model="mistral-small-latest", messages=[{"role": "user", "content": prompt}], temperature=0.0)
    return res.choices[0].message.content


def last_number(text):
    nums = NUM.findall(text or "")
    return nums[-1].replace(",", "").rstrip(".") if nums else None


def gold(answer):
    return answer.split("####")[-1].strip().replace(",", "")
''',
        "gsm/run_direct.py": r'''
import json

from datasets import load_dataset

from gsm.common import ask, gold, last_number

ds = load_dataset("openai/gsm8k", "main", split="test").select(range(300))
acc = sum(last_number(ask(f"{ex['question']}\nAnswer with a number only.")) == gold(ex["answer"]) for ex in ds) / len(ds)
json.dump({"condition": "direct", "n": len(ds), "accuracy": acc}, open("results/direct.json", "w"))
''',
        "gsm/run_cot.py": r'''
import json

from datasets import load_dataset

from gsm.common import ask, gold, last_number

ds = load_dataset("openai/gsm8k", "main", split="test").shuffle(seed=0).select(range(300))
acc = sum(last_number(ask(f"{ex['question']}\nLet's think step by step, then give the final number.")) == gold(ex["answer"]) for ex in ds) / len(ds)
json.dump({"condition": "cot", "n": len(ds), "accuracy": acc}, open("results/cot.json", "w"))
''',
        "gsm/compare.py": r'''
import json

direct = json.load(open("results/direct.json"))
cot = json.load(open("results/cot.json"))
print(f"CoT gain: {cot['accuracy'] - direct['accuracy']:+.3f} (n={cot['n']})")
''',
    },
    labels=[dict(file="gsm/run_cot.py", find='.shuffle(seed=0).select(range(300))', category="EVAL-MISMATCH",
                 why="the CoT condition is run on different items from the direct condition")],
)
SPECS.append(E6)
