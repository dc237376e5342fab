SPECS = []

# L1 SelectKBest on all rows, then a Pipeline in GridSearchCV on the train split
SPECS.append(dict(
    id="leak-selectkbest-before-split-gridsearch-pipeline",
    style="sklearn",
    description="Gene-expression classification with 20k features. The author selects the 200 best features with `SelectKBest(f_classif)` on all samples, and only then splits and tunes a scaler+SVM Pipeline with GridSearchCV. Feature selection saw the test labels.",
    files={
        "train.py": '''
            import numpy as np
            import pandas as pd
            from sklearn.feature_selection import SelectKBest, f_classif
            from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
            from sklearn.pipeline import Pipeline
            from sklearn.preprocessing import StandardScaler
            from sklearn.svm import SVC

            expr = pd.read_parquet("data/expression.parquet")
            X = expr.drop(columns=["subtype"]).to_numpy()
            y = expr["subtype"].to_numpy()

            X = SelectKBest(f_classif, k=200).fit_transform(X, y)
            X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=7)

            pipe = Pipeline([("scale", StandardScaler()), ("svm", SVC())])
            grid = GridSearchCV(pipe, {"svm__C": [0.1, 1, 10], "svm__gamma": ["scale", 1e-3, 1e-4]},
                                cv=StratifiedKFold(5, shuffle=True, random_state=7), scoring="balanced_accuracy")
            grid.fit(X_tr, y_tr)
            print("best", grid.best_params_)
            print("test balanced accuracy", grid.score(X_te, y_te))
        ''',
    },
    labels=[dict(file="train.py", find="X = SelectKBest(f_classif, k=200).fit_transform(X, y)",
                 category="LEAK-PREPROC", why="feature selection uses the labels of the rows later held out as test")],
))

# L1c clean twin: selection inside the pipeline
SPECS.append(dict(
    id="leak-selectkbest-inside-pipeline-clean",
    style="sklearn",
    description="Clean twin: SelectKBest is a step of the Pipeline tuned by GridSearchCV on the training split only.",
    files={
        "train.py": '''
            import numpy as np
            import pandas as pd
            from sklearn.feature_selection import SelectKBest, f_classif
            from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
            from sklearn.pipeline import Pipeline
            from sklearn.preprocessing import StandardScaler
            from sklearn.svm import SVC

            expr = pd.read_parquet("data/expression.parquet")
            X = expr.drop(columns=["subtype"]).to_numpy()
            y = expr["subtype"].to_numpy()

            X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=7)

            pipe = Pipeline([("select", SelectKBest(f_classif, k=200)), ("scale", StandardScaler()), ("svm", SVC())])
            grid = GridSearchCV(pipe, {"svm__C": [0.1, 1, 10], "svm__gamma": ["scale", 1e-3, 1e-4]},
                                cv=StratifiedKFold(5, shuffle=True, random_state=7), scoring="balanced_accuracy")
            grid.fit(X_tr, y_tr)
            print("best", grid.best_params_)
            print("test balanced accuracy", grid.score(X_te, y_te))
        ''',
    },
    labels=[],
))

# L2 optuna objective on the test split
SPECS.append(dict(
    id="leak-optuna-objective-scores-test-split",
    style="sklearn",
    description="LightGBM tuned with an Optuna study. The objective trains on the training split and returns the AUC on the test split; the best trial's value is then reported as the test AUC.",
    files={
        "data.py": '''
            import pandas as pd
            from sklearn.model_selection import train_test_split


            def load_splits(seed=0):
                df = pd.read_csv("data/churn.csv")
                X, y = df.drop(columns=["churned"]), df["churned"]
                return train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)
        ''',
        "tune.py": '''
            import lightgbm as lgb
            import optuna
            from sklearn.metrics import roc_auc_score

            from data import load_splits

            X_train, X_test, y_train, y_test = load_splits()


            def objective(trial):
                params = {
                    "num_leaves": trial.suggest_int("num_leaves", 8, 256, log=True),
                    "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.3, log=True),
                    "min_child_samples": trial.suggest_int("min_child_samples", 5, 100),
                    "subsample": trial.suggest_float("subsample", 0.5, 1.0),
                    "random_state": 0,
                    "verbose": -1,
                }
                model = lgb.LGBMClassifier(n_estimators=500, **params).fit(X_train, y_train)
                return roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])


            if __name__ == "__main__":
                study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
                study.optimize(objective, n_trials=200)
                print("best params", study.best_params)
                print(f"test AUC {study.best_value:.4f}")
        ''',
    },
    labels=[dict(file="tune.py", find="return roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])",
                 category="LEAK-SELECT", why="the Optuna objective is the test AUC; the best of 200 trials is reported as test performance")],
))

