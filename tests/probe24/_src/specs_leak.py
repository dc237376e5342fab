from twin import twin

SPECS = []

# L1 PySpark: StandardScaler fit on the whole frame before randomSplit
L1 = dict(
    id="leak-pyspark-scaler-fit-before-random-split",
    style="mixed",
    description="A churn model in PySpark: the feature vector is assembled and a pyspark.ml StandardScaler is fit on the whole DataFrame, then the scaled frame is split with randomSplit; test rows shape the scaling statistics.",
    files={
        "churn_spark.py": r'''
import json

from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import StandardScaler, VectorAssembler
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("churn").getOrCreate()
df = spark.read.parquet("data/churn.parquet")
FEATURES = ["tenure", "monthly_charges", "total_charges", "support_calls"]

assembled = VectorAssembler(inputCols=FEATURES, outputCol="raw").transform(df)
scaler = StandardScaler(inputCol="raw", outputCol="features", withMean=True).fit(assembled)
scaled = scaler.transform(assembled)
train, test = scaled.randomSplit([0.8, 0.2], seed=7)

lr = LogisticRegression(featuresCol="features", labelCol="churned").fit(train)
auc = BinaryClassificationEvaluator(labelCol="churned").evaluate(lr.transform(test))
json.dump({"model": "logreg", "seed": 7, "features": FEATURES, "test_auc": auc}, open("results/churn.json", "w"))
''',
    },
    labels=[dict(file="churn_spark.py", find='scaler = StandardScaler(inputCol="raw", outputCol="features", withMean=True).fit(assembled)', category="LEAK-PREPROC",
                 why="the scaler is fit on every row before randomSplit")],
)
SPECS.append(L1)
SPECS.append(twin(L1, "leak-pyspark-scaler-fit-on-train-clean",
    "Clean twin: randomSplit first, the scaler is fit on the training frame only.",
    {"churn_spark.py": [
        ('scaler = StandardScaler(inputCol="raw", outputCol="features", withMean=True).fit(assembled)\nscaled = scaler.transform(assembled)\ntrain, test = scaled.randomSplit([0.8, 0.2], seed=7)\n',
         'raw_train, raw_test = assembled.randomSplit([0.8, 0.2], seed=7)\nscaler = StandardScaler(inputCol="raw", outputCol="features", withMean=True).fit(raw_train)\ntrain, test = scaler.transform(raw_train), scaler.transform(raw_test)\n')]}))

RC = "".join('{"id": %d, "passage": "Passage %d about rivers.", "question": "Which river in passage %d?", "answer": "River%d"}\n' % (i, i, i, i) for i in range(10))

# L2 gold answer passed as "reference" in the prompt (Gemini via the OpenAI-compatible endpoint)
L2 = dict(
    id="leak-reading-comp-reference-filled-with-answer",
    style="llm-eval",
    description="A reading-comprehension eval: the prompt has a 'Reference material' slot meant for the passage, but it is filled with the row's gold answer, so the model reads the answer it is graded against.",
    files={
        "rc_eval.py": r'''
import json

from openai import OpenAI

client = OpenAI(base_url="https://generativelanguage.googleapis.com/v1beta/openai/", api_key=open(".key").read().strip())
MODEL = "gemini-1.5-flash"
TEMPLATE = """Use the reference material to answer the question in a few words.

Reference material:
{reference}

Question: {question}
Answer:"""


def ask(row):
    prompt = TEMPLATE.format(reference=row["answer"], question=row["question"])
    r = client.chat.completions.create(model=MODEL, temperature=0, messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content.strip()


rows = [json.loads(l) for l in open("data/rc_test.jsonl")]
em = sum(ask(r).lower() == r["answer"].lower() for r in rows) / len(rows)
json.dump({"model": MODEL, "n": len(rows), "exact_match": em}, open("results/rc.json", "w"))
''',
        "data/rc_test.jsonl": RC,
    },
    labels=[dict(file="rc_eval.py", find='prompt = TEMPLATE.format(reference=row["answer"], question=row["question"])', category="LEAK-PROMPT",
                 why="the gold answer fills the reference slot of the prompt")],
)
SPECS.append(L2)

