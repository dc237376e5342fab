from build import case, filler

# ---------------------------------------------------------------- LEAK-1 ColumnTransformer on full frame, split elsewhere
_loan_train = """
    import json

    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split

    from loans.preprocess import build_matrix


    def main():
        X, y = build_matrix("data/loans.csv")
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
        clf = LogisticRegression(max_iter=1000).fit(X_tr, y_tr)
        auc = roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])
        json.dump({"test_auc": auc, "n_test": int(len(y_te)), "seed": 0}, open("results/auc.json", "w"))


    if __name__ == "__main__":
        main()
    """
_loan_cols = """
    NUMERIC = ["income", "loan_amount", "dti", "credit_history_months"]
    CATEGORICAL = ["home_ownership", "purpose", "state"]
    TARGET = "defaulted"
    """

case("leak-columntransformer-module-before-split", "sklearn",
     "A loan-default package standardises, imputes and one-hot encodes with a ColumnTransformer fit_transform on "
     "the whole CSV in preprocess.py; train.py splits the resulting matrix afterwards, so test rows shaped the "
     "imputation medians, scaling and vocabulary.",
     {**filler("loans", ("scikit-learn", "pandas")),
      "README.md": "# loans\n\n    python -m loans.train\n",
      "src/loans/columns.py": _loan_cols,
      "src/loans/train.py": _loan_train,
      "src/loans/preprocess.py": """
        import pandas as pd
        from sklearn.compose import ColumnTransformer
        from sklearn.impute import SimpleImputer
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import OneHotEncoder, StandardScaler

        from loans.columns import CATEGORICAL, NUMERIC, TARGET


        def build_matrix(path):
            df = pd.read_csv(path)
            ct = ColumnTransformer([
                ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMERIC),
                ("cat", OneHotEncoder(handle_unknown="ignore", min_frequency=20), CATEGORICAL),
            ])
            X = ct.fit_transform(df[NUMERIC + CATEGORICAL])  #@ LEAK-PREPROC the transformer is fit on all rows; the split happens later in train.py
            return X, df[TARGET].to_numpy()
        """})

case("leak-clean-columntransformer-in-pipeline", "sklearn",
     "Clean twin: preprocess.py returns the raw frame and an unfitted ColumnTransformer; train.py fits the "
     "pipeline on the training split only.",
     {**filler("loans", ("scikit-learn", "pandas")),
      "README.md": "# loans\n\n    python -m loans.train\n",
      "src/loans/columns.py": _loan_cols,
      "src/loans/train.py": _loan_train.replace("from sklearn.linear_model import LogisticRegression",
                                                "from sklearn.linear_model import LogisticRegression\n    from sklearn.pipeline import make_pipeline").replace(
          "clf = LogisticRegression(max_iter=1000).fit(X_tr, y_tr)",
          "clf = make_pipeline(build_preprocessor(), LogisticRegression(max_iter=1000)).fit(X_tr, y_tr)").replace(
          "from loans.preprocess import build_matrix", "from loans.preprocess import build_matrix, build_preprocessor"),
      "src/loans/preprocess.py": """
        import pandas as pd
        from sklearn.compose import ColumnTransformer
        from sklearn.impute import SimpleImputer
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import OneHotEncoder, StandardScaler

        from loans.columns import CATEGORICAL, NUMERIC, TARGET


        def build_preprocessor():
            return ColumnTransformer([
                ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMERIC),
                ("cat", OneHotEncoder(handle_unknown="ignore", min_frequency=20), CATEGORICAL),
            ])


        def build_matrix(path):
            df = pd.read_csv(path)
            return df[NUMERIC + CATEGORICAL], df[TARGET].to_numpy()
        """})

