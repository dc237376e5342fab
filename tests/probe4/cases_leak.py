"""LEAK family: preprocessing before the split, selection on test, grouped/temporal splits,
target leakage, evaluation items in the prompt."""

CASES = []

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "leak-median-impute-zscore-in-loader-module",
    "style": "sklearn",
    "description": "Sepsis-onset classifier on ICU vitals. data.py loads the whole cohort and imputes every "
                   "numeric column with the cohort median and z-scores it with the cohort mean and std; "
                   "model.py imports the prepared frame and only then splits patients into train and test, "
                   "so test statistics shape the training features.",
    "files": {
        "sepsis/data.py": '''
            import pandas as pd

            VITALS = ["hr", "sbp", "dbp", "resp", "temp", "spo2", "lactate", "wbc", "creatinine"]


            def load_cohort(path: str = "data/icu_first24h.csv") -> pd.DataFrame:
                df = pd.read_csv(path)
                df = df[df["age"] >= 18].copy()
                df.fillna(df[VITALS].median(), inplace=True)  «LEAK-PREPROC+1|the cohort median (all rows, including the future test patients) fills missing vitals and the cohort mean/std z-scores them, before model.py splits into train and test»
                df[VITALS] = (df[VITALS] - df[VITALS].mean()) / df[VITALS].std()
                return df
        ''',
        "sepsis/model.py": '''
            import json

            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import roc_auc_score
            from sklearn.model_selection import GroupShuffleSplit

            from sepsis.data import VITALS, load_cohort

            df = load_cohort()
            gss = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=11)
            tr, te = next(gss.split(df, groups=df["patient_id"]))
            train, test = df.iloc[tr], df.iloc[te]

            clf = LogisticRegression(max_iter=1000, class_weight="balanced")
            clf.fit(train[VITALS], train["sepsis_6h"])
            auc = roc_auc_score(test["sepsis_6h"], clf.predict_proba(test[VITALS])[:, 1])
            json.dump({"auroc": auc, "n_test": len(test), "seed": 11}, open("results/sepsis_lr.json", "w"))
            print(f"AUROC {auc:.3f}")
        ''',
    },
})