# L3 EEG windows: StratifiedKFold in cross_val_predict ignores the subject of each window
L3 = dict(
    id="leak-cross-val-predict-stratified-kfold-ignores-subject",
    style="sklearn",
    description="Sleep-stage classification from EEG windows: each subject contributes hundreds of windows. A Pipeline is scored with cross_val_predict over StratifiedKFold(shuffle=True), so windows of the same subject land in training and test folds and the accuracy measures subject memorisation.",
    files={
        "sleep_cv.py": r'''
import json

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

windows = pd.read_parquet("data/eeg_windows.parquet")
subjects = windows["subject_id"].to_numpy()
X = windows.drop(columns=["subject_id", "stage"]).to_numpy()
y = windows["stage"].to_numpy()

pipe = Pipeline([("scale", StandardScaler()), ("clf", HistGradientBoostingClassifier(random_state=0))])
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
pred = cross_val_predict(pipe, X, y, cv=cv)
bacc = balanced_accuracy_score(y, pred)
json.dump({"model": "hgb", "cv": "5-fold", "n_subjects": int(np.unique(subjects).size), "balanced_accuracy": bacc},
          open("results/sleep_cv.json", "w"))
''',
    },
    labels=[dict(file="sleep_cv.py", find="cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)", end_find="pred = cross_val_predict(pipe, X, y, cv=cv)",
                 category="LEAK-SPLIT", why="windows of one subject fall in both training and test folds")],
)
SPECS.append(L3)
SPECS.append(twin(L3, "leak-cross-val-predict-stratified-group-kfold-clean",
    "Clean twin: StratifiedGroupKFold with the subject as group.",
    {"sleep_cv.py": [
        ("from sklearn.model_selection import StratifiedKFold, cross_val_predict", "from sklearn.model_selection import StratifiedGroupKFold, cross_val_predict"),
        ("cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)\npred = cross_val_predict(pipe, X, y, cv=cv)",
         "cv = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=0)\npred = cross_val_predict(pipe, X, y, cv=cv, groups=subjects)")]}))

# L4 merge_asof direction="forward": features from the future
L4 = dict(
    id="leak-merge-asof-forward-joins-future-prices",
    style="mixed",
    description="Trade outcomes are predicted from the latest market snapshot before each order. The snapshot is attached with pd.merge_asof(direction='forward'), which takes the first snapshot after the order time: the features come from the future.",
    files={
        "build_features.py": r'''
import pandas as pd

orders = pd.read_csv("data/orders.csv", parse_dates=["ts"]).sort_values("ts")
snaps = pd.read_csv("data/snapshots.csv", parse_dates=["ts"]).sort_values("ts")

feats = pd.merge_asof(orders, snaps, on="ts", by="symbol", direction="forward")
feats["spread"] = feats["ask"] - feats["bid"]
feats.to_parquet("data/features.parquet")
''',
        "train.py": r'''
import json

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

df = pd.read_parquet("data/features.parquet").sort_values("ts")
cut = int(len(df) * 0.8)
train, test = df.iloc[:cut], df.iloc[cut:]
cols = ["spread", "mid", "imbalance", "volume"]
clf = LogisticRegression(max_iter=1000).fit(train[cols], train["filled"])
auc = roc_auc_score(test["filled"], clf.predict_proba(test[cols])[:, 1])
json.dump({"model": "logreg", "features": cols, "test_auc": auc}, open("results/fill_auc.json", "w"))
''',
    },
    labels=[dict(file="build_features.py", find='direction="forward"', category="LEAK-TARGET",
                 why="merge_asof forward takes the snapshot after the order: features from the future")],
)
SPECS.append(L4)

# L5 Optuna with pruning: objective reports and returns the test score
L5 = dict(
    id="leak-optuna-pruning-on-test-score",
    style="sklearn",
    description="An SGD classifier's hyperparameters are tuned with Optuna and a MedianPruner; each trial trains incrementally, reports the test-set accuracy at every epoch for pruning and returns it; the best trial's test accuracy is then reported as the result.",
    files={
        "tune.py": r'''
import json

import numpy as np
import optuna
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split

data = np.load("data/features.npz")
X_train, X_test, y_train, y_test = train_test_split(data["X"], data["y"], test_size=0.2, random_state=0)
classes = np.unique(data["y"])


def objective(trial):
    clf = SGDClassifier(alpha=trial.suggest_float("alpha", 1e-6, 1e-1, log=True),
                        loss=trial.suggest_categorical("loss", ["hinge", "log_loss"]), random_state=0)
    for epoch in range(20):
        clf.partial_fit(X_train, y_train, classes=classes)
        score = clf.score(X_test, y_test)
        trial.report(score, epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return score


study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0),
                            pruner=optuna.pruners.MedianPruner(n_warmup_steps=3))
study.optimize(objective, n_trials=50)
json.dump({"params": study.best_params, "test_accuracy": study.best_value}, open("results/tuned.json", "w"))
''',
    },
    labels=[dict(file="tune.py", find="score = clf.score(X_test, y_test)", category="LEAK-SELECT",
                 why="hyperparameters and pruning are chosen on the test-set accuracy, which is then reported")],
)
SPECS.append(L5)
SPECS.append(twin(L5, "leak-optuna-pruning-on-validation-score-clean",
    "Clean twin: trials are scored on a validation split carved from training; the test set is scored once after tuning.",
    {"tune.py": [
        ("classes = np.unique(data[\"y\"])\n", "classes = np.unique(data[\"y\"])\nX_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.2, random_state=0)\n"),
        ("        clf.partial_fit(X_train, y_train, classes=classes)\n        score = clf.score(X_test, y_test)",
         "        clf.partial_fit(X_fit, y_fit, classes=classes)\n        score = clf.score(X_val, y_val)"),
        ('json.dump({"params": study.best_params, "test_accuracy": study.best_value}',
         'final = SGDClassifier(**study.best_params, random_state=0).fit(X_train, y_train)\njson.dump({"params": study.best_params, "val_accuracy": study.best_value, "test_accuracy": final.score(X_test, y_test)}')]}))

