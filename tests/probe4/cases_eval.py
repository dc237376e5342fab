"""EVAL family: train-split evaluation, train mode, swapped args, caches, mismatched items."""

CASES = []

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "eval-timm-finetune-evaluate-helper-train-mode",
    "style": "torch",
    "description": "Fine-tunes a pretrained timm ConvNeXt (dropout, stochastic depth) on a plant-disease "
                   "dataset. The evaluation helper in engine.py wraps the loop in torch.no_grad() but never "
                   "switches the model out of training mode; it is called right after train_one_epoch (which "
                   "calls model.train()), so test accuracy is computed with drop-path active.",
    "files": {
        "engine.py": '''
            import torch
            import torch.nn.functional as F


            def train_one_epoch(model, loader, opt, device):
                model.train()
                total = 0.0
                for images, targets in loader:
                    images, targets = images.to(device), targets.to(device)
                    loss = F.cross_entropy(model(images), targets, label_smoothing=0.1)
                    opt.zero_grad(set_to_none=True)
                    loss.backward()
                    opt.step()
                    total += loss.item() * images.size(0)
                return total / len(loader.dataset)


            @torch.no_grad()
            def evaluate(model, loader, device):  «EVAL-MODE+6|the evaluation helper never calls model.eval(); it runs right after train_one_epoch left the pretrained ConvNeXt in train mode, so drop-path and dropout are active while test accuracy is measured»
                correct = n = 0
                for images, targets in loader:
                    logits = model(images.to(device))
                    correct += (logits.argmax(1).cpu() == targets).sum().item()
                    n += targets.numel()
                return correct / n
        ''',
        "finetune.py": '''
            import json

            import timm
            import torch
            from torch.utils.data import DataLoader
            from torchvision import datasets, transforms

            from engine import evaluate, train_one_epoch

            torch.manual_seed(0)
            device = "cuda" if torch.cuda.is_available() else "cpu"
            model = timm.create_model("convnext_tiny.fb_in22k", pretrained=True, num_classes=38,
                                      drop_rate=0.2, drop_path_rate=0.1).to(device)
            cfg = timm.data.resolve_data_config({}, model=model)
            tf_train = timm.data.create_transform(**cfg, is_training=True)
            tf_eval = timm.data.create_transform(**cfg)
            train_ds = datasets.ImageFolder("data/plantvillage/train", tf_train)
            test_ds = datasets.ImageFolder("data/plantvillage/test", tf_eval)
            train_dl = DataLoader(train_ds, batch_size=64, shuffle=True, num_workers=4)
            test_dl = DataLoader(test_ds, batch_size=128, num_workers=4)

            opt = torch.optim.AdamW(model.parameters(), lr=2e-4, weight_decay=0.05)
            history = []
            for epoch in range(8):
                loss = train_one_epoch(model, train_dl, opt, device)
                acc = evaluate(model, test_dl, device)
                history.append({"epoch": epoch, "loss": loss, "test_acc": acc})
                print(history[-1])
            json.dump(history, open("results/history.json", "w"), indent=1)
        ''',
    },
    "file_ok": [("results/history.json", "RESULT-PROVENANCE")],
})

