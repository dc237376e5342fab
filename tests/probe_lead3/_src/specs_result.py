"""Batch 5 of the lead's third concept probe."""
from twin import twin

SPECS = []

# 1. Keras checkpoint chosen on validation_data=(X_test, y_test), the same test set reported.
F1 = dict(
    id="keras-checkpoint-monitors-test",
    style="torch",
    description="ModelCheckpoint keeps the epoch with the best val_accuracy, where the validation data is the test "
                "set; the best weights are then evaluated on that test set and reported.",
    files={
        "train_keras.py": r'''
import json

import keras
import numpy as np

data = np.load("data/fashion.npz")
X_train, y_train, X_test, y_test = data["X_train"], data["y_train"], data["X_test"], data["y_test"]
model = keras.Sequential([keras.layers.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(256, activation="relu"),
                          keras.layers.Dropout(0.3), keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
ckpt = keras.callbacks.ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True)
model.fit(X_train, y_train, epochs=40, batch_size=128, validation_data=(X_test, y_test), callbacks=[ckpt])
best = keras.models.load_model("best.keras")
loss, acc = best.evaluate(X_test, y_test)
json.dump({"test_accuracy": acc}, open("results/fashion.json", "w"))
''',
    },
    labels=[dict(file="train_keras.py", find="validation_data=(X_test, y_test), callbacks=[ckpt])", category="LEAK-SELECT",
                 why="the checkpoint is chosen by test accuracy, then the test accuracy is reported")],
)
SPECS.append(F1)
SPECS.append(twin(F1, "keras-checkpoint-monitors-test-clean", "The checkpoint monitors a validation split of the training data.",
                  {"train_keras.py": [("validation_data=(X_test, y_test), callbacks=[ckpt])", "validation_split=0.1, callbacks=[ckpt])")]}))

# 2. Shuffled k-fold over time-ordered rows with lag features.
F2 = dict(
    id="ts-shuffled-kfold-time-rows",
    style="sklearn",
    description="Hourly demand rows are sorted by time and given lag features, then cross-validated with "
                "KFold(shuffle=True): every fold trains on hours after the ones it is tested on.",
    files={
        "demand_cv.py": r'''
import json

import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import KFold, cross_val_score

df = pd.read_csv("data/hourly_demand.csv", parse_dates=["timestamp"]).sort_values("timestamp")
for lag in (1, 2, 24, 168):
    df[f"lag_{lag}"] = df["demand"].shift(lag)
df = df.dropna()
X, y = df[[c for c in df.columns if c.startswith("lag_")] + ["temp"]], df["demand"]
cv = KFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(GradientBoostingRegressor(random_state=0), X, y, cv=cv, scoring="neg_mean_absolute_error")
json.dump({"cv_mae": -scores.mean()}, open("results/demand_cv.json", "w"))
''',
    },
    labels=[dict(file="demand_cv.py", find="cv = KFold(n_splits=5, shuffle=True, random_state=0)", category="LEAK-SPLIT",
                 why="time-ordered rows cross-validated with shuffled folds: training on the future")],
    also_ok=[dict(file="demand_cv.py", find="df = df.dropna()", category="DATA-DROP")],
)
SPECS.append(F2)
SPECS.append(twin(F2, "ts-shuffled-kfold-time-rows-clean", "Folds respect time order.",
                  {"demand_cv.py": [("from sklearn.model_selection import KFold, cross_val_score", "from sklearn.model_selection import TimeSeriesSplit, cross_val_score"),
                                    ("cv = KFold(n_splits=5, shuffle=True, random_state=0)", "cv = TimeSeriesSplit(n_splits=5)")]}))

