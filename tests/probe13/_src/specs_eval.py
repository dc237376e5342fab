from twin import twin

SPECS = []

# E1 flax: the jit'd eval step runs the model with train=True (dropout on, batch stats updated)
E1 = dict(
    id="eval-flax-jit-eval-step-train-true",
    style="mixed",
    description="A flax.linen CNN with Dropout and BatchNorm trained with optax. The jit-compiled eval_step applies the model with train=True (and a dropout rng, mutable batch_stats), so test accuracy is measured with dropout active and batch statistics of each test batch, exactly as in training mode.",
    files={
        "cnn/model.py": r'''
import flax.linen as nn


class CNN(nn.Module):
    num_classes: int = 10

    @nn.compact
    def __call__(self, x, train: bool):
        x = nn.Conv(32, (3, 3))(x)
        x = nn.BatchNorm(use_running_average=not train)(x)
        x = nn.relu(x)
        x = nn.avg_pool(x, (2, 2), strides=(2, 2))
        x = x.reshape((x.shape[0], -1))
        x = nn.Dense(256)(x)
        x = nn.Dropout(0.5, deterministic=not train)(x)
        return nn.Dense(self.num_classes)(nn.relu(x))
''',
        "cnn/steps.py": r'''
import jax
import jax.numpy as jnp
import optax


@jax.jit
def train_step(state, batch, rng):
    def loss_fn(params):
        logits, updates = state.apply_fn(
            {"params": params, "batch_stats": state.batch_stats}, batch["image"], train=True,
            rngs={"dropout": rng}, mutable=["batch_stats"],
        )
        loss = optax.softmax_cross_entropy_with_integer_labels(logits, batch["label"]).mean()
        return loss, updates

    (loss, updates), grads = jax.value_and_grad(loss_fn, has_aux=True)(state.params)
    state = state.apply_gradients(grads=grads, batch_stats=updates["batch_stats"])
    return state, loss


@jax.jit
def eval_step(state, batch, rng):
    logits, _ = state.apply_fn(
        {"params": state.params, "batch_stats": state.batch_stats}, batch["image"], train=True,
        rngs={"dropout": rng}, mutable=["batch_stats"],
    )
    return jnp.mean(jnp.argmax(logits, -1) == batch["label"])
''',
        "cnn/train.py": r'''
import jax
import numpy as np

from cnn.steps import eval_step, train_step
from cnn.state import create_state
from cnn.data import batches

rng = jax.random.PRNGKey(0)
state = create_state(rng)
for epoch in range(20):
    for batch in batches("train", 128, seed=epoch):
        rng, step_rng = jax.random.split(rng)
        state, loss = train_step(state, batch, step_rng)
accs = []
for batch in batches("test", 512, seed=None):
    rng, step_rng = jax.random.split(rng)
    accs.append(float(eval_step(state, batch, step_rng)))
print("test accuracy", np.mean(accs))
''',
        "cnn/__init__.py": "",
    },
    labels=[dict(file="cnn/steps.py", find='{"params": state.params, "batch_stats": state.batch_stats}, batch["image"], train=True,',
                 category="EVAL-MODE", why="the evaluation step runs the network in training mode: dropout active, batch statistics from the test batch")],
)
SPECS.append(E1)
SPECS.append(twin(E1, "eval-flax-jit-eval-step-train-false-clean",
    "Clean twin: eval_step applies the model with train=False and no dropout rng.",
    {"cnn/steps.py": [('''    logits, _ = state.apply_fn(
        {"params": state.params, "batch_stats": state.batch_stats}, batch["image"], train=True,
        rngs={"dropout": rng}, mutable=["batch_stats"],
    )''', '''    logits = state.apply_fn(
        {"params": state.params, "batch_stats": state.batch_stats}, batch["image"], train=False,
    )''')]}))