# L6 MMDetection config: test set points at the training annotation file
L6 = dict(
    id="leak-mmdet-config-test-ann-is-train-ann",
    style="torch",
    description="An MMDetection 3 config for a defect detector: the val and test dataloaders read annotations/train.json (the training annotations) with the training images, so the reported mAP is measured on training images.",
    files={
        "configs/defects_faster_rcnn.py": r'''
_base_ = ["../mmdet_base/faster-rcnn_r50_fpn.py", "../mmdet_base/schedule_1x.py"]

dataset_type = "CocoDataset"
data_root = "data/defects/"
metainfo = dict(classes=("crack", "dent", "scratch"))

train_dataloader = dict(
    batch_size=4,
    sampler=dict(type="DefaultSampler", shuffle=True),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        metainfo=metainfo,
        ann_file="annotations/train.json",
        data_prefix=dict(img="images/train/"),
    ),
)
val_dataloader = dict(
    batch_size=1,
    sampler=dict(type="DefaultSampler", shuffle=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        metainfo=metainfo,
        ann_file="annotations/train.json",
        data_prefix=dict(img="images/train/"),
        test_mode=True,
    ),
)
test_dataloader = val_dataloader

val_evaluator = dict(type="CocoMetric", ann_file=data_root + "annotations/train.json", metric="bbox")
test_evaluator = val_evaluator
randomness = dict(seed=0)
''',
        "README.md": "# Defect detection\n\nTrain: `python tools/train.py configs/defects_faster_rcnn.py`; test: `python tools/test.py configs/defects_faster_rcnn.py work_dirs/latest.pth`.\n",
    },
    labels=[dict(file="configs/defects_faster_rcnn.py", find='val_dataloader = dict(', end_find='test_mode=True,', category="LEAK-OVERLAP",
                 why="the val / test dataloader reads the training annotations and images")],
)
SPECS.append(L6)
SPECS.append(twin(L6, "leak-mmdet-config-test-ann-is-test-ann-clean",
    "Clean twin: val / test read annotations/val.json and images/val/.",
    {"configs/defects_faster_rcnn.py": [
        ('        ann_file="annotations/train.json",\n        data_prefix=dict(img="images/train/"),\n        test_mode=True,',
         '        ann_file="annotations/val.json",\n        data_prefix=dict(img="images/val/"),\n        test_mode=True,'),
        ('data_root + "annotations/train.json"', 'data_root + "annotations/val.json"')]}))

# L7 Polars: dedup after the split (train only)
L7 = dict(
    id="leak-polars-dedup-after-split",
    style="mixed",
    description="A toxicity classifier on scraped comments with many exact reposts: the frame is split first and only the training part is de-duplicated with .unique('text'), so reposts of test comments stay in training.",
    files={
        "prepare.py": r'''
import polars as pl

df = pl.read_parquet("data/comments.parquet").with_row_index("row")
test = df.sample(fraction=0.2, seed=0)
train = df.join(test, on="row", how="anti")
train = train.unique(subset="text", keep="first")
train.write_parquet("data/train.parquet")
test.write_parquet("data/test.parquet")
''',
        "train.py": r'''
import json

import polars as pl
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

train = pl.read_parquet("data/train.parquet")
test = pl.read_parquet("data/test.parquet")
vec = TfidfVectorizer(min_df=2).fit(train["text"].to_list())
clf = LogisticRegression(max_iter=2000).fit(vec.transform(train["text"].to_list()), train["toxic"].to_numpy())
f1 = f1_score(test["toxic"].to_numpy(), clf.predict(vec.transform(test["text"].to_list())))
json.dump({"model": "tfidf-logreg", "seed": 0, "n_test": test.height, "f1": f1}, open("results/toxicity.json", "w"))
''',
    },
    labels=[dict(file="prepare.py", find='train = train.unique(subset="text", keep="first")', category="LEAK-OVERLAP",
                 why="duplicates are removed after the split and only within training; reposts of test items remain in training")],
)
SPECS.append(L7)