# ---------------------------------------------------------------- LEAK-2 polars z-score before split
case("leak-polars-zscore-before-split", "mixed",
     "A polars feature script z-scores every sensor column with the mean and std of the whole table, then writes "
     "train/test parquet files by a random mask; the test rows contributed to the normalisation.",
     {"README.md": "# turbofan\n\n`python features.py && python fit.py`\n",
      "features.py": """
        import numpy as np
        import polars as pl

        SENSORS = [f"s{i}" for i in range(1, 22)]
        df = pl.read_csv("data/train_FD001.csv")
        df = df.with_columns([((pl.col(c) - pl.col(c).mean()) / pl.col(c).std()).alias(c) for c in SENSORS])  #@ LEAK-PREPROC z-scores use statistics of all rows, test included
        rng = np.random.default_rng(42)
        units = df["unit"].unique().sort().to_numpy()
        test_units = set(rng.choice(units, size=len(units) // 5, replace=False).tolist())
        is_test = df["unit"].is_in(list(test_units))
        df.filter(~is_test).write_parquet("data/train.parquet")
        df.filter(is_test).write_parquet("data/test.parquet")
        """,
      "fit.py": """
        import json

        import polars as pl
        from sklearn.ensemble import RandomForestRegressor
        from sklearn.metrics import mean_absolute_error

        tr, te = pl.read_parquet("data/train.parquet"), pl.read_parquet("data/test.parquet")
        feats = [c for c in tr.columns if c.startswith("s")]
        rf = RandomForestRegressor(n_estimators=300, random_state=0).fit(tr[feats].to_numpy(), tr["rul"].to_numpy())
        mae = mean_absolute_error(te["rul"].to_numpy(), rf.predict(te[feats].to_numpy()))
        json.dump({"mae": mae, "n_test": te.height}, open("results/rul.json", "w"))
        """})

# ---------------------------------------------------------------- LEAK-3 textbook: C chosen by test score
case("leak-textbook-c-by-test-score", "sklearn",
     "Plain spelling: the regularisation strength is chosen by the score on the test split and that same test "
     "score is reported.",
     {"README.md": "# spam\n\nTF-IDF + logistic regression; `python spam.py` writes results/best.json.\n",
      "spam.py": """
        import json

        import pandas as pd
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import train_test_split

        df = pd.read_csv("data/sms_spam.csv")
        tr, te = train_test_split(df, test_size=0.2, random_state=1, stratify=df["label"])
        vec = TfidfVectorizer(min_df=2).fit(tr["text"])
        X_train, X_test = vec.transform(tr["text"]), vec.transform(te["text"])

        best_acc, best_C = 0.0, None
        for C in [0.01, 0.1, 1.0, 10.0, 100.0]:
            clf = LogisticRegression(C=C, max_iter=1000).fit(X_train, tr["label"])
            acc = clf.score(X_test, te["label"])  #@ LEAK-SELECT C is selected on the test split and that score is reported
            if acc > best_acc:
                best_acc, best_C = acc, C

        json.dump({"C": best_C, "test_acc": best_acc}, open("results/best.json", "w"))
        """})

# ---------------------------------------------------------------- LEAK-4 is_best on test acc next to val acc
def _ckpt(line):
    return """
        import torch
        import torch.nn.functional as F

        from dataset import get_loaders
        from model import ResNet18

        torch.manual_seed(0)


        @torch.no_grad()
        def accuracy(model, loader):
            model.eval()
            hits = n = 0
            for x, y in loader:
                hits += (model(x.cuda()).argmax(1).cpu() == y).sum().item()
                n += len(y)
            return hits / n


        train_loader, val_loader, test_loader = get_loaders(batch_size=128, seed=0)
        model = ResNet18(num_classes=10).cuda()
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
        best_acc = 0.0
        for epoch in range(100):
            model.train()
            for x, y in train_loader:
                opt.zero_grad()
                F.cross_entropy(model(x.cuda()), y.cuda()).backward()
                opt.step()
            val_acc = accuracy(model, val_loader)
            test_acc = accuracy(model, test_loader)
    """ + line + """
            if is_best:
                best_acc = max(best_acc, test_acc)
                torch.save(model.state_dict(), "checkpoints/best.pt")
            print(f"epoch {epoch} val {val_acc:.4f} test {test_acc:.4f} best {best_acc:.4f}")
        """