# E2 Lightning DataModule: test_dataloader returns the training set
SPECS.append(dict(
    id="eval-lightning-test-dataloader-returns-train",
    style="torch",
    description="A LightningDataModule for leaf-disease images, run with LightningCLI (`fit` then `test`). test_dataloader was copied from train_dataloader and still wraps self.train_ds (without shuffling), so `trainer.test` reports accuracy on the training images.",
    files={
        "leafnet/datamodule.py": r'''
import lightning as L
from torch.utils.data import DataLoader
from torchvision import transforms
from torchvision.datasets import ImageFolder

TF_TRAIN = transforms.Compose([transforms.RandomResizedCrop(224), transforms.ToTensor()])
TF_EVAL = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor()])


class LeafDataModule(L.LightningDataModule):
    def __init__(self, root: str = "data/leaves", batch_size: int = 32, num_workers: int = 4):
        super().__init__()
        self.root, self.batch_size, self.num_workers = root, batch_size, num_workers

    def setup(self, stage=None):
        self.train_ds = ImageFolder(f"{self.root}/train", TF_TRAIN)
        self.val_ds = ImageFolder(f"{self.root}/val", TF_EVAL)
        self.test_ds = ImageFolder(f"{self.root}/test", TF_EVAL)

    def train_dataloader(self):
        return DataLoader(self.train_ds, batch_size=self.batch_size, shuffle=True, num_workers=self.num_workers)

    def val_dataloader(self):
        return DataLoader(self.val_ds, batch_size=self.batch_size, num_workers=self.num_workers)

    def test_dataloader(self):
        return DataLoader(self.train_ds, batch_size=self.batch_size, num_workers=self.num_workers)
''',
        "leafnet/main.py": r'''
from lightning.pytorch.cli import LightningCLI

from leafnet.datamodule import LeafDataModule
from leafnet.module import LeafClassifier

if __name__ == "__main__":
    LightningCLI(LeafClassifier, LeafDataModule, seed_everything_default=1234)
''',
        "leafnet/module.py": r'''
import lightning as L
import timm
import torch
import torch.nn.functional as F


class LeafClassifier(L.LightningModule):
    def __init__(self, arch: str = "resnet50", num_classes: int = 12, lr: float = 3e-4):
        super().__init__()
        self.save_hyperparameters()
        self.net = timm.create_model(arch, pretrained=True, num_classes=num_classes)

    def training_step(self, batch, _):
        x, y = batch
        loss = F.cross_entropy(self.net(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, _):
        x, y = batch
        self.log("val_acc", (self.net(x).argmax(1) == y).float().mean())

    def test_step(self, batch, _):
        x, y = batch
        self.log("test_acc", (self.net(x).argmax(1) == y).float().mean())

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)
''',
        "run.sh": "#!/bin/bash\nset -e\npython -m leafnet.main fit --trainer.max_epochs 15\npython -m leafnet.main test --ckpt_path best\n",
        "leafnet/__init__.py": "",
    },
    labels=[dict(file="leafnet/datamodule.py", find="return DataLoader(self.train_ds, batch_size=self.batch_size, num_workers=self.num_workers)",
                 category="EVAL-TRAIN", why="test_dataloader serves the training images, so trainer.test reports training accuracy")],
))

# E3 cross_val_predict then r2_score(pred, y) (arguments swapped)
SPECS.append(dict(
    id="eval-cross-val-predict-r2-args-swapped",
    style="sklearn",
    description="Solubility regression with a Pipeline inside a ColumnTransformer-based feature step; out-of-fold predictions come from cross_val_predict with GroupKFold over molecular scaffolds. The reported R^2 is computed as r2_score(oof, y): R^2 is not symmetric, and with the arguments swapped it measures how well the true values explain the predictions.",
    files={
        "sol/evaluate.py": r'''
import json

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/solubility_descriptors.csv")
desc = [c for c in df.columns if c.startswith("d_")]
fp = [c for c in df.columns if c.startswith("fp_")]
pre = ColumnTransformer([("desc", StandardScaler(), desc), ("fp", "passthrough", fp)])
model = Pipeline([("pre", pre), ("rf", RandomForestRegressor(n_estimators=500, random_state=0, n_jobs=-1))])

y = df["logS"].to_numpy()
oof = cross_val_predict(model, df[desc + fp], y, cv=GroupKFold(n_splits=5), groups=df["scaffold"])
summary = {"r2": r2_score(oof, y), "mae": mean_absolute_error(y, oof), "n": len(y), "cv": "GroupKFold(5) by scaffold"}
json.dump(summary, open("results/rf_scaffold_cv.json", "w"), indent=2)
print(summary)
''',
    },
    labels=[dict(file="sol/evaluate.py", find='summary = {"r2": r2_score(oof, y),', category="EVAL-ARGS",
                 why="r2_score takes (y_true, y_pred); the predictions are passed as the truth")],
))