# L2c clean twin: CV on training split, test once
SPECS.append(dict(
    id="leak-optuna-objective-cv-on-train-clean",
    style="sklearn",
    description="Clean twin: the objective is 5-fold CV AUC on the training split; the chosen model is scored once on the test split.",
    files={
        "data.py": '''
            import pandas as pd
            from sklearn.model_selection import train_test_split


            def load_splits(seed=0):
                df = pd.read_csv("data/churn.csv")
                X, y = df.drop(columns=["churned"]), df["churned"]
                return train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)
        ''',
        "tune.py": '''
            import lightgbm as lgb
            import optuna
            from sklearn.metrics import roc_auc_score
            from sklearn.model_selection import StratifiedKFold, cross_val_score

            from data import load_splits

            X_train, X_test, y_train, y_test = load_splits()
            CV = StratifiedKFold(5, shuffle=True, random_state=0)


            def objective(trial):
                params = {
                    "num_leaves": trial.suggest_int("num_leaves", 8, 256, log=True),
                    "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.3, log=True),
                    "min_child_samples": trial.suggest_int("min_child_samples", 5, 100),
                    "subsample": trial.suggest_float("subsample", 0.5, 1.0),
                    "random_state": 0,
                    "verbose": -1,
                }
                model = lgb.LGBMClassifier(n_estimators=500, **params)
                return cross_val_score(model, X_train, y_train, cv=CV, scoring="roc_auc").mean()


            if __name__ == "__main__":
                study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
                study.optimize(objective, n_trials=200)
                best = lgb.LGBMClassifier(n_estimators=500, random_state=0, verbose=-1, **study.best_params)
                best.fit(X_train, y_train)
                print("best params", study.best_params)
                print(f"test AUC {roc_auc_score(y_test, best.predict_proba(X_test)[:, 1]):.4f}")
        ''',
    },
    labels=[],
))

# L3 keras ModelCheckpoint monitoring val_accuracy where validation_data is the test set
SPECS.append(dict(
    id="leak-keras-checkpoint-monitors-test-as-validation",
    style="torch",
    description="A Keras CNN on CIFAR-10. `fit` gets `validation_data=(x_test, y_test)` and a ModelCheckpoint with `monitor='val_accuracy', save_best_only=True`; the best checkpoint is reloaded and its test accuracy reported. The epoch was chosen on the test set.",
    files={
        "train_keras.py": '''
            import keras
            from keras import layers

            keras.utils.set_random_seed(1234)
            (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
            x_train, x_test = x_train / 255.0, x_test / 255.0

            model = keras.Sequential([
                layers.Input((32, 32, 3)),
                layers.Conv2D(64, 3, activation="relu", padding="same"),
                layers.MaxPooling2D(),
                layers.Conv2D(128, 3, activation="relu", padding="same"),
                layers.GlobalAveragePooling2D(),
                layers.Dense(10, activation="softmax"),
            ])
            model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])

            ckpt = keras.callbacks.ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True)
            model.fit(x_train, y_train, epochs=60, batch_size=128,
                      validation_data=(x_test, y_test), callbacks=[ckpt])

            best = keras.models.load_model("best.keras")
            _, acc = best.evaluate(x_test, y_test, verbose=0)
            print(f"test accuracy {acc:.4f}")
        ''',
    },
    labels=[dict(file="train_keras.py", find="validation_data=(x_test, y_test)",
                 category="LEAK-SELECT", why="the checkpoint is chosen by val_accuracy computed on the test set")],
    also_ok=[dict(file="train_keras.py", find='ckpt = keras.callbacks.ModelCheckpoint("best.keras"', category="LEAK-SELECT", why="the checkpoint that monitors it")],
))

