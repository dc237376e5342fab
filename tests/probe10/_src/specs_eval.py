SPECS = []

# E1 eval_sets dict with test -> training arrays, dataclass-config runner (LightGBM)
SPECS.append(dict(
    id="eval-runner-evalsets-dict-train",
    style="sklearn",
    description="Class-based experiment runner with a dataclass config trains LightGBM on churn data and reports metrics for each entry of an eval_sets dict. The 'test' entry was filled with the training arrays during a refactor, so the reported test AUC is training AUC.",
    files={
        "churn/experiment.py": '''
            import json
            from dataclasses import asdict, dataclass

            import lightgbm as lgb
            import pandas as pd
            from sklearn.metrics import roc_auc_score
            from sklearn.model_selection import train_test_split


            @dataclass
            class ExpConfig:
                data_path: str = "data/churn.parquet"
                target: str = "churned"
                num_leaves: int = 31
                learning_rate: float = 0.05
                n_estimators: int = 600
                seed: int = 13


            class ChurnExperiment:
                def __init__(self, cfg: ExpConfig):
                    self.cfg = cfg

                def load(self):
                    df = pd.read_parquet(self.cfg.data_path)
                    X, y = df.drop(columns=[self.cfg.target, "customer_id"]), df[self.cfg.target]
                    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=self.cfg.seed)
                    X_tr, X_va, y_tr, y_va = train_test_split(X_tr, y_tr, test_size=0.2, stratify=y_tr, random_state=self.cfg.seed)
                    return (X_tr, y_tr), (X_va, y_va), (X_te, y_te)

                def run(self):
                    (X_tr, y_tr), (X_va, y_va), (X_te, y_te) = self.load()
                    model = lgb.LGBMClassifier(num_leaves=self.cfg.num_leaves, learning_rate=self.cfg.learning_rate,
                                               n_estimators=self.cfg.n_estimators, random_state=self.cfg.seed)
                    model.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], callbacks=[lgb.early_stopping(50)])
                    eval_sets = {"val": (X_va, y_va), "test": (X_tr, y_tr)}
                    metrics = {}
                    for name, (X_e, y_e) in eval_sets.items():
                        metrics[f"{name}_auc"] = roc_auc_score(y_e, model.predict_proba(X_e)[:, 1])
                    return {"config": asdict(self.cfg), **metrics}


            if __name__ == "__main__":
                out = ChurnExperiment(ExpConfig()).run()
                json.dump(out, open("results/churn_lgbm.json", "w"), indent=2)
        ''',
    },
    labels=[dict(file="churn/experiment.py", find='eval_sets = {"val": (X_va, y_va), "test": (X_tr, y_tr)}', category="EVAL-TRAIN",
                 why="the 'test' metrics are computed on the training arrays")],
))

# E2 HF datasets + evaluate: "test" subset drawn from train split
SPECS.append(dict(
    id="eval-hf-datasets-test-from-train",
    style="torch",
    description="DistilBERT fine-tuned on the IMDB train split with the HF Trainer; the evaluation subset is drawn from ds['train'] (shuffled and selected) and scored with `evaluate`, so the reported accuracy is on training reviews.",
    files={
        "finetune_imdb.py": '''
            import evaluate
            import numpy as np
            from datasets import load_dataset
            from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                                      TrainingArguments)

            ckpt = "distilbert-base-uncased"
            tok = AutoTokenizer.from_pretrained(ckpt)
            ds = load_dataset("stanfordnlp/imdb")
            enc = ds.map(lambda b: tok(b["text"], truncation=True, max_length=256), batched=True)

            train_ds = enc["train"]
            eval_ds = enc["train"].shuffle(seed=42).select(range(2000))

            model = AutoModelForSequenceClassification.from_pretrained(ckpt, num_labels=2)
            args = TrainingArguments("out/imdb", num_train_epochs=2, per_device_train_batch_size=32, seed=42,
                                     eval_strategy="epoch", report_to=[])
            accuracy = evaluate.load("accuracy")


            def compute_metrics(p):
                return accuracy.compute(predictions=np.argmax(p.predictions, axis=-1), references=p.label_ids)


            trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                              tokenizer=tok, compute_metrics=compute_metrics)
            trainer.train()
            print(trainer.evaluate())
        ''',
    },
    labels=[dict(file="finetune_imdb.py", find='eval_ds = enc["train"].shuffle', category="EVAL-TRAIN",
                 why="the evaluation reviews are drawn from the training split the model is trained on")],
))

