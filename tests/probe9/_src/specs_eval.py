from build import case, filler

# ---------------------------------------------------------------- EVAL-1 eval sets dict, copy-paste train
_ads_files = {
    "README.md": """
        # ads-ctr

        Click-through prediction with a scikit-learn pipeline tuned by GridSearchCV.

            python -m ads_ctr.cli tune --config configs/gbdt.yaml
            python -m ads_ctr.cli report

        | split | F1 |
        |---|---|
        | train | see results/metrics.json |
        | test | see results/metrics.json |
        """,
    "configs/gbdt.yaml": """
        data: data/impressions.parquet
        target: clicked
        test_size: 0.2
        seed: 13
        grid:
          clf__learning_rate: [0.05, 0.1]
          clf__max_depth: [3, 5]
        """,
    "src/ads_ctr/features.py": """
        from sklearn.compose import ColumnTransformer
        from sklearn.preprocessing import OneHotEncoder, StandardScaler

        NUMERIC = ["hour", "bid", "position"]
        CATEGORICAL = ["device", "publisher"]


        def make_preprocessor():
            return ColumnTransformer([
                ("num", StandardScaler(), NUMERIC),
                ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
            ])
        """,
    "src/ads_ctr/cli.py": """
        import argparse
        import json

        import yaml

        from ads_ctr.train import tune


        def main(argv=None):
            ap = argparse.ArgumentParser(prog="ads_ctr")
            sub = ap.add_subparsers(dest="cmd", required=True)
            t = sub.add_parser("tune")
            t.add_argument("--config", required=True)
            sub.add_parser("report")
            args = ap.parse_args(argv)
            if args.cmd == "tune":
                cfg = yaml.safe_load(open(args.config))
                metrics = tune(cfg)
                json.dump({"config": cfg, **metrics}, open("results/metrics.json", "w"), indent=1)
            else:
                print(json.load(open("results/metrics.json")))


        if __name__ == "__main__":
            main()
        """,
}


def _ads_train(sets):
    return """
        import pandas as pd
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.metrics import f1_score
        from sklearn.model_selection import GridSearchCV, train_test_split
        from sklearn.pipeline import Pipeline

        from ads_ctr.features import make_preprocessor


        def tune(cfg):
            df = pd.read_parquet(cfg["data"])
            X, y = df.drop(columns=[cfg["target"]]), df[cfg["target"]]
            X_tr, X_te, y_tr, y_te = train_test_split(
                X, y, test_size=cfg["test_size"], random_state=cfg["seed"], stratify=y
            )
            pipe = Pipeline([("prep", make_preprocessor()),
                             ("clf", HistGradientBoostingClassifier(random_state=cfg["seed"]))])
            search = GridSearchCV(pipe, cfg["grid"], scoring="f1", cv=5)
            search.fit(X_tr, y_tr)
    """ + sets + """
            metrics = {"best_params": search.best_params_}
            for name, (X_eval, y_eval) in eval_sets.items():
                metrics[f"{name}_f1"] = f1_score(y_eval, search.predict(X_eval))
            return metrics
        """


case("eval-dict-test-entry-is-train", "sklearn",
     "A packaged CTR project tunes a scikit-learn pipeline with GridSearchCV on the training split, then "
     "reports F1 for each entry of an eval_sets dict; the 'test' entry was copy-pasted and holds the training "
     "split, so the reported test F1 is training F1.",
     {**filler("ads_ctr", ("scikit-learn", "pandas", "pyyaml")), **_ads_files,
      "src/ads_ctr/train.py": _ads_train("""
            eval_sets = {}
            eval_sets["train"] = (X_tr, y_tr)
            eval_sets["test"] = (X_tr, y_tr)  #@ EVAL-TRAIN the test entry holds the training split
    """)})

