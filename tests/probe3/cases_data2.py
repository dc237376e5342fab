# LEAK, RESULT and SEED cases of probe 3 (executed by make_cases.py).

# ---------------------------------------------------------------- LEAK
_CT_COLS = '''\
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["age", "income", "loan_amount", "credit_history_months", "debt_to_income"]
CATEGORICAL = ["home_ownership", "purpose", "employment_type"]
TARGET = "defaulted"

'''
case("leak-columntransformer-fit-in-loader",
     "Credit-default model: credit/features.py fits the imputer/scaler/one-hot ColumnTransformer "
     "on every row while loading; train.py splits the transformed matrix afterwards, so test "
     "medians, means and categories shape the training features.",
     "sklearn",
     {"credit/__init__.py": "",
      "credit/features.py": _CT_COLS + d('''
        preprocess = ColumnTransformer([
            ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), NUMERIC),
            ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
        ])


        def load_features(path: str):
            df = pd.read_csv(path)
            X = preprocess.fit_transform(df[NUMERIC + CATEGORICAL])
            y = df[TARGET].to_numpy()
            return X, y
        '''),
      "train.py": d('''
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import roc_auc_score
        from sklearn.model_selection import train_test_split

        from credit.features import load_features

        X, y = load_features("data/loans.csv")
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
        clf = LogisticRegression(max_iter=1000).fit(X_tr, y_tr)
        print("test AUROC", roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]))
        ''')},
     labels=[{"file": "credit/features.py", "find": "X = preprocess.fit_transform(", "category": "LEAK-PREPROC",
              "why": "preprocessing fit on all rows in the loader; the split happens later in train.py"}],
     also_ok=[{"file": "train.py", "find": "X, y = load_features(", "category": "LEAK-PREPROC"},
              {"file": "train.py", "find": "X_tr, X_te, y_tr, y_te = train_test_split", "category": "LEAK-PREPROC"}])

case("clean-leak-columntransformer-in-pipeline",
     "Clean twin: the loader returns raw columns; the ColumnTransformer is a Pipeline step fit "
     "on the training split only.",
     "sklearn",
     {"credit/__init__.py": "",
      "credit/features.py": _CT_COLS + d('''

        def make_preprocess() -> ColumnTransformer:
            return ColumnTransformer([
                ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), NUMERIC),
                ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
            ])


        def load_frame(path: str):
            df = pd.read_csv(path)
            return df[NUMERIC + CATEGORICAL], df[TARGET].to_numpy()
        '''),
      "train.py": d('''
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import roc_auc_score
        from sklearn.model_selection import train_test_split
        from sklearn.pipeline import Pipeline

        from credit.features import load_frame, make_preprocess

        X, y = load_frame("data/loans.csv")
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
        clf = Pipeline([("pre", make_preprocess()), ("lr", LogisticRegression(max_iter=1000))]).fit(X_tr, y_tr)
        print("test AUROC", roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]))
        ''')})

_SGD_HEAD = d('''
    from datasets import load_dataset
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier
    from sklearn.metrics import f1_score
    from sklearn.pipeline import make_pipeline

    ds = load_dataset("tweet_eval", "hate")
    train, val, test = ds["train"], ds["validation"], ds["test"]


    def build(alpha: float):
        return make_pipeline(
            TfidfVectorizer(min_df=2, ngram_range=(1, 2), sublinear_tf=True),
            SGDClassifier(loss="log_loss", alpha=alpha, random_state=0),
        )


    best_alpha, best_score = None, float("-inf")
    for alpha in [1e-5, 1e-4, 1e-3, 1e-2]:
        pipe = build(alpha).fit(train["text"], train["label"])
    ''')
case("leak-alpha-chosen-on-test",
     "TF-IDF + SGD hate-speech classifier: the regularisation strength is chosen by the macro-F1 "
     "on the test split inside the sweep, and that best test score is the one reported, although "
     "a validation split is loaded.",
     "sklearn",
     {"sweep_alpha.py": _SGD_HEAD + (
         '    score = f1_score(test["label"], pipe.predict(test["text"]), average="macro")\n'
         '    if score > best_score:\n'
         '        best_alpha, best_score = alpha, score\n'
         'print(f"best alpha={best_alpha}  test macro-F1={best_score:.3f}")\n')},
     labels=[{"file": "sweep_alpha.py", "find": 'score = f1_score(test["label"]', "end_find": "best_alpha, best_score = alpha, score",
              "category": "LEAK-SELECT", "why": "alpha selected on the test split"}])

