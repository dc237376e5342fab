SPECS = []

# E1 timm fine-tune: validate() without model.eval() or no_grad, in a separate engine module
SPECS.append(dict(
    id="eval-timm-engine-validate-train-mode",
    style="torch",
    description="A timm ViT fine-tuned with a hand-written loop split across train.py and engine.py. `engine.validate` iterates the validation loader and computes top-1 without calling `model.eval()` (dropout and drop-path stay active) and without `torch.no_grad()`; the model is left in train mode by `train_one_epoch`.",
    files={
        "engine.py": '''
            import torch
            import torch.nn.functional as F


            def train_one_epoch(model, loader, optimizer, device):
                model.train()
                for images, target in loader:
                    images, target = images.to(device), target.to(device)
                    loss = F.cross_entropy(model(images), target, label_smoothing=0.1)
                    optimizer.zero_grad(set_to_none=True)
                    loss.backward()
                    optimizer.step()


            def validate(model, loader, device):
                correct = total = 0
                for images, target in loader:
                    images, target = images.to(device), target.to(device)
                    logits = model(images)
                    correct += (logits.argmax(-1) == target).sum().item()
                    total += target.numel()
                return correct / total
        ''',
        "train.py": '''
            import timm
            import torch
            from timm.data import create_dataset, create_loader, resolve_data_config

            from engine import train_one_epoch, validate

            torch.manual_seed(0)
            device = "cuda"
            model = timm.create_model("vit_small_patch16_224", pretrained=True, num_classes=102,
                                      drop_rate=0.1, drop_path_rate=0.1).to(device)
            cfg = resolve_data_config({}, model=model)
            train_ds = create_dataset("torch/flowers102", root="data", split="train", download=True)
            val_ds = create_dataset("torch/flowers102", root="data", split="validation", download=True)
            train_loader = create_loader(train_ds, cfg["input_size"], batch_size=64, is_training=True)
            val_loader = create_loader(val_ds, cfg["input_size"], batch_size=128, is_training=False)
            optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.05)

            for epoch in range(10):
                train_one_epoch(model, train_loader, optimizer, device)
                print(epoch, "val top-1", validate(model, val_loader, device))
        ''',
    },
    labels=[dict(file="engine.py", find="def validate(model, loader, device):", end_find="logits = model(images)",
                 category="EVAL-MODE", why="validation runs in train mode (dropout, drop-path active) with gradients on")],
))

# E1c clean twin
SPECS.append(dict(
    id="eval-timm-engine-validate-eval-mode-clean",
    style="torch",
    description="Clean twin: `validate` switches to eval mode under `torch.inference_mode()`.",
    files={
        "engine.py": '''
            import torch
            import torch.nn.functional as F


            def train_one_epoch(model, loader, optimizer, device):
                model.train()
                for images, target in loader:
                    images, target = images.to(device), target.to(device)
                    loss = F.cross_entropy(model(images), target, label_smoothing=0.1)
                    optimizer.zero_grad(set_to_none=True)
                    loss.backward()
                    optimizer.step()


            @torch.inference_mode()
            def validate(model, loader, device):
                model.eval()
                correct = total = 0
                for images, target in loader:
                    images, target = images.to(device), target.to(device)
                    logits = model(images)
                    correct += (logits.argmax(-1) == target).sum().item()
                    total += target.numel()
                return correct / total
        ''',
        "train.py": '''
            import timm
            import torch
            from timm.data import create_dataset, create_loader, resolve_data_config

            from engine import train_one_epoch, validate

            torch.manual_seed(0)
            device = "cuda"
            model = timm.create_model("vit_small_patch16_224", pretrained=True, num_classes=102,
                                      drop_rate=0.1, drop_path_rate=0.1).to(device)
            cfg = resolve_data_config({}, model=model)
            train_ds = create_dataset("torch/flowers102", root="data", split="train", download=True)
            val_ds = create_dataset("torch/flowers102", root="data", split="validation", download=True)
            train_loader = create_loader(train_ds, cfg["input_size"], batch_size=64, is_training=True)
            val_loader = create_loader(val_ds, cfg["input_size"], batch_size=128, is_training=False)
            optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.05)

            for epoch in range(10):
                train_one_epoch(model, train_loader, optimizer, device)
                print(epoch, "val top-1", validate(model, val_loader, device))
        ''',
    },
    labels=[],
))

