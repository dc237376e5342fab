from twin import twin

SPECS = []

# L1 imbalanced-learn: SMOTE on every row, then the split
L1 = dict(
    id="leak-smote-before-split-fraud",
    style="sklearn",
    description="Fraud detection with imbalanced-learn. SMOTE.fit_resample is applied to the whole table and the resampled rows are then split into train and test, so synthetic test rows are interpolated from training neighbours (and vice versa) and the recall on the minority class is inflated.",
    files={
        "fraud/train_rf.py": r'''
import json

import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score, recall_score
from sklearn.model_selection import train_test_split

SEED = 7

tx = pd.read_parquet("data/transactions.parquet")
X = tx.drop(columns=["is_fraud", "tx_id"])
y = tx["is_fraud"]
print(f"{len(tx)} transactions, fraud rate {y.mean():.4f}")

X_bal, y_bal = SMOTE(k_neighbors=5, random_state=SEED).fit_resample(X, y)
X_tr, X_te, y_tr, y_te = train_test_split(X_bal, y_bal, test_size=0.25, stratify=y_bal, random_state=SEED)

clf = RandomForestClassifier(n_estimators=400, n_jobs=-1, random_state=SEED).fit(X_tr, y_tr)
proba = clf.predict_proba(X_te)[:, 1]
out = {"seed": SEED, "n_test": len(y_te), "ap": average_precision_score(y_te, proba),
       "recall": recall_score(y_te, proba > 0.5)}
print(out)
json.dump(out, open("results/rf_smote.json", "w"), indent=2)
''',
    },
    labels=[dict(file="fraud/train_rf.py", find="X_bal, y_bal = SMOTE(", category="LEAK-PREPROC",
                 why="the oversampler is fit on all rows before the split; synthetic rows straddle train and test")],
)
SPECS.append(L1)
SPECS.append(twin(L1, "leak-smote-after-split-fraud-clean",
    "Clean twin: the split comes first and SMOTE resamples the training rows only.",
    {"fraud/train_rf.py": [
        ("X_bal, y_bal = SMOTE(k_neighbors=5, random_state=SEED).fit_resample(X, y)\nX_tr, X_te, y_tr, y_te = train_test_split(X_bal, y_bal, test_size=0.25, stratify=y_bal, random_state=SEED)",
         "X_tr0, X_te, y_tr0, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=SEED)\nX_tr, y_tr = SMOTE(k_neighbors=5, random_state=SEED).fit_resample(X_tr0, y_tr0)"),
    ]}))

# L2 SelectKBest on all rows before cross_val_score
L2 = dict(
    id="leak-selectkbest-before-cv-expression",
    style="sklearn",
    description="Gene-expression classifier: SelectKBest(f_classif, k=50) is fit on all samples, and the 50 selected genes are then cross-validated with an SVM. The univariate selection saw the held-out folds' labels, so the CV accuracy on a p >> n table is badly optimistic.",
    files={
        "expr/select_and_cv.py": r'''
import numpy as np
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.svm import SVC

expr = pd.read_csv("data/expression.tsv", sep="\t", index_col=0)
meta = pd.read_csv("data/samples.tsv", sep="\t", index_col=0).loc[expr.index]
X, y = expr.values, (meta["response"] == "responder").astype(int).values
print("samples", X.shape[0], "genes", X.shape[1])

selector = SelectKBest(f_classif, k=50)
X_top = selector.fit_transform(X, y)

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
model = make_pipeline(StandardScaler(), SVC(kernel="linear", C=1.0))
scores = cross_val_score(model, X_top, y, cv=cv, scoring="balanced_accuracy")
print(f"balanced accuracy {np.mean(scores):.3f} +/- {np.std(scores):.3f} over {len(scores)} folds")
''',
    },
    labels=[dict(file="expr/select_and_cv.py", find="X_top = selector.fit_transform(X, y)", category="LEAK-PREPROC",
                 why="feature selection uses every sample's label before cross-validation")],
)
SPECS.append(L2)
_spare = (twin(L2, "leak-selectkbest-inside-pipeline-clean",
    "Clean twin: SelectKBest is a step of the cross-validated pipeline, refit within each fold.",
    {"expr/select_and_cv.py": [
        ("selector = SelectKBest(f_classif, k=50)\nX_top = selector.fit_transform(X, y)\n", ""),
        ("make_pipeline(StandardScaler(), SVC(", "make_pipeline(SelectKBest(f_classif, k=50), StandardScaler(), SVC("),
        ("cross_val_score(model, X_top, y,", "cross_val_score(model, X, y,"),
    ]}))