case("clean-leak-alpha-chosen-on-validation",
     "Clean twin: alpha is chosen on the validation split, then the chosen model is scored once "
     "on test.",
     "sklearn",
     {"sweep_alpha.py": _SGD_HEAD + (
         '    score = f1_score(val["label"], pipe.predict(val["text"]), average="macro")\n'
         '    if score > best_score:\n'
         '        best_alpha, best_score = alpha, score\n'
         'final = build(best_alpha).fit(train["text"], train["label"])\n'
         'test_f1 = f1_score(test["label"], final.predict(test["text"]), average="macro")\n'
         'print(f"best alpha={best_alpha}  val macro-F1={best_score:.3f}  test macro-F1={test_f1:.3f}")\n')})

case("leak-lightning-val-loader-is-test",
     "Lightning audio classifier: the test loader is passed as val_dataloaders, and ModelCheckpoint "
     "and EarlyStopping monitor val_acc, so the checkpoint reported by trainer.test(ckpt_path='best') "
     "was picked on the test set.",
     "torch",
     {"esc/__init__.py": "",
      "esc/model.py": d('''
        import lightning as L
        import torch
        import torch.nn.functional as F
        from torchmetrics.classification import MulticlassAccuracy


        class SpecCNN(L.LightningModule):
            def __init__(self, n_classes: int = 50, lr: float = 1e-3):
                super().__init__()
                self.save_hyperparameters()
                self.net = torch.nn.Sequential(
                    torch.nn.Conv2d(1, 32, 3, padding=1), torch.nn.BatchNorm2d(32), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                    torch.nn.Conv2d(32, 64, 3, padding=1), torch.nn.BatchNorm2d(64), torch.nn.ReLU(),
                    torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), torch.nn.Dropout(0.3),
                    torch.nn.Linear(64, n_classes),
                )
                self.val_acc = MulticlassAccuracy(n_classes)
                self.test_acc = MulticlassAccuracy(n_classes)

            def forward(self, x):
                return self.net(x)

            def training_step(self, batch, _):
                x, y = batch
                loss = F.cross_entropy(self(x), y)
                self.log("train_loss", loss)
                return loss

            def validation_step(self, batch, _):
                x, y = batch
                self.val_acc(self(x), y)
                self.log("val_acc", self.val_acc, on_epoch=True)

            def test_step(self, batch, _):
                x, y = batch
                self.test_acc(self(x), y)
                self.log("test_acc", self.test_acc, on_epoch=True)

            def configure_optimizers(self):
                return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)
        '''),
      "train.py": d('''
        import lightning as L
        from lightning.pytorch.callbacks import EarlyStopping, ModelCheckpoint
        from torch.utils.data import DataLoader

        from esc.data import SpectrogramFolds
        from esc.model import SpecCNN

        L.seed_everything(0, workers=True)
        train_set = SpectrogramFolds("data/esc50", folds=[1, 2, 3, 4])
        test_set = SpectrogramFolds("data/esc50", folds=[5])
        train_loader = DataLoader(train_set, batch_size=32, shuffle=True, num_workers=4)
        test_loader = DataLoader(test_set, batch_size=64, num_workers=4)

        checkpoint = ModelCheckpoint(monitor="val_acc", mode="max", save_top_k=1)
        trainer = L.Trainer(
            max_epochs=60,
            deterministic=True,
            callbacks=[checkpoint, EarlyStopping(monitor="val_acc", mode="max", patience=8)],
        )
        trainer.fit(SpecCNN(), train_dataloaders=train_loader, val_dataloaders=test_loader)
        trainer.test(dataloaders=test_loader, ckpt_path="best")
        '''),
      "esc/data.py": d('''
        from pathlib import Path

        import pandas as pd
        import torch
        import torchaudio
        from torch.utils.data import Dataset


        class SpectrogramFolds(Dataset):
            def __init__(self, root: str, folds: list[int]):
                self.root = Path(root)
                meta = pd.read_csv(self.root / "meta" / "esc50.csv")
                self.meta = meta[meta["fold"].isin(folds)].reset_index(drop=True)
                self.mel = torchaudio.transforms.MelSpectrogram(sample_rate=44100, n_mels=64)

            def __len__(self):
                return len(self.meta)

            def __getitem__(self, i):
                row = self.meta.iloc[i]
                wav, _ = torchaudio.load(self.root / "audio" / row["filename"])
                return torch.log1p(self.mel(wav)), int(row["target"])
        ''')},
     labels=[{"file": "train.py", "find": "trainer.fit(SpecCNN(), train_dataloaders=train_loader, val_dataloaders=test_loader)",
              "category": "LEAK-SELECT", "why": "checkpoint and early stopping monitor the test loader"}],
     also_ok=[{"file": "train.py", "find": 'checkpoint = ModelCheckpoint(monitor="val_acc"', "category": "LEAK-SELECT"},
              {"file": "train.py", "find": 'trainer.test(dataloaders=test_loader, ckpt_path="best")', "category": "LEAK-SELECT"}])

