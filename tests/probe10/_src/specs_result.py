SPECS = []

MERGE = '''
    import glob
    import json

    rows = []
    for path in sorted(glob.glob("results/runs/*.jsonl")):
        with open(path) as fh:
            rows.extend(json.loads(line) for line in fh)

    by_model = {}
    for r in rows:
        by_model.setdefault(r["model"], []).append(r["correct"])
    summary = {m: {"accuracy": round(sum(v) / len(v), 3), "n": len(v)} for m, v in by_model.items()}
    json.dump(summary, open("results/summary.json", "w"), indent=2)
    print(json.dumps(summary, indent=2))
'''

RUN_A = "".join('{"model": "llama-3.1-8b", "id": %d, "correct": %s}\n' % (i, "true" if i % 3 else "false") for i in range(6))
RUN_B = "".join('{"model": "qwen2.5-7b", "id": %d, "correct": %s}\n' % (i, "true" if i % 4 else "false") for i in range(8))

# R1 README claims a number absent from the small merged summary
SPECS.append(dict(
    id="result-readme-claim-not-in-summary",
    style="llm-eval",
    description="Results of two models are merged from per-run JSONL files into results/summary.json (0.667 and 0.75). The README table reports 71.3 for Llama, a number no results file holds (from an earlier run that was overwritten).",
    files={
        "merge_runs.py": MERGE,
        "results/runs/llama.jsonl": RUN_A,
        "results/runs/qwen.jsonl": RUN_B,
        "results/summary.json": '{\n  "llama-3.1-8b": {\n    "accuracy": 0.667,\n    "n": 6\n  },\n  "qwen2.5-7b": {\n    "accuracy": 0.75,\n    "n": 8\n  }\n}\n',
        "README.md": '''
            # Arithmetic word problems, small open models

            Run `python merge_runs.py` after the per-model runs.

            | model | accuracy (%) |
            |---|---|
            | Llama-3.1-8B | 71.3 |
            | Qwen2.5-7B | 75.0 |

            Both models are evaluated zero-shot at temperature 0.
        ''',
    },
    labels=[dict(file="README.md", find="| Llama-3.1-8B | 71.3 |", category="RESULT-CLAIM",
                 why="71.3 appears in no results file; summary.json says 0.667")],
))

# R1 twin: README matches summary
SPECS.append(dict(
    id="result-readme-claim-matches-clean",
    style="llm-eval",
    description="Clean twin: the README numbers are the summary's, as percentages.",
    files={
        "merge_runs.py": MERGE,
        "results/runs/llama.jsonl": RUN_A,
        "results/runs/qwen.jsonl": RUN_B,
        "results/summary.json": '{\n  "llama-3.1-8b": {\n    "accuracy": 0.667,\n    "n": 6\n  },\n  "qwen2.5-7b": {\n    "accuracy": 0.75,\n    "n": 8\n  }\n}\n',
        "README.md": '''
            # Arithmetic word problems, small open models

            Run `python merge_runs.py` after the per-model runs.

            | model | accuracy (%) |
            |---|---|
            | Llama-3.1-8B | 66.7 |
            | Qwen2.5-7B | 75.0 |

            Both models are evaluated zero-shot at temperature 0 (n = 6 and 8).
        ''',
    },
))

TRAIN_V0 = '''
    from datasets import load_dataset
    from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                              TrainingArguments)

    ckpt = "roberta-base"
    tok = AutoTokenizer.from_pretrained(ckpt)
    raw = load_dataset("nyu-mll/glue", "mnli")
    enc = raw.map(lambda b: tok(b["premise"], b["hypothesis"], truncation=True, max_length=256), batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(ckpt, num_labels=3)
    args = TrainingArguments("out/roberta-mnli", num_train_epochs=1, per_device_train_batch_size=32, seed=0, report_to=[])
    trainer = Trainer(model=model, args=args, train_dataset=enc["train"], eval_dataset=enc["validation_matched"], tokenizer=tok)
    trainer.train()
    metrics = trainer.evaluate()
    trainer.save_metrics("eval", metrics)
'''
TRAIN_V1 = TRAIN_V0.replace("max_length=256", "max_length=128").replace("num_train_epochs=1", "num_train_epochs=3")
EVAL_OLD = '{\n    "epoch": 1.0,\n    "eval_accuracy": 0.8612,\n    "eval_loss": 0.3871\n}\n'
EVAL_NEW = '{\n    "epoch": 3.0,\n    "eval_accuracy": 0.8735,\n    "eval_loss": 0.3702\n}\n'
README_MNLI = '''
    # RoBERTa-base on MNLI

    `python train.py` fine-tunes and writes `out/roberta-mnli/eval_results.json`.
    Matched validation accuracy: see that file.
'''