# 3. A README table whose number is in no results file.
F3 = dict(
    id="result-readme-table-absent",
    style="mixed",
    description="The README's results table says 91.2 for the proposed model; the results CSV the evaluation writes "
                "says 0.897.",
    files={
        "README.md": r'''
# Graph contrastive pretraining

| Model | ogbn-arxiv accuracy |
|---|---|
| GCN baseline | 71.7 |
| Ours | 91.2 |

Numbers from `results/summary.csv` (`python evaluate.py`).
''',
        "evaluate.py": r'''
import csv
import json

runs = json.load(open("outputs/runs.json"))
with open("results/summary.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["model", "accuracy"])
    for name, accs in runs.items():
        w.writerow([name, round(sum(accs) / len(accs), 3)])
''',
        "results/summary.csv": "model,accuracy\nGCN baseline,0.717\nOurs,0.897\n",
    },
    labels=[dict(file="README.md", find="| Ours | 91.2 |", category="RESULT-UNSUPPORTED",
                 why="91.2 is in no results file; the named CSV says 0.897")],
)
SPECS.append(F3)
SPECS.append(twin(F3, "result-readme-table-absent-clean", "The README's number is the CSV's.",
                  {"results/summary.csv": [("Ours,0.897", "Ours,0.912")]}))

# 4. Metric arguments swapped through a star import.
F4 = dict(
    id="eval-star-import-auc-swapped",
    style="sklearn",
    description="With `from sklearn.metrics import *`, roc_auc_score is called with the scores first and the "
                "labels second.",
    files={
        "score_detector.py": r'''
import json

import numpy as np
from sklearn.metrics import *

labels = np.load("data/test_labels.npy")
scores = np.load("outputs/anomaly_scores.npy")
auc = roc_auc_score(scores, labels)
ap = average_precision_score(labels, scores)
json.dump({"auroc": auc, "auprc": ap}, open("results/detector_metrics.json", "w"))
''',
    },
    labels=[dict(file="score_detector.py", find="auc = roc_auc_score(scores, labels)", category="EVAL-ARGS",
                 why="the continuous scores are passed as y_true")],
)
SPECS.append(F4)
SPECS.append(twin(F4, "eval-star-import-auc-swapped-clean", "The labels come first.",
                  {"score_detector.py": [("roc_auc_score(scores, labels)", "roc_auc_score(labels, scores)")]}))

# 5. A gold answer reaching the prompt through a chat template's "assistant" prefill.
F5 = dict(
    id="llm-prefill-holds-gold",
    style="llm-eval",
    description="The Anthropic request prefills the assistant turn with 'The answer is (' followed by the item's "
                "gold letter, so the model only has to close the parenthesis.",
    files={
        "prefill_eval.py": r'''
import json

from anthropic import Anthropic

client = Anthropic()
items = [json.loads(l) for l in open("data/gpqa_diamond.jsonl")]
correct = 0
for it in items:
    options = "\n".join(f"({k}) {v}" for k, v in it["options"].items())
    msg = client.messages.create(
        model="claude-3-5-sonnet-latest", max_tokens=5,
        messages=[{"role": "user", "content": f"{it['question']}\n\n{options}"},
                  {"role": "assistant", "content": f"The answer is ({it['correct_letter']}"}],
    )
    full = f"({it['correct_letter']}" + msg.content[0].text
    correct += full.startswith(f"({it['correct_letter']})")
json.dump({"gpqa_acc": correct / len(items)}, open("results/gpqa.json", "w"))
''',
    },
    labels=[dict(file="prefill_eval.py", find='{"role": "assistant", "content": f"The answer is ({it[\'correct_letter\']}"}',
                 category="LEAK-PROMPT", why="the assistant prefill contains the gold letter")],
)
SPECS.append(F5)
SPECS.append(twin(F5, "llm-prefill-holds-gold-clean", "The prefill stops before the letter.",
                  {"prefill_eval.py": [('"content": f"The answer is ({it[\'correct_letter\']}"}', '"content": "The answer is ("}'),
                                       ("full = f\"({it['correct_letter']}\" + msg.content[0].text", 'full = "(" + msg.content[0].text')]}))