case("leak-ecg-windows-row-split",
     "AF detection from 10-second ECG windows: each patient contributes about 40 windows, and "
     "train_test_split splits windows, not patients, so the same patients are in train and test.",
     "sklearn",
     {"train_af.py": d('''
        import lightgbm as lgb
        import pandas as pd
        from sklearn.metrics import f1_score, roc_auc_score
        from sklearn.model_selection import train_test_split

        FEATURES = ["rr_mean", "rr_std", "rmssd", "pnn50", "sample_entropy", "p_wave_power", "qrs_width"]

        windows = pd.read_parquet("data/ecg_windows.parquet")  # patient_id, window_idx, features..., afib
        X = windows[FEATURES]
        y = windows["afib"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=7)

        model = lgb.LGBMClassifier(n_estimators=600, learning_rate=0.03, num_leaves=31, random_state=7)
        model.fit(X_tr, y_tr)
        proba = model.predict_proba(X_te)[:, 1]
        print(f"AUROC {roc_auc_score(y_te, proba):.3f}  F1 {f1_score(y_te, proba > 0.5):.3f}")
        ''')},
     labels=[{"file": "train_af.py", "find": "X_tr, X_te, y_tr, y_te = train_test_split(X, y", "category": "LEAK-SPLIT",
              "why": "windows of one patient land on both sides of a row-wise split"}])

case("leak-inspect-fewshot-from-eval-set",
     "inspect-style ARC task: the few-shot block in the system message is built from the first k "
     "samples of the same dataset the task then evaluates, answers included.",
     "llm-eval",
     {"arc_fewshot.py": d('''
        from inspect_ai import Task, task
        from inspect_ai.dataset import Sample, json_dataset
        from inspect_ai.scorer import choice
        from inspect_ai.solver import multiple_choice, system_message

        SYSTEM = "You are answering grade-school science questions. Worked examples follow."


        def record_to_sample(r: dict) -> Sample:
            return Sample(id=r["id"], input=r["question"], choices=r["choices"], target="ABCD"[r["answer"]])


        def format_shot(s: Sample) -> str:
            opts = "\\n".join(f"{l}) {c}" for l, c in zip("ABCD", s.choices))
            return f"{s.input}\\n{opts}\\nANSWER: {s.target}"


        @task
        def arc_challenge_fewshot(k: int = 5) -> Task:
            dataset = json_dataset("data/arc_challenge_test.jsonl", record_to_sample, shuffle=True, seed=0)
            shots = dataset[:k]
            fewshot = "\\n\\n".join(format_shot(s) for s in shots)
            return Task(
                dataset=dataset,
                solver=[system_message(SYSTEM + "\\n\\n" + fewshot), multiple_choice()],
                scorer=choice(),
            )
        ''')},
     labels=[{"file": "arc_fewshot.py", "find": "shots = dataset[:k]", "category": "LEAK-PROMPT",
              "why": "few-shot examples are items of the evaluated dataset"}],
     also_ok=[{"file": "arc_fewshot.py", "find": "dataset=dataset,", "category": "LEAK-PROMPT"}])