# L3c clean twin: validation_split from training data
SPECS.append(dict(
    id="leak-keras-checkpoint-validation-split-clean",
    style="torch",
    description="Clean twin: the checkpoint monitors a validation split carved from the training data; the test set is used once at the end.",
    files={
        "train_keras.py": '''
            import keras
            from keras import layers

            keras.utils.set_random_seed(1234)
            (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
            x_train, x_test = x_train / 255.0, x_test / 255.0

            model = keras.Sequential([
                layers.Input((32, 32, 3)),
                layers.Conv2D(64, 3, activation="relu", padding="same"),
                layers.MaxPooling2D(),
                layers.Conv2D(128, 3, activation="relu", padding="same"),
                layers.GlobalAveragePooling2D(),
                layers.Dense(10, activation="softmax"),
            ])
            model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])

            ckpt = keras.callbacks.ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True)
            model.fit(x_train, y_train, epochs=60, batch_size=128, validation_split=0.1, callbacks=[ckpt])

            best = keras.models.load_model("best.keras")
            _, acc = best.evaluate(x_test, y_test, verbose=0)
            print(f"test accuracy {acc:.4f}")
        ''',
    },
    labels=[],
))

# L4 ray tune: trainable reports accuracy on the test loader; best result chosen on it
SPECS.append(dict(
    id="leak-ray-tune-reports-test-accuracy",
    style="torch",
    description="A Ray Tune search over learning rate and width for an MLP. The trainable (in trainable.py) reports `accuracy` measured on the test loader built by data.py; tune.py picks `get_best_result(metric='accuracy')` and prints its accuracy as the final test result.",
    files={
        "data.py": '''
            import torch
            from torch.utils.data import DataLoader, TensorDataset


            def loaders(batch_size=256):
                d = torch.load("data/tabular.pt")
                train = TensorDataset(d["X_train"], d["y_train"])
                test = TensorDataset(d["X_test"], d["y_test"])
                g = torch.Generator().manual_seed(0)
                return (DataLoader(train, batch_size=batch_size, shuffle=True, generator=g),
                        DataLoader(test, batch_size=1024))
        ''',
        "trainable.py": '''
            import torch
            from ray import train
            from torch import nn

            from data import loaders


            def accuracy(model, loader):
                model.eval()
                hit = n = 0
                with torch.no_grad():
                    for xb, yb in loader:
                        hit += (model(xb).argmax(1) == yb).sum().item()
                        n += len(yb)
                return hit / n


            def train_mlp(config):
                torch.manual_seed(0)
                train_loader, test_loader = loaders()
                model = nn.Sequential(nn.Linear(54, config["width"]), nn.ReLU(), nn.Linear(config["width"], 7))
                opt = torch.optim.AdamW(model.parameters(), lr=config["lr"])
                for epoch in range(20):
                    model.train()
                    for xb, yb in train_loader:
                        opt.zero_grad()
                        nn.functional.cross_entropy(model(xb), yb).backward()
                        opt.step()
                    train.report({"accuracy": accuracy(model, test_loader), "epoch": epoch})
        ''',
        "tune.py": '''
            from ray import tune

            from trainable import train_mlp

            space = {"lr": tune.loguniform(1e-4, 1e-1), "width": tune.choice([64, 128, 256, 512])}
            tuner = tune.Tuner(train_mlp, param_space=space,
                               tune_config=tune.TuneConfig(num_samples=40, metric="accuracy", mode="max"))
            results = tuner.fit()
            best = results.get_best_result(metric="accuracy", mode="max")
            print("best config", best.config)
            print("test accuracy", best.metrics["accuracy"])
        ''',
    },
    labels=[dict(file="trainable.py", find='train.report({"accuracy": accuracy(model, test_loader)',
                 category="LEAK-SELECT", why="Ray Tune selects the config by accuracy on the test loader; that best value is reported as test accuracy")],
    also_ok=[dict(file="tune.py", find='best = results.get_best_result(metric="accuracy"', category="LEAK-SELECT", why="the selection")],
))