case("eval-clean-dict-test-entry", "sklearn",
     "Clean twin: the eval_sets dict maps test to the held-out split.",
     {**filler("ads_ctr", ("scikit-learn", "pandas", "pyyaml")), **_ads_files,
      "src/ads_ctr/train.py": _ads_train("""
            eval_sets = {}
            eval_sets["train"] = (X_tr, y_tr)
            eval_sets["test"] = (X_te, y_te)
    """)})

# ---------------------------------------------------------------- EVAL-2 statsmodels k-fold, error on training fold
def _kfold(body):
    return """
        import numpy as np
        import pandas as pd
        import statsmodels.api as sm
        from sklearn.model_selection import KFold

        df = pd.read_csv("data/county_health.csv")
        X = sm.add_constant(df[["income", "smoking_rate", "uninsured"]].to_numpy())
        y = df["life_expectancy"].to_numpy()

        kf = KFold(n_splits=10, shuffle=True, random_state=7)
        rmse = []
        for fit_idx, hold_idx in kf.split(X):
            ols = sm.OLS(y[fit_idx], X[fit_idx]).fit()
    """ + body + """
        print(f"10-fold RMSE: {np.mean(rmse):.3f} +/- {np.std(rmse):.3f}")
        pd.DataFrame({"fold": range(10), "rmse": rmse}).to_csv("results/cv_rmse.csv", index=False)
        """


case("eval-statsmodels-kfold-fit-fold", "mixed",
     "A statsmodels OLS cross-validation computes each fold's RMSE on the rows the model was fit on instead of the "
     "held-out fold, so the reported CV error is in-sample error.",
     {"README.md": "# county-life\n\nOLS of life expectancy. CV RMSE in results/cv_rmse.csv.\n",
      "cv_ols.py": _kfold("""
            resid = y[fit_idx] - ols.predict(X[fit_idx])  #@ EVAL-TRAIN the fold error is computed on the rows the model was fit on
            rmse.append(float(np.sqrt(np.mean(resid ** 2))))
    """)})

case("eval-clean-statsmodels-kfold-holdout", "mixed",
     "Clean twin: each fold's RMSE is computed on the held-out rows.",
     {"README.md": "# county-life\n\nOLS of life expectancy. CV RMSE in results/cv_rmse.csv.\n",
      "cv_ols.py": _kfold("""
            resid = y[hold_idx] - ols.predict(X[hold_idx])
            rmse.append(float(np.sqrt(np.mean(resid ** 2))))
    """)})

# ---------------------------------------------------------------- EVAL-3 cache class keyed by prompt only
def _cache(key_line):
    return """
        import hashlib
        import json
        import sqlite3

        from openai import OpenAI


        class CachedChat:
            def __init__(self, path="cache.sqlite"):
                self.db = sqlite3.connect(path)
                self.db.execute("CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, reply TEXT)")
                self.client = OpenAI()

            def __call__(self, prompt, model, system):
    """ + key_line + """
                row = self.db.execute("SELECT reply FROM cache WHERE key = ?", (key,)).fetchone()
                if row:
                    return row[0]
                reply = self.client.chat.completions.create(
                    model=model, temperature=0,
                    messages=[{"role": "system", "content": system}, {"role": "user", "content": prompt}],
                ).choices[0].message.content
                self.db.execute("INSERT INTO cache VALUES (?, ?)", (key, reply))
                self.db.commit()
                return reply
        """


_sweep = """
    import json
    import itertools

    from llmcache import CachedChat

    chat = CachedChat()
    questions = [json.loads(l) for l in open("data/strategyqa_dev.jsonl")]
    rows = []
    SYSTEMS = {"plain": "Answer yes or no.", "reason": "Think about the facts involved, then answer yes or no."}
    for model, (style, system) in itertools.product(["gpt-4o-mini", "gpt-4o"], SYSTEMS.items()):
        for q in questions:
            reply = chat(q["question"], model=model, system=system)
            rows.append({"model": model, "system": style, "id": q["id"],
                         "correct": reply.strip().lower().startswith("yes") == q["answer"]})
    json.dump(rows, open("results/sweep.json", "w"))
    """