_ROLL_HEAD = '''\
import lightgbm as lgb
import polars as pl
from sklearn.metrics import mean_absolute_error

df = (
    pl.read_parquet("data/store_sales.parquet")  # store_id, date, sales, promo, holiday
    .sort(["store_id", "date"])
    .with_columns(
'''
_ROLL_TAIL = '''\
        pl.col("sales").shift(7).over("store_id").alias("sales_lag7"),
        pl.col("date").dt.weekday().alias("dow"),
    )
    .drop_nulls(["sales_lag7"])
)
FEATURES = ["sales_ma7", "sales_lag7", "dow", "promo", "holiday"]

train = df.filter(pl.col("date") < pl.date(2024, 1, 1))
test = df.filter(pl.col("date") >= pl.date(2024, 1, 1))
model = lgb.LGBMRegressor(n_estimators=800, learning_rate=0.03, random_state=0)
model.fit(train.select(FEATURES).to_pandas(), train["sales"].to_numpy())
pred = model.predict(test.select(FEATURES).to_pandas())
print(f"test MAE {mean_absolute_error(test['sales'].to_numpy(), pred):.2f} (n={test.height})")
'''
case("leak-polars-rolling-includes-target",
     "Daily store-sales forecast with polars features: the 7-day rolling mean of sales is taken "
     "over a window that ends at the current row, so each row's feature contains the target it "
     "predicts.",
     "sklearn",
     {"forecast.py": _ROLL_HEAD + '''\
        pl.col("sales").rolling_mean(window_size=7, min_periods=1).over("store_id").alias("sales_ma7"),
''' + _ROLL_TAIL},
     labels=[{"file": "forecast.py", "find": 'pl.col("sales").rolling_mean(', "category": "LEAK-TARGET",
              "why": "rolling window includes the current row's sales"}])

case("clean-leak-polars-rolling-shifted",
     "Clean twin: the rolling mean is taken over sales shifted by one day.",
     "sklearn",
     {"forecast.py": _ROLL_HEAD + '''\
        pl.col("sales").shift(1).rolling_mean(window_size=7, min_periods=1).over("store_id").alias("sales_ma7"),
''' + _ROLL_TAIL})

# ---------------------------------------------------------------- RESULT
_DEBERTA_TRAIN = d('''
    import json
    import subprocess

    import evaluate
    import numpy as np
    from datasets import load_dataset
    from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                              TrainingArguments, set_seed)

    MODEL = "microsoft/deberta-v3-base"
    SEED = 13
    set_seed(SEED)
    tok = AutoTokenizer.from_pretrained(MODEL)
    ds = load_dataset("tweet_eval", "emotion")
    ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=128), batched=True)
    acc = evaluate.load("accuracy")
    f1 = evaluate.load("f1")


    def compute_metrics(p):
        preds = np.argmax(p.predictions, axis=-1)
        return {"accuracy": acc.compute(predictions=preds, references=p.label_ids)["accuracy"],
                "macro_f1": f1.compute(predictions=preds, references=p.label_ids, average="macro")["f1"]}


    model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=4)
    args = TrainingArguments("outputs/deberta-emotion", num_train_epochs=3, learning_rate=2e-5,
                             per_device_train_batch_size=32, eval_strategy="epoch", save_strategy="no",
                             seed=SEED, report_to=[])
    trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["validation"],
                      tokenizer=tok, compute_metrics=compute_metrics)
    trainer.train()
    test = trainer.evaluate(ds["test"], metric_key_prefix="test")
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    with open("results/metrics.json", "w") as f:
        json.dump({"model": MODEL, "seed": SEED, "commit": commit, "n_test": len(ds["test"]),
                   "accuracy": round(test["test_accuracy"], 4), "macro_f1": round(test["test_macro_f1"], 4)},
                  f, indent=2)
    ''')
_DEBERTA_METRICS = json.dumps({"model": "microsoft/deberta-v3-base", "seed": 13,
                               "commit": "4f2c9e1b7a0d3c5e8f6a1b2c3d4e5f6a7b8c9d0e", "n_test": 1421,
                               "accuracy": 0.8121, "macro_f1": 0.7736}, indent=2) + "\n"
_README_HEAD = d('''
    # Emotion classification with DeBERTa-v3

    Fine-tunes `microsoft/deberta-v3-base` on TweetEval-emotion (4 classes) with the HF Trainer.

    ## Reproduce

        python train.py   # writes results/metrics.json

    ## Results

    ''')
case("result-readme-accuracy-not-in-results",
     "The README claims 83.4% test accuracy; results/metrics.json, written by train.py, holds "
     "0.8121 (macro-F1 0.7736 matches). No results file supports 83.4.",
     "mixed",
     {"train.py": _DEBERTA_TRAIN, "results/metrics.json": _DEBERTA_METRICS,
      "README.md": _README_HEAD + "On the held-out test split (n=1,421) the model reaches **83.4% accuracy** and 0.774 macro-F1.\n"},
     labels=[{"file": "README.md", "find": "**83.4% accuracy**", "category": "RESULT-CLAIM",
              "why": "83.4 appears in no results file (metrics.json says 0.8121)"}])