CASES.append({
    "id": "clean-eval-helper-train-false-inference-mode",
    "style": "torch",
    "description": "Clean twin: the evaluation helper switches the pretrained network out of training mode "
                   "with model.train(False) and runs under torch.inference_mode(); the training helper "
                   "switches it back.",
    "files": {
        "engine.py": '''
            import torch
            import torch.nn.functional as F


            def train_one_epoch(model, loader, opt, device):
                model.train(True)
                for images, targets in loader:
                    loss = F.cross_entropy(model(images.to(device)), targets.to(device))
                    opt.zero_grad(set_to_none=True)
                    loss.backward()
                    opt.step()


            def evaluate(model, loader, device):
                model.train(False)
                correct = n = 0
                with torch.inference_mode():
                    for images, targets in loader:
                        logits = model(images.to(device))
                        correct += (logits.argmax(1).cpu() == targets).sum().item()
                        n += targets.numel()
                return correct / n
        ''',
        "finetune.py": '''
            import json

            import timm
            import torch
            from torch.utils.data import DataLoader
            from torchvision import datasets

            from engine import evaluate, train_one_epoch

            torch.manual_seed(0)
            device = "cuda" if torch.cuda.is_available() else "cpu"
            model = timm.create_model("convnext_tiny.fb_in22k", pretrained=True, num_classes=38,
                                      drop_rate=0.2).to(device)
            cfg = timm.data.resolve_data_config({}, model=model)
            train_dl = DataLoader(datasets.ImageFolder("data/plantvillage/train",
                                                       timm.data.create_transform(**cfg, is_training=True)),
                                  batch_size=64, shuffle=True)
            test_dl = DataLoader(datasets.ImageFolder("data/plantvillage/test", timm.data.create_transform(**cfg)),
                                 batch_size=128)
            opt = torch.optim.AdamW(model.parameters(), lr=2e-4)
            for epoch in range(8):
                train_one_epoch(model, train_dl, opt, device)
            acc = evaluate(model, test_dl, device)
            json.dump({"model": "convnext_tiny.fb_in22k", "seed": 0, "epochs": 8, "test_acc": acc,
                       "n_test": len(test_dl.dataset)}, open("results/final.json", "w"))
        ''',
    },
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "eval-lightgbm-splits-dict-test-is-train",
    "style": "sklearn",
    "description": "LightGBM churn model with a dict of named splits that a loop evaluates and writes to "
                   "metrics.json. The 'test' entry was copy-pasted from the 'train' entry and still holds "
                   "the training arrays, so the reported test AUC is training AUC.",
    "files": {
        "churn/train_lgbm.py": '''
            import json

            import lightgbm as lgb
            import pandas as pd
            from sklearn.metrics import average_precision_score, roc_auc_score
            from sklearn.model_selection import train_test_split

            df = pd.read_parquet("data/telco_churn.parquet")
            y = df.pop("churned").to_numpy()
            X = df.drop(columns=["customer_id"])
            X_tmp, X_te, y_tmp, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=7)
            X_tr, X_va, y_tr, y_va = train_test_split(X_tmp, y_tmp, test_size=0.25, stratify=y_tmp, random_state=7)

            booster = lgb.train(
                {"objective": "binary", "learning_rate": 0.05, "num_leaves": 63, "seed": 7, "verbose": -1},
                lgb.Dataset(X_tr, y_tr),
                num_boost_round=2000,
                valid_sets=[lgb.Dataset(X_va, y_va)],
                callbacks=[lgb.early_stopping(100)],
            )

            splits = {
                "train": (X_tr, y_tr),
                "valid": (X_va, y_va),
                "test": (X_tr, y_tr),  «EVAL-TRAIN|the 'test' entry holds the training arrays (copy-paste of the train line), so the test AUC/AP written to metrics.json are training scores»
            }
            metrics = {}
            for name, (Xs, ys) in splits.items():
                p = booster.predict(Xs, num_iteration=booster.best_iteration)
                metrics[name] = {"auc": roc_auc_score(ys, p), "ap": average_precision_score(ys, p), "n": len(ys)}
            json.dump(metrics, open("results/metrics.json", "w"), indent=2)
        ''',
    },
    "file_ok": [("results/metrics.json", "RESULT-PROVENANCE")],
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "eval-metrics-alias-balanced-accuracy-swapped",
    "style": "mixed",
    "description": "Intent classifier probe on sentence embeddings. The scoring helper imports sklearn.metrics "
                   "under an alias and calls balanced_accuracy_score(predicted, gold): the arguments are "
                   "swapped, so the per-class recall is averaged over predicted classes and the figure "
                   "changes with the classifier's bias.",
    "files": {
        "probe/scoring.py": '''
            import numpy as np
            from sklearn import metrics as skm


            def summarise(predicted: np.ndarray, gold: np.ndarray) -> dict:
                return {
                    "balanced_acc": skm.balanced_accuracy_score(predicted, gold),  «EVAL-ARGS|balanced_accuracy_score takes (y_true, y_pred); here the predictions are passed as the truth, so recall is averaged over predicted classes»
                    "acc": float(np.mean(predicted == gold)),
                    "n": int(gold.size),
                }
        ''',
        "probe/fit_probe.py": '''
            import json

            import numpy as np
            from sentence_transformers import SentenceTransformer
            from sklearn.linear_model import LogisticRegression

            from probe.scoring import summarise

            enc = SentenceTransformer("all-MiniLM-L6-v2")
            train = [json.loads(l) for l in open("data/banking77_train.jsonl")]
            test = [json.loads(l) for l in open("data/banking77_test.jsonl")]
            X_train = enc.encode([r["text"] for r in train], batch_size=256)
            X_test = enc.encode([r["text"] for r in test], batch_size=256)
            y_train = np.array([r["label"] for r in train])
            y_test = np.array([r["label"] for r in test])

            clf = LogisticRegression(max_iter=2000, C=2.0).fit(X_train, y_train)
            report = summarise(clf.predict(X_test), y_test)
            print(report)
            json.dump({"encoder": "all-MiniLM-L6-v2", **report}, open("results/probe.json", "w"))
        ''',
    },
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "eval-shelve-cache-key-without-temperature",
    "style": "llm-eval",
    "description": "Temperature sweep for a diversity study: a shelve-backed cache in a small client class "
                   "keys responses by model and prompt only. The sweep calls it at temperatures 0.0, 0.7 and "
                   "1.2 in turn, so after the first pass every temperature reads the greedy answers back and "
                   "the 'diversity does not change with temperature' result is the cache.",
    "files": {
        "llmcache.py": '''
            import hashlib
            import shelve

            from openai import OpenAI


            class CachedClient:
                def __init__(self, path: str = ".cache/responses.db"):
                    self.db = shelve.open(path)
                    self.client = OpenAI()

                def complete(self, model: str, prompt: str, temperature: float = 0.0, max_tokens: int = 200) -> str:
                    key = hashlib.sha1(f"{model}::{prompt}".encode()).hexdigest()  «EVAL-CACHE|the cache key is model and prompt only; the sweep varies temperature, so every temperature after the first reads back the first temperature's responses»
                    if key not in self.db:
                        out = self.client.chat.completions.create(
                            model=model, temperature=temperature, max_tokens=max_tokens,
                            messages=[{"role": "user", "content": prompt}],
                        )
                        self.db[key] = out.choices[0].message.content
                    return self.db[key]
        ''',
        "sweep_temperature.py": '''
            import json
            import itertools

            from llmcache import CachedClient

            cc = CachedClient()
            prompts = [l.strip() for l in open("data/story_openings.txt") if l.strip()]


            def distinct_2(texts):
                grams = [g for t in texts for g in zip(t.split(), t.split()[1:])]
                return len(set(grams)) / max(1, len(grams))


            results = {}
            for temp in (0.0, 0.7, 1.2):
                outs = [cc.complete("gpt-4o-mini", p, temperature=temp) for p in prompts]
                results[str(temp)] = {"distinct_2": distinct_2(outs), "n": len(outs)}
            print(json.dumps(results, indent=2))
            json.dump(results, open("results/diversity_vs_temperature.json", "w"), indent=2)
        ''',
        "data/story_openings.txt": '''
            The lighthouse keeper found a letter addressed to someone who had died a century ago.
            On the morning the rain stopped, the town forgot how to speak.
        ''',
        "results/diversity_vs_temperature.json": '''
            {
              "0.0": {"distinct_2": 0.612, "n": 300},
              "0.7": {"distinct_2": 0.612, "n": 300},
              "1.2": {"distinct_2": 0.612, "n": 300}
            }
        ''',
    },
    "file_ok": [("results/diversity_vs_temperature.json", "RESULT-SUSPECT"),
                ("results/diversity_vs_temperature.json", "RESULT-PROVENANCE"),
                ("sweep_temperature.py", "SEED-SAMPLING")],
})

