from twin import twin

SPECS = []

# E1 equinox: dropout model evaluated without inference_mode
E1 = dict(
    id="eval-equinox-dropout-no-inference-mode",
    style="mixed",
    description="An equinox MLP with eqx.nn.Dropout trained with optax. The evaluation function vmaps the trained model over the test set with a PRNG key and never switches it to inference (`eqx.nn.inference_mode` / `eqx.tree_inference`), so dropout is active while measuring test accuracy.",
    files={
        "eqxmlp/model.py": r'''
import equinox as eqx
import jax


class MLP(eqx.Module):
    l1: eqx.nn.Linear
    drop: eqx.nn.Dropout
    l2: eqx.nn.Linear

    def __init__(self, d_in, d_hidden, n_cls, key):
        k1, k2 = jax.random.split(key)
        self.l1 = eqx.nn.Linear(d_in, d_hidden, key=k1)
        self.drop = eqx.nn.Dropout(0.3)
        self.l2 = eqx.nn.Linear(d_hidden, n_cls, key=k2)

    def __call__(self, x, *, key=None):
        return self.l2(self.drop(jax.nn.gelu(self.l1(x)), key=key))
''',
        "eqxmlp/train.py": r'''
import equinox as eqx
import jax
import jax.numpy as jnp
import numpy as np
import optax

from eqxmlp.model import MLP

data = np.load("data/tabular.npz")
Xtr, ytr, Xte, yte = map(jnp.asarray, (data["Xtr"], data["ytr"], data["Xte"], data["yte"]))
key = jax.random.PRNGKey(0)
key, mkey = jax.random.split(key)
model = MLP(Xtr.shape[1], 256, 10, mkey)
opt = optax.adamw(1e-3)
state = opt.init(eqx.filter(model, eqx.is_array))


@eqx.filter_value_and_grad
def loss_fn(m, x, y, k):
    logits = jax.vmap(lambda xi, ki: m(xi, key=ki))(x, jax.random.split(k, x.shape[0]))
    return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()


@eqx.filter_jit
def step(m, s, x, y, k):
    loss, g = loss_fn(m, x, y, k)
    upd, s = opt.update(g, s, eqx.filter(m, eqx.is_array))
    return eqx.apply_updates(m, upd), s, loss


def evaluate(m, x, y, k):
    logits = jax.vmap(lambda xi, ki: m(xi, key=ki))(x, jax.random.split(k, x.shape[0]))
    return float((logits.argmax(-1) == y).mean())


for epoch in range(20):
    key, sk = jax.random.split(key)
    perm = jax.random.permutation(sk, Xtr.shape[0])
    for i in range(0, Xtr.shape[0], 256):
        key, k = jax.random.split(key)
        idx = perm[i:i + 256]
        model, state, loss = step(model, state, Xtr[idx], ytr[idx], k)

key, ek = jax.random.split(key)
print("test accuracy", evaluate(model, Xte, yte, ek))
''',
    },
    labels=[dict(file="eqxmlp/train.py", find='print("test accuracy", evaluate(model, Xte, yte, ek))',
                 category="EVAL-MODE", why="the model is evaluated with dropout active: never put in inference mode")],
    also_ok=[dict(file="eqxmlp/train.py", find="def evaluate(m, x, y, k):", end_find="return float(", category="EVAL-MODE")],
)
SPECS.append(E1)
SPECS.append(twin(E1, "eval-equinox-dropout-inference-mode-clean",
    "Clean twin: the model is switched with eqx.nn.inference_mode before evaluation.",
    {"eqxmlp/train.py": [('print("test accuracy", evaluate(model, Xte, yte, ek))',
                          'inference_model = eqx.nn.inference_mode(model)\nprint("test accuracy", evaluate(inference_model, Xte, yte, ek))')]}))