case("clean-result-readme-accuracy-matches",
     "Clean twin: the README number is the one in results/metrics.json.",
     "mixed",
     {"train.py": _DEBERTA_TRAIN, "results/metrics.json": _DEBERTA_METRICS,
      "README.md": _README_HEAD + "On the held-out test split (n=1,421) the model reaches **81.2% accuracy** and 0.774 macro-F1.\n"})

_SST_V1 = d('''
    from datasets import load_dataset
    from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                              TrainingArguments, set_seed)

    MODEL = "roberta-base"
    set_seed(0)
    tok = AutoTokenizer.from_pretrained(MODEL)
    ds = load_dataset("glue", "sst2")
    ds = ds.map(lambda b: tok(b["sentence"], truncation=True, max_length=64), batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2)
    args = TrainingArguments("outputs/roberta-sst2", num_train_epochs=2, learning_rate=3e-5,
                             per_device_train_batch_size=32, seed=0, report_to=[])
    trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["validation"],
                      tokenizer=tok, compute_metrics=lambda p: {"accuracy": float((p.predictions.argmax(-1) == p.label_ids).mean())})
    trainer.train()
    metrics = trainer.evaluate()
    trainer.save_metrics("eval", metrics)
    ''')
_SST_V2 = _SST_V1.replace("max_length=64", "max_length=128").replace("learning_rate=3e-5", "learning_rate=2e-5") \
    .replace("num_train_epochs=2", "num_train_epochs=3")
_SST_EVAL = json.dumps({"epoch": 2.0, "eval_accuracy": 0.9346, "eval_loss": 0.2031, "eval_runtime": 3.91,
                        "eval_samples_per_second": 223.0, "eval_steps_per_second": 7.16}, indent=4) + "\n"
case("result-trainer-metrics-stale",
     "RoBERTa SST-2 fine-tune: outputs/roberta-sst2/eval_results.json (written by "
     "trainer.save_metrics) was committed on Feb 1; train.py changed max_length, learning rate and "
     "epochs on Feb 9 and the metrics were never regenerated, while the README quotes them.",
     "torch",
     {"train.py": _SST_V2, "outputs/roberta-sst2/eval_results.json": _SST_EVAL,
      "README.md": d('''
        # RoBERTa on SST-2

        `python train.py` fine-tunes roberta-base; the Trainer writes `outputs/roberta-sst2/eval_results.json`.

        Validation accuracy: 93.46 (see outputs/roberta-sst2/eval_results.json).
        ''')},
     labels=[{"file": "outputs/roberta-sst2/eval_results.json", "category": "RESULT-STALE",
              "why": "metrics older than the last change to train.py that produces them"}],
     also_ok=[{"file": "outputs/roberta-sst2/eval_results.json", "category": "RESULT-PROVENANCE"},
              {"file": "README.md", "find": "Validation accuracy: 93.46", "category": "RESULT-STALE"}],
     history=[
         {"message": "roberta sst2 baseline + metrics", "date": "2025-02-01T18:20:00",
          "files": {"train.py": _SST_V1, "outputs/roberta-sst2/eval_results.json": _SST_EVAL}},
         {"message": "longer context, lower lr, 3 epochs", "date": "2025-02-09T11:05:00",
          "files": {"train.py": _SST_V2}},
     ])

