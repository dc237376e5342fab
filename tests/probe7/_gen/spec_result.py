R1 = {
    "id": "result-readme-claim-not-in-results",
    "style": "mixed",
    "description": "A contrastive sentence-embedding project. The README's headline says 74.2% retrieval accuracy; the only results file, written by evaluate.py, says 0.7316 (73.2%). No file in the repo supports the README number.",
    "files": {
        "README.md": '''
# SimCSE-lite: cheap contrastive sentence embeddings

We train a MiniLM encoder with in-batch negatives on 200k NLI pairs.

## Results

On the held-out STS retrieval benchmark our encoder reaches **74.2%** top-1 accuracy,  ⟪RESULT-CLAIM|74.2% appears in no results file; results/retrieval.json says 0.7316⟫
compared with 69.8% for the off-the-shelf MiniLM baseline.

Run `python evaluate.py` to reproduce; numbers are written to `results/retrieval.json`.
''',
        "results/retrieval.json": '''
{
  "model": "checkpoints/minilm-cl-200k",
  "benchmark": "sts-retrieval-heldout",
  "n_queries": 2500,
  "top1_accuracy": 0.7316,
  "baseline_top1_accuracy": 0.6984
}
''',
        "evaluate.py": '''
import json

import numpy as np
from sentence_transformers import SentenceTransformer

queries = json.load(open("data/sts_retrieval_heldout.json"))


def top1(model_name):
    m = SentenceTransformer(model_name)
    q = m.encode([x["query"] for x in queries], normalize_embeddings=True)
    d = m.encode([x["positive"] for x in queries], normalize_embeddings=True)
    return float(np.mean((q @ d.T).argmax(1) == np.arange(len(queries))))


out = {"model": "checkpoints/minilm-cl-200k", "benchmark": "sts-retrieval-heldout",
       "n_queries": len(queries), "top1_accuracy": round(top1("checkpoints/minilm-cl-200k"), 4),
       "baseline_top1_accuracy": round(top1("sentence-transformers/all-MiniLM-L6-v2"), 4)}
json.dump(out, open("results/retrieval.json", "w"), indent=2)
''',
    },
}

R1C = {
    "id": "result-clean-readme-claim-matches",
    "style": "mixed",
    "description": "Twin of the sentence-embedding README: the headline numbers are the ones in results/retrieval.json, rounded.",
    "clean": True,
    "files": dict(R1["files"], **{"README.md": R1["files"]["README.md"].replace("**74.2%**", "**73.2%**").replace("⟪RESULT-CLAIM|74.2% appears in no results file; results/retrieval.json says 0.7316⟫", "").replace("accuracy,  \n", "accuracy,\n")}),
}

TRAIN_V1 = '''
import json

import numpy as np
from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                          TrainingArguments)

MODEL = "microsoft/deberta-v3-base"
tok = AutoTokenizer.from_pretrained(MODEL)
ds = load_dataset("glue", "rte")
ds = ds.map(lambda b: tok(b["sentence1"], b["sentence2"], truncation=True, max_length=128), batched=True)


def accuracy(p):
    return {"accuracy": float((np.argmax(p.predictions, -1) == p.label_ids).mean())}


args = TrainingArguments("outputs", per_device_train_batch_size=16, learning_rate=2e-5,
                         num_train_epochs=3, seed=42, report_to=[])
trainer = Trainer(model=AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2),
                  args=args, train_dataset=ds["train"], eval_dataset=ds["validation"],
                  tokenizer=tok, compute_metrics=accuracy)
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("eval", metrics)
'''

TRAIN_V2 = TRAIN_V1.replace("max_length=128", "max_length=256").replace(
    "num_train_epochs=3, seed=42,", "num_train_epochs=5, seed=42, label_smoothing_factor=0.1,\n                         warmup_ratio=0.06,")

EVAL_JSON = '''{
    "epoch": 3.0,
    "eval_accuracy": 0.8628158844765343,
    "eval_loss": 0.4127,
    "eval_runtime": 3.91,
    "eval_samples": 277
}
'''

