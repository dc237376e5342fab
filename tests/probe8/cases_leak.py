def define(case):
    case("p8-leak-coltransformer-modules", "sklearn",
         "Credit-risk model split across modules: preprocess.py builds a ColumnTransformer (impute + scale numeric, "
         "one-hot categoricals) and fit_transforms it on the whole loan table; train.py imports the transformed "
         "matrix and only then calls train_test_split, so imputation medians and scaling statistics include the "
         "test rows.",
         {
             "README.md": """
                 # loan-default
                 `python train.py`
             """,
             "preprocess.py": """
                 import pandas as pd
                 from sklearn.compose import ColumnTransformer
                 from sklearn.impute import SimpleImputer
                 from sklearn.pipeline import Pipeline
                 from sklearn.preprocessing import OneHotEncoder, StandardScaler

                 NUMERIC = ["income", "loan_amount", "term_months", "dti", "credit_lines"]
                 CATEGORICAL = ["purpose", "home_ownership", "state"]


                 def build_preprocessor():
                     num = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
                     return ColumnTransformer([("num", num, NUMERIC),
                                               ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL)])


                 def load_features(path="data/loans.csv"):
                     df = pd.read_csv(path)
                     pre = build_preprocessor()
                     X = pre.fit_transform(df[NUMERIC + CATEGORICAL])  #@LEAK-PREPROC
                     return X, df["defaulted"].to_numpy()
             """,
             "train.py": """
                 from sklearn.linear_model import LogisticRegression
                 from sklearn.metrics import roc_auc_score
                 from sklearn.model_selection import train_test_split

                 from preprocess import load_features

                 X, y = load_features()
                 X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
                 clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
                 print(f"test AUC {roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]):.4f}")
             """,
         })

    case("p8-clean-leak-pipeline-modules", "sklearn",
         "Clean twin of the credit-risk model: the ColumnTransformer is returned unfitted and put in a Pipeline with "
         "the classifier, which is fit on the training split only.",
         {
             "README.md": """
                 # loan-default
                 `python train.py`
             """,
             "preprocess.py": """
                 import pandas as pd
                 from sklearn.compose import ColumnTransformer
                 from sklearn.impute import SimpleImputer
                 from sklearn.pipeline import Pipeline
                 from sklearn.preprocessing import OneHotEncoder, StandardScaler

                 NUMERIC = ["income", "loan_amount", "term_months", "dti", "credit_lines"]
                 CATEGORICAL = ["purpose", "home_ownership", "state"]


                 def build_preprocessor():
                     num = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
                     return ColumnTransformer([("num", num, NUMERIC),
                                               ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL)])


                 def load_frame(path="data/loans.csv"):
                     df = pd.read_csv(path)
                     return df[NUMERIC + CATEGORICAL], df["defaulted"].to_numpy()
             """,
             "train.py": """
                 from sklearn.linear_model import LogisticRegression
                 from sklearn.metrics import roc_auc_score
                 from sklearn.model_selection import train_test_split
                 from sklearn.pipeline import Pipeline

                 from preprocess import build_preprocessor, load_frame

                 X, y = load_frame()
                 X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
                 model = Pipeline([("pre", build_preprocessor()), ("clf", LogisticRegression(max_iter=1000))])
                 model.fit(X_train, y_train)
                 print(f"test AUC {roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]):.4f}")
             """,
         })

    case("p8-leak-fillna-median-notebook", "notebook",
         "Notebook on ICU length of stay: a cell imputes missing labs with df.fillna(df.median(numeric_only=True), "
         "inplace=True) over the full cohort, and the train/test split happens two cells later.",
         {
             "README.md": """
                 # icu-los
                 Gradient boosting for ICU length of stay; see `los.ipynb`.
             """,
             "los.ipynb": [
                 ("md", "# ICU length of stay\nLoad the cohort, impute, split, fit."),
                 ("code", """
                     import pandas as pd
                     from sklearn.ensemble import HistGradientBoostingRegressor
                     from sklearn.metrics import mean_absolute_error
                     from sklearn.model_selection import train_test_split
                     SEED = 2024
                 """),
                 ("code", """
                     df = pd.read_csv("data/icu_cohort.csv")
                     df.describe()
                 """),
                 ("md", "Labs are missing for ~15% of stays; impute with the median."),
                 ("code", """
                     lab_cols = [c for c in df.columns if c.startswith("lab_")]
                     df.fillna(df.median(numeric_only=True), inplace=True)  #@LEAK-PREPROC
                     df[lab_cols].isna().sum().sum()
                 """),
                 ("code", """
                     X = df.drop(columns=["stay_id", "los_days"])
                     y = df["los_days"]
                     X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=SEED)
                 """),
                 ("code", """
                     model = HistGradientBoostingRegressor(max_iter=500, random_state=SEED).fit(X_train, y_train)
                     print("test MAE (days):", mean_absolute_error(y_test, model.predict(X_test)))
                 """),
             ],
         })

    case("p8-leak-xgb-depth-test-loop", "sklearn",
         "XGBoost fraud model: max_depth is chosen in a loop by the AUC on the test set, and the same test AUC of the "
         "chosen depth is then reported as the model's performance.",
         {
             "README.md": """
                 # fraud-xgb
                 `python tune.py`
             """,
             "tune.py": """
                 import pandas as pd
                 import xgboost as xgb
                 from sklearn.metrics import roc_auc_score
                 from sklearn.model_selection import train_test_split

                 df = pd.read_csv("data/transactions.csv")
                 X, y = df.drop(columns=["is_fraud"]), df["is_fraud"]
                 X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=1)

                 best_depth, best_auc = None, 0.0
                 for depth in [2, 3, 4, 6, 8, 10]:
                     model = xgb.XGBClassifier(n_estimators=400, max_depth=depth, learning_rate=0.05, random_state=1)
                     model.fit(X_train, y_train)
                     auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])  #@LEAK-SELECT+2
                     if auc > best_auc:
                         best_depth, best_auc = depth, auc

                 print(f"best max_depth={best_depth}, test AUC={best_auc:.4f}")
             """,
         })

    case("p8-leak-isbest-test-acc", "torch",
         "Torch CNN training loop that computes both validation and test accuracy every epoch and saves the "
         "checkpoint when test accuracy improves (`is_best = test_acc > best_acc`); the final reported number is the "
         "best test accuracy.",
         {
             "README.md": """
                 # cifar-small
                 `python train.py`
             """,
             "train.py": """
                 import torch
                 import torch.nn as nn
                 from torch.utils.data import DataLoader, random_split
                 from torchvision import datasets, transforms

                 torch.manual_seed(0)
                 tf = transforms.ToTensor()
                 full = datasets.CIFAR10("data", train=True, download=True, transform=tf)
                 train_ds, val_ds = random_split(full, [45000, 5000], generator=torch.Generator().manual_seed(0))
                 test_ds = datasets.CIFAR10("data", train=False, download=True, transform=tf)
                 train_dl = DataLoader(train_ds, batch_size=128, shuffle=True)
                 val_dl, test_dl = DataLoader(val_ds, batch_size=512), DataLoader(test_ds, batch_size=512)

                 model = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                       nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                       nn.Flatten(), nn.Linear(64 * 8 * 8, 10))
                 opt = torch.optim.Adam(model.parameters(), lr=1e-3)


                 def evaluate(loader):
                     model.eval()
                     correct = 0
                     with torch.no_grad():
                         for x, y in loader:
                             correct += (model(x).argmax(1) == y).sum().item()
                     return correct / len(loader.dataset)


                 best_acc = 0.0
                 for epoch in range(30):
                     model.train()
                     for x, y in train_dl:
                         opt.zero_grad()
                         nn.functional.cross_entropy(model(x), y).backward()
                         opt.step()
                     val_acc = evaluate(val_dl)
                     test_acc = evaluate(test_dl)
                     is_best = test_acc > best_acc  #@LEAK-SELECT
                     if is_best:
                         best_acc = test_acc
                         torch.save(model.state_dict(), "checkpoints/best.pt")
                     print(f"epoch {epoch}: val {val_acc:.4f} test {test_acc:.4f}")
                 print(f"best test accuracy {best_acc:.4f}")
             """,
         })

    case("p8-clean-leak-isbest-val", "torch",
         "Clean twin of the CIFAR loop: the checkpoint is chosen by validation accuracy, and the test set is "
         "evaluated once, after training, with the chosen checkpoint.",
         {
             "README.md": """
                 # cifar-small
                 `python train.py`
             """,
             "train.py": """
                 import torch
                 import torch.nn as nn
                 from torch.utils.data import DataLoader, random_split
                 from torchvision import datasets, transforms

                 torch.manual_seed(0)
                 tf = transforms.ToTensor()
                 full = datasets.CIFAR10("data", train=True, download=True, transform=tf)
                 train_ds, val_ds = random_split(full, [45000, 5000], generator=torch.Generator().manual_seed(0))
                 test_ds = datasets.CIFAR10("data", train=False, download=True, transform=tf)
                 train_dl = DataLoader(train_ds, batch_size=128, shuffle=True)
                 val_dl, test_dl = DataLoader(val_ds, batch_size=512), DataLoader(test_ds, batch_size=512)

                 model = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                       nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                       nn.Flatten(), nn.Linear(64 * 8 * 8, 10))
                 opt = torch.optim.Adam(model.parameters(), lr=1e-3)


                 def evaluate(loader):
                     model.eval()
                     correct = 0
                     with torch.no_grad():
                         for x, y in loader:
                             correct += (model(x).argmax(1) == y).sum().item()
                     return correct / len(loader.dataset)


                 best_val = 0.0
                 for epoch in range(30):
                     model.train()
                     for x, y in train_dl:
                         opt.zero_grad()
                         nn.functional.cross_entropy(model(x), y).backward()
                         opt.step()
                     val_acc = evaluate(val_dl)
                     is_best = val_acc > best_val
                     if is_best:
                         best_val = val_acc
                         torch.save(model.state_dict(), "checkpoints/best.pt")
                     print(f"epoch {epoch}: val {val_acc:.4f}")

                 model.load_state_dict(torch.load("checkpoints/best.pt"))
                 print(f"best val {best_val:.4f}; test accuracy of that checkpoint {evaluate(test_dl):.4f}")
             """,
         })

    case("p8-leak-keras-checkpoint-test", "mixed",
         "Keras sentiment model: ModelCheckpoint(monitor='val_accuracy', save_best_only=True) and ReduceLROnPlateau "
         "watch the validation metrics of fit(..., validation_data=(X_test, y_test)), so the saved model and the "
         "learning-rate schedule are selected on the test set that is then reported.",
         {
             "README.md": """
                 # imdb-bilstm
                 `python train_keras.py`
             """,
             "train_keras.py": """
                 import numpy as np
                 import tensorflow as tf
                 from tensorflow import keras

                 keras.utils.set_random_seed(3)
                 (X_train, y_train), (X_test, y_test) = keras.datasets.imdb.load_data(num_words=20000)
                 X_train = keras.utils.pad_sequences(X_train, maxlen=300)
                 X_test = keras.utils.pad_sequences(X_test, maxlen=300)

                 model = keras.Sequential([
                     keras.layers.Embedding(20000, 128),
                     keras.layers.Bidirectional(keras.layers.LSTM(64)),
                     keras.layers.Dense(1, activation="sigmoid"),
                 ])
                 model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
                 callbacks = [
                     keras.callbacks.ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True),  #@LEAK-SELECT+4
                     keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=1),
                 ]
                 model.fit(X_train, y_train, epochs=10, batch_size=64,
                           validation_data=(X_test, y_test), callbacks=callbacks)
                 best = keras.models.load_model("best.keras")
                 loss, acc = best.evaluate(X_test, y_test)
                 print(f"test accuracy {acc:.4f}")
             """,
         })

    case("p8-leak-patient-rows-split", "sklearn",
         "Sepsis prediction from hourly vitals: the table has many rows per patient (one per hour), and a plain "
         "train_test_split over rows puts hours of the same patient in both train and test.",
         {
             "README.md": """
                 # sepsis-hourly
                 `python model.py`
             """,
             "model.py": """
                 import pandas as pd
                 from sklearn.ensemble import RandomForestClassifier
                 from sklearn.metrics import roc_auc_score
                 from sklearn.model_selection import train_test_split

                 vitals = pd.read_csv("data/hourly_vitals.csv")  # one row per patient_id and hour
                 features = ["hr", "sbp", "dbp", "resp", "temp", "spo2", "lactate", "wbc", "hours_since_admit"]
                 X, y = vitals[features], vitals["sepsis_next_6h"]

                 X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)  #@LEAK-SPLIT
                 rf = RandomForestClassifier(n_estimators=300, n_jobs=-1, random_state=0).fit(X_train, y_train)
                 print(f"AUROC {roc_auc_score(y_test, rf.predict_proba(X_test)[:, 1]):.4f}")
             """,
         })

    case("p8-clean-leak-patient-groups", "sklearn",
         "Clean twin of the sepsis model: the split is a GroupShuffleSplit on patient_id, so no patient is in both "
         "sets.",
         {
             "README.md": """
                 # sepsis-hourly
                 `python model.py`
             """,
             "model.py": """
                 import pandas as pd
                 from sklearn.ensemble import RandomForestClassifier
                 from sklearn.metrics import roc_auc_score
                 from sklearn.model_selection import GroupShuffleSplit

                 vitals = pd.read_csv("data/hourly_vitals.csv")  # one row per patient_id and hour
                 features = ["hr", "sbp", "dbp", "resp", "temp", "spo2", "lactate", "wbc", "hours_since_admit"]
                 X, y, groups = vitals[features], vitals["sepsis_next_6h"], vitals["patient_id"]

                 splitter = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=0)
                 train_idx, test_idx = next(splitter.split(X, y, groups=groups))
                 rf = RandomForestClassifier(n_estimators=300, n_jobs=-1, random_state=0)
                 rf.fit(X.iloc[train_idx], y.iloc[train_idx])
                 print(f"AUROC {roc_auc_score(y.iloc[test_idx], rf.predict_proba(X.iloc[test_idx])[:, 1]):.4f}")
             """,
         })

    case("p8-leak-rolling-target", "sklearn",
         "Daily store-sales forecasting: the feature sales_7d_mean is df.groupby('store')['sales'].rolling(7).mean() "
         "without a shift, so the window includes the current day's sales, the very target being predicted.",
         {
             "README.md": """
                 # store-sales
                 `python forecast.py`
             """,
             "forecast.py": """
                 import pandas as pd
                 from sklearn.ensemble import GradientBoostingRegressor
                 from sklearn.metrics import mean_absolute_percentage_error

                 df = pd.read_csv("data/daily_sales.csv", parse_dates=["date"]).sort_values(["store", "date"])
                 df["dow"] = df["date"].dt.dayofweek
                 df["sales_lag_7"] = df.groupby("store")["sales"].shift(7)
                 df["sales_7d_mean"] = df.groupby("store")["sales"].transform(lambda s: s.rolling(7).mean())  #@LEAK-TARGET
                 df = df.dropna(subset=["sales_lag_7", "sales_7d_mean"])

                 cutoff = pd.Timestamp("2024-01-01")
                 train, test = df[df.date < cutoff], df[df.date >= cutoff]
                 features = ["dow", "promo", "sales_lag_7", "sales_7d_mean"]
                 model = GradientBoostingRegressor(random_state=0).fit(train[features], train["sales"])
                 print("MAPE:", mean_absolute_percentage_error(test["sales"], model.predict(test[features])))
             """,
         })

    case("p8-leak-kfold-shuffle-timeseries", "sklearn",
         "Electricity-load forecasting with lag features over an hourly series: model quality is estimated with "
         "cross_val_score and KFold(shuffle=True), so each fold trains on hours after the ones it is tested on.",
         {
             "README.md": """
                 # load-forecast
                 `python cv_load.py`
             """,
             "cv_load.py": """
                 import pandas as pd
                 from sklearn.ensemble import RandomForestRegressor
                 from sklearn.model_selection import KFold, cross_val_score

                 load = pd.read_csv("data/hourly_load.csv", parse_dates=["timestamp"]).set_index("timestamp").sort_index()
                 for lag in (1, 2, 24, 168):
                     load[f"lag_{lag}"] = load["mw"].shift(lag)
                 load["hour"] = load.index.hour
                 load = load.dropna()

                 X, y = load.drop(columns=["mw"]), load["mw"]
                 cv = KFold(n_splits=5, shuffle=True, random_state=0)  #@LEAK-SPLIT
                 scores = cross_val_score(RandomForestRegressor(n_estimators=200, random_state=0), X, y,
                                          cv=cv, scoring="neg_mean_absolute_error")
                 print(f"CV MAE {-scores.mean():.2f} MW")
             """,
         })

    case("p8-leak-answer-default-arg", "llm-eval",
         "MMLU-style few-shot eval: format_example(ex, include_answer=True) appends 'Answer: X'. Few-shot examples "
         "call it with the default, and so does the test question, so every test prompt already ends in the gold "
         "letter.",
         {
             "README.md": """
                 # mmlu-fewshot
                 `python eval_mmlu.py`
             """,
             "eval_mmlu.py": """
                 import json

                 from openai import OpenAI

                 client = OpenAI()
                 LETTERS = "ABCD"


                 def format_example(ex, include_answer=True):
                     s = ex["question"] + "\\n"
                     for L, c in zip(LETTERS, ex["choices"]):
                         s += f"{L}. {c}\\n"
                     s += "Answer:"
                     if include_answer:
                         s += f" {LETTERS[ex['answer']]}\\n\\n"  #@ok:LEAK-PROMPT
                     return s


                 dev = [json.loads(l) for l in open("data/mmlu_dev.jsonl")]
                 test = [json.loads(l) for l in open("data/mmlu_test.jsonl")]
                 shots = "".join(format_example(ex) for ex in dev[:5])

                 correct = 0
                 for ex in test:
                     prompt = shots + format_example(ex)  #@LEAK-PROMPT
                     r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=1,
                                                        messages=[{"role": "user", "content": prompt}])
                     correct += r.choices[0].message.content.strip() == LETTERS[ex["answer"]]
                 print(f"5-shot accuracy {correct / len(test):.3f} (n={len(test)})")
             """,
         })

    case("p8-leak-fewshot-from-eval", "llm-eval",
         "Sentiment few-shot eval with the Anthropic client: the few-shot demonstrations are sampled (seeded) from "
         "the same list of evaluation items that is then scored, so the demonstrations (with their labels) are "
         "among the items evaluated.",
         {
             "README.md": """
                 # sst-fewshot
                 `python fewshot.py`
             """,
             "fewshot.py": """
                 import json
                 import random

                 import anthropic

                 client = anthropic.Anthropic()
                 rng = random.Random(1234)
                 eval_items = [json.loads(l) for l in open("data/sst2_validation.jsonl")]
                 demos = rng.sample(eval_items, 8)  #@LEAK-PROMPT
                 demo_text = "".join(f"Review: {d['sentence']}\\nSentiment: {d['label']}\\n\\n" for d in demos)

                 correct = 0
                 for it in eval_items:
                     msg = client.messages.create(
                         model="claude-3-5-haiku-20241022", max_tokens=3, temperature=0,
                         messages=[{"role": "user", "content": demo_text + f"Review: {it['sentence']}\\nSentiment:"}])
                     correct += msg.content[0].text.strip().lower() == it["label"]
                 print(f"8-shot accuracy {correct / len(eval_items):.3f} (n={len(eval_items)})")
             """,
         })