# E2 torchvision dataset + engine module: evaluate() without model.eval()
E2 = dict(
    id="eval-torchvision-engine-evaluate-no-eval-mode",
    style="torch",
    description="A ResNet-18 with dropout in its head trained on torchvision's CIFAR-100 with transforms. The package's engine.evaluate() runs under torch.no_grad but never calls model.eval(), and train.py calls it right after a training epoch, so batch norm uses batch statistics and dropout is on during test.",
    files={
        "cifar/engine.py": r'''
import torch


def train_one_epoch(model, loader, opt, device):
    model.train()
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        loss = torch.nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()


@torch.no_grad()
def evaluate(model, loader, device):
    correct = total = 0
    for x, y in loader:
        out = model(x.to(device))
        correct += (out.argmax(1).cpu() == y).sum().item()
        total += y.numel()
    return correct / total
''',
        "cifar/models.py": r'''
import torch.nn as nn
import torchvision


def resnet18_dropout(n_cls=100, p=0.3):
    m = torchvision.models.resnet18(num_classes=n_cls)
    m.fc = nn.Sequential(nn.Dropout(p), nn.Linear(512, n_cls))
    return m
''',
        "train.py": r'''
import torch
import torchvision
import torchvision.transforms as T

from cifar.engine import evaluate, train_one_epoch
from cifar.models import resnet18_dropout

torch.manual_seed(1)
dev = "cuda"
norm = T.Normalize((0.507, 0.487, 0.441), (0.267, 0.256, 0.276))
train_set = torchvision.datasets.CIFAR100("data", train=True, download=True,
                                          transform=T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor(), norm]))
test_set = torchvision.datasets.CIFAR100("data", train=False, download=True, transform=T.Compose([T.ToTensor(), norm]))
train_loader = torch.utils.data.DataLoader(train_set, batch_size=128, shuffle=True, num_workers=4)
test_loader = torch.utils.data.DataLoader(test_set, batch_size=256, num_workers=4)

model = resnet18_dropout().to(dev)
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
for epoch in range(60):
    train_one_epoch(model, train_loader, opt, dev)
    print(epoch, "test acc", evaluate(model, test_loader, dev))
''',
    },
    labels=[dict(file="cifar/engine.py", find="def evaluate(model, loader, device):", end_find="return correct / total",
                 category="EVAL-MODE", why="evaluate never calls model.eval(); called after train_one_epoch left the model in training mode")],
    also_ok=[dict(file="train.py", find='print(epoch, "test acc", evaluate(model, test_loader, dev))', category="EVAL-MODE")],
)
SPECS.append(E2)

# E3 pytorch-tabnet: copy-paste test entry is the training tuple
E3 = dict(
    id="eval-tabnet-eval-sets-test-is-train",
    style="sklearn",
    description="A TabNet classifier with pytorch-tabnet. Splits are kept in a dict; the 'test' entry was copy-pasted from the 'train' line and still holds (X_tr, y_tr), so the reported test AUC is the training AUC.",
    files={
        "tabnet_run.py": r'''
import json

import numpy as np
import pandas as pd
from pytorch_tabnet.tab_model import TabNetClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/credit.csv")
X, y = df.drop(columns=["default"]).to_numpy(np.float32), df["default"].to_numpy()
X_tmp, X_te, y_tmp, y_te = train_test_split(X, y, test_size=0.2, random_state=0, stratify=y)
X_tr, X_va, y_tr, y_va = train_test_split(X_tmp, y_tmp, test_size=0.2, random_state=0, stratify=y_tmp)

splits = {
    "train": (X_tr, y_tr),
    "valid": (X_va, y_va),
    "test": (X_tr, y_tr),
}

clf = TabNetClassifier(seed=0, n_d=16, n_a=16)
clf.fit(*splits["train"], eval_set=[splits["valid"]], eval_metric=["auc"], max_epochs=200, patience=20)

scores = {}
for name in ["valid", "test"]:
    Xs, ys = splits[name]
    scores[name] = roc_auc_score(ys, clf.predict_proba(Xs)[:, 1])
print(scores)
json.dump(scores, open("results/tabnet_auc.json", "w"))
''',
    },
    labels=[dict(file="tabnet_run.py", find='"test": (X_tr, y_tr),', category="EVAL-TRAIN",
                 why="the test entry holds the training arrays")],
)
SPECS.append(E3)

