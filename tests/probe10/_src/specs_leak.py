SPECS = []

# L1 ColumnTransformer fit_transform on the full frame in one module, split in another
SPECS.append(dict(
    id="leak-columntransformer-module-split-later",
    style="sklearn",
    description="Loan default model. features.py builds a ColumnTransformer (imputer + scaler + one-hot) and fit_transforms it on the whole frame; train.py then splits the transformed matrix, so the imputation medians and scaling statistics include the test rows.",
    files={
        "loans/features.py": '''
            import pandas as pd
            from sklearn.compose import ColumnTransformer
            from sklearn.impute import SimpleImputer
            from sklearn.pipeline import make_pipeline
            from sklearn.preprocessing import OneHotEncoder, StandardScaler

            NUMERIC = ["income", "loan_amount", "dti", "credit_age_months"]
            CATEGORICAL = ["purpose", "home_ownership", "grade"]


            def build_matrix(df: pd.DataFrame):
                ct = ColumnTransformer([
                    ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMERIC),
                    ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
                ])
                X = ct.fit_transform(df[NUMERIC + CATEGORICAL])
                return X, df["default"].to_numpy()
        ''',
        "loans/__init__.py": "",
        "train.py": '''
            import json

            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import roc_auc_score
            from sklearn.model_selection import train_test_split

            from loans.features import build_matrix

            df = pd.read_csv("data/loans.csv")
            X, y = build_matrix(df)
            X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=1)
            clf = LogisticRegression(max_iter=1000).fit(X_tr, y_tr)
            auc = roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])
            json.dump({"auc": auc, "n_test": len(y_te), "seed": 1}, open("results/logreg.json", "w"))
        ''',
    },
    labels=[dict(file="loans/features.py", find="X = ct.fit_transform(df[NUMERIC + CATEGORICAL])", category="LEAK-PREPROC",
                 why="the imputer and scaler are fit on all rows; the split happens afterwards in train.py")],
    also_ok=[dict(file="train.py", find="X, y = build_matrix(df)", category="LEAK-PREPROC", why="the call before the split")],
))

# L1 twin: transformer returned unfitted, fit in pipeline on the train split
SPECS.append(dict(
    id="leak-columntransformer-in-pipeline-clean",
    style="sklearn",
    description="Clean twin: features.py returns an unfitted ColumnTransformer; train.py splits first and fits the Pipeline on the training rows only.",
    files={
        "loans/features.py": '''
            from sklearn.compose import ColumnTransformer
            from sklearn.impute import SimpleImputer
            from sklearn.pipeline import make_pipeline
            from sklearn.preprocessing import OneHotEncoder, StandardScaler

            NUMERIC = ["income", "loan_amount", "dti", "credit_age_months"]
            CATEGORICAL = ["purpose", "home_ownership", "grade"]


            def make_preprocessor():
                return ColumnTransformer([
                    ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMERIC),
                    ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
                ])
        ''',
        "loans/__init__.py": "",
        "train.py": '''
            import json

            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import roc_auc_score
            from sklearn.model_selection import train_test_split
            from sklearn.pipeline import make_pipeline

            from loans.features import CATEGORICAL, NUMERIC, make_preprocessor

            df = pd.read_csv("data/loans.csv")
            X, y = df[NUMERIC + CATEGORICAL], df["default"].to_numpy()
            X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=1)
            clf = make_pipeline(make_preprocessor(), LogisticRegression(max_iter=1000)).fit(X_tr, y_tr)
            auc = roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])
            json.dump({"auc": auc, "n_test": len(y_te), "seed": 1}, open("results/logreg.json", "w"))
        ''',
    },
))