# E2 twin: test split
SPECS.append(dict(
    id="eval-hf-datasets-test-split-clean",
    style="torch",
    description="Clean twin: the evaluation subset is drawn from ds['test'].",
    files={
        "finetune_imdb.py": '''
            import evaluate
            import numpy as np
            from datasets import load_dataset
            from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                                      TrainingArguments)

            ckpt = "distilbert-base-uncased"
            tok = AutoTokenizer.from_pretrained(ckpt)
            ds = load_dataset("stanfordnlp/imdb")
            enc = ds.map(lambda b: tok(b["text"], truncation=True, max_length=256), batched=True)

            train_ds = enc["train"]
            eval_ds = enc["test"].shuffle(seed=42).select(range(2000))

            model = AutoModelForSequenceClassification.from_pretrained(ckpt, num_labels=2)
            args = TrainingArguments("out/imdb", num_train_epochs=2, per_device_train_batch_size=32, seed=42,
                                     eval_strategy="epoch", report_to=[])
            accuracy = evaluate.load("accuracy")


            def compute_metrics(p):
                return accuracy.compute(predictions=np.argmax(p.predictions, axis=-1), references=p.label_ids)


            trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                              tokenizer=tok, compute_metrics=compute_metrics)
            trainer.train()
            print(trainer.evaluate())
        ''',
    },
))

# E3 k-fold loop whose error uses the training fold (pandas iloc, xgboost)
SPECS.append(dict(
    id="eval-kfold-error-on-train-fold",
    style="sklearn",
    description="House-price regression with 5-fold CV and XGBoost; inside the fold loop the RMSE is computed on the training fold's rows (copy-paste of the fit line), so the CV error is training error.",
    files={
        "cv_xgb.py": '''
            import numpy as np
            import pandas as pd
            import xgboost as xgb
            from sklearn.metrics import mean_squared_error
            from sklearn.model_selection import KFold

            df = pd.read_csv("data/ames.csv")
            feats = [c for c in df.columns if c not in ("SalePrice", "Id")]
            kf = KFold(n_splits=5, shuffle=True, random_state=0)
            rmses = []
            for fold, (fit_idx, hold_idx) in enumerate(kf.split(df)):
                fit_df, hold_df = df.iloc[fit_idx], df.iloc[hold_idx]
                reg = xgb.XGBRegressor(n_estimators=800, max_depth=4, learning_rate=0.03, random_state=0)
                reg.fit(fit_df[feats], np.log1p(fit_df["SalePrice"]))
                pred = reg.predict(fit_df[feats])
                rmse = mean_squared_error(np.log1p(fit_df["SalePrice"]), pred) ** 0.5
                rmses.append(rmse)
                print(f"fold {fold}: rmse={rmse:.4f}")
            print(f"CV RMSE (log): {np.mean(rmses):.4f} +- {np.std(rmses):.4f}")
        ''',
    },
    labels=[dict(file="cv_xgb.py", find='pred = reg.predict(fit_df[feats])', end_find="rmse = mean_squared_error", category="EVAL-TRAIN",
                 why="the fold's error is computed on its training rows, not on hold_df")],
))

# E4 response cache keyed on prompt only while loop varies models (class)
SPECS.append(dict(
    id="eval-cache-key-prompt-only-class",
    style="llm-eval",
    description="A disk cache class wraps the API client; the key is a hash of the prompt text only, while the sweep loops over three models and two temperatures, so every condition after the first replays the first model's answers.",
    files={
        "llmcache.py": '''
            import hashlib
            import json
            import os

            from openai import OpenAI


            class CachedClient:
                def __init__(self, cache_dir=".cache/completions"):
                    self.client = OpenAI()
                    self.cache_dir = cache_dir
                    os.makedirs(cache_dir, exist_ok=True)

                def _path(self, prompt):
                    key = hashlib.sha256(prompt.encode("utf-8")).hexdigest()
                    return os.path.join(self.cache_dir, key + ".json")

                def complete(self, prompt, model, temperature=0.0):
                    path = self._path(prompt)
                    if os.path.exists(path):
                        return json.load(open(path))["text"]
                    out = self.client.chat.completions.create(
                        model=model, temperature=temperature, messages=[{"role": "user", "content": prompt}]
                    )
                    text = out.choices[0].message.content
                    json.dump({"text": text}, open(path, "w"))
                    return text
        ''',
        "sweep.py": '''
            import itertools
            import json

            from llmcache import CachedClient

            MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-3.5-turbo"]
            TEMPS = [0.0, 1.0]
            client = CachedClient()
            problems = [json.loads(l) for l in open("data/logic_puzzles.jsonl")]

            rows = []
            for model, temp in itertools.product(MODELS, TEMPS):
                correct = 0
                for p in problems:
                    ans = client.complete(p["prompt"], model=model, temperature=temp)
                    correct += p["answer"].lower() in ans.lower()
                rows.append({"model": model, "temperature": temp, "acc": correct / len(problems)})
            json.dump(rows, open("results/sweep.json", "w"), indent=1)
        ''',
    },
    labels=[dict(file="llmcache.py", find='key = hashlib.sha256(prompt.encode("utf-8")).hexdigest()', category="EVAL-CACHE",
                 why="the cache key holds only the prompt; model and temperature vary in the sweep")],
))