# L5 statsmodels OLS with a rolling mean of the target without shift
SPECS.append(dict(
    id="leak-statsmodels-rolling-target-no-shift",
    style="mixed",
    description="Daily demand forecasting with statsmodels OLS. A 7-day rolling mean of `demand` is used as a regressor without `.shift(1)`, so each row's feature includes that day's own demand (the target). The out-of-time R^2 is inflated.",
    files={
        "features.py": '''
            import pandas as pd


            def build(df):
                df = df.sort_values("date").copy()
                df["dow"] = df["date"].dt.dayofweek
                df["demand_ma7"] = df["demand"].rolling(7, min_periods=1).mean()
                df["temp_ma3"] = df["temp"].rolling(3, min_periods=1).mean()
                return df
        ''',
        "fit_ols.py": '''
            import pandas as pd
            import statsmodels.formula.api as smf

            from features import build

            df = build(pd.read_csv("data/demand.csv", parse_dates=["date"]))
            cut = df["date"] < "2024-01-01"
            train, test = df[cut], df[~cut]

            model = smf.ols("demand ~ demand_ma7 + temp_ma3 + C(dow) + holiday", data=train).fit()
            print(model.summary())
            pred = model.predict(test)
            ss_res = ((test["demand"] - pred) ** 2).sum()
            ss_tot = ((test["demand"] - test["demand"].mean()) ** 2).sum()
            print(f"out-of-time R^2 {1 - ss_res / ss_tot:.3f}")
        ''',
    },
    labels=[dict(file="features.py", find='df["demand_ma7"] = df["demand"].rolling(7, min_periods=1).mean()',
                 category="LEAK-TARGET", why="the rolling mean includes the current row's demand, the target being predicted")],
))

# L5c clean twin: shifted
SPECS.append(dict(
    id="leak-statsmodels-rolling-target-shifted-clean",
    style="mixed",
    description="Clean twin: the rolling mean of demand is shifted by one day, so it uses only past values.",
    files={
        "features.py": '''
            import pandas as pd


            def build(df):
                df = df.sort_values("date").copy()
                df["dow"] = df["date"].dt.dayofweek
                df["demand_ma7"] = df["demand"].shift(1).rolling(7, min_periods=1).mean()
                df["temp_ma3"] = df["temp"].rolling(3, min_periods=1).mean()
                return df
        ''',
        "fit_ols.py": '''
            import pandas as pd
            import statsmodels.formula.api as smf

            from features import build

            df = build(pd.read_csv("data/demand.csv", parse_dates=["date"]))
            cut = df["date"] < "2024-01-01"
            train, test = df[cut], df[~cut]

            model = smf.ols("demand ~ demand_ma7 + temp_ma3 + C(dow) + holiday", data=train).fit()
            print(model.summary())
            pred = model.predict(test)
            ss_res = ((test["demand"] - pred) ** 2).sum()
            ss_tot = ((test["demand"] - test["demand"].mean()) ** 2).sum()
            print(f"out-of-time R^2 {1 - ss_res / ss_tot:.3f}")
        ''',
    },
    labels=[],
))