# L2 notebook imports local module whose clean() fills medians on the whole frame before split
SPECS.append(dict(
    id="leak-notebook-local-module-median-fill",
    style="notebook",
    description="Two analysis notebooks share a local prep module. In 02_model.ipynb the raw frame is passed through prep.clean (which fills missing values with the frame's column medians in place) before train_test_split, so test rows shape the fill values.",
    files={
        "prep.py": '''
            import numpy as np
            import pandas as pd


            def clean(df: pd.DataFrame) -> pd.DataFrame:
                df = df.replace({"?": np.nan})
                num = df.select_dtypes("number").columns
                df[num] = df[num].fillna(df[num].median())
                return df
        ''',
        "01_explore.ipynb": ("nb", [
            ("code", '''
                import pandas as pd
                raw = pd.read_csv("data/heart.csv")
                raw.isna().mean().sort_values(ascending=False).head(10)
            '''),
            ("code", "raw.describe().T"),
        ]),
        "02_model.ipynb": ("nb", [
            ("markdown", "## Model: gradient boosting on cleaned data"),
            ("code", '''
                import pandas as pd
                from sklearn.ensemble import HistGradientBoostingClassifier
                from sklearn.metrics import roc_auc_score
                from sklearn.model_selection import train_test_split
                import prep
            '''),
            ("code", '''
                df = prep.clean(pd.read_csv("data/heart.csv"))
                X, y = df.drop(columns=["target"]), df["target"]
                X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=3, stratify=y)
            '''),
            ("code", '''
                model = HistGradientBoostingClassifier(random_state=3).fit(X_train, y_train)
                print("test AUC", roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
            '''),
        ]),
    },
    labels=[dict(file="02_model.ipynb", find='df = prep.clean(pd.read_csv("data/heart.csv"))', category="LEAK-PREPROC",
                 why="prep.clean fills missing values with medians of all rows before the split")],
    also_ok=[dict(file="prep.py", find="df[num] = df[num].fillna(df[num].median())", category="LEAK-PREPROC", why="the fill itself")],
))

# L3 joblib sweep: hyperparameter chosen by the test score
SPECS.append(dict(
    id="leak-joblib-sweep-pick-by-test",
    style="sklearn",
    description="SVM regularisation sweep run in parallel with joblib. Each job fits on the training split and returns its test-set accuracy; the best C is the argmax of those test scores and its test accuracy is the headline.",
    files={
        "sweep_svm.py": '''
            import json

            import numpy as np
            from joblib import Parallel, delayed
            from sklearn.datasets import fetch_openml
            from sklearn.model_selection import train_test_split
            from sklearn.preprocessing import StandardScaler
            from sklearn.svm import SVC

            X, y = fetch_openml("Fashion-MNIST", version=1, return_X_y=True, as_frame=False)
            X_tr, X_te, y_tr, y_te = train_test_split(X[:20000], y[:20000], test_size=0.25, random_state=0)
            scaler = StandardScaler().fit(X_tr)
            X_tr, X_te = scaler.transform(X_tr), scaler.transform(X_te)


            def fit_and_score(C):
                clf = SVC(C=C, kernel="rbf", gamma="scale").fit(X_tr, y_tr)
                return C, clf.score(X_te, y_te)


            grid = np.logspace(-2, 2, 9)
            results = Parallel(n_jobs=-1)(delayed(fit_and_score)(C) for C in grid)
            best_C, best_acc = max(results, key=lambda r: r[1])
            print(f"best C={best_C:.3g} test acc={best_acc:.4f}")
            json.dump({"best_C": best_C, "test_acc": best_acc, "grid": grid.tolist()}, open("results/svm.json", "w"))
        ''',
    },
    labels=[dict(file="sweep_svm.py", find="best_C, best_acc = max(results, key=lambda r: r[1])", category="LEAK-SELECT",
                 why="C is chosen by the test accuracy each job returns, and that same test accuracy is reported")],
    also_ok=[dict(file="sweep_svm.py", find="return C, clf.score(X_te, y_te)", category="LEAK-SELECT", why="the test score used for selection")],
))