# E4 diskcache response cache keyed by the prompt only while a sweep varies model and temperature
E4 = dict(
    id="eval-diskcache-key-prompt-only-model-sweep",
    style="llm-eval",
    description="A calibration study asks several models, at two temperatures, for a probability that a statement is true. Responses are cached in a diskcache.Cache keyed by sha256 of the prompt alone; the sweep in run.py loops models and temperatures, so after the first configuration every later one is served the first model's cached answers and all configurations report the same calibration.",
    files={
        "calib/llm.py": r'''
import hashlib

import diskcache
from openai import OpenAI

client = OpenAI()
cache = diskcache.Cache(".cache/llm")


def ask(prompt: str, model: str, temperature: float) -> str:
    key = hashlib.sha256(prompt.encode()).hexdigest()
    if key in cache:
        return cache[key]
    r = client.chat.completions.create(
        model=model, temperature=temperature, messages=[{"role": "user", "content": prompt}], max_tokens=20
    )
    text = r.choices[0].message.content
    cache[key] = text
    return text
''',
        "calib/run.py": r'''
import json
import re

import numpy as np

from calib.llm import ask

MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"]
TEMPS = [0.0, 1.0]
items = [json.loads(l) for l in open("data/statements.jsonl")]


def brier(model, temp):
    errs = []
    for it in items:
        reply = ask(f"Give the probability (0-1) that this is true: {it['text']}\nProbability:", model, temp)
        m = re.search(r"[01](?:\.\d+)?", reply)
        p = float(m.group()) if m else 0.5
        errs.append((p - it["label"]) ** 2)
    return float(np.mean(errs))


rows = [{"model": m, "temperature": t, "brier": brier(m, t), "n": len(items)} for m in MODELS for t in TEMPS]
json.dump(rows, open("results/brier.json", "w"), indent=1)
''',
        "calib/__init__.py": "",
    },
    labels=[dict(file="calib/llm.py", find="key = hashlib.sha256(prompt.encode()).hexdigest()", category="EVAL-CACHE",
                 why="the cache key omits the model and temperature that the sweep varies")],
    also_ok=[dict(file="calib/run.py", find="p = float(m.group()) if m else 0.5", category="DATA-DEFAULT", why="an unparsed reply becomes p=0.5")],
)
SPECS.append(E4)
SPECS.append(twin(E4, "eval-diskcache-key-includes-model-temperature-clean",
    "Clean twin: the cache key hashes the model, the temperature and the prompt; unparsed replies are counted.",
    {"calib/llm.py": [("key = hashlib.sha256(prompt.encode()).hexdigest()", 'key = hashlib.sha256(f"{model}|{temperature}|{prompt}".encode()).hexdigest()')],
     "calib/run.py": [("    errs = []\n", "    errs, unparsed = [], 0\n"),
                      ("        p = float(m.group()) if m else 0.5\n", "        if not m:\n            unparsed += 1\n            continue\n        p = float(m.group())\n"),
                      ("    return float(np.mean(errs))", "    return float(np.mean(errs)), unparsed"),
                      ('rows = [{"model": m, "temperature": t, "brier": brier(m, t), "n": len(items)} for m in MODELS for t in TEMPS]',
                       'rows = []\nfor m in MODELS:\n    for t in TEMPS:\n        b, unparsed = brier(m, t)\n        rows.append({"model": m, "temperature": t, "brier": b, "unparsed": unparsed, "n": len(items)})')]}))

# E5 HF Trainer compute_metrics: argmax over the batch axis
E5 = dict(
    id="eval-hf-compute-metrics-argmax-axis0",
    style="torch",
    description="Intent classification (banking77) with the HF Trainer. compute_metrics takes np.argmax(logits, axis=0), the index of the example with the highest logit per class, instead of the class per example; the resulting vector has n_classes entries and sklearn's accuracy on the truncated comparison is meaningless. (With 77 intents and eval batches of 77+ rows it does not even fail.)",
    files={
        "intent/metrics.py": r'''
import numpy as np
from sklearn.metrics import accuracy_score, f1_score


def compute_metrics(eval_pred):
    logits, labels = eval_pred
    preds = np.argmax(logits, axis=0)
    labels = labels[: len(preds)]
    return {"accuracy": accuracy_score(labels, preds), "macro_f1": f1_score(labels, preds, average="macro")}
''',
        "intent/train.py": r'''
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

from intent.metrics import compute_metrics

ckpt = "bert-base-uncased"
tok = AutoTokenizer.from_pretrained(ckpt)
ds = load_dataset("PolyAI/banking77")
ds = ds.map(lambda b: tok(b["text"], truncation=True, padding="max_length", max_length=64), batched=True)
split = ds["train"].train_test_split(test_size=0.1, seed=42)
trainer = Trainer(
    model=AutoModelForSequenceClassification.from_pretrained(ckpt, num_labels=77),
    args=TrainingArguments("out/banking77", num_train_epochs=4, eval_strategy="epoch", seed=42, report_to="wandb"),
    train_dataset=split["train"],
    eval_dataset=split["test"],
    compute_metrics=compute_metrics,
)
trainer.train()
print(trainer.evaluate(ds["test"]))
''',
        "intent/__init__.py": "",
    },
    labels=[dict(file="intent/metrics.py", find="preds = np.argmax(logits, axis=0)", category="EVAL-ARGS",
                 why="argmax over the example axis instead of the class axis")],
)
SPECS.append(E5)
SPECS.append(twin(E5, "eval-hf-compute-metrics-argmax-last-axis-clean",
    "Clean twin: argmax over the last (class) axis, labels not truncated.",
    {"intent/metrics.py": [("preds = np.argmax(logits, axis=0)\n    labels = labels[: len(preds)]", "preds = np.argmax(logits, axis=-1)")]}))