# L6 DVC pipeline: prepare fills with full-frame medians, split stage later
SPECS.append(dict(
    id="leak-dvc-prepare-median-fill-before-split-stage",
    style="sklearn",
    description="A DVC pipeline with stages prepare -> split -> train -> evaluate and a params.yaml. `prepare.py` imputes missing lab values with the median of the whole frame and standardises with the whole frame's mean/std; `split.py` splits afterwards. The test rows shaped the imputation and scaling.",
    files={
        "params.yaml": '''
            split:
              test_size: 0.2
              seed: 13
            train:
              C: 0.5
              max_iter: 2000
        ''',
        "dvc.yaml": '''
            stages:
              prepare:
                cmd: python src/prepare.py
                deps: [src/prepare.py, data/raw/labs.csv]
                outs: [data/prepared.csv]
              split:
                cmd: python src/split.py
                deps: [src/split.py, data/prepared.csv]
                params: [split]
                outs: [data/train.csv, data/test.csv]
              train:
                cmd: python src/train.py
                deps: [src/train.py, data/train.csv]
                params: [train]
                outs: [models/model.pkl]
              evaluate:
                cmd: python src/evaluate.py
                deps: [src/evaluate.py, models/model.pkl, data/test.csv]
                metrics: [metrics.json]
        ''',
        "src/prepare.py": '''
            import pandas as pd

            df = pd.read_csv("data/raw/labs.csv")
            num = df.columns.drop(["patient_id", "outcome"])
            df[num] = df[num].fillna(df[num].median())
            df[num] = (df[num] - df[num].mean()) / df[num].std()
            df.to_csv("data/prepared.csv", index=False)
        ''',
        "src/split.py": '''
            import pandas as pd
            import yaml
            from sklearn.model_selection import train_test_split

            p = yaml.safe_load(open("params.yaml"))["split"]
            df = pd.read_csv("data/prepared.csv")
            train, test = train_test_split(df, test_size=p["test_size"], random_state=p["seed"], stratify=df["outcome"])
            train.to_csv("data/train.csv", index=False)
            test.to_csv("data/test.csv", index=False)
        ''',
        "src/train.py": '''
            import pickle

            import pandas as pd
            import yaml
            from sklearn.linear_model import LogisticRegression

            p = yaml.safe_load(open("params.yaml"))["train"]
            df = pd.read_csv("data/train.csv")
            X, y = df.drop(columns=["patient_id", "outcome"]), df["outcome"]
            clf = LogisticRegression(C=p["C"], max_iter=p["max_iter"]).fit(X, y)
            pickle.dump(clf, open("models/model.pkl", "wb"))
        ''',
        "src/evaluate.py": '''
            import json
            import pickle

            import pandas as pd
            from sklearn.metrics import roc_auc_score

            clf = pickle.load(open("models/model.pkl", "rb"))
            df = pd.read_csv("data/test.csv")
            X, y = df.drop(columns=["patient_id", "outcome"]), df["outcome"]
            auc = roc_auc_score(y, clf.predict_proba(X)[:, 1])
            json.dump({"auc": auc, "n_test": len(df)}, open("metrics.json", "w"), indent=2)
        ''',
    },
    labels=[dict(file="src/prepare.py", find="df[num] = df[num].fillna(df[num].median())",
                 end_find="df[num] = (df[num] - df[num].mean()) / df[num].std()",
                 category="LEAK-PREPROC", why="median imputation and standardisation use all rows, before split.py separates the test set")],
))