case("result-ablation-csv-metrics-only",
     "Ablation of a retrieval-augmented classifier: results/ablation.csv has one row per "
     "configuration but only the metric columns, so nothing says which row is which ablation, "
     "seed or model.",
     "mixed",
     {"ablate.py": d('''
        import itertools

        import pandas as pd

        from rag_clf import evaluate_config

        rows = []
        for use_retrieval, k, rerank in itertools.product([False, True], [4, 8], [False, True]):
            if not use_retrieval and (k != 4 or rerank):
                continue
            m = evaluate_config(use_retrieval=use_retrieval, k=k, rerank=rerank, seed=0)
            rows.append({"accuracy": m["accuracy"], "macro_f1": m["macro_f1"], "ece": m["ece"]})
        pd.DataFrame(rows).to_csv("results/ablation.csv", index=False)
        '''),
      "rag_clf.py": d('''
        import numpy as np


        def expected_calibration_error(conf, correct, n_bins=15):
            bins = np.linspace(0, 1, n_bins + 1)
            ece = 0.0
            for lo, hi in zip(bins[:-1], bins[1:]):
                m = (conf > lo) & (conf <= hi)
                if m.any():
                    ece += m.mean() * abs(correct[m].mean() - conf[m].mean())
            return ece


        def evaluate_config(use_retrieval: bool, k: int, rerank: bool, seed: int) -> dict:
            from pipeline import run_pipeline  # heavy import
            out = run_pipeline(use_retrieval=use_retrieval, k=k, rerank=rerank, seed=seed)
            correct = out["pred"] == out["gold"]
            return {"accuracy": float(correct.mean()), "macro_f1": out["macro_f1"],
                    "ece": expected_calibration_error(out["conf"], correct)}
        '''),
      "results/ablation.csv": "accuracy,macro_f1,ece\n0.7412,0.7015,0.0822\n0.7903,0.7588,0.0611\n"
                              "0.8017,0.7702,0.0574\n0.7988,0.7655,0.0596\n0.8120,0.7841,0.0533\n"},
     # label corrected after the blind score: the first cause is the code that saves the rows (in the
     # repository), where the configuration columns are to be added; the blind label was the csv itself
     labels=[{"file": "ablate.py", "find": 'rows.append({"accuracy"', "end_find": "pd.DataFrame(rows).to_csv(",
              "category": "RESULT-PROVENANCE", "why": "rows carry only metrics: no configuration, model or seed"}],
     also_ok=[{"file": "results/ablation.csv", "category": "RESULT-PROVENANCE"}])

# ---------------------------------------------------------------- SEED
def _split_nb(seed_first: bool) -> dict:
    seed_cell = ("code", '''
        np.random.seed(1234)
        torch.manual_seed(1234)
        ''')
    cells = [
        ("markdown", "# Review sentiment: bag-of-words baseline vs. small MLP"),
        ("code", '''
            import numpy as np
            import pandas as pd
            import torch
            from sklearn.feature_extraction.text import TfidfVectorizer
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import accuracy_score
            '''),
    ]
    if seed_first:
        cells.append(seed_cell)
    cells += [
        ("code", '''
            df = pd.read_csv("data/reviews.csv")
            perm = np.random.permutation(len(df))
            n_train = int(0.8 * len(df))
            train_df, test_df = df.iloc[perm[:n_train]], df.iloc[perm[n_train:]]
            len(train_df), len(test_df)
            '''),
    ]
    if not seed_first:
        cells.append(seed_cell)
    cells += [
        ("code", '''
            vec = TfidfVectorizer(min_df=3)
            Xtr = vec.fit_transform(train_df["text"])
            Xte = vec.transform(test_df["text"])
            lr = LogisticRegression(max_iter=1000).fit(Xtr, train_df["label"])
            accuracy_score(test_df["label"], lr.predict(Xte))
            '''),
        ("code", '''
            mlp = torch.nn.Sequential(torch.nn.Linear(Xtr.shape[1], 128), torch.nn.ReLU(), torch.nn.Linear(128, 2))
            opt = torch.optim.Adam(mlp.parameters(), lr=1e-3)
            Xt = torch.tensor(Xtr.toarray(), dtype=torch.float32)
            yt = torch.tensor(train_df["label"].to_numpy())
            for epoch in range(20):
                opt.zero_grad()
                loss = torch.nn.functional.cross_entropy(mlp(Xt), yt)
                loss.backward()
                opt.step()
            mlp.eval()
            with torch.no_grad():
                acc = (mlp(torch.tensor(Xte.toarray(), dtype=torch.float32)).argmax(1).numpy() == test_df["label"].to_numpy()).mean()
            acc
            '''),
    ]
    return nb(*cells)


case("seed-notebook-seed-after-split",
     "Notebook: the train/test permutation is drawn in one cell and np.random.seed / "
     "torch.manual_seed are set in the next cell, so the split (and hence both accuracies) changes "
     "on every kernel restart.",
     "notebook",
     {"sentiment_baselines.ipynb": _split_nb(seed_first=False)},
     labels=[{"file": "sentiment_baselines.ipynb", "find": "perm = np.random.permutation(len(df))", "category": "SEED-SAMPLING",
              "why": "the split is drawn before the seed is set"}],
     also_ok=[{"file": "sentiment_baselines.ipynb", "find": "np.random.seed(1234)", "category": "SEED-SAMPLING"}])