# E4 statsmodels SARIMAX: MAPE with prediction and truth swapped
E4 = dict(
    id="eval-sarimax-mape-arguments-swapped",
    style="mixed",
    description="Monthly sales forecasting with statsmodels SARIMAX; the backtest reports `mean_absolute_percentage_error(forecast, actual)`. sklearn's signature is (y_true, y_pred), so the percentage errors are divided by the forecast, not the actuals.",
    files={
        "backtest.py": r'''
import pandas as pd
from sklearn.metrics import mean_absolute_percentage_error
from statsmodels.tsa.statespace.sarimax import SARIMAX

sales = pd.read_csv("data/monthly_sales.csv", index_col="month", parse_dates=True)["units"].asfreq("MS")
train, test = sales[:-12], sales[-12:]

fit = SARIMAX(train, order=(1, 1, 1), seasonal_order=(1, 1, 1, 12)).fit(disp=False)
forecast = fit.forecast(steps=12)
mape = mean_absolute_percentage_error(forecast, test)
print(f"12-month MAPE: {mape:.2%}")
pd.DataFrame({"actual": test, "forecast": forecast}).to_csv("results/sarimax_backtest.csv")
''',
    },
    labels=[dict(file="backtest.py", find="mape = mean_absolute_percentage_error(forecast, test)",
                 category="EVAL-ARGS", why="prediction passed as y_true: errors divided by the forecast")],
)
SPECS.append(E4)

# E5 response cache keyed on prompt only while a loop varies the model
E5 = dict(
    id="eval-cached-client-key-prompt-only-models-loop",
    style="llm-eval",
    description="A refusal-rate comparison across three models through a small caching wrapper class. The sqlite cache key is the sha256 of the prompt alone; the loop over models hits the first model's cached replies for the second and third, so all three models get the same refusal rate.",
    files={
        "safety/cached.py": r'''
import hashlib
import sqlite3

from openai import OpenAI


class CachedClient:
    def __init__(self, path="cache/replies.sqlite"):
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS c (k TEXT PRIMARY KEY, v TEXT)")
        self.client = OpenAI()

    def complete(self, model: str, prompt: str, temperature: float = 0.0) -> str:
        key = hashlib.sha256(prompt.encode()).hexdigest()
        row = self.db.execute("SELECT v FROM c WHERE k = ?", (key,)).fetchone()
        if row:
            return row[0]
        r = self.client.chat.completions.create(model=model, temperature=temperature,
                                                messages=[{"role": "user", "content": prompt}])
        text = r.choices[0].message.content
        self.db.execute("INSERT INTO c VALUES (?, ?)", (key, text))
        self.db.commit()
        return text
''',
        "refusal_rates.py": r'''
import json

from safety.cached import CachedClient

MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"]
PHRASES = ("i can't", "i cannot", "i won't", "i'm not able")

cc = CachedClient()
prompts = [json.loads(l)["prompt"] for l in open("data/harmful_prompts.jsonl")]
rates = {}
for m in MODELS:
    replies = [cc.complete(m, p) for p in prompts]
    rates[m] = sum(any(ph in r.lower() for ph in PHRASES) for r in replies) / len(replies)
print(json.dumps(rates, indent=1))
''',
    },
    labels=[dict(file="safety/cached.py", find="key = hashlib.sha256(prompt.encode()).hexdigest()",
                 category="EVAL-CACHE", why="cache key omits the model and temperature while the loop varies the model")],
)
SPECS.append(E5)
SPECS.append(twin(E5, "eval-cached-client-key-includes-model-clean",
    "Clean twin: the cache key hashes model, temperature and prompt.",
    {"safety/cached.py": [("key = hashlib.sha256(prompt.encode()).hexdigest()",
                           'key = hashlib.sha256(f"{model}|{temperature}|{prompt}".encode()).hexdigest()')]}))