# L6c clean twin: split first, imputation fit on train inside the train stage
SPECS.append(dict(
    id="leak-dvc-split-first-impute-in-pipeline-clean",
    style="sklearn",
    description="Clean twin: the split stage runs first on raw data; imputation and scaling are steps of a Pipeline fit on the training file.",
    files={
        "params.yaml": '''
            split:
              test_size: 0.2
              seed: 13
            train:
              C: 0.5
              max_iter: 2000
        ''',
        "dvc.yaml": '''
            stages:
              split:
                cmd: python src/split.py
                deps: [src/split.py, data/raw/labs.csv]
                params: [split]
                outs: [data/train.csv, data/test.csv]
              train:
                cmd: python src/train.py
                deps: [src/train.py, data/train.csv]
                params: [train]
                outs: [models/model.pkl]
              evaluate:
                cmd: python src/evaluate.py
                deps: [src/evaluate.py, models/model.pkl, data/test.csv]
                metrics: [metrics.json]
        ''',
        "src/split.py": '''
            import pandas as pd
            import yaml
            from sklearn.model_selection import train_test_split

            p = yaml.safe_load(open("params.yaml"))["split"]
            df = pd.read_csv("data/raw/labs.csv")
            train, test = train_test_split(df, test_size=p["test_size"], random_state=p["seed"], stratify=df["outcome"])
            train.to_csv("data/train.csv", index=False)
            test.to_csv("data/test.csv", index=False)
        ''',
        "src/train.py": '''
            import pickle

            import pandas as pd
            import yaml
            from sklearn.impute import SimpleImputer
            from sklearn.linear_model import LogisticRegression
            from sklearn.pipeline import make_pipeline
            from sklearn.preprocessing import StandardScaler

            p = yaml.safe_load(open("params.yaml"))["train"]
            df = pd.read_csv("data/train.csv")
            X, y = df.drop(columns=["patient_id", "outcome"]), df["outcome"]
            clf = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(),
                                LogisticRegression(C=p["C"], max_iter=p["max_iter"])).fit(X, y)
            pickle.dump(clf, open("models/model.pkl", "wb"))
        ''',
        "src/evaluate.py": '''
            import json
            import pickle

            import pandas as pd
            from sklearn.metrics import roc_auc_score

            clf = pickle.load(open("models/model.pkl", "rb"))
            df = pd.read_csv("data/test.csv")
            X, y = df.drop(columns=["patient_id", "outcome"]), df["outcome"]
            auc = roc_auc_score(y, clf.predict_proba(X)[:, 1])
            json.dump({"auc": auc, "n_test": len(df)}, open("metrics.json", "w"), indent=2)
        ''',
    },
    labels=[],
))

# L7 fastai ImageDataLoaders.from_df with valid_pct on multiple images per patient
SPECS.append(dict(
    id="leak-fastai-valid-pct-multiple-images-per-patient",
    style="torch",
    description="Chest X-ray classification with fastai. The CSV has several images per patient (follow-up scans); `ImageDataLoaders.from_df(..., valid_pct=0.2)` splits images at random, so the same patient appears in training and validation, and the reported validation AUROC is inflated.",
    files={
        "train_fastai.py": '''
            import pandas as pd
            from fastai.vision.all import (ImageDataLoaders, Resize, RocAucBinary, aug_transforms, resnet50,
                                           set_seed, vision_learner)

            set_seed(42, reproducible=True)
            df = pd.read_csv("data/cxr_labels.csv")   # columns: image, patient_id, pneumonia
            print(df.groupby("patient_id").size().describe())

            dls = ImageDataLoaders.from_df(df, path="data/images", fn_col="image", label_col="pneumonia",
                                           valid_pct=0.2, seed=42, item_tfms=Resize(320),
                                           batch_tfms=aug_transforms(), bs=32)
            learn = vision_learner(dls, resnet50, metrics=[RocAucBinary()])
            learn.fine_tune(8, base_lr=2e-3)
            print(learn.validate())
        ''',
    },
    labels=[dict(file="train_fastai.py", find="valid_pct=0.2, seed=42",
                 category="LEAK-SPLIT", why="a random image-level split of data with several images per patient puts the same patient in train and validation")],
))

