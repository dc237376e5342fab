from twin import twin

SPECS = []

SENSOR_CSV = "id,time,value\n" + "".join("%d,%d,%.2f\n" % (i // 5, i % 5, (i * 0.37) % 3) for i in range(40))
LABELS_CSV = "id,faulty\n" + "".join("%d,%d\n" % (i, i % 2) for i in range(8))

# L1 tsfresh: select_features on all series before the split
L1 = dict(
    id="leak-tsfresh-select-features-before-split",
    style="sklearn",
    description="Fault detection from machine vibration series: tsfresh extracts hundreds of features per machine, select_features keeps those significantly related to the fault label using every machine's label, and only then are machines split into train and test. The feature selection saw the test labels.",
    files={
        "features.py": r'''
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from tsfresh import extract_features, select_features
from tsfresh.utilities.dataframe_functions import impute

series = pd.read_csv("data/vibration.csv")
y = pd.read_csv("data/labels.csv", index_col="id")["faulty"]

X = extract_features(series, column_id="id", column_sort="time")
impute(X)
X = select_features(X, y)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
clf = RandomForestClassifier(n_estimators=300, random_state=0).fit(X_train, y_train)
print("F1", f1_score(y_test, clf.predict(X_test)))
''',
        "data/vibration.csv": SENSOR_CSV,
        "data/labels.csv": LABELS_CSV,
    },
    labels=[dict(file="features.py", find="X = select_features(X, y)", category="LEAK-PREPROC",
                 why="features are selected with every machine's label, test included, before the split")],
)
SPECS.append(L1)
SPECS.append(twin(L1, "leak-tsfresh-select-features-on-train-clean",
    "Clean twin: the split comes first and select_features sees only the training machines.",
    {"features.py": [
        ("X = select_features(X, y)\n\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)\n",
         "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)\nX_train = select_features(X_train, y_train)\nX_test = X_test[X_train.columns]\n")]}))

# L2 pytorch-tabnet: StandardScaler fit on all rows before the split
L2 = dict(
    id="leak-tabnet-scaler-before-split",
    style="sklearn",
    description="TabNet (pytorch-tabnet) on a loan-default table. The numeric columns are standardised with StandardScaler().fit_transform on the whole table, then split into train, validation and test; the scaler's means and variances include the test rows.",
    files={
        "tabnet_train.py": r'''
import numpy as np
import pandas as pd
from pytorch_tabnet.tab_model import TabNetClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/loans.csv")
y = df.pop("default").values
X = StandardScaler().fit_transform(df.values).astype(np.float32)

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)
X_tr, X_va, y_tr, y_va = train_test_split(X_tr, y_tr, test_size=0.2, random_state=42, stratify=y_tr)

clf = TabNetClassifier(seed=42, verbose=0)
clf.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], eval_metric=["auc"], max_epochs=100, patience=15)
print("test AUC", roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]))
''',
        "data/loans.csv": "amount,rate,term,income,default\n" + "".join("%d,%.1f,%d,%d,%d\n" % (1000 + 50 * i, 5 + i % 7, 36, 20000 + 900 * i, i % 2) for i in range(20)),
    },
    labels=[dict(file="tabnet_train.py", find="X = StandardScaler().fit_transform(df.values)", category="LEAK-PREPROC",
                 why="the scaler is fit on all rows before the train/test split")],
)
SPECS.append(L2)
SPECS.append(twin(L2, "leak-tabnet-scaler-fit-on-train-clean",
    "Clean twin: the scaler is fit on the training rows after the split.",
    {"tabnet_train.py": [
        ("X = StandardScaler().fit_transform(df.values).astype(np.float32)\n", "X = df.values.astype(np.float32)\n"),
        ("\nclf = TabNetClassifier(", "\nscaler = StandardScaler().fit(X_tr)\nX_tr, X_va, X_te = scaler.transform(X_tr), scaler.transform(X_va), scaler.transform(X_te)\n\nclf = TabNetClassifier(")]}))

# L3 smolagents: the worked solution passed as a "hint" in the agent task
L3 = dict(
    id="leak-smolagents-solution-as-hint-in-task",
    style="llm-eval",
    description="A math-agent eval with smolagents' CodeAgent. The task text is built from a template with a hint slot, and the hint is filled from the item's reference solution field, so the agent is handed the worked solution and the final answer it is scored against.",
    files={
        "agent_eval.py": r'''
import json

from smolagents import CodeAgent, InferenceClientModel

MODEL_ID = "Qwen/Qwen2.5-Coder-32B-Instruct"
TASK = (
    "Solve the following competition problem. You may write and run Python.\n"
    "Problem: {problem}\n"
    "Hint: {hint}\n"
    "Return only the final numeric answer."
)


def main():
    agent = CodeAgent(tools=[], model=InferenceClientModel(model_id=MODEL_ID), max_steps=6)
    items = [json.loads(l) for l in open("data/aime_subset.jsonl")]
    correct = 0
    for it in items:
        task = TASK.format(problem=it["problem"], hint=it["solution"])
        answer = str(agent.run(task)).strip()
        correct += answer == str(it["answer"])
    print(json.dumps({"model": MODEL_ID, "n": len(items), "accuracy": correct / len(items)}))


if __name__ == "__main__":
    main()
''',
        "data/aime_subset.jsonl": "".join('{"problem": "problem %d", "hint": "consider parity", "solution": "... so the answer is %d", "answer": %d}\n' % (i, i, i) for i in range(6)),
    },
    labels=[dict(file="agent_eval.py", find='hint=it["solution"]', category="LEAK-PROMPT",
                 why="the reference solution (with the answer) is put into the agent's task")],
)
SPECS.append(L3)
SPECS.append(twin(L3, "leak-smolagents-generic-hint-in-task-clean",
    "Clean twin: the hint slot is filled from the item's generic hint field.",
    {"agent_eval.py": [('hint=it["solution"]', 'hint=it["hint"]')]}))

# L4 ultralytics YOLO: the train folder contains the val folder
L4 = dict(
    id="leak-yolo-train-dir-contains-val-dir",
    style="torch",
    description="Ultralytics YOLO fine-tuning on a defect-detection dataset. The dataset YAML points train at images/ and val at images/val; ultralytics collects training images recursively, so the validation images are also training images and the reported mAP50-95 is on seen images.",
    files={
        "data/defects.yaml": """
path: datasets/defects
train: images
val: images/val
names:
  0: scratch
  1: dent
  2: crack
""",
        "train_yolo.py": r'''
from ultralytics import YOLO

model = YOLO("yolov8s.pt")
model.train(data="data/defects.yaml", epochs=100, imgsz=640, seed=0, deterministic=True)
metrics = model.val(data="data/defects.yaml", split="val")
print("mAP50-95", metrics.box.map)
''',
    },
    labels=[dict(file="data/defects.yaml", find="train: images", category="LEAK-OVERLAP",
                 why="the training folder includes the validation folder (images are collected recursively)")],
)
SPECS.append(L4)

# L5 AutoGluon: tuning_data is the test set that is then reported
L5 = dict(
    id="leak-autogluon-tuning-data-is-test",
    style="sklearn",
    description="A churn model with AutoGluon. The predictor is fit with tuning_data=test (used for early stopping, model selection and the weighted ensemble), and the same test frame is then passed to predictor.evaluate for the reported score.",
    files={
        "churn_ag.py": r'''
import json

import pandas as pd
from autogluon.tabular import TabularPredictor
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/churn.csv")
train, test = train_test_split(df, test_size=0.2, random_state=1, stratify=df["churned"])

predictor = TabularPredictor(label="churned", eval_metric="f1", path="ag_churn").fit(
    train_data=train,
    tuning_data=test,
    presets="best_quality",
    use_bag_holdout=True,
    time_limit=900,
)
scores = predictor.evaluate(test)
json.dump({"model": "autogluon-best", "n_test": len(test), **scores}, open("results/churn.json", "w"), indent=2)
''',
        "data/churn.csv": "tenure,plan,monthly,churned\n" + "".join("%d,%s,%d,%d\n" % (i, "abc"[i % 3], 20 + i, i % 2) for i in range(20)),
    },
    labels=[dict(file="churn_ag.py", find="tuning_data=test,", category="LEAK-SELECT",
                 why="model selection and early stopping use the test set that is then reported")],
)
SPECS.append(L5)
SPECS.append(twin(L5, "leak-autogluon-tuning-data-is-validation-clean",
    "Clean twin: a validation split is carved from train and used as tuning_data.",
    {"churn_ag.py": [
        ('train, test = train_test_split(df, test_size=0.2, random_state=1, stratify=df["churned"])\n',
         'train, test = train_test_split(df, test_size=0.2, random_state=1, stratify=df["churned"])\ntrain, val = train_test_split(train, test_size=0.2, random_state=1, stratify=train["churned"])\n'),
        ("tuning_data=test,", "tuning_data=val,")]}))

# L6 TabPFN: repeated visits of the same patient split at random
L6 = dict(
    id="leak-tabpfn-visits-split-ignoring-patient",
    style="sklearn",
    description="TabPFN predicts a lab outcome from clinic visits. Each patient has several visits (rows share patient_id), but the rows are split with a plain train_test_split, so most test patients have other visits in the training context and the accuracy measures recognising patients.",
    files={
        "tabpfn_visits.py": r'''
import pandas as pd
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from tabpfn import TabPFNClassifier

visits = pd.read_csv("data/visits.csv")
features = ["age", "bmi", "sbp", "hba1c_prev", "visit_no"]
X, y = visits[features], visits["hba1c_high"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)

clf = TabPFNClassifier(random_state=0)
clf.fit(X_train, y_train)
print("accuracy", accuracy_score(y_test, clf.predict(X_test)))
''',
        "data/visits.csv": "patient_id,visit_no,age,bmi,sbp,hba1c_prev,hba1c_high\n" + "".join("%d,%d,%d,%.1f,%d,%.1f,%d\n" % (i // 4, i % 4, 40 + i // 4, 25 + (i // 4) % 5, 120 + i % 9, 5.5 + (i % 6) / 3, (i // 4) % 2) for i in range(24)),
    },
    labels=[dict(file="tabpfn_visits.py", find="X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)", category="LEAK-SPLIT",
                 why="visits of the same patient land in both train and test")],
)
SPECS.append(L6)
SPECS.append(twin(L6, "leak-tabpfn-visits-group-split-clean",
    "Clean twin: GroupShuffleSplit keeps each patient's visits on one side.",
    {"tabpfn_visits.py": [
        ("from sklearn.model_selection import train_test_split\n", "from sklearn.model_selection import GroupShuffleSplit\n"),
        ("X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)\n",
         'gss = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=0)\ntr, te = next(gss.split(X, y, groups=visits["patient_id"]))\nX_train, X_test, y_train, y_test = X.iloc[tr], X.iloc[te], y.iloc[tr], y.iloc[te]\n')]}))

# L7 pandas eval: the column the label is computed from is left in the features
L7 = dict(
    id="leak-pandas-eval-margin-left-in-features",
    style="sklearn",
    description="Predicts whether a deal will be profitable. df.eval computes margin = revenue - cost and the target is margin > 0, but the feature matrix drops only the target column, so margin (and revenue and cost, known only after the deal closes) stay in X and give the label away.",
    files={
        "deals.py": r'''
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/deals.csv")
df = df.eval("margin = revenue - cost")
df["profitable"] = (df["margin"] > 0).astype(int)

X = df.drop(columns=["profitable", "deal_id"])
y = df["profitable"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=3)
clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
print("accuracy", accuracy_score(y_test, clf.predict(X_test)))
''',
        "data/deals.csv": "deal_id,seats,discount,region_code,revenue,cost\n" + "".join("%d,%d,%.2f,%d,%d,%d\n" % (i, 5 + i, (i % 5) / 10, i % 3, 1000 + 90 * i, 1200 + 40 * i) for i in range(20)),
    },
    labels=[dict(file="deals.py", find='X = df.drop(columns=["profitable", "deal_id"])', category="LEAK-TARGET",
                 why="margin, from which the label is computed, stays in the features")],
)
SPECS.append(L7)
SPECS.append(twin(L7, "leak-pandas-eval-margin-dropped-clean",
    "Clean twin: margin, revenue and cost are dropped with the label.",
    {"deals.py": [('X = df.drop(columns=["profitable", "deal_id"])', 'X = df.drop(columns=["profitable", "deal_id", "margin", "revenue", "cost"])')]}))