# E2 star import of sklearn.metrics, swapped f1 arguments under other names
SPECS.append(dict(
    id="eval-star-import-metrics-swapped-pred-gold",
    style="sklearn",
    description="An NER-style token classifier report. `from sklearn.metrics import *`; the helper is called `report(pred_tags, gold_tags)` and computes `f1_score(pred_tags, gold_tags, average='macro')` and `precision_score`/`recall_score` in the same order: predictions in the y_true slot, so the reported precision and recall are exchanged (macro-F1 itself is symmetric here).",
    files={
        "metrics_report.py": '''
            from sklearn.metrics import *


            def report(pred_tags, gold_tags, labels):
                return {
                    "macro_f1": f1_score(pred_tags, gold_tags, labels=labels, average="macro"),
                    "precision": precision_score(pred_tags, gold_tags, labels=labels, average="macro"),
                    "recall": recall_score(pred_tags, gold_tags, labels=labels, average="macro"),
                }
        ''',
        "evaluate_tagger.py": '''
            import json

            from metrics_report import report
            from tagger import load_tagger

            LABELS = ["PER", "ORG", "LOC", "MISC"]

            tagger = load_tagger("checkpoints/crf.pkl")
            sents = [json.loads(l) for l in open("data/conll_test.jsonl")]
            pred = [t for s in sents for t in tagger.predict(s["tokens"])]
            gold = [t for s in sents for t in s["tags"]]
            print(json.dumps(report(pred, gold, LABELS), indent=2))
        ''',
        "tagger.py": '''
            import pickle


            class Tagger:
                def __init__(self, crf):
                    self.crf = crf

                def predict(self, tokens):
                    return self.crf.predict_single([{"w": t.lower(), "title": t.istitle()} for t in tokens])


            def load_tagger(path):
                return Tagger(pickle.load(open(path, "rb")))
        ''',
    },
    labels=[dict(file="metrics_report.py", find='"macro_f1": f1_score(pred_tags, gold_tags', end_find='"recall": recall_score(pred_tags',
                 category="EVAL-ARGS", why="predictions passed as y_true and gold as y_pred: the reported precision and recall are exchanged")],
))

# E3 huggingface evaluate: bleu/rouge with predictions and references swapped
SPECS.append(dict(
    id="eval-hf-evaluate-bleu-args-swapped",
    style="llm-eval",
    description="Summarisation eval with huggingface `evaluate`. The sacrebleu call is `bleu.compute(predictions=gold, references=[[g] for g in generated])`: the human summaries are passed as predictions and the generated ones as references. BLEU is asymmetric (brevity penalty, clipped precision), so the number is not the system's BLEU.",
    files={
        "eval_summ.py": '''
            import json

            import evaluate

            bleu = evaluate.load("sacrebleu")
            rouge = evaluate.load("rouge")

            rows = [json.loads(l) for l in open("outputs/summaries.jsonl")]
            generated = [r["generated"] for r in rows]
            gold = [r["human_summary"] for r in rows]

            scores = {
                "bleu": bleu.compute(predictions=gold, references=[[g] for g in generated])["score"],
                "rougeL": rouge.compute(predictions=generated, references=gold)["rougeL"],
            }
            print(json.dumps(scores, indent=2))
        ''',
    },
    labels=[dict(file="eval_summ.py", find='"bleu": bleu.compute(predictions=gold',
                 category="EVAL-ARGS", why="the human summaries are passed as predictions and the generated ones as references")],
))