# L3 Kedro nodes: TF-IDF fit on every document in one node, split in the next
L3 = dict(
    id="leak-kedro-tfidf-all-docs-then-split",
    style="mixed",
    description="A Kedro project classifying support tickets. The `vectorise` node fits a TfidfVectorizer on the whole ticket table; the next node splits the resulting matrix into train and test, so the vocabulary and idf weights include the test tickets.",
    files={
        "src/tickets/pipelines/modelling/nodes.py": r'''
import logging

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

log = logging.getLogger(__name__)


def vectorise(tickets: pd.DataFrame, params: dict):
    vec = TfidfVectorizer(min_df=params["min_df"], ngram_range=(1, 2), sublinear_tf=True)
    X = vec.fit_transform(tickets["body"])
    return X, tickets["queue"].values


def split(X, y, params: dict):
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=params["test_size"], stratify=y,
                                              random_state=params["seed"])
    return X_tr, X_te, y_tr, y_te


def fit_and_score(X_tr, X_te, y_tr, y_te, params: dict) -> dict:
    clf = LogisticRegression(C=params["C"], max_iter=2000).fit(X_tr, y_tr)
    f1 = f1_score(y_te, clf.predict(X_te), average="macro")
    log.info("macro F1 %.3f on %d tickets", f1, len(y_te))
    return {"macro_f1": float(f1), "n_test": int(len(y_te)), **params}
''',
        "src/tickets/pipelines/modelling/pipeline.py": r'''
from kedro.pipeline import Pipeline, node, pipeline

from .nodes import fit_and_score, split, vectorise


def create_pipeline(**kwargs) -> Pipeline:
    return pipeline([
        node(vectorise, ["tickets", "params:model"], ["X", "y"], name="vectorise"),
        node(split, ["X", "y", "params:model"], ["X_tr", "X_te", "y_tr", "y_te"], name="split"),
        node(fit_and_score, ["X_tr", "X_te", "y_tr", "y_te", "params:model"], "metrics", name="fit"),
    ])
''',
        "conf/base/parameters.yml": r'''
model:
  min_df: 3
  test_size: 0.2
  seed: 11
  C: 4.0
''',
    },
    labels=[dict(file="src/tickets/pipelines/modelling/nodes.py", find="X = vec.fit_transform(tickets[\"body\"])", category="LEAK-PREPROC",
                 why="the vectorizer is fit on all tickets; the split happens in the next node")],
)
SPECS.append(L3)
SPECS.append(twin(L3, "leak-kedro-tfidf-fit-on-train-node-clean",
    "Clean twin: the split node comes first and the vectorizer is fit on the training tickets inside the fitting node.",
    {"src/tickets/pipelines/modelling/nodes.py": [
        ('def vectorise(tickets: pd.DataFrame, params: dict):\n    vec = TfidfVectorizer(min_df=params["min_df"], ngram_range=(1, 2), sublinear_tf=True)\n    X = vec.fit_transform(tickets["body"])\n    return X, tickets["queue"].values',
         'def vectorise(tickets: pd.DataFrame, params: dict):\n    return tickets["body"].values, tickets["queue"].values'),
        ('    clf = LogisticRegression(C=params["C"], max_iter=2000).fit(X_tr, y_tr)\n    f1 = f1_score(y_te, clf.predict(X_te), average="macro")',
         '    vec = TfidfVectorizer(min_df=params["min_df"], ngram_range=(1, 2), sublinear_tf=True)\n    A_tr = vec.fit_transform(X_tr)\n    A_te = vec.transform(X_te)\n    clf = LogisticRegression(C=params["C"], max_iter=2000).fit(A_tr, y_tr)\n    f1 = f1_score(y_te, clf.predict(A_te), average="macro")'),
    ]}))

