from twin import twin

SPECS = []

# E1 plain PyTorch: evaluate() in an engine module never calls model.eval()
E1 = dict(
    id="eval-torch-engine-validate-without-eval-mode",
    style="torch",
    description="A src/ package with a custom Dataset, a WeightedRandomSampler and an engine module. `engine.validate` runs the ResNet with BatchNorm and Dropout over the validation loader under no_grad but never switches to eval mode (train() is called at the start of each epoch), so batch statistics and dropout are used in the reported validation accuracy.",
    files={
        "src/skinlesion/__init__.py": "",
        "src/skinlesion/engine.py": r'''
import torch
import torch.nn.functional as F


def train_epoch(model, loader, opt, device):
    model.train()
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()
        opt.step()


@torch.no_grad()
def validate(model, loader, device):
    correct = total = 0
    for x, y in loader:
        logits = model(x.to(device))
        correct += (logits.argmax(1).cpu() == y).sum().item()
        total += y.numel()
    return correct / total
''',
        "src/skinlesion/main.py": r'''
import json

import torch
import torchvision
from torch.utils.data import DataLoader, WeightedRandomSampler

from .data import LesionDataset
from .engine import train_epoch, validate


def main(epochs=25, device="cuda"):
    torch.manual_seed(0)
    train_ds = LesionDataset("data/train.csv", augment=True)
    val_ds = LesionDataset("data/val.csv", augment=False)
    weights = train_ds.sample_weights()
    sampler = WeightedRandomSampler(weights, num_samples=len(weights), replacement=True,
                                    generator=torch.Generator().manual_seed(0))
    train_dl = DataLoader(train_ds, batch_size=64, sampler=sampler, num_workers=4)
    val_dl = DataLoader(val_ds, batch_size=128, num_workers=4)
    model = torchvision.models.resnet50(weights="IMAGENET1K_V2")
    model.fc = torch.nn.Sequential(torch.nn.Dropout(0.3), torch.nn.Linear(2048, 7))
    model.to(device)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    history = []
    for epoch in range(epochs):
        train_epoch(model, train_dl, opt, device)
        history.append({"epoch": epoch, "val_acc": validate(model, val_dl, device)})
    json.dump(history, open("results/history.json", "w"), indent=1)


if __name__ == "__main__":
    main()
''',
        "src/skinlesion/data.py": r'''
import numpy as np
import pandas as pd
import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision import transforms as T

TRAIN_TF = T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), T.ToTensor()])
EVAL_TF = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor()])


class LesionDataset(Dataset):
    def __init__(self, csv, augment):
        self.df = pd.read_csv(csv)
        self.tf = TRAIN_TF if augment else EVAL_TF

    def __len__(self):
        return len(self.df)

    def __getitem__(self, i):
        row = self.df.iloc[i]
        return self.tf(Image.open(row.path).convert("RGB")), int(row.label)

    def sample_weights(self):
        counts = self.df.label.value_counts()
        return torch.tensor(np.asarray(1.0 / counts[self.df.label].values), dtype=torch.double)
''',
    },
    labels=[dict(file="src/skinlesion/engine.py", find="def validate(model, loader, device):", end_find="logits = model(x.to(device))",
                 category="EVAL-MODE", why="the model is left in train mode (BatchNorm batch statistics, dropout active) while the validation accuracy is measured")],
)
SPECS.append(E1)
SPECS.append(twin(E1, "eval-torch-engine-validate-eval-mode-clean",
    "Clean twin: validate switches the model to eval mode first.",
    {"src/skinlesion/engine.py": [("def validate(model, loader, device):\n    correct = total = 0\n",
                                   "def validate(model, loader, device):\n    model.eval()\n    correct = total = 0\n")]}))