# E3c clean twin
SPECS.append(dict(
    id="eval-hf-evaluate-bleu-args-correct-clean",
    style="llm-eval",
    description="Clean twin: generated summaries are the predictions, human summaries the references.",
    files={
        "eval_summ.py": '''
            import json

            import evaluate

            bleu = evaluate.load("sacrebleu")
            rouge = evaluate.load("rouge")

            rows = [json.loads(l) for l in open("outputs/summaries.jsonl")]
            generated = [r["generated"] for r in rows]
            gold = [r["human_summary"] for r in rows]

            scores = {
                "bleu": bleu.compute(predictions=generated, references=[[g] for g in gold])["score"],
                "rougeL": rouge.compute(predictions=generated, references=gold)["rougeL"],
            }
            print(json.dumps(scores, indent=2))
        ''',
    },
    labels=[],
))

# E4 eval_sets dict with the training tuple under "test"
SPECS.append(dict(
    id="eval-eval-sets-dict-test-is-train",
    style="sklearn",
    description="An XGBoost regression script evaluates on a dict of named sets. A copy-paste left `eval_sets['test'] = (X_tr, y_tr)`, so the 'test RMSE' written to the results table is the training RMSE.",
    files={
        "run_xgb.py": '''
            import json

            import numpy as np
            import pandas as pd
            import xgboost as xgb
            from sklearn.metrics import mean_squared_error
            from sklearn.model_selection import train_test_split

            df = pd.read_csv("data/housing.csv")
            X, y = df.drop(columns=["price"]), np.log1p(df["price"])
            X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=3)
            X_tr, X_va, y_tr, y_va = train_test_split(X_tr, y_tr, test_size=0.2, random_state=3)

            model = xgb.XGBRegressor(n_estimators=2000, learning_rate=0.03, max_depth=6, early_stopping_rounds=50,
                                     random_state=3)
            model.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], verbose=False)

            eval_sets = {}
            eval_sets["train"] = (X_tr, y_tr)
            eval_sets["val"] = (X_va, y_va)
            eval_sets["test"] = (X_tr, y_tr)

            out = {}
            for name, (Xs, ys) in eval_sets.items():
                out[f"{name}_rmse"] = float(np.sqrt(mean_squared_error(ys, model.predict(Xs))))
            json.dump({"model": "xgb", "seed": 3, **out}, open("results/xgb.json", "w"), indent=2)
            print(out)
        ''',
    },
    labels=[dict(file="run_xgb.py", find='eval_sets["test"] = (X_tr, y_tr)',
                 category="EVAL-TRAIN", why="the 'test' entry holds the training split")],
))

# E5 response cache keyed by prompt only while a wandb sweep varies model and temperature
SPECS.append(dict(
    id="eval-shelve-cache-key-prompt-only-sweep",
    style="llm-eval",
    description="A wandb sweep varies `model` and `temperature`; every run goes through `CachedClient`, which stores replies in a shelve keyed by the sha256 of the prompt alone. After the first run, later sweep runs read the first model's replies, so all sweep points report nearly identical accuracy.",
    files={
        "sweep.yaml": '''
            program: run.py
            method: grid
            metric:
              name: accuracy
              goal: maximize
            parameters:
              model:
                values: [gpt-4o-mini, gpt-4o, o3-mini]
              temperature:
                values: [0.0, 0.7]
        ''',
        "cached_client.py": '''
            import hashlib
            import shelve

            from openai import OpenAI


            class CachedClient:
                def __init__(self, path="cache/replies.db"):
                    self.client = OpenAI()
                    self.db = shelve.open(path)

                def complete(self, prompt, model, temperature):
                    key = hashlib.sha256(prompt.encode()).hexdigest()
                    if key not in self.db:
                        r = self.client.chat.completions.create(
                            model=model, temperature=temperature, messages=[{"role": "user", "content": prompt}]
                        )
                        self.db[key] = r.choices[0].message.content
                    return self.db[key]
        ''',
        "run.py": '''
            import json

            import wandb

            from cached_client import CachedClient

            run = wandb.init(project="arith-sweep")
            cfg = run.config
            client = CachedClient()
            items = [json.loads(l) for l in open("data/arith_300.jsonl")]
            hits = 0
            for it in items:
                reply = client.complete(it["prompt"], cfg.model, cfg.temperature)
                hits += reply.strip().endswith(str(it["answer"]))
            wandb.log({"accuracy": hits / len(items), "n": len(items)})
        ''',
    },
    labels=[dict(file="cached_client.py", find="key = hashlib.sha256(prompt.encode()).hexdigest()",
                 category="EVAL-CACHE", why="the cache key omits model and temperature, which the sweep varies")],
    also_ok=[dict(file="run.py", find="reply = client.complete(", category="SEED-SAMPLING", why="temperature 0.7 sweep points sampled once per item")],
))