# L4 mean target encoding with groupby.transform before the split
L4 = dict(
    id="leak-groupby-target-mean-encoding-churn",
    style="sklearn",
    description="Churn model with hand-rolled mean target encoding: `df.groupby('plan')['churned'].transform('mean')` over all customers becomes a feature before the train/test split, so every test row's feature contains its own label.",
    files={
        "churn/features.py": r'''
import pandas as pd

CAT_COLS = ["plan", "region", "device"]


def add_target_means(df: pd.DataFrame, target: str = "churned") -> pd.DataFrame:
    out = df.copy()
    for col in CAT_COLS:
        out[f"{col}_te"] = out.groupby(col)[target].transform("mean")
    return out
''',
        "churn/run.py": r'''
import lightgbm as lgb
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from churn.features import CAT_COLS, add_target_means

customers = pd.read_csv("data/customers.csv")
customers = add_target_means(customers)
feats = [c for c in customers.columns if c not in ("customer_id", "churned", *CAT_COLS)]

tr, te = train_test_split(customers, test_size=0.2, stratify=customers["churned"], random_state=3)
model = lgb.LGBMClassifier(n_estimators=600, learning_rate=0.03, random_state=3)
model.fit(tr[feats], tr["churned"])
print("test AUC", roc_auc_score(te["churned"], model.predict_proba(te[feats])[:, 1]), "n", len(te))
''',
    },
    labels=[dict(file="churn/features.py", find="transform(\"mean\")", category="LEAK-TARGET",
                 why="the per-category mean of the label over all rows (test included) becomes a feature"),
            ],
    also_ok=[dict(file="churn/run.py", find="customers = add_target_means(customers)", category="LEAK-TARGET")],
)
SPECS.append(L4)
_spare = (twin(L4, "leak-groupby-target-mean-train-only-clean",
    "Clean twin: the split comes first and the category means are computed on the training rows and mapped onto test.",
    {"churn/features.py": [
        ('def add_target_means(df: pd.DataFrame, target: str = "churned") -> pd.DataFrame:\n    out = df.copy()\n    for col in CAT_COLS:\n        out[f"{col}_te"] = out.groupby(col)[target].transform("mean")\n    return out',
         'def add_target_means(train: pd.DataFrame, other: pd.DataFrame, target: str = "churned"):\n    tr, ot = train.copy(), other.copy()\n    prior = train[target].mean()\n    for col in CAT_COLS:\n        means = train.groupby(col)[target].mean()\n        tr[f"{col}_te"] = tr[col].map(means)\n        ot[f"{col}_te"] = ot[col].map(means).fillna(prior)\n    return tr, ot')],
     "churn/run.py": [
        ('customers = add_target_means(customers)\nfeats = [c for c in customers.columns if c not in ("customer_id", "churned", *CAT_COLS)]\n\ntr, te = train_test_split(customers, test_size=0.2, stratify=customers["churned"], random_state=3)',
         'tr, te = train_test_split(customers, test_size=0.2, stratify=customers["churned"], random_state=3)\ntr, te = add_target_means(tr, te)\nfeats = [c for c in tr.columns if c not in ("customer_id", "churned", *CAT_COLS)]'),
     ]}))