CASES.append({
    "id": "clean-leak-impute-scale-inside-pipeline-cv",
    "style": "sklearn",
    "description": "Clean twin: the loader only filters adults and fills a categorical column with a "
                   "constant 'unknown' (no statistic of the data); imputation and scaling sit inside a "
                   "Pipeline evaluated with grouped cross-validation, so they are fit on training folds only.",
    "files": {
        "sepsis/data.py": '''
            import pandas as pd

            VITALS = ["hr", "sbp", "dbp", "resp", "temp", "spo2", "lactate", "wbc", "creatinine"]


            def load_cohort(path: str = "data/icu_first24h.csv") -> pd.DataFrame:
                df = pd.read_csv(path)
                df = df[df["age"] >= 18].copy()
                df["admission_type"] = df["admission_type"].fillna("unknown")
                return df
        ''',
        "sepsis/model.py": '''
            import json

            from sklearn.impute import SimpleImputer
            from sklearn.linear_model import LogisticRegression
            from sklearn.model_selection import GroupKFold, cross_val_score
            from sklearn.pipeline import make_pipeline
            from sklearn.preprocessing import StandardScaler

            from sepsis.data import VITALS, load_cohort

            df = load_cohort()
            pipe = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(),
                                 LogisticRegression(max_iter=1000, class_weight="balanced"))
            scores = cross_val_score(pipe, df[VITALS], df["sepsis_6h"], groups=df["patient_id"],
                                     cv=GroupKFold(n_splits=5), scoring="roc_auc")
            json.dump({"auroc_mean": scores.mean(), "auroc_sd": scores.std(), "folds": scores.tolist(),
                       "n": len(df)}, open("results/sepsis_lr.json", "w"))
        ''',
    },
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "leak-optuna-objective-returns-test-auc",
    "style": "sklearn",
    "description": "Credit-default model tuned with Optuna. The objective function trains XGBoost on the "
                   "training split and returns the AUC on the held-out test split; the best trial's "
                   "parameters are refit and the same test AUC is reported as the final generalisation "
                   "figure.",
    "files": {
        "tune.py": '''
            import json

            import optuna
            import pandas as pd
            import xgboost as xgb
            from sklearn.metrics import roc_auc_score
            from sklearn.model_selection import train_test_split

            df = pd.read_csv("data/default_of_credit_card_clients.csv")
            y = df.pop("default_payment_next_month")
            X_train, X_test, y_train, y_test = train_test_split(df, y, test_size=0.2, stratify=y, random_state=0)


            def objective(trial: optuna.Trial) -> float:
                params = {
                    "max_depth": trial.suggest_int("max_depth", 2, 10),
                    "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.3, log=True),
                    "subsample": trial.suggest_float("subsample", 0.5, 1.0),
                    "n_estimators": trial.suggest_int("n_estimators", 100, 1500),
                }
                model = xgb.XGBClassifier(**params, random_state=0, eval_metric="auc")
                model.fit(X_train, y_train)
                return roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])  «LEAK-SELECT|Optuna maximises the AUC on the test split; the best trial is chosen by test performance and its test AUC is then reported as the final figure»


            study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
            study.optimize(objective, n_trials=80)
            best = xgb.XGBClassifier(**study.best_params, random_state=0).fit(X_train, y_train)
            auc = roc_auc_score(y_test, best.predict_proba(X_test)[:, 1])
            json.dump({"best_params": study.best_params, "test_auc": auc}, open("results/tuned.json", "w"), indent=2)  «ok:RESULT-PROVENANCE»
        ''',
    },
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "leak-keras-checkpoint-monitors-test",
    "style": "mixed",
    "description": "Keras CNN for pneumonia X-rays. ModelCheckpoint(save_best_only) and EarlyStopping monitor "
                   "val_auc, but fit() gets validation_data=(x_test, y_test); the checkpoint with the best "
                   "test AUC is restored and evaluated on that same test set.",
    "files": {
        "train_keras.py": '''
            import json

            import numpy as np
            from tensorflow import keras

            arr = np.load("data/chest_xray_224.npz")
            x_train, y_train = arr["x_train"], arr["y_train"]
            x_test, y_test = arr["x_test"], arr["y_test"]

            base = keras.applications.EfficientNetB0(include_top=False, weights="imagenet", input_shape=(224, 224, 3))
            model = keras.Sequential([base, keras.layers.GlobalAveragePooling2D(), keras.layers.Dropout(0.3),
                                      keras.layers.Dense(1, activation="sigmoid")])
            model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="binary_crossentropy",
                          metrics=[keras.metrics.AUC(name="auc"), "accuracy"])

            callbacks = [
                keras.callbacks.ModelCheckpoint("ckpt/best.keras", monitor="val_auc", mode="max", save_best_only=True),
                keras.callbacks.EarlyStopping(monitor="val_auc", mode="max", patience=5),
            ]
            model.fit(x_train, y_train, epochs=40, batch_size=32,
                      validation_data=(x_test, y_test), callbacks=callbacks)  «LEAK-SELECT|the checkpoint and early stopping monitor val_auc, which is computed on (x_test, y_test): the saved model is the one that scored best on the test set it is then evaluated on»

            best = keras.models.load_model("ckpt/best.keras")
            loss, auc, acc = best.evaluate(x_test, y_test, verbose=0)
            json.dump({"test_auc": auc, "test_acc": acc}, open("results/effnet.json", "w"))  «ok:RESULT-PROVENANCE»
        ''',
    },
    "file_ok": [("results/effnet.json", "RESULT-PROVENANCE")],
})