# E2 tf.keras AUC metric with arguments swapped
E2 = dict(
    id="eval-tf-auc-update-state-swapped",
    style="mixed",
    description="A TF2 custom loop for a binary fraud model keeps a `tf.keras.metrics.AUC` for validation. `update_state` is called as (probabilities, labels) instead of (y_true, y_pred), so the AUC treats the scores as the labels.",
    files={
        "fraud_tf.py": r'''
import numpy as np
import tensorflow as tf

tf.random.set_seed(7)
d = np.load("data/fraud_splits.npz")
train = tf.data.Dataset.from_tensor_slices((d["X_train"], d["y_train"])).shuffle(50000, seed=7).batch(1024)
val = tf.data.Dataset.from_tensor_slices((d["X_val"], d["y_val"])).batch(4096)

model = tf.keras.Sequential([tf.keras.layers.Dense(128, activation="relu"), tf.keras.layers.Dense(1)])
bce = tf.keras.losses.BinaryCrossentropy(from_logits=True)
opt = tf.keras.optimizers.Adam(3e-4)
val_auc = tf.keras.metrics.AUC(name="val_auc")

for epoch in range(20):
    for xb, yb in train:
        with tf.GradientTape() as tape:
            loss = bce(yb, model(xb, training=True))
        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    val_auc.reset_state()
    for xb, yb in val:
        probs = tf.sigmoid(model(xb, training=False))
        val_auc.update_state(probs, yb)
    print(epoch, float(val_auc.result()))
''',
    },
    labels=[dict(file="fraud_tf.py", find="val_auc.update_state(probs, yb)", category="EVAL-ARGS",
                 why="update_state takes (y_true, y_pred); the probabilities are passed as the labels")],
)
SPECS.append(E2)
SPECS.append(twin(E2, "eval-tf-auc-update-state-ordered-clean",
    "Clean twin: update_state(y_true, y_pred).",
    {"fraud_tf.py": [("val_auc.update_state(probs, yb)", "val_auc.update_state(yb, probs)")]}))

# E3 LightGBM native: precision/recall with arguments swapped via a helper
E3 = dict(
    id="eval-lightgbm-native-precision-recall-swapped",
    style="sklearn",
    description="Anomaly detection with the native LightGBM API and a metrics helper. `report(pred_labels, gold)` calls precision_score and recall_score with the predictions first, so precision and recall are exchanged in the table.",
    files={
        "metrics_util.py": r'''
from sklearn.metrics import f1_score, precision_score, recall_score


def report(pred_labels, gold):
    return {
        "precision": precision_score(pred_labels, gold),
        "recall": recall_score(pred_labels, gold),
        "f1": f1_score(gold, pred_labels),
    }
''',
        "train_lgb.py": r'''
import json

import lightgbm as lgb
import numpy as np

from metrics_util import report

d = np.load("data/telemetry_splits.npz")
dtrain = lgb.Dataset(d["X_train"], label=d["y_train"])
dvalid = lgb.Dataset(d["X_val"], label=d["y_val"], reference=dtrain)
params = {"objective": "binary", "learning_rate": 0.05, "num_leaves": 63, "is_unbalance": True, "seed": 5, "verbose": -1}
booster = lgb.train(params, dtrain, num_boost_round=3000, valid_sets=[dvalid],
                    callbacks=[lgb.early_stopping(100)])
test_pred = (booster.predict(d["X_test"], num_iteration=booster.best_iteration) > 0.5).astype(int)
json.dump({"params": params, "best_iteration": booster.best_iteration, **report(test_pred, d["y_test"])},
          open("results/lgb_test.json", "w"), indent=1)
''',
    },
    labels=[dict(file="metrics_util.py", find='"precision": precision_score(pred_labels, gold),', end_find='"recall": recall_score(pred_labels, gold),',
                 category="EVAL-ARGS", why="predictions passed as y_true: precision and recall are swapped")],
)
SPECS.append(E3)

# E4 GroupKFold loop scoring the training fold
E4 = dict(
    id="eval-groupkfold-loop-scores-training-fold",
    style="sklearn",
    description="Per-site generalisation of a sepsis model with GroupKFold by hospital. Inside the loop the AUC appended to the fold scores is computed on the training indices (copy-pasted from the fit line), not on the held-out hospital.",
    files={
        "site_cv.py": r'''
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

df = pd.read_parquet("data/icu_stays.parquet")
X = df.drop(columns=["sepsis", "hospital_id", "stay_id"]).to_numpy()
y = df["sepsis"].to_numpy()
groups = df["hospital_id"].to_numpy()

aucs = []
for fold, (tr_idx, te_idx) in enumerate(GroupKFold(n_splits=6).split(X, y, groups)):
    clf = HistGradientBoostingClassifier(max_iter=400, learning_rate=0.05, random_state=0)
    clf.fit(X[tr_idx], y[tr_idx])
    aucs.append(roc_auc_score(y[tr_idx], clf.predict_proba(X[tr_idx])[:, 1]))
    print(f"fold {fold}: held-out hospitals {sorted(set(groups[te_idx]))} AUC {aucs[-1]:.3f}")
print(f"leave-site-out AUC {np.mean(aucs):.3f} +- {np.std(aucs):.3f}")
''',
    },
    labels=[dict(file="site_cv.py", find="aucs.append(roc_auc_score(y[tr_idx], clf.predict_proba(X[tr_idx])[:, 1]))", category="EVAL-TRAIN",
                 why="the fold's AUC is computed on the training indices, not the held-out hospitals")],
)
SPECS.append(E4)
SPECS.append(twin(E4, "eval-groupkfold-loop-scores-held-out-fold-clean",
    "Clean twin: the AUC is on the held-out fold.",
    {"site_cv.py": [("aucs.append(roc_auc_score(y[tr_idx], clf.predict_proba(X[tr_idx])[:, 1]))",
                     "aucs.append(roc_auc_score(y[te_idx], clf.predict_proba(X[te_idx])[:, 1]))")]}))