# L5 duckdb window feature that includes the current row's target
L5 = dict(
    id="leak-duckdb-window-includes-current-target",
    style="mixed",
    description="Daily store sales forecasting with features built in duckdb SQL. The 7-day moving average of `units` uses `ROWS BETWEEN 6 PRECEDING AND CURRENT ROW`, so the feature for a day includes that day's own target, and the gradient-boosted model looks excellent.",
    files={
        "sql/features.sql": r'''
-- one row per store and day
SELECT
    store_id,
    day,
    units,
    dayofweek(day) AS dow,
    promo,
    AVG(units) OVER (PARTITION BY store_id ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS units_ma7,
    LAG(units, 7) OVER (PARTITION BY store_id ORDER BY day) AS units_lag7
FROM read_parquet('data/sales.parquet')
ORDER BY store_id, day
''',
        "forecast.py": r'''
import duckdb
import xgboost as xgb
from sklearn.metrics import mean_absolute_error

con = duckdb.connect()
feat = con.execute(open("sql/features.sql").read()).df()
feat = feat[feat["units_lag7"].notna()]
print(f"{len(feat)} rows after the first week of each store is dropped for the lag")

cut = "2024-07-01"
train, test = feat[feat["day"] < cut], feat[feat["day"] >= cut]
cols = ["dow", "promo", "units_ma7", "units_lag7"]
reg = xgb.XGBRegressor(n_estimators=500, max_depth=6, learning_rate=0.05, random_state=0)
reg.fit(train[cols], train["units"])
print("MAE", mean_absolute_error(test["units"], reg.predict(test[cols])), "days", test["day"].nunique())
''',
    },
    labels=[dict(file="sql/features.sql", find="AVG(units) OVER", category="LEAK-TARGET",
                 why="the moving average window ends at the current row and includes the target itself")],
)
SPECS.append(L5)
SPECS.append(twin(L5, "leak-duckdb-window-ends-yesterday-clean",
    "Clean twin: the moving average window ends one row before the current day.",
    {"sql/features.sql": [("ROWS BETWEEN 6 PRECEDING AND CURRENT ROW", "ROWS BETWEEN 7 PRECEDING AND 1 PRECEDING")]}))

# L6 ultralytics: the data yaml's val split is the test images, best.pt chosen on it and reported
L6 = dict(
    id="leak-yolo-val-is-test-split",
    style="torch",
    description="Ultralytics YOLOv8 fine-tuning for weed detection. The dataset YAML points `val:` at the test images, so the checkpoint `best.pt` is selected on the test set by mAP during training, and the final `model.val(split='test')` reports that same test set.",
    files={
        "weeds.yaml": r'''
path: datasets/weeds
train: images/train
val: images/test
test: images/test
names:
  0: crop
  1: weed
''',
        "train_yolo.py": r'''
import json

from ultralytics import YOLO

model = YOLO("yolov8s.pt")
model.train(data="weeds.yaml", epochs=120, imgsz=960, batch=16, seed=0, deterministic=True,
            patience=30, project="runs", name="weeds_s")

best = YOLO("runs/weeds_s/weights/best.pt")
m = best.val(data="weeds.yaml", split="test", imgsz=960)
res = {"weights": "yolov8s.pt", "imgsz": 960, "seed": 0, "mAP50": float(m.box.map50), "mAP50_95": float(m.box.map)}
print(res)
json.dump(res, open("results/yolo_test.json", "w"), indent=2)
''',
    },
    labels=[dict(file="weeds.yaml", find="val: images/test", category="LEAK-SELECT",
                 why="training's validation split, which picks best.pt and drives early stopping, is the test set")],
)
SPECS.append(L6)
SPECS.append(twin(L6, "leak-yolo-separate-val-split-clean",
    "Clean twin: the YAML has its own validation images; test is used once at the end.",
    {"weeds.yaml": [("val: images/test", "val: images/val")]}))