_ckpt_data = """
    import torch
    from torch.utils.data import DataLoader, random_split
    from torchvision import datasets, transforms


    def get_loaders(batch_size, seed):
        tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.49, 0.48, 0.45), (0.25, 0.24, 0.26))])
        full = datasets.CIFAR10("data", train=True, transform=tf, download=True)
        train, val = random_split(full, [45000, 5000], generator=torch.Generator().manual_seed(seed))
        test = datasets.CIFAR10("data", train=False, transform=tf, download=True)
        return (DataLoader(train, batch_size, shuffle=True), DataLoader(val, 512), DataLoader(test, 512))
    """
_ckpt_model = """
    from torchvision.models import resnet18


    def ResNet18(num_classes):
        return resnet18(num_classes=num_classes)
    """

case("leak-isbest-test-next-to-val", "torch",
     "A CIFAR-10 loop computes both validation and test accuracy each epoch and keeps the checkpoint whose "
     "test accuracy is best; the reported best accuracy is a maximum over epochs of the test score.",
     {"README.md": "# cifar-resnet\n\nBest accuracy printed by train.py.\n",
      "dataset.py": _ckpt_data, "model.py": _ckpt_model,
      "train.py": _ckpt("""
            is_best = test_acc > best_acc  #@ LEAK-SELECT the checkpoint is chosen by test accuracy although val accuracy is computed one line above
    """)})

case("leak-clean-isbest-val", "torch",
     "Clean twin: the checkpoint is chosen on validation accuracy; test accuracy of that checkpoint is reported.",
     {"README.md": "# cifar-resnet\n\nBest accuracy printed by train.py.\n",
      "dataset.py": _ckpt_data, "model.py": _ckpt_model,
      "train.py": _ckpt("""
            is_best = val_acc > best_acc
    """).replace("best_acc = max(best_acc, test_acc)", "best_acc, test_at_best = val_acc, test_acc").replace(
          "best {best_acc:.4f}", "best val {best_acc:.4f}")})

# ---------------------------------------------------------------- LEAK-5 keras callbacks on validation_data=test
case("leak-keras-callbacks-test-as-validation", "notebook",
     "A Keras notebook passes validation_data=(X_test, y_test) to fit while ModelCheckpoint(save_best_only) and "
     "ReduceLROnPlateau monitor val_accuracy; the saved model and the LR schedule are chosen on the test set.",
     {"README.md": "# ecg-keras\n\nSee ecg.ipynb.\n",
      "ecg.ipynb": [
          ("markdown", "# ECG beat classification (MIT-BIH)"),
          ("code", """
            import numpy as np
            import pandas as pd
            import tensorflow as tf
            from tensorflow.keras import layers
            from tensorflow.keras.callbacks import ModelCheckpoint, ReduceLROnPlateau
            tf.keras.utils.set_random_seed(0)
            """),
          ("code", """
            train = pd.read_csv("data/mitbih_train.csv", header=None)
            test = pd.read_csv("data/mitbih_test.csv", header=None)
            X_train, y_train = train.iloc[:, :-1].to_numpy()[..., None], train.iloc[:, -1].to_numpy()
            X_test, y_test = test.iloc[:, :-1].to_numpy()[..., None], test.iloc[:, -1].to_numpy()
            """),
          ("code", """
            model = tf.keras.Sequential([
                layers.Conv1D(32, 5, activation="relu", input_shape=(187, 1)),
                layers.MaxPooling1D(2),
                layers.Conv1D(64, 5, activation="relu"),
                layers.GlobalAveragePooling1D(),
                layers.Dense(5, activation="softmax"),
            ])
            model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            callbacks = [
                ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True),
                ReduceLROnPlateau(monitor="val_accuracy", factor=0.5, patience=3),
            ]
            history = model.fit(X_train, y_train, epochs=40, batch_size=256,
                                validation_data=(X_test, y_test), callbacks=callbacks)  #@ LEAK-SELECT checkpoint and LR schedule monitor the test set
            """),
          ("code", """
            best = tf.keras.models.load_model("best.keras")
            loss, acc = best.evaluate(X_test, y_test)
            print("test accuracy", acc)
            """),
      ]})