# L4 is_best = test_acc > best with val acc one line above (class runner, torch)
SPECS.append(dict(
    id="leak-trainer-class-best-by-test",
    style="torch",
    description="A Trainer class evaluates on val and test each epoch; the checkpoint is kept when test accuracy improves (val accuracy is computed on the line above and only logged), and the best checkpoint's test accuracy is reported.",
    files={
        "trainer.py": '''
            import json
            from dataclasses import dataclass

            import torch
            import torch.nn.functional as F


            @dataclass
            class TrainCfg:
                epochs: int = 30
                lr: float = 3e-4
                ckpt: str = "checkpoints/best.pt"


            class Trainer:
                def __init__(self, model, loaders, cfg: TrainCfg):
                    self.model, self.loaders, self.cfg = model, loaders, cfg
                    self.opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr)

                def accuracy(self, split):
                    self.model.eval()
                    correct = total = 0
                    with torch.no_grad():
                        for x, y in self.loaders[split]:
                            correct += (self.model(x).argmax(1) == y).sum().item()
                            total += len(y)
                    return correct / total

                def fit(self):
                    best_acc, history = 0.0, []
                    for epoch in range(self.cfg.epochs):
                        self.model.train()
                        for x, y in self.loaders["train"]:
                            self.opt.zero_grad()
                            F.cross_entropy(self.model(x), y).backward()
                            self.opt.step()
                        val_acc = self.accuracy("val")
                        test_acc = self.accuracy("test")
                        is_best = test_acc > best_acc
                        if is_best:
                            best_acc = test_acc
                            torch.save(self.model.state_dict(), self.cfg.ckpt)
                        history.append({"epoch": epoch, "val": val_acc, "test": test_acc})
                    json.dump({"best_test_acc": best_acc, "history": history}, open("results/train_log.json", "w"))
                    return best_acc
        ''',
    },
    labels=[dict(file="trainer.py", find="is_best = test_acc > best_acc", category="LEAK-SELECT",
                 why="the checkpoint is selected by test accuracy; the validation accuracy one line above is only logged")],
    also_ok=[dict(file="trainer.py", find="json.dump({", category="RESULT-PROVENANCE", why="added after the blind run: the log holds no config or seed (true by the taxonomy)")],
))

# L4 twin: is_best by val
SPECS.append(dict(
    id="leak-trainer-class-best-by-val-clean",
    style="torch",
    description="Clean twin: the checkpoint is kept when validation accuracy improves; test accuracy of that checkpoint is logged.",
    files={
        "trainer.py": '''
            import json
            from dataclasses import dataclass

            import torch
            import torch.nn.functional as F


            @dataclass
            class TrainCfg:
                epochs: int = 30
                lr: float = 3e-4
                ckpt: str = "checkpoints/best.pt"


            class Trainer:
                def __init__(self, model, loaders, cfg: TrainCfg):
                    self.model, self.loaders, self.cfg = model, loaders, cfg
                    self.opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr)

                def accuracy(self, split):
                    self.model.eval()
                    correct = total = 0
                    with torch.no_grad():
                        for x, y in self.loaders[split]:
                            correct += (self.model(x).argmax(1) == y).sum().item()
                            total += len(y)
                    return correct / total

                def fit(self):
                    best_val, test_at_best, history = 0.0, None, []
                    for epoch in range(self.cfg.epochs):
                        self.model.train()
                        for x, y in self.loaders["train"]:
                            self.opt.zero_grad()
                            F.cross_entropy(self.model(x), y).backward()
                            self.opt.step()
                        val_acc = self.accuracy("val")
                        test_acc = self.accuracy("test")
                        is_best = val_acc > best_val
                        if is_best:
                            best_val, test_at_best = val_acc, test_acc
                            torch.save(self.model.state_dict(), self.cfg.ckpt)
                        history.append({"epoch": epoch, "val": val_acc, "test": test_acc})
                    json.dump({"best_val_acc": best_val, "test_at_best_val": test_at_best, "history": history},
                              open("results/train_log.json", "w"))
                    return test_at_best
        ''',
    },
    also_ok=[dict(file="trainer.py", find="json.dump({", category="RESULT-PROVENANCE", why="added after the blind run: the log holds no config or seed (true by the taxonomy)")],
))