case("eval-cache-class-prompt-only-key", "llm-eval",
     "A sqlite-backed chat cache class hashes only the user prompt; the sweep varies the model and the system "
     "prompt, so every configuration after the first reads gpt-4o-mini's plain-prompt replies.",
     {"README.md": "# strategyqa-sweep\n\n`python sweep.py`\n",
      "llmcache.py": _cache("""
                key = hashlib.sha256(prompt.encode()).hexdigest()  #@ EVAL-CACHE the key leaves out the model and the system prompt, which the sweep varies
    """), "sweep.py": _sweep})

case("eval-clean-cache-class-full-key", "llm-eval",
     "Clean twin: the cache key hashes model, system prompt and user prompt.",
     {"README.md": "# strategyqa-sweep\n\n`python sweep.py`\n",
      "llmcache.py": _cache("""
                key = hashlib.sha256(json.dumps([model, system, prompt]).encode()).hexdigest()
    """), "sweep.py": _sweep})

# ---------------------------------------------------------------- EVAL-4 pretrained backbone without eval()
def _probe(extra):
    return """
        import numpy as np
        import timm
        import torch
        from sklearn.linear_model import LogisticRegression
        from torch.utils.data import DataLoader
        from torchvision import datasets

        torch.manual_seed(0)


        def embed(backbone, dataset):
            loader = DataLoader(dataset, batch_size=256, num_workers=4)
            chunks, labels = [], []
            with torch.no_grad():
                for images, y in loader:
                    chunks.append(backbone(images.cuda()).cpu())
                    labels.append(y)
            return torch.cat(chunks).numpy(), torch.cat(labels).numpy()


        def main():
            backbone = timm.create_model("resnet50.a1_in1k", pretrained=True, num_classes=0).cuda()
    """ + extra + """
            cfg = timm.data.resolve_data_config({}, model=backbone)
            tf = timm.data.create_transform(**cfg)
            train = datasets.CIFAR100("data", train=True, transform=tf, download=True)
            test = datasets.CIFAR100("data", train=False, transform=tf, download=True)
            Xtr, ytr = embed(backbone, train)
            Xte, yte = embed(backbone, test)
            clf = LogisticRegression(max_iter=2000).fit(Xtr, ytr)
            print("linear probe acc", clf.score(Xte, yte))


        if __name__ == "__main__":
            main()
        """


case("eval-pretrained-embed-train-mode", "torch",
     "A linear-probe study embeds CIFAR-100 with a pretrained timm ResNet-50 under no_grad but never calls "
     ".eval(); BatchNorm normalises with each batch's statistics (and updates its running stats), so the "
     "features depend on batch composition.",
     {"README.md": "# probe-cifar\n\n`python linear_probe.py`\n",
      "linear_probe.py": _probe("").replace(
          'backbone = timm.create_model("resnet50.a1_in1k", pretrained=True, num_classes=0).cuda()',
          'backbone = timm.create_model("resnet50.a1_in1k", pretrained=True, num_classes=0).cuda()  #@ EVAL-MODE the pretrained network is never put in eval mode before embedding')})

case("eval-clean-pretrained-embed-eval-mode", "torch",
     "Clean twin: the backbone is put in eval mode right after loading.",
     {"README.md": "# probe-cifar\n\n`python linear_probe.py`\n",
      "linear_probe.py": _probe("""
            backbone.eval()
    """)})

# ---------------------------------------------------------------- EVAL-5 flax eval step with train=True
def _flax(flag):
    return """
        import jax
        import jax.numpy as jnp
        import optax
        from flax import linen as nn
        from flax.training import train_state


        class CNN(nn.Module):
            @nn.compact
            def __call__(self, x, train: bool):
                x = nn.Conv(32, (3, 3))(x)
                x = nn.relu(x)
                x = x.reshape((x.shape[0], -1))
                x = nn.Dense(256)(x)
                x = nn.Dropout(0.5, deterministic=not train)(x)
                return nn.Dense(10)(x)


        @jax.jit
        def train_step(state, batch, key):
            def loss_fn(params):
                logits = state.apply_fn({"params": params}, batch["image"], train=True, rngs={"dropout": key})
                return optax.softmax_cross_entropy_with_integer_labels(logits, batch["label"]).mean()
            grads = jax.grad(loss_fn)(state.params)
            return state.apply_gradients(grads=grads)


        @jax.jit
        def eval_step(state, batch, key):
    """ + flag + """
            return jnp.mean(jnp.argmax(logits, -1) == batch["label"])
        """