# L7c clean twin: split by patient with a column
SPECS.append(dict(
    id="leak-fastai-patient-grouped-valid-col-clean",
    style="torch",
    description="Clean twin: patients are assigned to validation with GroupShuffleSplit and the split passed through `valid_col`.",
    files={
        "train_fastai.py": '''
            import pandas as pd
            from fastai.vision.all import (ImageDataLoaders, Resize, RocAucBinary, aug_transforms, resnet50,
                                           set_seed, vision_learner)
            from sklearn.model_selection import GroupShuffleSplit

            set_seed(42, reproducible=True)
            df = pd.read_csv("data/cxr_labels.csv")   # columns: image, patient_id, pneumonia
            gss = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=42)
            _, val_idx = next(gss.split(df, groups=df["patient_id"]))
            df["is_valid"] = False
            df.loc[df.index[val_idx], "is_valid"] = True

            dls = ImageDataLoaders.from_df(df, path="data/images", fn_col="image", label_col="pneumonia",
                                           valid_col="is_valid", item_tfms=Resize(320),
                                           batch_tfms=aug_transforms(), bs=32)
            learn = vision_learner(dls, resnet50, metrics=[RocAucBinary()])
            learn.fine_tune(8, base_lr=2e-3)
            print(learn.validate())
        ''',
    },
    labels=[],
))

# L8 harness-style task: fewshot_docs returns the evaluated docs
SPECS.append(dict(
    id="leak-harness-fewshot-docs-from-test-docs",
    style="llm-eval",
    description="A custom task class in lm-evaluation-harness style has no training split, so `fewshot_docs` returns `self.test_docs()`; 5-shot demonstrations are drawn from the very items being evaluated, and an item can be shown with its own answer.",
    files={
        "tasks/legal_nli.py": '''
            from lm_eval.api.task import ConfigurableTask

            LABELS = ["entailment", "neutral", "contradiction"]


            class LegalNLI(ConfigurableTask):
                VERSION = 0
                DATASET_PATH = "json"

                def has_training_docs(self):
                    return False

                def has_test_docs(self):
                    return True

                def test_docs(self):
                    return self.dataset["test"]

                def fewshot_docs(self):
                    return self.test_docs()

                def doc_to_text(self, doc):
                    return f"Premise: {doc['premise']}\\nHypothesis: {doc['hypothesis']}\\nRelation:"

                def doc_to_target(self, doc):
                    return " " + LABELS[doc["label"]]

                def doc_to_choice(self, doc):
                    return [" " + l for l in LABELS]
        ''',
    },
    labels=[dict(file="tasks/legal_nli.py", find="return self.test_docs()",
                 category="LEAK-PROMPT", why="few-shot demonstrations are drawn from the evaluated test docs")],
))

# L9 gold reaches prompt through template.format(**row) under another key name
SPECS.append(dict(
    id="leak-format-star-row-gold-under-other-key",
    style="llm-eval",
    description="A sentiment eval stores each item as a dict with `text`, `label` and a human-readable `label_name`. The prompt template, meant to show the label *options*, uses `{label_name}` and is filled with `TEMPLATE.format(**row)`, so every prompt contains the gold label's name.",
    files={
        "prompts.py": '''
            TEMPLATE = (
                "Classify the sentiment of the review as positive, negative or neutral ({label_name}).\\n\\n"
                "Review: {text}\\nSentiment:"
            )
        ''',
        "run.py": '''
            import json

            from anthropic import Anthropic

            from prompts import TEMPLATE

            client = Anthropic()

            rows = [json.loads(l) for l in open("data/reviews_test.jsonl")]
            correct = 0
            for row in rows:
                prompt = TEMPLATE.format(**row)
                msg = client.messages.create(model="claude-3-5-haiku-20241022", max_tokens=3, temperature=0,
                                             messages=[{"role": "user", "content": prompt}])
                correct += msg.content[0].text.strip().lower() == row["label_name"]
            print(f"accuracy {correct / len(rows):.3f}")
        ''',
    },
    labels=[dict(file="run.py", find="prompt = TEMPLATE.format(**row)",
                 category="LEAK-PROMPT", why="`**row` fills {label_name} with the gold label: the answer is in the prompt")],
    also_ok=[dict(file="prompts.py", find="({label_name})", category="LEAK-PROMPT", why="the template field that receives the gold")],
))