# E4 twin: key includes model and temperature
SPECS.append(dict(
    id="eval-cache-key-full-clean",
    style="llm-eval",
    description="Clean twin: the cache key hashes model, temperature and prompt.",
    files={
        "llmcache.py": '''
            import hashlib
            import json
            import os

            from openai import OpenAI


            class CachedClient:
                def __init__(self, cache_dir=".cache/completions"):
                    self.client = OpenAI()
                    self.cache_dir = cache_dir
                    os.makedirs(cache_dir, exist_ok=True)

                def _path(self, prompt, model, temperature):
                    blob = json.dumps({"p": prompt, "m": model, "t": temperature}, sort_keys=True)
                    key = hashlib.sha256(blob.encode("utf-8")).hexdigest()
                    return os.path.join(self.cache_dir, key + ".json")

                def complete(self, prompt, model, temperature=0.0):
                    path = self._path(prompt, model, temperature)
                    if os.path.exists(path):
                        return json.load(open(path))["text"]
                    out = self.client.chat.completions.create(
                        model=model, temperature=temperature, messages=[{"role": "user", "content": prompt}]
                    )
                    text = out.choices[0].message.content
                    json.dump({"text": text}, open(path, "w"))
                    return text
        ''',
        "sweep.py": '''
            import itertools
            import json

            from llmcache import CachedClient

            MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-3.5-turbo"]
            TEMPS = [0.0]
            client = CachedClient()
            problems = [json.loads(l) for l in open("data/logic_puzzles.jsonl")]

            rows = []
            for model, temp in itertools.product(MODELS, TEMPS):
                correct = 0
                for p in problems:
                    ans = client.complete(p["prompt"], model=model, temperature=temp)
                    correct += p["answer"].lower() in ans.lower()
                rows.append({"model": model, "temperature": temp, "acc": correct / len(problems), "n": len(problems)})
            json.dump(rows, open("results/sweep.json", "w"), indent=1)
        ''',
    },
))

# E5 pretrained network over loader without .eval() (feature extraction, no_grad present)
SPECS.append(dict(
    id="eval-feature-extractor-train-mode",
    style="torch",
    description="Linear probe on frozen ResNet-50 features. The backbone is loaded with pretrained weights and run over the loaders under torch.no_grad() but never put in eval mode, so BatchNorm uses per-batch statistics (and updates its running stats) during feature extraction.",
    files={
        "probe/extract.py": '''
            import torch
            import torchvision
            from torch.utils.data import DataLoader


            class FeatureExtractor:
                def __init__(self, device="cuda"):
                    net = torchvision.models.resnet50(weights=torchvision.models.ResNet50_Weights.IMAGENET1K_V2)
                    net.fc = torch.nn.Identity()
                    self.net = net.to(device)
                    self.device = device

                @torch.no_grad()
                def __call__(self, dataset, batch_size=128):
                    feats, labels = [], []
                    for x, y in DataLoader(dataset, batch_size=batch_size, shuffle=False, num_workers=4):
                        feats.append(self.net(x.to(self.device)).cpu())
                        labels.append(y)
                    return torch.cat(feats).numpy(), torch.cat(labels).numpy()
        ''',
        "probe/__init__.py": "",
        "linear_probe.py": '''
            import torchvision.transforms as T
            from sklearn.linear_model import LogisticRegression
            from torchvision.datasets import CIFAR100

            from probe.extract import FeatureExtractor

            tf = T.Compose([T.Resize(224), T.ToTensor(), T.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
            extract = FeatureExtractor()
            X_tr, y_tr = extract(CIFAR100("data", train=True, download=True, transform=tf))
            X_te, y_te = extract(CIFAR100("data", train=False, download=True, transform=tf))
            clf = LogisticRegression(max_iter=2000, C=0.3).fit(X_tr, y_tr)
            print("linear probe top-1:", clf.score(X_te, y_te))
        ''',
    },
    labels=[dict(file="probe/extract.py", find="feats.append(self.net(x.to(self.device)).cpu())", category="EVAL-MODE",
                 why="the pretrained backbone is never put in eval mode; BatchNorm runs in training mode during extraction")],
    also_ok=[dict(file="probe/extract.py", find="self.net = net.to(device)", category="EVAL-MODE", why="where .eval() belongs")],
))