# E5c clean twin: key includes model and temperature
SPECS.append(dict(
    id="eval-shelve-cache-key-includes-settings-clean",
    style="llm-eval",
    description="Clean twin: the cache key includes model and temperature; the sweep is over models at temperature 0.",
    files={
        "sweep.yaml": '''
            program: run.py
            method: grid
            metric:
              name: accuracy
              goal: maximize
            parameters:
              model:
                values: [gpt-4o-mini, gpt-4o, o3-mini]
              temperature:
                values: [0.0]
        ''',
        "cached_client.py": '''
            import hashlib
            import json
            import shelve

            from openai import OpenAI


            class CachedClient:
                def __init__(self, path="cache/replies.db"):
                    self.client = OpenAI()
                    self.db = shelve.open(path)

                def complete(self, prompt, model, temperature):
                    key = hashlib.sha256(json.dumps([model, temperature, prompt]).encode()).hexdigest()
                    if key not in self.db:
                        r = self.client.chat.completions.create(
                            model=model, temperature=temperature, messages=[{"role": "user", "content": prompt}]
                        )
                        self.db[key] = r.choices[0].message.content
                    return self.db[key]
        ''',
        "run.py": '''
            import json

            import wandb

            from cached_client import CachedClient

            run = wandb.init(project="arith-sweep")
            cfg = run.config
            client = CachedClient()
            items = [json.loads(l) for l in open("data/arith_300.jsonl")]
            hits = 0
            for it in items:
                reply = client.complete(it["prompt"], cfg.model, cfg.temperature)
                hits += reply.strip().endswith(str(it["answer"]))
            wandb.log({"accuracy": hits / len(items), "n": len(items)})
        ''',
    },
    labels=[],
))

# E6 keras evaluate on training arrays reported as test
SPECS.append(dict(
    id="eval-keras-evaluate-train-arrays-as-test",
    style="torch",
    description="A Keras text classifier. After training, the script calls `model.evaluate(x_train_pad, y_train)` and prints it as 'Test accuracy'; the test arrays are prepared but never evaluated.",
    files={
        "imdb_lstm.py": '''
            import keras
            from keras import layers

            keras.utils.set_random_seed(7)
            MAXLEN = 300
            (x_train, y_train), (x_test, y_test) = keras.datasets.imdb.load_data(num_words=20000)
            x_train_pad = keras.utils.pad_sequences(x_train, maxlen=MAXLEN)
            x_test_pad = keras.utils.pad_sequences(x_test, maxlen=MAXLEN)

            model = keras.Sequential([
                layers.Embedding(20000, 128),
                layers.Bidirectional(layers.LSTM(64)),
                layers.Dropout(0.3),
                layers.Dense(1, activation="sigmoid"),
            ])
            model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
            model.fit(x_train_pad, y_train, batch_size=64, epochs=4, validation_split=0.1)

            loss, acc = model.evaluate(x_train_pad, y_train, verbose=0)
            print(f"Test accuracy: {acc:.4f}")
        ''',
    },
    labels=[dict(file="imdb_lstm.py", find="loss, acc = model.evaluate(x_train_pad, y_train, verbose=0)",
                 category="EVAL-TRAIN", why="the 'test accuracy' is evaluated on the training arrays")],
))

