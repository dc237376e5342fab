from twin import twin

SPECS = []

# R1 LaTeX table in the paper with a number no results file holds
SPECS.append(dict(
    id="result-latex-table-number-not-in-results",
    style="mixed",
    description="make_table.py writes paper/tables/main.tex from results/*.json, but the authors later hand-edited the generated table: the 'Ours' row says 78.9 on HellaSwag while results/ours.json has 0.762 (76.2). No results file supports 78.9.",
    files={
        "make_table.py": r'''
import json
from pathlib import Path

ROWS = [("Baseline", "results/baseline.json"), ("Ours", "results/ours.json")]
TASKS = ["arc_challenge", "hellaswag", "winogrande"]

lines = [r"\begin{tabular}{lccc}", r"\toprule", "Method & ARC-C & HellaSwag & WinoGrande \\\\", r"\midrule"]
for name, path in ROWS:
    res = json.loads(Path(path).read_text())
    cells = " & ".join(f"{100 * res['scores'][t]:.1f}" for t in TASKS)
    lines.append(f"{name} & {cells} \\\\")
lines += [r"\bottomrule", r"\end{tabular}"]
Path("paper/tables/main.tex").write_text("\n".join(lines) + "\n")
''',
        "results/baseline.json": '{"model": "pythia-1.4b", "seed": 0, "n": {"arc_challenge": 1172, "hellaswag": 10042, "winogrande": 1267},\n "scores": {"arc_challenge": 0.283, "hellaswag": 0.521, "winogrande": 0.574}}\n',
        "results/ours.json": '{"model": "pythia-1.4b+ours", "seed": 0, "n": {"arc_challenge": 1172, "hellaswag": 10042, "winogrande": 1267},\n "scores": {"arc_challenge": 0.301, "hellaswag": 0.762, "winogrande": 0.588}}\n',
        "paper/tables/main.tex": "\\begin{tabular}{lccc}\n\\toprule\nMethod & ARC-C & HellaSwag & WinoGrande \\\\\n\\midrule\nBaseline & 28.3 & 52.1 & 57.4 \\\\\nOurs & 30.1 & 78.9 & 58.8 \\\\\n\\bottomrule\n\\end{tabular}\n",
    },
    labels=[dict(file="paper/tables/main.tex", find="Ours & 30.1 & 78.9 & 58.8", category="RESULT-CLAIM",
                 why="78.9 on HellaSwag is in no results file (ours.json has 0.762)")],
))

# R2 README claim absent from the results CSV
R2 = dict(
    id="result-readme-f1-not-in-summary-csv",
    style="sklearn",
    description="The README claims a macro-F1 of 0.874 for the gradient-boosting model; results/summary.csv, written by evaluate.py, has 0.847 for that model (digits transposed when copying). No result supports 0.874.",
    files={
        "evaluate.py": r'''
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

train, test = pd.read_csv("data/train.csv"), pd.read_csv("data/test.csv")
feats = [c for c in train.columns if c != "label"]
rows = []
for name, model in [("logreg", LogisticRegression(max_iter=3000)), ("hgb", HistGradientBoostingClassifier(random_state=0))]:
    model.fit(train[feats], train["label"])
    rows.append({"model": name, "seed": 0, "n_test": len(test), "macro_f1": round(f1_score(test["label"], model.predict(test[feats]), average="macro"), 3)})
pd.DataFrame(rows).to_csv("results/summary.csv", index=False)
''',
        "results/summary.csv": "model,seed,n_test,macro_f1\nlogreg,0,2311,0.802\nhgb,0,2311,0.847\n",
        "README.md": "# Land-cover classification from tabular spectral features\n\nGradient boosting reaches a macro-F1 of 0.874 on the held-out tiles, against 0.802 for logistic regression.\n\nRun `python evaluate.py`.\n",
    },
    labels=[dict(file="README.md", find="macro-F1 of 0.874", category="RESULT-CLAIM", why="0.874 is in no results file (summary.csv says 0.847)")],
)
SPECS.append(R2)
SPECS.append(twin(R2, "result-readme-f1-matches-summary-csv-clean",
    "Clean twin: the README quotes the numbers in summary.csv.",
    {"README.md": [("0.874", "0.847")]}))

# R3 argparse script writes a CSV of metric columns only, sweeping models from the command line
R3 = dict(
    id="result-csv-metrics-only-argparse-models",
    style="llm-eval",
    description="score_summaries.py is run once per model (a bash loop passes --model) and appends a row to results/rouge.csv with only rouge1/rouge2/rougeL: the row does not say which model, prompt, n or seed produced it, so the table the paper is built from cannot be attributed.",
    files={
        "score_summaries.py": r'''
import argparse
import csv
import json
import os

from rouge_score import rouge_scorer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--preds", required=True)
    ap.add_argument("--out", default="results/rouge.csv")
    args = ap.parse_args()
    rows = [json.loads(l) for l in open(args.preds)]
    sc = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    agg = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    for r in rows:
        s = sc.score(r["reference"], r["summary"])
        for k in agg:
            agg[k] += s[k].fmeasure / len(rows)
    new = not os.path.exists(args.out)
    with open(args.out, "a", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["rouge1", "rouge2", "rougeL"])
        if new:
            w.writeheader()
        w.writerow(agg)


if __name__ == "__main__":
    main()
''',
        "run_all.sh": "#!/bin/bash\nfor m in llama-3.1-8b mistral-7b qwen2.5-7b; do\n  python score_summaries.py --model $m --preds outputs/$m.jsonl\ndone\n",
    },
    labels=[dict(file="score_summaries.py", find="w = csv.DictWriter(", end_find="w.writerow(agg)", category="RESULT-PROVENANCE",
                 why="each row holds only ROUGE scores: no model, no n, though the script is run once per model")],
)
SPECS.append(R3)
SPECS.append(twin(R3, "result-csv-rows-name-model-and-n-clean",
    "Clean twin: each row records the model, the predictions file and n next to the scores.",
    {"score_summaries.py": [('fieldnames=["rouge1", "rouge2", "rougeL"]', 'fieldnames=["model", "preds", "n", "rouge1", "rouge2", "rougeL"]'),
                            ("w.writerow(agg)", 'w.writerow({"model": args.model, "preds": args.preds, "n": len(rows), **agg})')]}))