R2 = {
    "id": "result-trainer-eval-results-stale",
    "style": "mixed",
    "description": "DeBERTa-v3 on RTE with the HF Trainer; trainer.save_metrics('eval', ...) writes outputs/eval_results.json, which is committed. A later commit changed max_length, epochs, label smoothing and warmup in train.py, but eval_results.json was never regenerated (epoch 3.0 in it), and the README quotes it.",
    "files": {
        "train.py": TRAIN_V2,
        "outputs/eval_results.json": EVAL_JSON,
        "README.md": "# DeBERTa-v3 on RTE\n\nValidation accuracy 86.3% (`outputs/eval_results.json`), trained with `python train.py`.\n",
    },
    "history": [
        {"message": "rte baseline + eval metrics", "date": "2024-04-02T18:20:00",
         "files": {"train.py": TRAIN_V1, "outputs/eval_results.json": EVAL_JSON,
                   "README.md": "# DeBERTa-v3 on RTE\n\nValidation accuracy 86.3% (`outputs/eval_results.json`), trained with `python train.py`.\n"}},
        {"message": "longer context, 5 epochs, label smoothing", "date": "2024-04-09T11:05:00",
         "files": {"train.py": TRAIN_V2}},
    ],
    "null_labels": [("outputs/eval_results.json", "RESULT-STALE",
                     "last committed before train.py changed max_length, epochs and label smoothing")],
}

R2C = {
    "id": "result-clean-trainer-eval-results-rerun",
    "style": "mixed",
    "description": "Twin of the RTE Trainer repo: after train.py changed, the run was repeated and outputs/eval_results.json committed with the new numbers (epoch 5.0).",
    "clean": True,
    "files": {
        "train.py": TRAIN_V2,
        "outputs/eval_results.json": EVAL_JSON.replace('"epoch": 3.0', '"epoch": 5.0').replace("0.8628158844765343", "0.8736462093862816"),
        "README.md": "# DeBERTa-v3 on RTE\n\nValidation accuracy 87.4% (`outputs/eval_results.json`), trained with `python train.py`.\n",
    },
    "history": [
        {"message": "rte baseline + eval metrics", "date": "2024-04-02T18:20:00",
         "files": {"train.py": TRAIN_V1, "outputs/eval_results.json": EVAL_JSON,
                   "README.md": "# DeBERTa-v3 on RTE\n\nValidation accuracy 86.3% (`outputs/eval_results.json`), trained with `python train.py`.\n"}},
        {"message": "longer context, 5 epochs, label smoothing", "date": "2024-04-09T11:05:00",
         "files": {"train.py": TRAIN_V2}},
        {"message": "rerun with new settings", "date": "2024-04-10T09:40:00",
         "files": {"outputs/eval_results.json": EVAL_JSON.replace('"epoch": 3.0', '"epoch": 5.0').replace("0.8628158844765343", "0.8736462093862816"),
                   "README.md": "# DeBERTa-v3 on RTE\n\nValidation accuracy 87.4% (`outputs/eval_results.json`), trained with `python train.py`.\n"}},
    ],
}

R3 = {
    "id": "result-sweep-csv-metric-columns-only",
    "style": "sklearn",
    "description": "A sweep over classifiers and feature sets writes results/sweep.csv with only the metric columns (accuracy, macro_f1), one row per run in loop order; plot_sweep.py labels the bars from a hand-written list. Nothing in the CSV says which model, feature set, seed or n a row belongs to.",
    "files": {
        "sweep.py": '''
import itertools

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.svm import LinearSVC

from feats import FEATURE_SETS, load_split

MODELS = {"logreg": lambda: LogisticRegression(max_iter=3000), "svm": lambda: LinearSVC(C=0.5)}
rows = []
for (mname, make), fs in itertools.product(MODELS.items(), FEATURE_SETS):
    X_tr, X_te, y_tr, y_te = load_split(fs)
    pred = make().fit(X_tr, y_tr).predict(X_te)
    rows.append({"accuracy": accuracy_score(y_te, pred), "macro_f1": f1_score(y_te, pred, average="macro")})
pd.DataFrame(rows).to_csv("results/sweep.csv", index=False)  ⟪RESULT-PROVENANCE|the sweep writes only metric columns: no model, feature set, seed or n per row (label moved here from results/sweep.csv after the blind run)⟫
''',
        "feats.py": '''
import numpy as np

FEATURE_SETS = ["tfidf", "liwc", "tfidf+liwc"]


def load_split(name):
    d = np.load(f"features/{name}.npz")
    return d["X_tr"], d["X_te"], d["y_tr"], d["y_te"]
''',
        "plot_sweep.py": '''
import matplotlib.pyplot as plt
import pandas as pd

df = pd.read_csv("results/sweep.csv")
names = ["LR tfidf", "LR liwc", "LR both", "SVM tfidf", "SVM liwc", "SVM both"]
fig, ax = plt.subplots(figsize=(7, 3))
ax.bar(names, df["macro_f1"])
ax.set_ylabel("macro F1")
fig.tight_layout()
fig.savefig("figures/sweep.pdf")
''',
        "results/sweep.csv": '''
accuracy,macro_f1
0.7841,0.7612
0.7023,0.6718
0.7990,0.7788
0.7797,0.7590
0.6954,0.6602
0.8012,0.7815
''',
    },
    "null_ok": [("results/sweep.csv", "RESULT-PROVENANCE",
                 "the metric-only CSV itself")],
}