# L5 tf.keras checkpoint/early stopping monitoring val of validation_data=(X_test, y_test)
SPECS.append(dict(
    id="leak-keras-checkpoint-on-test",
    style="tf.keras",
    description="tf.keras CNN on spectrogram patches. fit() gets validation_data=(x_test, y_test) and the ModelCheckpoint and EarlyStopping callbacks monitor val_accuracy, so the epoch is chosen on the test set; the restored model's test accuracy is the headline.",
    files={
        "train_keras.py": '''
            import json

            import numpy as np
            import tensorflow as tf
            from tensorflow import keras

            tf.keras.utils.set_random_seed(11)
            data = np.load("data/spectrograms.npz")
            x_train, y_train, x_test, y_test = data["x_train"], data["y_train"], data["x_test"], data["y_test"]

            model = keras.Sequential([
                keras.layers.Input(shape=x_train.shape[1:]),
                keras.layers.Conv2D(32, 3, activation="relu"),
                keras.layers.MaxPooling2D(),
                keras.layers.Conv2D(64, 3, activation="relu"),
                keras.layers.GlobalAveragePooling2D(),
                keras.layers.Dense(10, activation="softmax"),
            ])
            model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            callbacks = [
                keras.callbacks.ModelCheckpoint("ckpt/best.keras", monitor="val_accuracy", save_best_only=True),
                keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=8, restore_best_weights=True),
            ]
            model.fit(x_train, y_train, epochs=100, batch_size=64,
                      validation_data=(x_test, y_test), callbacks=callbacks)
            loss, acc = model.evaluate(x_test, y_test)
            json.dump({"test_acc": float(acc), "seed": 11}, open("results/cnn.json", "w"))
        ''',
    },
    labels=[dict(file="train_keras.py", find="validation_data=(x_test, y_test), callbacks=callbacks)", category="LEAK-SELECT",
                 why="the checkpoint and early stopping monitor val_accuracy computed on the test arrays")],
    also_ok=[dict(file="train_keras.py", find='ModelCheckpoint("ckpt/best.keras"', category="LEAK-SELECT", why="the monitor")],
))

# L5 twin: validation_split, test only evaluated once
SPECS.append(dict(
    id="leak-keras-validation-split-clean",
    style="tf.keras",
    description="Clean twin: fit() holds out validation_split=0.15 of the training arrays; the test arrays are used once in evaluate().",
    files={
        "train_keras.py": '''
            import json

            import numpy as np
            import tensorflow as tf
            from tensorflow import keras

            tf.keras.utils.set_random_seed(11)
            data = np.load("data/spectrograms.npz")
            x_train, y_train, x_test, y_test = data["x_train"], data["y_train"], data["x_test"], data["y_test"]

            model = keras.Sequential([
                keras.layers.Input(shape=x_train.shape[1:]),
                keras.layers.Conv2D(32, 3, activation="relu"),
                keras.layers.MaxPooling2D(),
                keras.layers.Conv2D(64, 3, activation="relu"),
                keras.layers.GlobalAveragePooling2D(),
                keras.layers.Dense(10, activation="softmax"),
            ])
            model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            callbacks = [
                keras.callbacks.ModelCheckpoint("ckpt/best.keras", monitor="val_accuracy", save_best_only=True),
                keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=8, restore_best_weights=True),
            ]
            model.fit(x_train, y_train, epochs=100, batch_size=64,
                      validation_split=0.15, callbacks=callbacks)
            loss, acc = model.evaluate(x_test, y_test)
            json.dump({"test_acc": float(acc), "seed": 11}, open("results/cnn.json", "w"))
        ''',
    },
))