# E6 HF datasets .filter in one condition only: conditions on different item sets
E6 = dict(
    id="eval-hf-filter-one-condition-different-items",
    style="llm-eval",
    description="Closed-book vs retrieval-augmented QA. The retrieval condition first `.filter`s the dataset to questions that have a retrieved passage; the closed-book condition runs on all questions. The two accuracies are printed side by side as the effect of retrieval, but they are over different questions (the filtered set is easier).",
    files={
        "compare.py": r'''
from datasets import load_dataset
from openai import OpenAI

client = OpenAI()
ds = load_dataset("json", data_files="data/qa_with_passages.jsonl")["train"]


def ask(q, passage=None):
    content = (f"Passage: {passage}\n\n" if passage else "") + f"Question: {q}\nShort answer:"
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=16,
                                       messages=[{"role": "user", "content": content}])
    return r.choices[0].message.content.strip().lower()


def accuracy(rows, use_passage):
    hits = [ask(r["question"], r["passage"] if use_passage else None) in r["aliases"] for r in rows]
    return sum(hits) / len(hits)


closed = accuracy(ds, use_passage=False)
with_ctx = ds.filter(lambda r: r["passage"] is not None and len(r["passage"]) > 0)
rag = accuracy(with_ctx, use_passage=True)
print(f"closed-book {closed:.3f} | retrieval {rag:.3f} | gain {rag - closed:+.3f}")
''',
    },
    labels=[dict(file="compare.py", find='rag = accuracy(with_ctx, use_passage=True)', category="EVAL-MISMATCH",
                 why="retrieval accuracy is over the filtered subset, closed-book over every question")],
    also_ok=[dict(file="compare.py", find="with_ctx = ds.filter(", category="EVAL-MISMATCH"),
             dict(file="compare.py", find="with_ctx = ds.filter(", category="DATA-DROP"),
             dict(file="compare.py", find='print(f"closed-book', category="EVAL-MISMATCH")],
)
SPECS.append(E6)

# E7 haiku: argmax over the batch axis
E7 = dict(
    id="eval-haiku-argmax-batch-axis",
    style="mixed",
    description="A haiku MLP on MNIST-like data. The jit-compiled accuracy function takes `jnp.argmax(logits, axis=0)`, the argmax over the batch, not the classes. Test batches hold 10 items and there are 10 classes, so the shapes match, nothing fails, and the printed accuracy is meaningless but looks like a number.",
    files={
        "hk_mnist.py": r'''
import haiku as hk
import jax
import jax.numpy as jnp
import numpy as np
import optax


def net_fn(x):
    return hk.nets.MLP([300, 100, 10])(x)


net = hk.without_apply_rng(hk.transform(net_fn))
opt = optax.adam(1e-3)


@jax.jit
def loss(params, x, y):
    logits = net.apply(params, x)
    return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()


@jax.jit
def update(params, state, x, y):
    g = jax.grad(loss)(params, x, y)
    upd, state = opt.update(g, state)
    return optax.apply_updates(params, upd), state


@jax.jit
def accuracy(params, x, y):
    logits = net.apply(params, x)
    return jnp.mean(jnp.argmax(logits, axis=0) == y)


d = np.load("data/mnist.npz")
params = net.init(jax.random.PRNGKey(42), d["x_train"][:1])
state = opt.init(params)
for epoch in range(10):
    for i in range(0, len(d["x_train"]), 10):
        params, state = update(params, state, d["x_train"][i:i + 10], d["y_train"][i:i + 10])
accs = [accuracy(params, d["x_test"][i:i + 10], d["y_test"][i:i + 10]) for i in range(0, len(d["x_test"]), 10)]
print("test accuracy", float(np.mean(accs)))
''',
    },
    labels=[dict(file="hk_mnist.py", find="return jnp.mean(jnp.argmax(logits, axis=0) == y)", category="EVAL-ARGS",
                 why="argmax over the batch axis instead of the class axis")],
)
SPECS.append(E7)
