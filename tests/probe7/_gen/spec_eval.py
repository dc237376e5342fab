from make import twin

E1 = {
    "id": "eval-probe-subclass-evaluate-train",
    "style": "mixed",
    "description": "Linear probes for truthfulness on cached residual-stream activations. A base ProbeEvaluator holds the split indices; the MassMeanProbe subclass overrides evaluate() and, copied from its fit(), reads the 'train' part whatever part it is asked for, so the per-layer 'test' accuracies in the sweep are training accuracies.",
    "files": {
        "probes/__init__.py": "",
        "probes/base.py": '''
import numpy as np
from sklearn.metrics import accuracy_score


class ProbeEvaluator:
    def __init__(self, acts: np.ndarray, labels: np.ndarray, split: dict):
        self.acts, self.labels, self.split = acts, labels, split

    def data(self, part: str):
        idx = self.split[part]
        return self.acts[idx], self.labels[idx]

    def fit(self):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def evaluate(self, part: str = "test") -> float:
        X, y = self.data(part)
        return accuracy_score(y, self.predict(X))
''',
        "probes/linear.py": '''
from sklearn.linear_model import LogisticRegression

from .base import ProbeEvaluator


class LogisticProbe(ProbeEvaluator):
    def fit(self):
        X, y = self.data("train")
        self.clf = LogisticRegression(max_iter=2000, C=0.1).fit(X, y)
        return self

    def predict(self, X):
        return self.clf.predict(X)


class MassMeanProbe(ProbeEvaluator):
    def fit(self):
        X, y = self.data("train")
        self.direction = X[y == 1].mean(0) - X[y == 0].mean(0)
        proj = X @ self.direction
        self.threshold = (proj[y == 1].mean() + proj[y == 0].mean()) / 2
        return self

    def predict(self, X):
        return (X @ self.direction > self.threshold).astype(int)

    def evaluate(self, part: str = "test") -> float:
        X, y = self.data("train")  ⟪EVAL-TRAIN|the override ignores part and always scores the training split⟫
        return float((self.predict(X) == y).mean())
''',
        "sweep_layers.py": '''
import json

import numpy as np

from probes.linear import LogisticProbe, MassMeanProbe

labels = np.load("cache/labels.npy")
split = {k: np.array(v) for k, v in json.load(open("cache/split.json")).items()}
rows = []
for layer in range(32):
    acts = np.load(f"cache/resid_L{layer}.npy")
    for cls in (LogisticProbe, MassMeanProbe):
        probe = cls(acts, labels, split).fit()
        rows.append({"layer": layer, "probe": cls.__name__, "test_acc": probe.evaluate("test")})
json.dump(rows, open("results/probe_sweep.json", "w"), indent=1)
''',
    },
}

E2 = {
    "id": "eval-keras-functional-evalsets-dict",
    "style": "mixed",
    "description": "A Keras functional-API CNN on spectrogram patches. After training, a dict of evaluation sets is evaluated in a loop; the 'test' entry was copy-pasted from the 'train' entry and holds the training arrays, so the reported test accuracy is training accuracy.",
    "files": {
        "train_keras.py": '''
import json

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

data = np.load("data/spectro_patches.npz")
x_tr, y_tr = data["x_train"], data["y_train"]
x_va, y_va = data["x_val"], data["y_val"]
x_te, y_te = data["x_test"], data["y_test"]

inputs = keras.Input(shape=x_tr.shape[1:])
x = layers.Conv2D(32, 3, activation="relu")(inputs)
x = layers.MaxPooling2D()(x)
x = layers.Conv2D(64, 3, activation="relu")(x)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.3)(x)
outputs = layers.Dense(int(y_tr.max()) + 1, activation="softmax")(x)
model = keras.Model(inputs, outputs, name="patch_cnn")
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(x_tr, y_tr, validation_data=(x_va, y_va), epochs=30, batch_size=64,
          callbacks=[keras.callbacks.EarlyStopping(patience=4, restore_best_weights=True)])

eval_sets = {
    "train": (x_tr, y_tr),
    "val": (x_va, y_va),
    "test": (x_tr, y_tr),  ⟪EVAL-TRAIN|the 'test' entry holds the training arrays⟫
}
report = {name: model.evaluate(x, y, return_dict=True, verbose=0) for name, (x, y) in eval_sets.items()}
json.dump(report, open("results/patch_cnn_eval.json", "w"), indent=2)
print("test accuracy:", report["test"]["accuracy"])
''',
    },
}