# ---------------------------------------------------------------- LEAK-6 selection through split="test" default
case("leak-select-helper-default-test", "llm-eval",
     "A prompt-selection script picks the best of five instruction variants by calling evaluate(variant), whose "
     "split parameter defaults to 'test'; the winning variant's test accuracy is then reported.",
     {"README.md": "# prompt-select\n\n`python select_prompt.py`\n",
      "evaluation.py": """
        import json

        from openai import OpenAI

        client = OpenAI()
        SPLITS = {name: [json.loads(l) for l in open(f"data/boolq_{name}.jsonl")] for name in ("dev", "test")}


        def evaluate(instruction, split="test", model="gpt-4o-mini"):
            items = SPLITS[split]
            hits = 0
            for it in items:
                reply = client.chat.completions.create(
                    model=model, temperature=0,
                    messages=[{"role": "system", "content": instruction},
                              {"role": "user", "content": it["passage"] + "\\n\\nQ: " + it["question"]}],
                ).choices[0].message.content
                hits += reply.strip().lower().startswith("yes") == it["answer"]
            return hits / len(items)
        """,
      "select_prompt.py": """
        import json

        from evaluation import evaluate

        VARIANTS = [
            "Answer yes or no.",
            "Read the passage carefully and answer yes or no.",
            "You are a careful reader. Reply with yes or no only.",
            "Answer the question about the passage with a single word: yes or no.",
            "Decide whether the statement is supported. Output yes or no.",
        ]

        scores = {v: evaluate(v) for v in VARIANTS}  #@ LEAK-SELECT the variant is chosen by evaluate(), whose split defaults to test
        best = max(scores, key=scores.get)
        json.dump({"best_instruction": best, "test_acc": scores[best]}, open("results/selected.json", "w"), indent=1)
        """})

# ---------------------------------------------------------------- LEAK-7 shuffled KFold on daily rows
def _energy(cv_line):
    return """
        import json

        import lightgbm as lgb
        import numpy as np
        import pandas as pd
        from sklearn.metrics import mean_absolute_percentage_error
        from sklearn.model_selection import KFold, TimeSeriesSplit

        df = pd.read_csv("data/household_power_daily.csv", parse_dates=["date"]).sort_values("date")
        df["dow"] = df["date"].dt.dayofweek
        df["lag_1"] = df["kwh"].shift(1)
        df["lag_7"] = df["kwh"].shift(7)
        df = df.dropna(subset=["lag_7"]).reset_index(drop=True)
        FEATURES = ["dow", "lag_1", "lag_7", "temp_max", "temp_min"]
        print(f"{len(df)} days after removing the first week")

    """ + cv_line + """
        errors = []
        for tr_idx, te_idx in cv.split(df):
            model = lgb.LGBMRegressor(n_estimators=400, learning_rate=0.05, random_state=0)
            model.fit(df.loc[tr_idx, FEATURES], df.loc[tr_idx, "kwh"])
            errors.append(mean_absolute_percentage_error(df.loc[te_idx, "kwh"], model.predict(df.loc[te_idx, FEATURES])))
        json.dump({"mape_mean": float(np.mean(errors)), "folds": len(errors)}, open("results/cv.json", "w"))
        """


case("leak-lgbm-shuffled-kfold-daily", "mixed",
     "A daily electricity forecast with lag features is cross-validated with KFold(shuffle=True); folds train on "
     "days after the ones they forecast.",
     {"README.md": "# power-forecast\n\nMAPE from 5-fold CV in results/cv.json.\n",
      "forecast.py": _energy("""
        cv = KFold(n_splits=5, shuffle=True, random_state=0)  #@ LEAK-SPLIT:3 time-ordered days are split by a shuffled KFold
    """)})