CASES.append({
    "id": "clean-leak-keras-checkpoint-on-carved-validation",
    "style": "mixed",
    "description": "Clean twin: a validation split is carved from the training arrays (grouped by patient); "
                   "the checkpoint monitors that, and the test arrays are touched once, after training.",
    "files": {
        "train_keras.py": '''
            import json

            import numpy as np
            from sklearn.model_selection import GroupShuffleSplit
            from tensorflow import keras

            keras.utils.set_random_seed(5)
            arr = np.load("data/chest_xray_224.npz")
            x_all, y_all, pid = arr["x_train"], arr["y_train"], arr["patient_train"]
            x_test, y_test = arr["x_test"], arr["y_test"]
            tr, va = next(GroupShuffleSplit(n_splits=1, test_size=0.15, random_state=5).split(x_all, y_all, pid))
            x_tr, y_tr, x_val, y_val = x_all[tr], y_all[tr], x_all[va], y_all[va]

            base = keras.applications.EfficientNetB0(include_top=False, weights="imagenet", input_shape=(224, 224, 3))
            model = keras.Sequential([base, keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(1, activation="sigmoid")])
            model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="binary_crossentropy",
                          metrics=[keras.metrics.AUC(name="auc")])
            callbacks = [keras.callbacks.ModelCheckpoint("ckpt/best.keras", monitor="val_auc", mode="max",
                                                         save_best_only=True)]
            model.fit(x_tr, y_tr, epochs=40, batch_size=32, validation_data=(x_val, y_val), callbacks=callbacks)

            best = keras.models.load_model("ckpt/best.keras")
            loss, auc = best.evaluate(x_test, y_test, verbose=0)
            json.dump({"test_auc": auc, "n_test": int(len(y_test)), "seed": 5, "backbone": "EfficientNetB0"},
                      open("results/effnet.json", "w"))
        ''',
    },
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "leak-mri-slices-hf-train-test-split",
    "style": "mixed",
    "description": "Brain-tumour classifier on 2D MRI slices loaded as a Hugging Face dataset where every "
                   "patient contributes ~60 slices (a patient_id column is present). The split is "
                   "Dataset.train_test_split over slices, so neighbouring slices of the same patient are "
                   "in train and test and the accuracy is inflated.",
    "files": {
        "prepare.py": '''
            from datasets import load_dataset

            ds = load_dataset("imagefolder", data_dir="data/brats_slices", split="train")
            ds = ds.map(lambda ex: {"patient_id": ex["image"].filename.split("/")[-2]})
            print(ds.num_rows, "slices from", len(set(ds["patient_id"])), "patients")
            splits = ds.train_test_split(test_size=0.2, stratify_by_column="label", seed=42)  «LEAK-SPLIT|slices are split at random although each patient contributes ~60 near-identical slices (patient_id is right there): the same patients are on both sides of the split»
            splits.save_to_disk("data/brats_splits")
        ''',
        "train_vit.py": '''
            import numpy as np
            from datasets import load_from_disk
            from transformers import (AutoImageProcessor, AutoModelForImageClassification, Trainer,
                                      TrainingArguments)
            import evaluate

            splits = load_from_disk("data/brats_splits")
            proc = AutoImageProcessor.from_pretrained("google/vit-base-patch16-224-in21k")


            def transform(batch):
                batch["pixel_values"] = proc([im.convert("RGB") for im in batch["image"]], return_tensors="pt")["pixel_values"]
                return batch


            splits = splits.with_transform(transform)
            model = AutoModelForImageClassification.from_pretrained("google/vit-base-patch16-224-in21k", num_labels=4)
            acc = evaluate.load("accuracy")
            args = TrainingArguments("out/vit-brats", per_device_train_batch_size=32, num_train_epochs=3,
                                     eval_strategy="epoch", remove_unused_columns=False, seed=42)
            trainer = Trainer(model=model, args=args, train_dataset=splits["train"], eval_dataset=splits["test"],
                              compute_metrics=lambda p: acc.compute(predictions=np.argmax(p.predictions, -1),
                                                                    references=p.label_ids))
            trainer.train()
            trainer.save_metrics("eval", trainer.evaluate())
        ''',
    },
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "leak-fewshot-shots-from-mmlu-test-pydantic",
    "style": "llm-eval",
    "description": "MMLU-Pro style evaluation configured by a pydantic settings class. The five few-shot "
                   "demonstrations are drawn from the same test split that is then evaluated in full, so "
                   "five items are answered with their own solution in the prompt (and every other item "
                   "sees test answers).",
    "files": {
        "mmlu_eval/settings.py": '''
            from pydantic import BaseModel


            class EvalSettings(BaseModel):
                model: str = "meta-llama/Llama-3.1-8B-Instruct"
                n_shots: int = 5
                subject: str = "high_school_physics"
                shot_seed: int = 1234
        ''',
        "mmlu_eval/run.py": '''
            import json

            from datasets import load_dataset
            from vllm import LLM, SamplingParams

            from mmlu_eval.settings import EvalSettings

            cfg = EvalSettings()
            test = load_dataset("cais/mmlu", cfg.subject, split="test")
            shots = test.shuffle(seed=cfg.shot_seed).select(range(cfg.n_shots))  «LEAK-PROMPT|the few-shot demonstrations are drawn from the test split that is evaluated in full below, so test items (with answers) are in every prompt and five items see their own answer»
            LETTERS = "ABCD"


            def render(row, with_answer: bool) -> str:
                opts = "\\n".join(f"{LETTERS[i]}. {c}" for i, c in enumerate(row["choices"]))
                tail = f" {LETTERS[row['answer']]}\\n\\n" if with_answer else ""
                return f"{row['question']}\\n{opts}\\nAnswer:{tail}"


            header = "".join(render(s, True) for s in shots)
            prompts = [header + render(row, False) for row in test]
            llm = LLM(model=cfg.model)
            outs = llm.generate(prompts, SamplingParams(temperature=0.0, max_tokens=1))
            acc = sum(o.outputs[0].text.strip() == LETTERS[r["answer"]] for o, r in zip(outs, test)) / len(test)
            json.dump({**cfg.model_dump(), "accuracy": acc, "n": len(test)}, open("results/mmlu.json", "w"))
        ''',
    },
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "leak-store-sales-rolling-mean-includes-today",
    "style": "sklearn",
    "description": "Daily store-sales forecaster. A feature is the 7-day rolling mean of sales per store, "
                   "computed with groupby().transform(rolling) and no shift, so the window includes the "
                   "day being predicted; the model learns to read its own target and MAPE looks excellent.",
    "files": {
        "features.py": '''
            import pandas as pd


            def build_features(df: pd.DataFrame) -> pd.DataFrame:
                df = df.sort_values(["store_nbr", "date"]).copy()
                df["dow"] = df["date"].dt.dayofweek
                df["month"] = df["date"].dt.month
                df["sales_lag_7"] = df.groupby("store_nbr")["sales"].shift(7)
                df["sales_roll7"] = df.groupby("store_nbr")["sales"].transform(lambda s: s.rolling(7, min_periods=1).mean())  «LEAK-TARGET|the 7-day rolling mean of sales includes the current day's sales (no shift), i.e. the target itself is a feature»
                df["promo_roll7"] = df.groupby("store_nbr")["onpromotion"].transform(lambda s: s.rolling(7, min_periods=1).sum())
                return df.dropna(subset=["sales_lag_7"])
        ''',
        "forecast.py": '''
            import json

            import lightgbm as lgb
            import pandas as pd
            from sklearn.metrics import mean_absolute_percentage_error

            from features import build_features

            raw = pd.read_csv("data/favorita_train.csv", parse_dates=["date"])
            df = build_features(raw)
            FEATS = ["store_nbr", "dow", "month", "sales_lag_7", "sales_roll7", "promo_roll7", "onpromotion"]
            cut = pd.Timestamp("2017-07-01")
            train, test = df[df.date < cut], df[df.date >= cut]
            model = lgb.LGBMRegressor(n_estimators=800, learning_rate=0.03, random_state=0)
            model.fit(train[FEATS], train["sales"])
            mape = mean_absolute_percentage_error(test["sales"] + 1, model.predict(test[FEATS]) + 1)
            json.dump({"mape": mape, "n_test_rows": len(test), "cutoff": str(cut.date())},
                      open("results/lgbm_forecast.json", "w"))
        ''',
    },
    "also_ok_note": "",
})