_flax_main = """
    import jax
    import numpy as np
    import optax
    import tensorflow_datasets as tfds
    from flax.training import train_state

    from model import CNN, eval_step, train_step

    rng = jax.random.PRNGKey(0)
    rng, init_key = jax.random.split(rng)
    model = CNN()
    params = model.init(init_key, np.zeros((1, 28, 28, 1)), train=False)["params"]
    state = train_state.TrainState.create(apply_fn=model.apply, params=params, tx=optax.adam(1e-3))

    train_ds = tfds.as_numpy(tfds.load("fashion_mnist", split="train", batch_size=128, shuffle_files=False))
    test_ds = list(tfds.as_numpy(tfds.load("fashion_mnist", split="test", batch_size=1000)))
    for epoch in range(5):
        for batch in train_ds:
            rng, key = jax.random.split(rng)
            state = train_step(state, {"image": batch["image"] / 255.0, "label": batch["label"]}, key)
        accs = []
        for batch in test_ds:
            rng, key = jax.random.split(rng)
            accs.append(eval_step(state, {"image": batch["image"] / 255.0, "label": batch["label"]}, key))
        print(epoch, float(np.mean(accs)))
    """

case("eval-flax-eval-step-dropout-on", "mixed",
     "A flax CNN's eval_step calls apply_fn with train=True and a dropout rng, so test accuracy is measured "
     "with dropout active.",
     {"README.md": "# fmnist-flax\n\n`python main.py`\n", "main.py": _flax_main,
      "model.py": _flax("""
            logits = state.apply_fn({"params": state.params}, batch["image"], train=True, rngs={"dropout": key})  #@ EVAL-MODE evaluation runs with dropout on (train=True)
    """)})

case("eval-clean-flax-eval-step-deterministic", "mixed",
     "Clean twin: eval_step calls apply_fn with train=False (the rng argument is unused).",
     {"README.md": "# fmnist-flax\n\n`python main.py`\n", "main.py": _flax_main,
      "model.py": _flax("""
            logits = state.apply_fn({"params": state.params}, batch["image"], train=False)
    """)})

# ---------------------------------------------------------------- EVAL-6 textbook validate without eval/no_grad
case("eval-textbook-validate-train-mode", "torch",
     "Plain spelling: a torch training loop calls model.train() each epoch and its validate() function runs the "
     "model without model.eval() or no_grad, so dropout is active in the validation accuracy used for the report.",
     {"README.md": "# textcnn\n\n`python train.py`\n",
      "train.py": """
        import torch
        import torch.nn as nn
        from torch.utils.data import DataLoader

        from data import load_splits

        torch.manual_seed(0)


        class TextCNN(nn.Module):
            def __init__(self, vocab, dim=128, n_classes=4):
                super().__init__()
                self.emb = nn.Embedding(vocab, dim)
                self.conv = nn.Conv1d(dim, 100, 5)
                self.drop = nn.Dropout(0.5)
                self.out = nn.Linear(100, n_classes)

            def forward(self, x):
                h = torch.relu(self.conv(self.emb(x).transpose(1, 2))).max(-1).values
                return self.out(self.drop(h))


        def validate(model, loader):
            correct = total = 0
            for x, y in loader:
                pred = model(x).argmax(1)  #@ EVAL-MODE validation runs in train mode with gradients on
                correct += (pred == y).sum().item()
                total += len(y)
            return correct / total


        train_set, val_set, vocab = load_splits()
        model = TextCNN(len(vocab))
        opt = torch.optim.Adam(model.parameters(), 1e-3)
        train_loader = DataLoader(train_set, batch_size=64, shuffle=True)
        val_loader = DataLoader(val_set, batch_size=256)
        for epoch in range(10):
            model.train()
            for x, y in train_loader:
                opt.zero_grad()
                loss = nn.functional.cross_entropy(model(x), y)
                loss.backward()
                opt.step()
            print(epoch, "val acc", validate(model, val_loader))
        """,
      "data.py": """
        import torch
        from datasets import load_dataset
        from torch.utils.data import TensorDataset


        def load_splits(max_len=200):
            ds = load_dataset("ag_news")
            vocab = {"<pad>": 0, "<unk>": 1}
            for text in ds["train"]["text"]:
                for w in text.lower().split():
                    vocab.setdefault(w, len(vocab))
            def encode(text):
                ids = [vocab.get(w, 1) for w in text.lower().split()[:max_len]]
                return ids + [0] * (max_len - len(ids))
            tr = ds["train"].map(lambda ex: {"ids": encode(ex["text"])})
            te = ds["test"].map(lambda ex: {"ids": encode(ex["text"])})
            to_t = lambda d: TensorDataset(torch.tensor(d["ids"]), torch.tensor(d["label"]))
            return to_t(tr), to_t(te), vocab
        """})