# R4 results summary with a condition at exactly 0.0, plotted by a seaborn script
SPECS.append(dict(
    id="result-summary-condition-exactly-zero-plotted",
    style="llm-eval",
    description="results/jailbreak_asr.json holds the attack success rate per defence; the 'paraphrase' defence is exactly 0.0 on 400 prompts (every reply of that run was an API error that the judge scored as not harmful). plot_asr.py turns it into the headline bar chart without anyone looking at it.",
    files={
        "plot_asr.py": r'''
import json

import matplotlib.pyplot as plt
import seaborn as sns

res = json.load(open("results/jailbreak_asr.json"))
defs = list(res["asr"])
sns.set_theme(style="whitegrid")
ax = sns.barplot(x=defs, y=[res["asr"][d] for d in defs], color="tab:red")
ax.set_ylabel("attack success rate")
ax.set_title(f"{res['attack']} on {res['model']} (n={res['n']})")
plt.tight_layout()
plt.savefig("figures/asr.pdf")
''',
        "results/jailbreak_asr.json": '{\n  "model": "llama-3-8b-instruct",\n  "attack": "PAIR",\n  "n": 400,\n  "asr": {\n    "none": 0.4125,\n    "perplexity_filter": 0.3675,\n    "paraphrase": 0.0,\n    "smoothllm": 0.1425\n  }\n}\n',
    },
    labels=[dict(file="results/jailbreak_asr.json", find='"paraphrase": 0.0,', category="RESULT-SUSPECT",
                 why="an attack success rate of exactly 0.0 over 400 prompts")],
))

# R5 HF trainer.save_metrics output older than the code change that produced it
SPECS.append(dict(
    id="result-hf-save-metrics-stale-after-tokenizer-change",
    style="torch",
    description="finetune.py saves eval metrics with trainer.save_metrics('eval', ...) to outputs/eval_results.json, which is committed. A later commit changed the preprocessing (max_length 128 -> 512 and a different label mapping) but the committed eval_results.json, quoted in the README, was not regenerated.",
    history=[
        {"message": "finetune roberta on claims", "date": "2025-03-02T10:00:00",
         "files": {"finetune.py": r'''
import numpy as np
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

CKPT = "roberta-base"
LABELS = ["false", "true"]
tok = AutoTokenizer.from_pretrained(CKPT)
ds = load_dataset("json", data_files={"train": "data/train.jsonl", "validation": "data/dev.jsonl"})
ds = ds.map(lambda b: {**tok(b["claim"], truncation=True, max_length=128), "label": [LABELS.index(x) for x in b["verdict"]]}, batched=True)


def compute_metrics(p):
    return {"accuracy": float((np.argmax(p.predictions, -1) == p.label_ids).mean())}


trainer = Trainer(model=AutoModelForSequenceClassification.from_pretrained(CKPT, num_labels=len(LABELS)),
                  args=TrainingArguments("outputs", num_train_epochs=3, seed=0, eval_strategy="epoch", save_strategy="no"),
                  train_dataset=ds["train"], eval_dataset=ds["validation"], compute_metrics=compute_metrics)
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("eval", metrics)
''',
                   "outputs/eval_results.json": '{\n    "epoch": 3.0,\n    "eval_accuracy": 0.8312,\n    "eval_loss": 0.4121,\n    "eval_samples": 1500\n}\n',
                   "README.md": "# Claim verification\n\nroberta-base: 83.1% dev accuracy (outputs/eval_results.json).\n"}},
    ],
    files={
        "finetune.py": r'''
import numpy as np
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

CKPT = "roberta-base"
LABELS = ["false", "mixed", "true"]
tok = AutoTokenizer.from_pretrained(CKPT)
ds = load_dataset("json", data_files={"train": "data/train.jsonl", "validation": "data/dev.jsonl"})
ds = ds.map(lambda b: {**tok(b["claim"], b["evidence"], truncation=True, max_length=512), "label": [LABELS.index(x) for x in b["verdict"]]}, batched=True)


def compute_metrics(p):
    return {"accuracy": float((np.argmax(p.predictions, -1) == p.label_ids).mean())}


trainer = Trainer(model=AutoModelForSequenceClassification.from_pretrained(CKPT, num_labels=len(LABELS)),
                  args=TrainingArguments("outputs", num_train_epochs=3, seed=0, eval_strategy="epoch", save_strategy="no"),
                  train_dataset=ds["train"], eval_dataset=ds["validation"], compute_metrics=compute_metrics)
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("eval", metrics)
''',
        "outputs/eval_results.json": '{\n    "epoch": 3.0,\n    "eval_accuracy": 0.8312,\n    "eval_loss": 0.4121,\n    "eval_samples": 1500\n}\n',
        "README.md": "# Claim verification\n\nroberta-base: 83.1% dev accuracy (outputs/eval_results.json).\n",
    },
    labels=[dict(file="outputs/eval_results.json", find=None, category="RESULT-STALE",
                 why="the metrics were written before finetune.py changed its inputs and labels, and were not regenerated")],
))