CASES.append({
    "id": "clean-eval-cache-key-all-settings",
    "style": "llm-eval",
    "description": "Clean twin: the response cache (a functools.lru_cache over a function whose arguments are "
                   "model, prompt, temperature and seed) is keyed by everything the sweep varies; each "
                   "temperature is sampled with five seeds.",
    "files": {
        "llmcache.py": '''
            import functools

            from openai import OpenAI

            client = OpenAI()


            @functools.lru_cache(maxsize=None)
            def complete(model: str, prompt: str, temperature: float, seed: int) -> str:
                out = client.chat.completions.create(
                    model=model, temperature=temperature, seed=seed, max_tokens=200,
                    messages=[{"role": "user", "content": prompt}],
                )
                return out.choices[0].message.content
        ''',
        "sweep_temperature.py": '''
            import json
            import statistics

            from llmcache import complete

            prompts = [l.strip() for l in open("data/story_openings.txt") if l.strip()]
            SEEDS = range(5)


            def distinct_2(texts):
                grams = [g for t in texts for g in zip(t.split(), t.split()[1:])]
                return len(set(grams)) / max(1, len(grams))


            results = {"model": "gpt-4o-mini", "seeds": list(SEEDS), "n_prompts": len(prompts)}
            for temp in (0.0, 0.7, 1.2):
                per_seed = [distinct_2([complete("gpt-4o-mini", p, temp, s) for p in prompts]) for s in SEEDS]
                results[str(temp)] = {"mean": statistics.mean(per_seed), "sd": statistics.stdev(per_seed)}
            json.dump(results, open("results/diversity_vs_temperature.json", "w"), indent=2)
        ''',
        "data/story_openings.txt": '''
            The lighthouse keeper found a letter addressed to someone who had died a century ago.
        ''',
    },
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "eval-steering-conditions-different-items",
    "style": "llm-eval",
    "description": "Activation-steering study on TruthfulQA MC1 with transformers. The unsteered baseline "
                   "is scored on the first 300 questions, the steered model on 300 questions drawn after a "
                   "seeded shuffle, so the two accuracies compare different items and the reported gain is "
                   "partly item difficulty.",
    "files": {
        "steer_eval.py": '''
            import json

            import torch
            from datasets import load_dataset
            from transformers import AutoModelForCausalLM, AutoTokenizer

            MODEL = "meta-llama/Llama-3.2-1B-Instruct"
            tok = AutoTokenizer.from_pretrained(MODEL)
            model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16).eval()
            ds = load_dataset("truthfulqa/truthful_qa", "multiple_choice", split="validation")
            steer = torch.load("vectors/honesty_layer12.pt")


            def add_vector(module, inputs, output, alpha=4.0):
                return (output[0] + alpha * steer.to(output[0].dtype),) + output[1:]


            @torch.no_grad()
            def mc1_accuracy(rows) -> float:
                right = 0
                for row in rows:
                    choices = row["mc1_targets"]["choices"]
                    lls = []
                    for c in choices:
                        ids = tok(row["question"] + " " + c, return_tensors="pt").input_ids
                        lls.append(-model(ids, labels=ids).loss.item())
                    right += int(max(range(len(choices)), key=lls.__getitem__) == 0)
                return right / len(rows)


            base_rows = ds.select(range(300))
            base = mc1_accuracy(base_rows)

            steer_rows = ds.shuffle(seed=1).select(range(300))  «EVAL-MISMATCH|the steered condition is scored on 300 questions after a shuffle while the baseline used the first 300: the two accuracies are on different items»
            hook = model.model.layers[12].register_forward_hook(add_vector)
            steered = mc1_accuracy(steer_rows)
            hook.remove()

            json.dump({"model": MODEL, "baseline": base, "steered": steered, "n": 300},
                      open("results/steering_mc1.json", "w"), indent=2)
            print(f"MC1 baseline {base:.3f} -> steered {steered:.3f}")
        ''',
    },
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "eval-xgb-cv-loop-error-on-training-fold",
    "style": "sklearn",
    "description": "Energy-demand regression with XGBoost in a manual 5-fold loop over numpy arrays. The "
                   "per-fold RMSE is computed on the indices the model was fit on (train_idx), so the "
                   "cross-validated error reported in the paper table is the training error.",
    "files": {
        "cv_xgb.py": '''
            import json

            import numpy as np
            import xgboost as xgb
            from sklearn.metrics import mean_squared_error
            from sklearn.model_selection import KFold

            data = np.load("data/building_energy.npz")
            X, y = data["X"], data["y"]

            rmses = []
            for fold, (train_idx, held_idx) in enumerate(KFold(n_splits=5, shuffle=True, random_state=3).split(X)):
                reg = xgb.XGBRegressor(n_estimators=600, max_depth=6, learning_rate=0.05, subsample=0.8,
                                       random_state=3)
                reg.fit(X[train_idx], y[train_idx])
                pred = reg.predict(X[train_idx])  «EVAL-TRAIN+1|each fold's RMSE is computed on train_idx, the rows the model was just fit on; held_idx is never used, so the 'cross-validated' RMSE is training error»
                rmses.append(float(np.sqrt(mean_squared_error(y[train_idx], pred))))
                print(f"fold {fold}: rmse {rmses[-1]:.2f}")

            json.dump({"model": "xgboost", "cv_rmse_mean": float(np.mean(rmses)), "cv_rmse_sd": float(np.std(rmses)),
                       "folds": rmses}, open("results/cv.json", "w"), indent=2)
        ''',
    },
})