R4 = {
    "id": "result-per-language-nan-f1",
    "style": "mixed",
    "description": "Multilingual hate-speech F1 per language. Three languages have no positive items in the test file, so their F1 is NaN (written as NaN in the JSON), and summary.py averages with nanmean, reporting a macro average over 7 of 10 languages as the 10-language figure.",
    "files": {
        "per_language.py": '''
import json

import numpy as np
import pandas as pd

df = pd.read_csv("outputs/xlmr_preds.csv")
out = {}
for lang, g in df.groupby("lang"):
    tp = ((g.pred == 1) & (g.label == 1)).sum()
    prec = tp / max((g.pred == 1).sum(), 1)
    rec = tp / (g.label == 1).sum() if (g.label == 1).sum() else float("nan")
    out[lang] = float(2 * prec * rec / (prec + rec)) if prec + rec else float("nan")
json.dump(out, open("results/f1_by_lang.json", "w"), indent=1)
print("macro F1 (10 languages):", np.nanmean(list(out.values())))
''',
        "results/f1_by_lang.json": '''
{
 "ar": 0.6621,
 "de": 0.7043,
 "en": 0.8112,
 "es": 0.7725,
 "fr": 0.6989,
 "hi": NaN,  ⟪RESULT-SUSPECT|three languages have NaN F1 (no positives), silently skipped by nanmean|+3⟫
 "it": 0.7354,
 "pt": NaN,
 "tr": NaN,
 "zh": 0.6402
}
''',
    },
}

TABLE_SCRIPT_V1 = '''
import pandas as pd

runs = pd.read_json("runs/all_runs.jsonl", lines=True)
table = runs.groupby(["method", "dataset"])["acc"].agg(["mean", "std", "count"]).round(4)
table.to_csv("results/table2.csv")
'''

TABLE_SCRIPT_V2 = '''
import pandas as pd

runs = pd.read_json("runs/all_runs.jsonl", lines=True)
runs = runs[runs["status"] == "finished"]
runs = runs[runs["seed"].isin([0, 1, 2, 3, 4])]
table = (runs.groupby(["method", "dataset"])["acc"]
         .agg(["mean", "sem", "count"])
         .round(4))
table.to_csv("results/table2.csv")
'''

TABLE_CSV = '''method,dataset,mean,std,count
erm,waterbirds,0.7412,0.0213,7
erm,celeba,0.4733,0.0302,7
groupdro,waterbirds,0.8820,0.0111,6
groupdro,celeba,0.8641,0.0164,7
jtt,waterbirds,0.8605,0.0190,5
jtt,celeba,0.8122,0.0251,7
'''

R5 = {
    "id": "result-table-older-than-script",
    "style": "mixed",
    "description": "Worst-group accuracy table for a spurious-correlation paper. make_table.py was changed to keep only finished runs with seeds 0-4 and report SEM instead of std, but results/table2.csv was committed before that change and never regenerated (its columns still say std, counts of 6-7 runs).",
    "files": {
        "make_table.py": TABLE_SCRIPT_V2,
        "results/table2.csv": TABLE_CSV,
        "runs/README.md": "Runs are appended by the sweep launcher; one JSON line per run with method, dataset, seed, status, acc.\n",
    },
    "history": [
        {"message": "table 2", "date": "2024-09-12T16:00:00",
         "files": {"make_table.py": TABLE_SCRIPT_V1, "results/table2.csv": TABLE_CSV,
                   "runs/README.md": "Runs are appended by the sweep launcher; one JSON line per run with method, dataset, seed, status, acc.\n"}},
        {"message": "table: only finished runs, seeds 0-4, sem", "date": "2024-09-20T10:12:00",
         "files": {"make_table.py": TABLE_SCRIPT_V2}},
    ],
    "null_labels": [("results/table2.csv", "RESULT-STALE",
                     "last committed before make_table.py changed which runs are aggregated")],
}

CASES = [R1, R1C, R2, R2C, R3, R4, R5]