case("leak-clean-lgbm-timeseries-split", "mixed",
     "Clean twin: the same forecast is cross-validated with TimeSeriesSplit.",
     {"README.md": "# power-forecast\n\nMAPE from 5-fold CV in results/cv.json.\n",
      "forecast.py": _energy("""
        cv = TimeSeriesSplit(n_splits=5)
    """)})

# ---------------------------------------------------------------- LEAK-8 rolling mean includes today's target
case("leak-rolling-includes-current-target", "mixed",
     "A store-sales model adds a 7-day rolling mean of sales computed without a shift, so each row's feature "
     "includes that row's own target.",
     {"README.md": "# store-sales\n\nR2 in results/r2.json.\n",
      "features.py": """
        import pandas as pd


        def add_features(df):
            df = df.sort_values(["store", "date"]).copy()
            df["dow"] = df["date"].dt.dayofweek
            df["promo_7d"] = df.groupby("store")["promo"].transform(lambda s: s.rolling(7, min_periods=1).sum())
            df["sales_7d_mean"] = df.groupby("store")["sales"].transform(lambda s: s.rolling(7, min_periods=1).mean())  #@ LEAK-TARGET the rolling mean includes the current row's sales (no shift)
            return df
        """,
      "train.py": """
        import json

        import pandas as pd
        import xgboost as xgb
        from sklearn.metrics import r2_score

        from features import add_features

        df = add_features(pd.read_csv("data/sales.csv", parse_dates=["date"]))
        cut = df["date"].quantile(0.8)
        tr, te = df[df["date"] <= cut], df[df["date"] > cut]
        FEATS = ["dow", "promo_7d", "sales_7d_mean", "store"]
        model = xgb.XGBRegressor(n_estimators=500, max_depth=6, random_state=0).fit(tr[FEATS], tr["sales"])
        json.dump({"r2": r2_score(te["sales"], model.predict(te[FEATS])), "cutoff": str(cut)}, open("results/r2.json", "w"))
        """})

# ---------------------------------------------------------------- LEAK-9 HF datasets row split of multi-visit patients
def _notes(split):
    return """
        import numpy as np
        from datasets import load_dataset
        from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                                  TrainingArguments, set_seed)

        set_seed(0)
        MODEL = "emilyalsentzer/Bio_ClinicalBERT"
        tok = AutoTokenizer.from_pretrained(MODEL)

        # one row per discharge note; patients have several admissions
        ds = load_dataset("csv", data_files="data/discharge_notes.csv")["train"]
        ds = ds.filter(lambda ex: ex["text"] is not None and len(ex["text"]) > 50)
        print(ds.num_rows, "notes from", len(set(ds["subject_id"])), "patients")
    """ + split + """
        enc = splits.map(lambda b: tok(b["text"], truncation=True, max_length=512), batched=True)

        model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2)
        args = TrainingArguments("out/readmit", num_train_epochs=3, per_device_train_batch_size=16, seed=0,
                                 eval_strategy="no", report_to=[])
        trainer = Trainer(model=model, args=args, train_dataset=enc["train"], tokenizer=tok)
        trainer.train()
        metrics = trainer.evaluate(enc["test"])
        trainer.save_metrics("test", metrics)
        """


case("leak-hf-notes-row-split-patients", "mixed",
     "A readmission classifier on discharge notes splits the HF dataset by row with Dataset.train_test_split; "
     "patients with several admissions have notes on both sides.",
     {"README.md": "# readmit-bert\n\n`python finetune.py`\n",
      "finetune.py": _notes("""
        splits = ds.train_test_split(test_size=0.2, seed=0)  #@ LEAK-SPLIT notes of the same patient land in both splits
    """)})