# E6 Makefile driver: baseline and CoT conditions run on different n
SPECS.append(dict(
    id="eval-makefile-conditions-different-limit",
    style="llm-eval",
    description="A Makefile drives a prompting comparison: `make baseline` runs eval.py with --limit 200, `make cot` with --limit 500 (the CoT run was extended later). compare.py reads both result files and prints the accuracy difference as the effect of chain-of-thought, but the conditions were scored on different item sets (the first 200 vs the first 500 items of a file sorted by difficulty).",
    files={
        "Makefile": "MODEL ?= gpt-4o-mini\n\nbaseline:\n\tpython eval.py --model $(MODEL) --prompt direct --limit 200 --out results/direct.json\n\ncot:\n\tpython eval.py --model $(MODEL) --prompt cot --limit 500 --out results/cot.json\n\ncompare: baseline cot\n\tpython compare.py results/direct.json results/cot.json\n",
        "eval.py": r'''
import argparse
import json

from openai import OpenAI

PROMPTS = {
    "direct": "Answer with the letter only.\n\n{q}",
    "cot": "Think step by step, then give the letter on the last line as 'Answer: X'.\n\n{q}",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--prompt", choices=list(PROMPTS), required=True)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    client = OpenAI()
    items = [json.loads(l) for l in open("data/arc_challenge_by_difficulty.jsonl")][: args.limit]
    correct = 0
    for it in items:
        r = client.chat.completions.create(model=args.model, temperature=0,
                                           messages=[{"role": "user", "content": PROMPTS[args.prompt].format(q=it["question"])}])
        correct += r.choices[0].message.content.strip()[-1:] == it["answer"]
    json.dump({"model": args.model, "prompt": args.prompt, "n": len(items), "accuracy": correct / len(items)}, open(args.out, "w"))


if __name__ == "__main__":
    main()
''',
        "compare.py": r'''
import json
import sys

a, b = (json.load(open(p)) for p in sys.argv[1:3])
print(f"{b['prompt']} - {a['prompt']}: {b['accuracy'] - a['accuracy']:+.3f}")
''',
    },
    labels=[dict(file="Makefile", find="--prompt cot --limit 500", category="EVAL-MISMATCH",
                 why="the CoT condition is scored on 500 items, the baseline on 200, and the difference is reported as the CoT effect")],
))

# E7 torch: a model from a factory in another module evaluated without .eval()
SPECS.append(dict(
    id="eval-torch-factory-model-no-eval-package",
    style="torch",
    description="src/segm/ layout: models.build_model() returns a UNet with dropout and BatchNorm, weights loaded from the checkpoint; evaluate.py runs it over the test loader under torch.no_grad() but never calls model.eval(), so batch statistics of each test batch and active dropout shape the reported Dice.",
    files={
        "src/segm/__init__.py": "",
        "src/segm/models.py": r'''
import torch
from torch import nn


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(), nn.Dropout2d(0.2))


class UNet(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.enc1, self.enc2 = block(1, ch), block(ch, 2 * ch)
        self.dec = block(3 * ch, ch)
        self.out = nn.Conv2d(ch, 1, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(nn.functional.max_pool2d(e1, 2))
        up = nn.functional.interpolate(e2, scale_factor=2)
        return self.out(self.dec(torch.cat([e1, up], 1)))


def build_model(ckpt=None):
    model = UNet()
    if ckpt:
        model.load_state_dict(torch.load(ckpt, map_location="cpu"))
    return model
''',
        "src/segm/evaluate.py": r'''
import json
import sys

import torch

from segm.data import test_loader
from segm.models import build_model


def dice(pred, target, eps=1e-6):
    inter = (pred * target).sum()
    return (2 * inter + eps) / (pred.sum() + target.sum() + eps)


def main(ckpt):
    model = build_model(ckpt)
    scores = []
    with torch.no_grad():
        for img, mask in test_loader(batch_size=8):
            pred = (torch.sigmoid(model(img)) > 0.5).float()
            scores.append(dice(pred, mask).item())
    json.dump({"ckpt": ckpt, "n_batches": len(scores), "dice": sum(scores) / len(scores)}, open("results/dice.json", "w"))


if __name__ == "__main__":
    main(sys.argv[1])
''',
    },
    labels=[dict(file="src/segm/evaluate.py", find="pred = (torch.sigmoid(model(img)) > 0.5).float()",
                 category="EVAL-MODE", why="the UNet (BatchNorm, Dropout) from build_model is evaluated in training mode; nothing calls model.eval()")],
    also_ok=[dict(file="src/segm/evaluate.py", find="model = build_model(ckpt)", category="EVAL-MODE", why="where .eval() belongs")],
))