E3 = {
    "id": "eval-torch-modules-no-eval-mode",
    "style": "torch",
    "description": "A fine-tuned ResNet-50 is evaluated on a held-out image set. models.py loads the backbone, evaluation.py runs the loader under torch.no_grad() but never calls model.eval(), so BatchNorm uses batch statistics and dropout is on; main.py reports the number.",
    "files": {
        "src/__init__.py": "",
        "src/models.py": '''
import torch
import torch.nn as nn
import torchvision


def load_classifier(ckpt_path: str, num_classes: int = 37) -> nn.Module:
    model = torchvision.models.resnet50(weights=None)
    model.fc = nn.Sequential(nn.Dropout(0.2), nn.Linear(2048, num_classes))
    model.load_state_dict(torch.load(ckpt_path, map_location="cpu"))
    return model
''',
        "src/evaluation.py": '''
import torch


@torch.no_grad()
def top1(model, loader, device="cuda"):  ⟪ok:EVAL-MODE|the loop that runs the model without eval()|+6⟫
    correct = total = 0
    for images, targets in loader:
        logits = model(images.to(device))
        correct += (logits.argmax(1).cpu() == targets).sum().item()
        total += targets.numel()
    return correct / total
''',
        "main.py": '''
import argparse

from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from src.evaluation import top1
from src.models import load_classifier

p = argparse.ArgumentParser()
p.add_argument("--ckpt", default="checkpoints/pets_r50_best.pt")
args = p.parse_args()

tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                         transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
test = datasets.OxfordIIITPet("data", split="test", transform=tf, download=True)
model = load_classifier(args.ckpt).cuda()  ⟪EVAL-MODE|the loaded model is passed to top1 without model.eval(): BatchNorm and dropout run in training mode (label moved here from src/evaluation.py after the blind run)⟫
print(f"top-1: {top1(model, DataLoader(test, batch_size=32, num_workers=4)):.4f}")
''',
    },
}

E3C = twin(E3, "eval-clean-torch-modules-eval-mode",
           "Twin of the ResNet evaluation: load_classifier returns the model in eval mode, so the no_grad loop measures the deployed network.",
           {"src/models.py": [("    return model", "    return model.eval()")]})

E4 = {
    "id": "eval-metrics-star-pred-gold-swapped",
    "style": "sklearn",
    "description": "A toxicity classifier is scored with precision and recall imported through `from sklearn.metrics import *`. The lists are called pred_list and grd_list and passed predictions first, so precision and recall are swapped in the reported table.",
    "files": {
        "score_tox.py": '''
import csv
from sklearn.metrics import *

pred_list, grd_list = [], []
with open("outputs/tox_preds.csv") as f:
    for row in csv.DictReader(f):
        pred_list.append(int(float(row["prob"]) > 0.5))
        grd_list.append(int(row["toxic"]))

p = precision_score(pred_list, grd_list)  ⟪EVAL-ARGS|predictions passed as y_true: precision and recall are swapped|+1⟫
r = recall_score(pred_list, grd_list)
print(f"precision={p:.3f} recall={r:.3f} f1={f1_score(grd_list, pred_list):.3f}")
print(confusion_matrix(grd_list, pred_list))
''',
    },
}