# E7 k-fold loop computes the fold error on the training fold
SPECS.append(dict(
    id="eval-kfold-loop-error-on-train-fold",
    style="sklearn",
    description="A 10-fold CV estimate of a Ridge model's RMSE, split over cv.py and model.py. Inside the loop the error is computed on `X[tr_idx]`/`y[tr_idx]`, the fold's training rows, so the reported CV RMSE is the in-sample error.",
    files={
        "model.py": '''
            from sklearn.linear_model import Ridge
            from sklearn.pipeline import make_pipeline
            from sklearn.preprocessing import StandardScaler


            def make(alpha=1.0):
                return make_pipeline(StandardScaler(), Ridge(alpha=alpha))
        ''',
        "cv.py": '''
            import numpy as np
            import pandas as pd
            from sklearn.metrics import mean_squared_error
            from sklearn.model_selection import KFold

            from model import make

            df = pd.read_csv("data/concrete.csv")
            X, y = df.drop(columns=["strength"]).to_numpy(), df["strength"].to_numpy()

            errs = []
            for tr_idx, va_idx in KFold(10, shuffle=True, random_state=0).split(X):
                m = make(alpha=3.0).fit(X[tr_idx], y[tr_idx])
                errs.append(np.sqrt(mean_squared_error(y[tr_idx], m.predict(X[tr_idx]))))
            print(f"10-fold CV RMSE {np.mean(errs):.2f} +/- {np.std(errs):.2f}")
        ''',
    },
    labels=[dict(file="cv.py", find="errs.append(np.sqrt(mean_squared_error(y[tr_idx], m.predict(X[tr_idx]))))",
                 category="EVAL-TRAIN", why="the fold error is computed on the fold's training rows")],
))

# E8 argparse subcommands: two conditions with different default limits, compared
SPECS.append(dict(
    id="eval-argparse-subcommands-different-item-sets",
    style="llm-eval",
    description="A CLI with subcommands `baseline` and `cot`. The `cot` subcommand (expensive) defaults to `--limit 200`, `baseline` to all 1319 items; `compare` then prints the two accuracies side by side as the CoT gain. The conditions are scored on different item sets (the first 200 are also the easiest in this file order).",
    files={
        "cli.py": '''
            import argparse
            import json

            from solver import solve


            def run(cond, limit, out):
                items = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]
                if limit:
                    items = items[:limit]
                recs = [{"id": it["id"], "correct": solve(it, cond) == it["answer"]} for it in items]
                with open(out, "w") as fh:
                    for r in recs:
                        fh.write(json.dumps(r) + "\\n")


            def compare(a, b):
                def acc(p):
                    recs = [json.loads(l) for l in open(p)]
                    return sum(r["correct"] for r in recs) / len(recs)
                print(f"baseline {acc(a):.3f}  cot {acc(b):.3f}  gain {acc(b) - acc(a):+.3f}")


            def main():
                ap = argparse.ArgumentParser()
                sub = ap.add_subparsers(dest="cmd", required=True)
                p = sub.add_parser("baseline")
                p.add_argument("--limit", type=int, default=None)
                p.add_argument("--out", default="runs/baseline.jsonl")
                p = sub.add_parser("cot")
                p.add_argument("--limit", type=int, default=200)
                p.add_argument("--out", default="runs/cot.jsonl")
                p = sub.add_parser("compare")
                p.add_argument("a", nargs="?", default="runs/baseline.jsonl")
                p.add_argument("b", nargs="?", default="runs/cot.jsonl")
                args = ap.parse_args()
                if args.cmd == "compare":
                    compare(args.a, args.b)
                else:
                    run(args.cmd, args.limit, args.out)


            if __name__ == "__main__":
                main()
        ''',
        "solver.py": '''
            import re

            from openai import OpenAI

            client = OpenAI()
            PROMPTS = {
                "baseline": "Answer with the final number only.\\n\\n",
                "cot": "Think step by step, then give the final number after 'Answer:'.\\n\\n",
            }


            def solve(item, cond):
                r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=1024,
                                                   messages=[{"role": "user", "content": PROMPTS[cond] + item["question"]}])
                nums = re.findall(r"-?\\d+(?:\\.\\d+)?", r.choices[0].message.content.replace(",", ""))
                return nums[-1] if nums else None
        ''',
    },
    labels=[dict(file="cli.py", find='p.add_argument("--limit", type=int, default=200)',
                 category="EVAL-MISMATCH", why="cot runs on the first 200 items by default and baseline on all; compare contrasts accuracies over different item sets")],
    also_ok=[dict(file="cli.py", find="items = items[:limit]", category="EVAL-MISMATCH", why="where the cut happens")],
))