# L7 Spark MLlib: randomSplit over ratings with several rows per user, evaluated as cold-start
L7 = dict(
    id="leak-spark-randomsplit-sessions-per-user",
    style="mixed",
    description="Spark MLlib: a GBT model predicting whether a session converts, with user-level features. Sessions are split with `randomSplit([0.8, 0.2])`, so the same users (dozens of sessions each) appear in both parts, while the README claims generalisation to new users.",
    files={
        "jobs/conversion.py": r'''
from pyspark.ml import Pipeline
from pyspark.ml.classification import GBTClassifier
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import VectorAssembler
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("conversion").getOrCreate()
sessions = spark.read.parquet("data/sessions.parquet")  # user_id, session_id, features..., converted
print("sessions", sessions.count(), "users", sessions.select("user_id").distinct().count())

feature_cols = ["n_pages", "dwell_s", "user_prior_orders", "user_days_active", "hour"]
assembler = VectorAssembler(inputCols=feature_cols, outputCol="features")
gbt = GBTClassifier(labelCol="converted", featuresCol="features", maxIter=80, seed=5)

train, test = sessions.randomSplit([0.8, 0.2], seed=5)
model = Pipeline(stages=[assembler, gbt]).fit(train)
auc = BinaryClassificationEvaluator(labelCol="converted").evaluate(model.transform(test))
print(f"AUC on unseen users: {auc:.4f}")
''',
        "README.md": r'''
# Conversion model

GBT on session features; evaluated on held-out users (`jobs/conversion.py`).
''',
    },
    labels=[dict(file="jobs/conversion.py", find="train, test = sessions.randomSplit(", category="LEAK-SPLIT",
                 why="sessions of the same user land on both sides of a row-level random split")],
)
SPECS.append(L7)
_spare = (twin(L7, "leak-spark-split-by-user-clean",
    "Clean twin: the users are split, and sessions follow their user.",
    {"jobs/conversion.py": [
        ("train, test = sessions.randomSplit([0.8, 0.2], seed=5)",
         "users_tr, users_te = sessions.select(\"user_id\").distinct().randomSplit([0.8, 0.2], seed=5)\ntrain = sessions.join(users_tr, \"user_id\")\ntest = sessions.join(users_te, \"user_id\")"),
    ]}))

# L8 FLAML AutoML tuned against the test set
L8 = dict(
    id="leak-flaml-automl-xval-is-test",
    style="sklearn",
    description="FLAML AutoML on a credit-scoring table. `automl.fit(..., X_val=X_test, y_val=y_test)` makes the held-out test set the validation set that the search optimises, and the best model's test AUC is then reported.",
    files={
        "automl_credit.py": r'''
import pandas as pd
from flaml import AutoML
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/credit.csv")
X, y = df.drop(columns=["default"]), df["default"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=2024)

automl = AutoML()
automl.fit(X_train, y_train, task="classification", metric="roc_auc", time_budget=900,
           eval_method="holdout", X_val=X_test, y_val=y_test, seed=2024)
print("best learner", automl.best_estimator, automl.best_config)
print("test AUC", roc_auc_score(y_test, automl.predict_proba(X_test)[:, 1]))
''',
    },
    labels=[dict(file="automl_credit.py", find="eval_method=\"holdout\", X_val=X_test", category="LEAK-SELECT",
                 why="the AutoML search selects learners and hyperparameters on the test set it is then scored on")],
)
SPECS.append(L8)