case("leak-clean-hf-notes-patient-split", "mixed",
     "Clean twin: patient ids are split first and the notes follow their patient.",
     {"README.md": "# readmit-bert\n\n`python finetune.py`\n",
      "finetune.py": _notes("""
        from datasets import DatasetDict

        patients = np.array(sorted(set(ds["subject_id"])))
        rng = np.random.default_rng(0)
        test_patients = set(rng.choice(patients, size=len(patients) // 5, replace=False).tolist())
        splits = DatasetDict({
            "train": ds.filter(lambda ex: ex["subject_id"] not in test_patients),
            "test": ds.filter(lambda ex: ex["subject_id"] in test_patients),
        })
    """)})

# ---------------------------------------------------------------- LEAK-10 gold via template.format(**row)
case("leak-format-kwargs-target-field", "llm-eval",
     "An MCQ template ends with 'Respond as: Answer: {target}' meant as a format hint, but it is filled with "
     "template.format(**row) and every row has a 'target' key holding the gold letter, so the answer is in the prompt.",
     {"README.md": "# medqa-eval\n\n`python run_medqa.py`\n",
      "run_medqa.py": """
        import json

        import anthropic

        client = anthropic.Anthropic()


        def render(row):
            template = "{question}\\n\\nA) {A}\\nB) {B}\\nC) {C}\\nD) {D}\\n\\nRespond as: Answer: {target}"  #@ LEAK-PROMPT:1 the {target} field is filled with the gold letter from the row
            return template.format(**row)


        rows = [json.loads(l) for l in open("data/medqa_test.jsonl")]
        hits = 0
        for row in rows:
            msg = client.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=20, temperature=0,
                                         messages=[{"role": "user", "content": render(row)}])
            hits += msg.content[0].text.strip().removeprefix("Answer:").strip()[:1] == row["target"]
        print(json.dumps({"accuracy": hits / len(rows), "n": len(rows)}))
        """,
      "data/medqa_test.jsonl": '{"question": "Which vitamin deficiency causes scurvy?", "A": "A", "B": "B12", "C": "C", "D": "D", "target": "C"}\n'})

# ---------------------------------------------------------------- LEAK-11 few-shot drawn from the evaluated items
def _fewshot(pool):
    return """
        import json
        import random

        from openai import OpenAI

        client = OpenAI()
        train = [json.loads(l) for l in open("data/commonsenseqa_train.jsonl")]
        evaluation = [json.loads(l) for l in open("data/commonsenseqa_dev.jsonl")]
        rng = random.Random(1234)
    """ + pool + """


        def fmt(ex, with_answer):
            opts = " ".join(f"({l}) {t}" for l, t in zip("ABCDE", ex["choices"]))
            return f"Q: {ex['question']}\\n{opts}\\nA:" + (f" {ex['answerKey']}" if with_answer else "")


        prefix = "\\n\\n".join(fmt(s, True) for s in shots)
        hits = 0
        for ex in evaluation:
            reply = client.chat.completions.create(
                model="gpt-4o-mini", temperature=0, max_tokens=2,
                messages=[{"role": "user", "content": prefix + "\\n\\n" + fmt(ex, False)}],
            ).choices[0].message.content
            hits += reply.strip()[:1] == ex["answerKey"]
        print(json.dumps({"five_shot_acc": hits / len(evaluation), "n": len(evaluation)}))
        """


case("leak-fewshot-from-eval-items", "llm-eval",
     "Five-shot CommonsenseQA: the demonstrations are sampled (seeded) from the same dev items that are then "
     "evaluated, so five items are answered with their own solved example in the prompt.",
     {"README.md": "# csqa-fewshot\n\n`python fewshot.py`\n",
      "fewshot.py": _fewshot("""
        shots = rng.sample(evaluation, 5)  #@ LEAK-PROMPT demonstrations are drawn from the evaluated items
    """)})

case("leak-clean-fewshot-from-train", "llm-eval",
     "Clean twin: the demonstrations are sampled (seeded) from the training split.",
     {"README.md": "# csqa-fewshot\n\n`python fewshot.py`\n",
      "fewshot.py": _fewshot("""
        shots = rng.sample(train, 5)
    """)})