# E5 sqlite response cache keyed by prompt only while models vary
E5 = dict(
    id="eval-sqlite-cache-keyed-prompt-only-models-loop",
    style="llm-eval",
    description="An sqlite-backed response cache keyed by the sha256 of the prompt. The sweep calls three models in turn; after the first model, every prompt is a cache hit and the other models are 'evaluated' on the first model's replies.",
    files={
        "llmcache.py": r'''
import hashlib
import sqlite3

import anthropic

_db = sqlite3.connect("cache/responses.sqlite")
_db.execute("CREATE TABLE IF NOT EXISTS r (k TEXT PRIMARY KEY, v TEXT)")
client = anthropic.Anthropic()


def complete(model: str, prompt: str, max_tokens: int = 512) -> str:
    key = hashlib.sha256(prompt.encode()).hexdigest()
    row = _db.execute("SELECT v FROM r WHERE k = ?", (key,)).fetchone()
    if row:
        return row[0]
    msg = client.messages.create(model=model, max_tokens=max_tokens, temperature=0,
                                 messages=[{"role": "user", "content": prompt}])
    text = msg.content[0].text
    _db.execute("INSERT OR REPLACE INTO r VALUES (?, ?)", (key, text))
    _db.commit()
    return text
''',
        "sweep.py": r'''
import csv
import json

from llmcache import complete

MODELS = ["claude-3-5-haiku-20241022", "claude-3-5-sonnet-20241022", "claude-3-opus-20240229"]
items = [json.loads(l) for l in open("data/arith_word_problems.jsonl")]
with open("results/sweep.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["model", "n", "accuracy"])
    for model in MODELS:
        ok = [complete(model, it["question"] + "\nAnswer with the number only.").strip() == str(it["answer"]) for it in items]
        w.writerow([model, len(ok), sum(ok) / len(ok)])
''',
    },
    labels=[dict(file="llmcache.py", find="key = hashlib.sha256(prompt.encode()).hexdigest()", category="EVAL-CACHE",
                 why="the cache key omits the model, and the sweep varies the model")],
)
SPECS.append(E5)
SPECS.append(twin(E5, "eval-sqlite-cache-keyed-model-and-prompt-clean",
    "Clean twin: the key hashes the model, max_tokens and the prompt.",
    {"llmcache.py": [("key = hashlib.sha256(prompt.encode()).hexdigest()",
                      "key = hashlib.sha256(f\"{model}|{max_tokens}|{prompt}\".encode()).hexdigest()")]}))

# E6 joblib.Memory cache of a function that reads the temperature from a global
E6 = dict(
    id="eval-joblib-memory-temperature-global-not-in-key",
    style="llm-eval",
    description="Calls are memoised with joblib.Memory; the cached function takes only the prompt and reads TEMPERATURE from a module global that the temperature sweep reassigns. joblib hashes the arguments only, so every temperature after the first returns the temperature-0 completions.",
    files={
        "temp_sweep.py": r'''
import json

from joblib import Memory
from openai import OpenAI

memory = Memory("cache/joblib", verbose=0)
client = OpenAI()
MODEL = "gpt-4o-mini"
TEMPERATURE = 0.0


@memory.cache
def generate(prompt):
    r = client.chat.completions.create(model=MODEL, temperature=TEMPERATURE, max_tokens=300,
                                       messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content


stories = [json.loads(l)["prompt"] for l in open("data/story_prompts.jsonl")]
results = {}
for TEMPERATURE in [0.0, 0.5, 1.0, 1.5]:
    outs = [generate(p) for p in stories]
    distinct = len({o.split()[0] if o else "" for o in outs}) / len(outs)
    results[str(TEMPERATURE)] = {"distinct_first_word": distinct}
json.dump(results, open("results/diversity_by_temperature.json", "w"), indent=1)
''',
    },
    labels=[dict(file="temp_sweep.py", find="@memory.cache", end_find="def generate(prompt):", category="EVAL-CACHE",
                 why="joblib.Memory keys on the prompt only; the temperature global varied by the sweep is not part of the key")],
)
SPECS.append(E6)
SPECS.append(twin(E6, "eval-joblib-memory-temperature-argument-clean",
    "Clean twin: the temperature is an argument of the cached function, so it is part of the key.",
    {"temp_sweep.py": [
        ("def generate(prompt):\n    r = client.chat.completions.create(model=MODEL, temperature=TEMPERATURE,",
         "def generate(prompt, temperature, model=MODEL):\n    r = client.chat.completions.create(model=model, temperature=temperature,"),
        ("TEMPERATURE = 0.0\n", ""),
        ("for TEMPERATURE in [0.0, 0.5, 1.0, 1.5]:\n    outs = [generate(p) for p in stories]",
         "for temperature in [0.0, 0.5, 1.0, 1.5]:\n    outs = [generate(p, temperature) for p in stories]"),
        ("results[str(TEMPERATURE)]", "results[str(temperature)]")]}))