# R2 save_metrics output older than the code that produces it
SPECS.append(dict(
    id="result-save-metrics-stale",
    style="torch",
    description="trainer.save_metrics('eval', ...) writes out/roberta-mnli/eval_results.json. The file was committed with the first training run; train.py later changed the sequence length and epoch count, and the metrics file was never regenerated.",
    files={"train.py": TRAIN_V1, "out/roberta-mnli/eval_results.json": EVAL_OLD, "README.md": README_MNLI},
    history=[
        dict(message="first MNLI run", date="2025-04-02T10:00:00",
             files={"train.py": TRAIN_V0, "out/roberta-mnli/eval_results.json": EVAL_OLD, "README.md": README_MNLI}),
        dict(message="shorter sequences, 3 epochs", date="2025-04-09T16:20:00", files={"train.py": TRAIN_V1}),
    ],
    labels=[dict(file="out/roberta-mnli/eval_results.json", category="RESULT-STALE",
                 why="eval_results.json (written by save_metrics) was last committed before train.py changed")],
    also_ok=[dict(file="out/roberta-mnli/eval_results.json", category="RESULT-PROVENANCE", why="no model or seed in the file")],
))

# R2 twin: regenerated after code change
SPECS.append(dict(
    id="result-save-metrics-regenerated-clean",
    style="torch",
    description="Clean twin: the metrics file was regenerated and committed together with the training change.",
    files={"train.py": TRAIN_V1, "out/roberta-mnli/eval_results.json": EVAL_NEW, "README.md": README_MNLI},
    history=[
        dict(message="first MNLI run", date="2025-04-02T10:00:00",
             files={"train.py": TRAIN_V0, "out/roberta-mnli/eval_results.json": EVAL_OLD, "README.md": README_MNLI}),
        dict(message="shorter sequences, 3 epochs; rerun", date="2025-04-09T16:20:00",
             files={"train.py": TRAIN_V1, "out/roberta-mnli/eval_results.json": EVAL_NEW}),
    ],
    also_ok=[dict(file="out/roberta-mnli/eval_results.json", category="RESULT-PROVENANCE", why="no model or seed in the file")],
))

# R3 Ray Tune sweep results CSV with only metric columns
SPECS.append(dict(
    id="result-ray-sweep-metrics-only-csv",
    style="mixed",
    description="A Ray Tune sweep over learning rate, width and dropout writes results/sweep.csv keeping only the metric columns; the file cannot say which configuration produced which row, yet the README picks 'the best run' from it.",
    files={
        "tune_mlp.py": '''
            import ray
            from ray import tune

            from mlp import train_mlp  # reports {"val_acc": ..., "val_loss": ...} each epoch

            ray.init(num_cpus=4)
            space = {
                "lr": tune.loguniform(1e-4, 1e-1),
                "width": tune.choice([64, 128, 256]),
                "dropout": tune.uniform(0.0, 0.5),
            }
            tuner = tune.Tuner(train_mlp, param_space=space,
                               tune_config=tune.TuneConfig(num_samples=12, metric="val_acc", mode="max"))
            grid = tuner.fit()
            df = grid.get_dataframe()
            df[["val_acc", "val_loss"]].to_csv("results/sweep.csv", index=False)
            print(df[["val_acc", "val_loss"]].describe())
        ''',
        "mlp.py": '''
            import torch
            from ray import train


            def train_mlp(config):
                torch.manual_seed(0)
                net = torch.nn.Sequential(torch.nn.Linear(64, config["width"]), torch.nn.ReLU(),
                                          torch.nn.Dropout(config["dropout"]), torch.nn.Linear(config["width"], 10))
                opt = torch.optim.SGD(net.parameters(), lr=config["lr"])
                for epoch in range(10):
                    train.report({"val_acc": 0.0, "val_loss": 0.0})
        ''',
        "results/sweep.csv": "val_acc,val_loss\n0.912,0.301\n0.874,0.402\n0.931,0.254\n0.655,1.120\n0.902,0.330\n0.921,0.270\n",
        "README.md": "# MLP sweep\n\nBest run in `results/sweep.csv`: val accuracy 0.931.\n",
    },
    labels=[dict(file="results/sweep.csv", category="RESULT-PROVENANCE",
                 why="the sweep CSV keeps only metric columns; no lr/width/dropout, seed or trial id")],
    also_ok=[dict(file="tune_mlp.py", find='df[["val_acc", "val_loss"]].to_csv', category="RESULT-PROVENANCE", why="the writer")],
))