# L6 train_test_split default shuffle on time-ordered rows (pandas chain with date sort)
SPECS.append(dict(
    id="leak-time-ordered-default-shuffle",
    style="pandas",
    description="Next-day electricity demand forecasting. The frame is sorted by timestamp and lag features are built, then train_test_split is called with its default shuffle=True, so test days are interleaved with training days (and their neighbours' lags).",
    files={
        "forecast.py": '''
            import pandas as pd
            from sklearn.ensemble import GradientBoostingRegressor
            from sklearn.metrics import mean_absolute_percentage_error
            from sklearn.model_selection import train_test_split

            demand = (
                pd.read_csv("data/demand_hourly.csv", parse_dates=["ts"])
                .sort_values("ts")
                .assign(hour=lambda d: d.ts.dt.hour, dow=lambda d: d.ts.dt.dayofweek,
                        lag_24=lambda d: d.load_mw.shift(24), lag_168=lambda d: d.load_mw.shift(168))
                .dropna(subset=["lag_24", "lag_168"])
            )
            features = ["hour", "dow", "lag_24", "lag_168", "temp_c"]
            X_tr, X_te, y_tr, y_te = train_test_split(demand[features], demand["load_mw"], test_size=0.2, random_state=5)
            gbr = GradientBoostingRegressor(random_state=5).fit(X_tr, y_tr)
            print("MAPE", mean_absolute_percentage_error(y_te, gbr.predict(X_te)))
        ''',
    },
    labels=[dict(file="forecast.py", find="X_tr, X_te, y_tr, y_te = train_test_split(demand[features]", category="LEAK-SPLIT",
                 why="a shuffled random split of hourly time-ordered rows; test hours sit between training hours")],
))

# L7 few-shot template reused for the eval item: gold answer in the prompt through format(**item)
SPECS.append(dict(
    id="leak-fewshot-template-formats-item-answer",
    style="llm-eval",
    description="Few-shot QA with a shot template 'Q: {question}\\nA: {answer}'. The same template is applied to the evaluated item with format(**item), so the item's gold answer is appended to the prompt.",
    files={
        "fewshot_eval.py": '''
            import json
            import random

            from openai import OpenAI

            SHOT = "Q: {question}\\nA: {answer}\\n\\n"
            client = OpenAI()

            train = [json.loads(l) for l in open("data/triviaqa_train.jsonl")]
            test = [json.loads(l) for l in open("data/triviaqa_dev.jsonl")]
            shots = random.Random(0).sample(train, 5)
            prefix = "".join(SHOT.format(**s) for s in shots)

            hits = 0
            for item in test:
                prompt = prefix + SHOT.format(**item)
                out = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=16, temperature=0)
                pred = out.choices[0].text.strip().split("\\n")[0]
                hits += pred.lower() in [a.lower() for a in item["aliases"]]
            print(json.dumps({"model": "gpt-3.5-turbo-instruct", "em": hits / len(test), "n": len(test), "shots": 5}))
        ''',
    },
    labels=[dict(file="fewshot_eval.py", find="prompt = prefix + SHOT.format(**item)", category="LEAK-PROMPT",
                 why="the shot template is filled with the evaluated item, answer included")],
))

# L8 few-shot examples drawn from the items being evaluated (datasets)
SPECS.append(dict(
    id="leak-fewshot-from-eval-items",
    style="llm-eval",
    description="MMLU-style eval with HF datasets: the 5 demonstrations are sampled from the same test split that is then evaluated in full, so each demonstration is also scored with its own answer in the prompt.",
    files={
        "mmlu_fewshot.py": '''
            import json

            from datasets import load_dataset
            from openai import OpenAI

            client = OpenAI()
            subject = "high_school_biology"
            test = load_dataset("cais/mmlu", subject, split="test")
            demos = test.shuffle(seed=1).select(range(5))


            def fmt(ex, with_answer):
                opts = "".join(f"\\n{l}. {c}" for l, c in zip("ABCD", ex["choices"]))
                return f"{ex['question']}{opts}\\nAnswer:" + (f" {'ABCD'[ex['answer']]}\\n\\n" if with_answer else "")


            header = "".join(fmt(d, True) for d in demos)
            correct = 0
            for ex in test:
                r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=1,
                                                   messages=[{"role": "user", "content": header + fmt(ex, False)}])
                correct += r.choices[0].message.content.strip()[:1] == "ABCD"[ex["answer"]]
            print(json.dumps({"subject": subject, "acc": correct / len(test), "n": len(test)}))
        ''',
    },
    labels=[dict(file="mmlu_fewshot.py", find='demos = test.shuffle(seed=1).select(range(5))', category="LEAK-PROMPT",
                 why="the demonstrations come from the evaluated test split and are evaluated too")],
))
