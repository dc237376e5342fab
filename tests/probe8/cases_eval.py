def define(case):
    case("p8-eval-dict-train", "sklearn",
         "LightGBM churn model with a time split into train / valid / test. The reporting loop walks a dict of "
         "named evaluation sets, but the \"test\" entry was copy-pasted as (X_tr, y_tr), so the reported test AUC "
         "is the training AUC.",
         {
             "README.md": """
                 # churn-lgbm
                 `python train.py` prints AUC on each split.
             """,
             "train.py": """
                 import lightgbm as lgb
                 import pandas as pd
                 from sklearn.metrics import roc_auc_score

                 df = pd.read_parquet("data/churn.parquet").sort_values("snapshot_date")
                 features = [c for c in df.columns if c not in ("customer_id", "snapshot_date", "churned")]
                 n = len(df)
                 train, valid, test = df.iloc[: int(0.7 * n)], df.iloc[int(0.7 * n): int(0.85 * n)], df.iloc[int(0.85 * n):]
                 X_tr, y_tr = train[features], train["churned"]
                 X_va, y_va = valid[features], valid["churned"]
                 X_te, y_te = test[features], test["churned"]

                 model = lgb.LGBMClassifier(n_estimators=2000, learning_rate=0.03, random_state=7)
                 model.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], callbacks=[lgb.early_stopping(100)])

                 eval_sets = {
                     "train": (X_tr, y_tr),
                     "valid": (X_va, y_va),
                     "test": (X_tr, y_tr),  #@EVAL-TRAIN
                 }
                 for name, (X, y) in eval_sets.items():
                     auc = roc_auc_score(y, model.predict_proba(X)[:, 1])
                     print(f"{name:>5} AUC {auc:.4f} (n={len(y)})")
             """,
         })

    case("p8-eval-kfold-trainfold", "sklearn",
         "Ridge regression of house prices with a 5-fold cross-validation loop written by hand; the fold error is "
         "computed on X[train_idx] / y[train_idx] instead of the held-out fold, so the reported CV RMSE is the "
         "training error.",
         {
             "README.md": """
                 # housing-ridge
                 `python cv.py`
             """,
             "cv.py": """
                 import numpy as np
                 import pandas as pd
                 from sklearn.linear_model import Ridge
                 from sklearn.metrics import mean_squared_error
                 from sklearn.model_selection import KFold
                 from sklearn.pipeline import make_pipeline
                 from sklearn.preprocessing import StandardScaler

                 df = pd.read_csv("data/housing.csv")
                 X = df.drop(columns=["price"]).to_numpy()
                 y = np.log(df["price"].to_numpy())

                 kf = KFold(n_splits=5, shuffle=True, random_state=0)
                 rmses = []
                 for fold, (train_idx, val_idx) in enumerate(kf.split(X)):
                     model = make_pipeline(StandardScaler(), Ridge(alpha=1.0))
                     model.fit(X[train_idx], y[train_idx])
                     pred = model.predict(X[train_idx])  #@EVAL-TRAIN+1
                     rmse = mean_squared_error(y[train_idx], pred) ** 0.5
                     rmses.append(rmse)
                     print(f"fold {fold}: rmse {rmse:.4f}")
                 print(f"CV RMSE {np.mean(rmses):.4f} +- {np.std(rmses):.4f}")
             """,
         })

    case("p8-clean-eval-kfold-valfold", "sklearn",
         "Clean twin of the hand-written CV loop: predictions and errors use the held-out fold; a training error "
         "is also printed, named as such, next to it.",
         {
             "README.md": """
                 # housing-ridge
                 `python cv.py`
             """,
             "cv.py": """
                 import numpy as np
                 import pandas as pd
                 from sklearn.linear_model import Ridge
                 from sklearn.metrics import mean_squared_error
                 from sklearn.model_selection import KFold
                 from sklearn.pipeline import make_pipeline
                 from sklearn.preprocessing import StandardScaler

                 df = pd.read_csv("data/housing.csv")
                 X = df.drop(columns=["price"]).to_numpy()
                 y = np.log(df["price"].to_numpy())

                 kf = KFold(n_splits=5, shuffle=True, random_state=0)
                 rmses = []
                 for fold, (train_idx, val_idx) in enumerate(kf.split(X)):
                     model = make_pipeline(StandardScaler(), Ridge(alpha=1.0))
                     model.fit(X[train_idx], y[train_idx])
                     train_rmse = mean_squared_error(y[train_idx], model.predict(X[train_idx])) ** 0.5
                     rmse = mean_squared_error(y[val_idx], model.predict(X[val_idx])) ** 0.5
                     rmses.append(rmse)
                     print(f"fold {fold}: val rmse {rmse:.4f} (train rmse {train_rmse:.4f})")
                 print(f"CV RMSE {np.mean(rmses):.4f} +- {np.std(rmses):.4f}")
             """,
         })

    case("p8-eval-cache-class", "llm-eval",
         "Temperature/model sweep with an on-disk response cache implemented as a class; the cache key is the "
         "sha256 of the prompt only, while the sweep varies the model and the temperature, so after the first "
         "configuration every other configuration is served the first one's replies.",
         {
             "README.md": """
                 # temp-sweep
                 Sweep of models and temperatures on a creative-writing constraint task. `python sweep.py`
             """,
             "cache.py": """
                 import hashlib
                 import json
                 import os


                 class DiskCache:
                     def __init__(self, path="cache/responses.jsonl"):
                         self.path = path
                         self.store = {}
                         if os.path.exists(path):
                             for line in open(path):
                                 rec = json.loads(line)
                                 self.store[rec["key"]] = rec["value"]

                     @staticmethod
                     def key(prompt):  #@EVAL-CACHE+1
                         return hashlib.sha256(prompt.encode()).hexdigest()

                     def get(self, prompt):
                         return self.store.get(self.key(prompt))

                     def put(self, prompt, value):
                         k = self.key(prompt)
                         self.store[k] = value
                         with open(self.path, "a") as f:
                             f.write(json.dumps({"key": k, "value": value}) + "\\n")
             """,
             "sweep.py": """
                 import json

                 from openai import OpenAI

                 from cache import DiskCache

                 client = OpenAI()
                 cache = DiskCache()
                 MODELS = ["gpt-4o-mini", "gpt-4o"]
                 TEMPERATURES = [0.0, 0.7, 1.0]


                 def complete(prompt, model, temperature):
                     hit = cache.get(prompt)
                     if hit is not None:
                         return hit
                     resp = client.chat.completions.create(model=model, temperature=temperature, seed=0,
                                                           messages=[{"role": "user", "content": prompt}])
                     text = resp.choices[0].message.content
                     cache.put(prompt, text)
                     return text


                 tasks = [json.loads(l) for l in open("data/constraints.jsonl")]
                 for model in MODELS:
                     for t in TEMPERATURES:
                         ok = [all(w in complete(task["prompt"], model, t) for w in task["must_include"]) for task in tasks]
                         print(f"{model} T={t}: constraint satisfaction {sum(ok) / len(ok):.3f} (n={len(ok)})")
             """,
         })

    case("p8-clean-eval-cache-full-key", "llm-eval",
         "Clean twin of the cached sweep: the cache key hashes the model, the temperature and the prompt together.",
         {
             "README.md": """
                 # temp-sweep
                 Sweep of models at temperature 0 on a constraint task. `python sweep.py`
             """,
             "cache.py": """
                 import hashlib
                 import json
                 import os


                 class DiskCache:
                     def __init__(self, path="cache/responses.jsonl"):
                         self.path = path
                         self.store = {}
                         if os.path.exists(path):
                             for line in open(path):
                                 rec = json.loads(line)
                                 self.store[rec["key"]] = rec["value"]

                     @staticmethod
                     def key(model, temperature, prompt):
                         return hashlib.sha256(json.dumps([model, temperature, prompt]).encode()).hexdigest()

                     def get(self, model, temperature, prompt):
                         return self.store.get(self.key(model, temperature, prompt))

                     def put(self, model, temperature, prompt, value):
                         k = self.key(model, temperature, prompt)
                         self.store[k] = value
                         with open(self.path, "a") as f:
                             f.write(json.dumps({"key": k, "model": model, "value": value}) + "\\n")
             """,
             "sweep.py": """
                 import json

                 from openai import OpenAI

                 from cache import DiskCache

                 client = OpenAI()
                 cache = DiskCache()
                 MODELS = ["gpt-4o-mini", "gpt-4o"]


                 def complete(prompt, model, temperature=0.0):
                     hit = cache.get(model, temperature, prompt)
                     if hit is not None:
                         return hit
                     resp = client.chat.completions.create(model=model, temperature=temperature,
                                                           messages=[{"role": "user", "content": prompt}])
                     text = resp.choices[0].message.content
                     cache.put(model, temperature, prompt, text)
                     return text


                 tasks = [json.loads(l) for l in open("data/constraints.jsonl")]
                 for model in MODELS:
                     ok = [all(w in complete(task["prompt"], model) for w in task["must_include"]) for task in tasks]
                     print(f"{model} T=0: constraint satisfaction {sum(ok) / len(ok):.3f} (n={len(ok)})")
             """,
         })

    case("p8-eval-no-eval-mode", "torch",
         "Linear probe on frozen ImageNet features: a helper in features.py runs a pretrained ResNet-50 over the "
         "loaders under torch.no_grad() but never calls .eval(), so BatchNorm uses batch statistics (and updates its "
         "running stats) while extracting test features.",
         {
             "README.md": """
                 # frozen-probe
                 Linear probe on frozen ResNet-50 features for our 12-class plant dataset. `python probe.py`
             """,
             "features.py": """
                 import torch
                 import torchvision


                 def load_backbone(device):
                     net = torchvision.models.resnet50(weights="IMAGENET1K_V2")
                     net.fc = torch.nn.Identity()
                     return net.to(device)


                 @torch.no_grad()
                 def extract(net, loader, device):  #@EVAL-MODE+3
                     feats, labels = [], []
                     for x, y in loader:
                         feats.append(net(x.to(device)).cpu())
                         labels.append(y)
                     return torch.cat(feats).numpy(), torch.cat(labels).numpy()
             """,
             "probe.py": """
                 import torch
                 from sklearn.linear_model import LogisticRegression
                 from torch.utils.data import DataLoader
                 from torchvision import datasets, transforms

                 from features import extract, load_backbone

                 torch.manual_seed(0)
                 device = "cuda" if torch.cuda.is_available() else "cpu"
                 tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                                          transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
                 train_ds = datasets.ImageFolder("data/plants/train", tf)
                 test_ds = datasets.ImageFolder("data/plants/test", tf)
                 net = load_backbone(device)
                 X_tr, y_tr = extract(net, DataLoader(train_ds, batch_size=64), device)
                 X_te, y_te = extract(net, DataLoader(test_ds, batch_size=64), device)
                 clf = LogisticRegression(max_iter=2000).fit(X_tr, y_tr)
                 print(f"linear probe test accuracy: {clf.score(X_te, y_te):.4f}")
             """,
         })

    case("p8-eval-swapped-args-star", "sklearn",
         "Text-classification scoring script that imports `from sklearn.metrics import *` and calls "
         "f1_score(pred_list, grd_list, average='macro') and classification_report(pred_list, grd_list): "
         "predictions passed as y_true, so per-class precision and recall are exchanged.",
         {
             "README.md": """
                 # intent-clf
                 `python evaluate.py --pred outputs/preds.txt`
             """,
             "evaluate.py": """
                 import argparse

                 from sklearn.metrics import *

                 ap = argparse.ArgumentParser()
                 ap.add_argument("--pred", required=True)
                 ap.add_argument("--gold", default="data/test_labels.txt")
                 args = ap.parse_args()

                 pred_list = [l.strip() for l in open(args.pred)]
                 grd_list = [l.strip() for l in open(args.gold)]
                 assert len(pred_list) == len(grd_list)

                 print("macro F1:", f1_score(pred_list, grd_list, average="macro"))  #@EVAL-ARGS+1
                 print(classification_report(pred_list, grd_list, digits=4))
             """,
         })

    case("p8-clean-eval-args-keywords", "sklearn",
         "Clean twin of the scoring script: the metric calls name y_true and y_pred explicitly, with the gold list "
         "first, under the same unusual variable names.",
         {
             "README.md": """
                 # intent-clf
                 `python evaluate.py --pred outputs/preds.txt`
             """,
             "evaluate.py": """
                 import argparse

                 from sklearn.metrics import classification_report, f1_score

                 ap = argparse.ArgumentParser()
                 ap.add_argument("--pred", required=True)
                 ap.add_argument("--gold", default="data/test_labels.txt")
                 args = ap.parse_args()

                 pred_list = [l.strip() for l in open(args.pred)]
                 grd_list = [l.strip() for l in open(args.gold)]
                 assert len(pred_list) == len(grd_list)

                 print("macro F1:", f1_score(y_true=grd_list, y_pred=pred_list, average="macro"))
                 print(classification_report(grd_list, pred_list, digits=4))
             """,
         })

    case("p8-eval-mismatch-subset", "llm-eval",
         "Chain-of-thought vs direct answering on a QA set: the direct condition runs on the first 200 items "
         "(to save cost) while the CoT condition runs on all 1,000, and the two accuracies are printed side by side "
         "as an improvement.",
         {
             "README.md": """
                 # cot-vs-direct
                 `python compare.py`
             """,
             "compare.py": """
                 import json

                 from openai import OpenAI

                 client = OpenAI()
                 items = [json.loads(l) for l in open("data/qa.jsonl")]


                 def ask(prompt):
                     r = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                                        messages=[{"role": "user", "content": prompt}])
                     return r.choices[0].message.content


                 def accuracy(items, style):
                     hits = 0
                     for it in items:
                         suffix = "Answer directly." if style == "direct" else "Think step by step, then give the answer after 'Answer:'."
                         out = ask(it["question"] + "\\n" + suffix)
                         hits += it["answer"].lower() in out.split("Answer:")[-1].lower()
                     return hits / len(items)


                 direct = accuracy(items[:200], "direct")  #@EVAL-MISMATCH+1
                 cot = accuracy(items, "cot")
                 print(f"direct {direct:.3f}  cot {cot:.3f}  gain {cot - direct:+.3f}")
             """,
         })