case("clean-seed-notebook-seed-first",
     "Clean twin: the seeds are set in the cell before the permutation.",
     "notebook",
     {"sentiment_baselines.ipynb": _split_nb(seed_first=True)})

def _sessions_io(listing: str) -> str:
    return d('''
        import os


        def list_sessions(root: str) -> list[str]:
            """All EDF recordings under root."""
            return [os.path.join(root, name) for name in LISTING if name.endswith(".edf")]
        ''').replace("LISTING", listing)
_MAKE_SPLITS = d('''
    import json

    from physio.io import list_sessions

    sessions = list_sessions("data/raw")
    n_test = len(sessions) // 5
    splits = {"test": sessions[:n_test], "val": sessions[n_test:2 * n_test], "train": sessions[2 * n_test:]}
    with open("data/splits.json", "w") as f:
        json.dump(splits, f, indent=2)
    print({k: len(v) for k, v in splits.items()})
    ''')
case("seed-listdir-helper-split-by-position",
     "Sleep-staging data prep: physio.io.list_sessions returns os.listdir order (arbitrary, "
     "filesystem-dependent) and make_splits.py assigns test/val/train by position in that list, "
     "so the split differs between machines.",
     "mixed",
     {"physio/__init__.py": "", "physio/io.py": _sessions_io("os.listdir(root)"), "make_splits.py": _MAKE_SPLITS},
     labels=[{"file": "physio/io.py", "find": "os.listdir(root)", "category": "SEED-ORDER",
              "why": "unsorted listdir order decides the split"}],
     also_ok=[{"file": "make_splits.py", "find": 'splits = {"test": sessions[:n_test]', "category": "SEED-ORDER"}])

case("clean-seed-listdir-helper-sorted",
     "Clean twin: list_sessions sorts the listing.",
     "mixed",
     {"physio/__init__.py": "", "physio/io.py": _sessions_io("sorted(os.listdir(root))"), "make_splits.py": _MAKE_SPLITS})

case("seed-gymnasium-unseeded-qlearning",
     "Tabular Q-learning on FrozenLake comparing two exploration schedules from one run each: the "
     "numpy Generator is created without a seed, env.reset() gets no seed, so the reported "
     "difference between schedules is partly run-to-run noise and cannot be reproduced.",
     "mixed",
     {"qlearn.py": d('''
        import argparse
        import json

        import gymnasium as gym
        import numpy as np


        def run(schedule: str, episodes: int = 5000, alpha: float = 0.1, gamma: float = 0.99) -> float:
            env = gym.make("FrozenLake-v1", is_slippery=True)
            rng = np.random.default_rng()
            q = np.zeros((env.observation_space.n, env.action_space.n))
            returns = []
            for ep in range(episodes):
                eps = max(0.05, 1 - ep / (0.6 * episodes)) if schedule == "linear" else 0.1
                obs, _ = env.reset()
                done, total = False, 0.0
                while not done:
                    a = int(rng.integers(env.action_space.n)) if rng.random() < eps else int(np.argmax(q[obs]))
                    nxt, r, terminated, truncated, _ = env.step(a)
                    q[obs, a] += alpha * (r + gamma * np.max(q[nxt]) * (not terminated) - q[obs, a])
                    obs, total, done = nxt, total + r, terminated or truncated
                returns.append(total)
            return float(np.mean(returns[-500:]))


        if __name__ == "__main__":
            ap = argparse.ArgumentParser()
            ap.add_argument("--episodes", type=int, default=5000)
            args = ap.parse_args()
            res = {s: run(s, args.episodes) for s in ["linear", "constant"]}
            print(json.dumps(res, indent=2))
        ''')},
     labels=[{"file": "qlearn.py", "find": "rng = np.random.default_rng()", "category": "SEED-UNSEEDED",
              "why": "exploration generator created without a seed"}],
     also_ok=[{"file": "qlearn.py", "find": "obs, _ = env.reset()", "category": "SEED-UNSEEDED"},
              {"file": "qlearn.py", "find": 'res = {s: run(s, args.episodes)', "category": "SEED-SAMPLING"}])