# ---------------------------------------------------------------- EVAL-7 star import, swapped under other names
case("eval-star-import-swapped-lists", "mixed",
     "A NER-style evaluation imports sklearn.metrics with a star and calls precision_score(pred_list, grd_list, "
     "average='macro'): predictions in the y_true slot, so precision and recall are exchanged.",
     {"README.md": "# intent-eval\n\n| metric | value |\n|---|---|\n| macro precision | see results |\n",
      "evaluate.py": """
        import json
        import sys

        from sklearn.metrics import *

        grd_list, pred_list = [], []
        for line in open(sys.argv[1]):
            rec = json.loads(line)
            grd_list.append(rec["gold_intent"])
            pred_list.append(rec["predicted_intent"])

        p = precision_score(pred_list, grd_list, average="macro")  #@ EVAL-ARGS predictions passed as y_true
        r = recall_score(grd_list, pred_list, average="macro")
        print(json.dumps({"macro_precision": p, "macro_recall": r, "n": len(grd_list)}))
        """})

# ---------------------------------------------------------------- EVAL-8 conditions over different item sets
case("eval-conditions-different-limits", "llm-eval",
     "A direct-vs-CoT comparison runs the cheap direct condition on all 1,319 GSM8K items and the expensive CoT "
     "condition on the first 300 only; the README compares the two accuracies as if on the same items.",
     {"README.md": "# cot-gain\n\n| condition | acc |\n|---|---|\n| direct | 0.61 |\n| cot | 0.84 |\n",
      "results/acc.json": '{"direct": 0.61, "cot": 0.84}\n',
      "compare.py": """
        import json
        import re

        from openai import OpenAI

        client = OpenAI()
        data = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]

        CONDITIONS = {
            "direct": {"suffix": "\\nGive only the final number.", "max_items": None},
            "cot": {"suffix": "\\nThink step by step, then give the final number.", "max_items": 300},
        }

        acc = {}
        for name, cond in CONDITIONS.items():
            items = data if cond["max_items"] is None else data[: cond["max_items"]]  #@ EVAL-MISMATCH the CoT condition is scored on the first 300 items, direct on all
            correct = 0
            for ex in items:
                reply = client.chat.completions.create(
                    model="gpt-4o-mini", temperature=0, max_tokens=1024,
                    messages=[{"role": "user", "content": ex["question"] + cond["suffix"]}],
                ).choices[0].message.content
                nums = re.findall(r"-?\\d+", reply.replace(",", ""))
                correct += bool(nums) and nums[-1] == ex["answer"]
            acc[name] = correct / len(items)
        json.dump(acc, open("results/acc.json", "w"))
        """})