# E6 swapped metric args under other names via star import
SPECS.append(dict(
    id="eval-star-import-swapped-f1",
    style="mixed",
    description="NER-style token classification scored with `from sklearn.metrics import *`; classification_report and f1_score are called as (pred_list, grd_list), so precision and recall per class are swapped and the reported per-class table is wrong.",
    files={
        "score_tags.py": '''
            import json
            from sklearn.metrics import *

            with open("outputs/tagger_predictions.json") as fh:
                dump = json.load(fh)

            pred_list, grd_list = [], []
            for sent in dump:
                pred_list.extend(sent["pred_tags"])
                grd_list.extend(sent["gold_tags"])

            print(classification_report(pred_list, grd_list, digits=4))
            macro = f1_score(pred_list, grd_list, average="macro")
            print("macro F1", round(macro, 4))
        ''',
    },
    labels=[dict(file="score_tags.py", find="print(classification_report(pred_list, grd_list", end_find="macro = f1_score(", category="EVAL-ARGS",
                 why="predictions are passed as y_true and gold as y_pred; per-class precision and recall are swapped")],
))

# E6 twin: right order, keyword names
SPECS.append(dict(
    id="eval-star-import-f1-ordered-clean",
    style="mixed",
    description="Clean twin: the same script with gold first.",
    files={
        "score_tags.py": '''
            import json
            from sklearn.metrics import *

            with open("outputs/tagger_predictions.json") as fh:
                dump = json.load(fh)

            pred_list, grd_list = [], []
            for sent in dump:
                pred_list.extend(sent["pred_tags"])
                grd_list.extend(sent["gold_tags"])

            print(classification_report(grd_list, pred_list, digits=4))
            macro = f1_score(y_true=grd_list, y_pred=pred_list, average="macro")
            print("macro F1", round(macro, 4))
        ''',
    },
))

# E7 two conditions averaged over different item sets (results merged from JSONL)
SPECS.append(dict(
    id="eval-conditions-different-items-jsonl",
    style="llm-eval",
    description="Steering vs baseline on a refusal benchmark, results merged from per-condition JSONL files. The baseline mean is over all items; the steered mean is over the items whose output parsed (parse failures dropped), so the two rates are over different item sets.",
    files={
        "compare.py": '''
            import glob
            import json

            import pandas as pd

            frames = []
            for path in sorted(glob.glob("runs/*/scored.jsonl")):
                part = pd.read_json(path, lines=True)
                part["condition"] = path.split("/")[1]
                frames.append(part)
            runs = pd.concat(frames, ignore_index=True)

            base = runs[runs.condition == "baseline"]
            steer = runs[(runs.condition == "steer_l14") & runs.parsed]
            summary = {
                "baseline_refusal": base["refused"].mean(),
                "steered_refusal": steer["refused"].mean(),
            }
            summary["delta"] = summary["steered_refusal"] - summary["baseline_refusal"]
            print(json.dumps(summary, indent=1))
            json.dump(summary, open("results/steering_delta.json", "w"))
        ''',
        "runs/baseline/scored.jsonl": '{"id": 1, "refused": true, "parsed": true}\n{"id": 2, "refused": false, "parsed": false}\n',
        "runs/steer_l14/scored.jsonl": '{"id": 1, "refused": false, "parsed": true}\n{"id": 2, "refused": false, "parsed": false}\n',
    },
    labels=[dict(file="compare.py", find='steer = runs[(runs.condition == "steer_l14") & runs.parsed]', category="EVAL-MISMATCH",
                 why="the steered rate is over parsed items only, the baseline over all items")],
    also_ok=[dict(file="compare.py", find='steer = runs[', category="DATA-DROP", why="the unparsed rows dropped uncounted")],
))