E5 = {
    "id": "eval-cache-class-key-prompt-only",
    "style": "llm-eval",
    "description": "A sampling sweep over three models and three temperatures goes through a CachedChat class whose on-disk cache is keyed by the sha256 of the prompt only. After the first (model, temperature) cell every other cell is served the first cell's answers, so the sweep shows no effect of model or temperature.",
    "files": {
        "llmcache.py": '''
import hashlib
import json
import shelve

from openai import OpenAI


class CachedChat:
    def __init__(self, path="cache/chat.db"):
        self.db = shelve.open(path)
        self.client = OpenAI()

    def _key(self, messages):
        return hashlib.sha256(json.dumps(messages, sort_keys=True).encode()).hexdigest()  ⟪EVAL-CACHE|the cache key has neither the model nor the temperature that the sweep varies⟫

    def complete(self, messages, model, temperature=0.0, max_tokens=512):
        key = self._key(messages)
        if key not in self.db:
            r = self.client.chat.completions.create(model=model, messages=messages,
                                                    temperature=temperature, max_tokens=max_tokens)
            self.db[key] = r.choices[0].message.content
        return self.db[key]
''',
        "sweep.py": '''
import itertools
import json

from llmcache import CachedChat

chat = CachedChat()
problems = json.load(open("data/logic_puzzles.json"))
results = []
for model, temp in itertools.product(["gpt-4o-mini", "gpt-4o", "gpt-3.5-turbo"], [0.0, 0.7, 1.0]):
    correct = 0
    for p in problems:
        out = chat.complete([{"role": "user", "content": p["question"]}], model=model, temperature=temp)
        correct += p["answer"].lower() in out.lower()
    results.append({"model": model, "temperature": temp, "acc": correct / len(problems)})
json.dump(results, open("results/sweep.json", "w"), indent=1)
''',
    },
}

E5C = twin(E5, "eval-clean-cache-class-key-full",
           "Twin of the cached sweep: the key covers the messages, the model, the temperature and max_tokens.",
           {"llmcache.py": [
               ('''    def _key(self, messages):
        return hashlib.sha256(json.dumps(messages, sort_keys=True).encode()).hexdigest()''',
                '''    def _key(self, messages, model, temperature, max_tokens):
        payload = {"messages": messages, "model": model, "temperature": temperature,
                   "max_tokens": max_tokens}
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()'''),
               ("        key = self._key(messages)", "        key = self._key(messages, model, temperature, max_tokens)")]})

E6 = {
    "id": "eval-scipy-unaligned-runs",
    "style": "mixed",
    "description": "Base vs steered model on 1,000 TruthfulQA-MC items. The steered run crashed and was resumed, so its file holds 846 items. The comparison script takes the two correctness columns as they are, compares their means and runs a t-test, comparing conditions on different item sets.",
    "files": {
        "compare_runs.py": '''
import pandas as pd
from scipy import stats

base = pd.read_json("runs/base_tqa.jsonl", lines=True)
steered = pd.read_json("runs/steered_alpha8_tqa.jsonl", lines=True)

a = base["correct"].astype(float).to_numpy()
b = steered["correct"].astype(float).to_numpy()
t, p = stats.ttest_ind(b, a)  ⟪EVAL-MISMATCH|the two runs cover different items (the steered run is partial) and are compared unpaired without aligning on question id|+1⟫
print(f"base {a.mean():.3f}  steered {b.mean():.3f}  diff {b.mean() - a.mean():+.3f}  p={p:.4f}")
''',
    },
}

E6C = twin(E6, "eval-clean-scipy-paired-aligned",
           "Twin of the run comparison: the runs are inner-joined on question id, the number of shared items is printed, and a paired test runs on the shared items.",
           {"compare_runs.py": [
               ('''a = base["correct"].astype(float).to_numpy()
b = steered["correct"].astype(float).to_numpy()
t, p = stats.ttest_ind(b, a)''',
                '''both = base.merge(steered, on="qid", suffixes=("_base", "_steer"), validate="one_to_one")
print(f"{len(both)} items in both runs (base {len(base)}, steered {len(steered)})")
a = both["correct_base"].astype(float).to_numpy()
b = both["correct_steer"].astype(float).to_numpy()
t, p = stats.ttest_rel(b, a)''')]})

CASES = [E1, E2, E3, E3C, E4, E5, E5C, E6, E6C]