# L9 kNN few-shot from the evaluation pool itself (sentence-transformers)
L9 = dict(
    id="leak-knn-fewshot-from-eval-pool",
    style="llm-eval",
    description="Few-shot intent classification with an LLM via ollama. Demonstrations are the 4 nearest neighbours (sentence-transformers embeddings) of the query within the evaluation set itself, so the query, with its gold intent, is its own nearest demonstration.",
    files={
        "fewshot/demos.py": r'''
import numpy as np
from sentence_transformers import SentenceTransformer

enc = SentenceTransformer("all-MiniLM-L6-v2")


class DemoIndex:
    def __init__(self, pool):
        self.pool = pool
        self.emb = enc.encode([p["text"] for p in pool], normalize_embeddings=True)

    def nearest(self, text, k=4):
        q = enc.encode([text], normalize_embeddings=True)[0]
        order = np.argsort(-self.emb @ q)[:k]
        return [self.pool[i] for i in order]
''',
        "fewshot/run.py": r'''
import json

import ollama

from fewshot.demos import DemoIndex

MODEL = "llama3.1:8b"
test = [json.loads(l) for l in open("data/intents_test.jsonl")]
index = DemoIndex(test)


def build_prompt(item):
    shots = index.nearest(item["text"])
    demo = "\n".join(f"Utterance: {d['text']}\nIntent: {d['intent']}" for d in shots)
    return f"{demo}\nUtterance: {item['text']}\nIntent:"


correct = 0
for item in test:
    r = ollama.generate(model=MODEL, prompt=build_prompt(item), options={"temperature": 0, "num_predict": 8})
    correct += r["response"].strip().split("\n")[0] == item["intent"]
print(f"{MODEL} few-shot accuracy {correct / len(test):.3f} on {len(test)}")
''',
    },
    labels=[dict(file="fewshot/run.py", find="index = DemoIndex(test)", category="LEAK-PROMPT",
                 why="demonstrations come from the evaluation items, so each query retrieves itself with its gold intent")],
)
SPECS.append(L9)
SPECS.append(twin(L9, "leak-knn-fewshot-from-train-pool-clean",
    "Clean twin: demonstrations are retrieved from the training split.",
    {"fewshot/run.py": [("index = DemoIndex(test)", "index = DemoIndex([json.loads(l) for l in open(\"data/intents_train.jsonl\")])")]}))

# L10 trl SFTTrainer: eval_dataset is the test split, best model loaded at end, then reported
L10 = dict(
    id="leak-sft-best-checkpoint-on-test",
    style="torch",
    description="LoRA SFT with trl + peft for a summarisation model. `eval_dataset=ds['test']` with `load_best_model_at_end=True` picks the checkpoint with the lowest test loss, and `trainer.evaluate(ds['test'])` is then reported as the held-out result.",
    files={
        "sft/train_lora.py": r'''
import json

from datasets import load_dataset
from peft import LoraConfig
from transformers import AutoModelForCausalLM, AutoTokenizer, set_seed
from trl import SFTConfig, SFTTrainer

set_seed(13)
BASE = "Qwen/Qwen2.5-1.5B"
ds = load_dataset("json", data_files={"train": "data/train.jsonl", "test": "data/test.jsonl"})
tok = AutoTokenizer.from_pretrained(BASE)
model = AutoModelForCausalLM.from_pretrained(BASE)

cfg = SFTConfig(output_dir="ckpt/lora", num_train_epochs=4, per_device_train_batch_size=8,
                eval_strategy="steps", eval_steps=200, save_steps=200, load_best_model_at_end=True,
                metric_for_best_model="eval_loss", greater_is_better=False, seed=13, max_length=1024)
trainer = SFTTrainer(model=model, args=cfg, train_dataset=ds["train"], eval_dataset=ds["test"],
                     processing_class=tok, peft_config=LoraConfig(r=16, lora_alpha=32, target_modules="all-linear"))
trainer.train()
metrics = trainer.evaluate(ds["test"])
metrics.update(base=BASE, seed=13, n_test=len(ds["test"]))
json.dump(metrics, open("results/sft_test.json", "w"), indent=2)
''',
    },
    labels=[dict(file="sft/train_lora.py", find="eval_dataset=ds[\"test\"]", category="LEAK-SELECT",
                 why="the best checkpoint is chosen by the loss on the test split that is then reported")],
)
SPECS.append(L10)