ERR_RUN = "".join('{"model": "mixtral-8x7b", "id": %d, "output": "ERROR: 429 Too Many Requests", "correct": false}\n' % i for i in range(7)) + \
    '{"model": "mixtral-8x7b", "id": 7, "output": "The answer is 12.", "correct": true}\n'
OK_RUN = "".join('{"model": "gpt-4o-mini", "id": %d, "output": "The answer is %d.", "correct": %s}\n' % (i, i, "true" if i % 3 else "false") for i in range(8))

# R4 merged JSONL runs where one file is mostly error outputs; plot with number in title
SPECS.append(dict(
    id="result-merged-runs-error-outputs",
    style="llm-eval",
    description="Per-model JSONL runs are merged and plotted with the accuracy in each bar's title. The Mixtral run hit rate limits: 7 of its 8 outputs are error strings scored as wrong, and the plot reports 12.5% for it.",
    files={
        "plot_runs.py": '''
            import glob

            import matplotlib.pyplot as plt
            import pandas as pd

            runs = pd.concat([pd.read_json(p, lines=True) for p in sorted(glob.glob("runs/*.jsonl"))])
            acc = runs.groupby("model")["correct"].mean()
            fig, ax = plt.subplots(figsize=(5, 3))
            ax.bar(acc.index, acc.values)
            ax.set_title(" vs ".join(f"{m}: {a:.1%}" for m, a in acc.items()))
            fig.savefig("figures/accuracy.png", dpi=150, bbox_inches="tight")
        ''',
        "runs/gpt4o_mini.jsonl": OK_RUN,
        "runs/mixtral.jsonl": ERR_RUN,
    },
    labels=[dict(file="runs/mixtral.jsonl", category="RESULT-SUSPECT",
                 why="7 of 8 outputs are API error strings, scored and plotted as wrong answers")],
    also_ok=[dict(file="plot_runs.py", find='acc = runs.groupby("model")["correct"].mean()', category="DATA-DEFAULT", why="errors counted as wrong")],
))

# R5 Makefile pipeline, metrics.json holds NaN reported in README
SPECS.append(dict(
    id="result-makefile-metrics-nan",
    style="mixed",
    description="A Makefile runs training and evaluation; results/metrics.json holds macro_f1 NaN (a class never predicted made the per-class F1 NaN through numpy means) next to the accuracy the README quotes.",
    files={
        "Makefile": '''
            PY ?= python
            SEED ?= 0

            all: results/metrics.json

            model.pt: train.py data/train.csv
            \t$(PY) train.py --seed $(SEED) --out model.pt

            results/metrics.json: evaluate.py model.pt data/test.csv
            \t$(PY) evaluate.py --ckpt model.pt --out $@
        ''',
        "evaluate.py": '''
            import argparse
            import json

            import numpy as np
            import pandas as pd
            import torch

            p = argparse.ArgumentParser()
            p.add_argument("--ckpt")
            p.add_argument("--out")
            a = p.parse_args()
            test = pd.read_csv("data/test.csv")
            model = torch.load(a.ckpt, weights_only=False)
            model.eval()
            with torch.no_grad():
                pred = model(torch.tensor(test.drop(columns="label").to_numpy(), dtype=torch.float32)).argmax(1).numpy()
            y = test["label"].to_numpy()
            f1s = []
            for c in np.unique(y):
                tp = ((pred == c) & (y == c)).sum()
                prec = tp / (pred == c).sum()
                rec = tp / (y == c).sum()
                f1s.append(2 * prec * rec / (prec + rec))
            json.dump({"accuracy": float((pred == y).mean()), "macro_f1": float(np.mean(f1s)), "n": int(len(y))},
                      open(a.out, "w"), indent=1)
        ''',
        "results/metrics.json": '{\n "accuracy": 0.8125,\n "macro_f1": NaN,\n "n": 480\n}\n',
        "README.md": "# Activity recognition MLP\n\n`make` trains and evaluates. Test accuracy 81.25% (results/metrics.json).\n",
    },
    labels=[dict(file="results/metrics.json", find='"macro_f1": NaN', category="RESULT-SUSPECT",
                 why="macro F1 is NaN in the results file the README cites")],
    also_ok=[dict(file="results/metrics.json", category="RESULT-PROVENANCE", why="no seed/commit"),
             dict(file="evaluate.py", find="prec = tp / (pred == c).sum()", category="EVAL-ARGS", why="division by zero for unpredicted class")],
))