# E7 two conditions compared on different item sets (baseline all rows, tuned after dropna)
E7 = dict(
    id="eval-baseline-vs-finetuned-different-items",
    style="mixed",
    description="compare.py reads two prediction CSVs (base model, fine-tuned model). The fine-tuned model's file has empty predictions where generation failed; those rows are dropped for the fine-tuned accuracy only, while the base accuracy is over every row. The two accuracies are put side by side in a LaTeX table.",
    files={
        "compare.py": r'''
import pandas as pd

base = pd.read_csv("outputs/base_preds.csv")          # id, gold, pred
tuned = pd.read_csv("outputs/lora_preds.csv")         # id, gold, pred (pred empty on failure)
tuned = tuned[tuned["pred"].notna()]

rows = []
for name, df in [("base", base), ("LoRA", tuned)]:
    rows.append({"model": name, "n": len(df), "accuracy": (df["pred"] == df["gold"]).mean()})
table = pd.DataFrame(rows)
table.to_csv("results/compare.csv", index=False)
with open("paper/table_compare.tex", "w") as fh:
    fh.write(table.to_latex(index=False, float_format="%.3f"))
''',
    },
    labels=[dict(file="compare.py", find='tuned = tuned[tuned["pred"].notna()]', category="EVAL-MISMATCH",
                 why="the fine-tuned accuracy excludes its failures while the baseline is over every item: different item sets")],
    also_ok=[dict(file="compare.py", find='tuned = tuned[tuned["pred"].notna()]', category="DATA-DROP")],
)
SPECS.append(E7)
SPECS.append(twin(E7, "eval-baseline-vs-finetuned-same-items-clean",
    "Clean twin: failures stay in and count as wrong for both models; n is the same.",
    {"compare.py": [('tuned = tuned[tuned["pred"].notna()]', 'tuned["pred"] = tuned["pred"].fillna("<failed>")\nassert set(base["id"]) == set(tuned["id"])')]}))

# E8 recommender: hit rate measured on the training interactions
E8 = dict(
    id="eval-lightfm-precision-at-k-on-train-interactions",
    style="mixed",
    description="A LightFM hybrid recommender: the dataset is split with random_train_test_split, but the reported precision@10 is computed with the train interactions passed as the evaluation matrix.",
    files={
        "lightfm_run.py": r'''
import json

import numpy as np
from lightfm import LightFM
from lightfm.cross_validation import random_train_test_split
from lightfm.evaluation import precision_at_k

from build import load_interactions

interactions, item_features = load_interactions("data/ratings.csv", "data/items.csv")
train, test = random_train_test_split(interactions, test_percentage=0.2, random_state=np.random.RandomState(9))

model = LightFM(loss="warp", no_components=64, random_state=9)
model.fit(train, item_features=item_features, epochs=30, num_threads=4)
p10 = precision_at_k(model, train, item_features=item_features, k=10).mean()
json.dump({"loss": "warp", "components": 64, "precision@10": float(p10)}, open("results/lightfm.json", "w"))
''',
        "build.py": r'''
import pandas as pd
from lightfm.data import Dataset


def load_interactions(ratings_csv, items_csv):
    r = pd.read_csv(ratings_csv)
    items = pd.read_csv(items_csv)
    ds = Dataset()
    ds.fit(r.user_id.unique(), items.item_id.unique(), item_features=items.genre.unique())
    inter, _ = ds.build_interactions(zip(r.user_id, r.item_id))
    feats = ds.build_item_features((i, [g]) for i, g in zip(items.item_id, items.genre))
    return inter, feats
''',
    },
    labels=[dict(file="lightfm_run.py", find="p10 = precision_at_k(model, train, item_features=item_features, k=10).mean()", category="EVAL-TRAIN",
                 why="precision@10 is computed on the training interactions; the test matrix is never used")],
)
SPECS.append(E8)
