from twin import twin

SPECS = []

KEDRO_PIPE = '''
from kedro.pipeline import Pipeline, node, pipeline

from .nodes import evaluate_model, preprocess, split_data, train_model


def create_pipeline(**kwargs) -> Pipeline:
    return pipeline([
        node(preprocess, inputs=["raw_sensors", "params:numeric_cols"], outputs="preprocessed", name="preprocess"),
        node(split_data, inputs=["preprocessed", "params:split"], outputs=["X_train", "X_test", "y_train", "y_test"], name="split"),
        node(train_model, inputs=["X_train", "y_train"], outputs="classifier", name="train"),
        node(evaluate_model, inputs=["classifier", "X_test", "y_test"], outputs="metrics", name="evaluate"),
    ])
'''

# L1 Kedro: scaler fit in the preprocessing node, before the split node
L1 = dict(
    id="leak-kedro-scaler-node-before-split-node",
    style="sklearn",
    description="A Kedro pipeline for machine-failure prediction: the `preprocess` node fits a StandardScaler on all rows of the sensor table, and the `split_data` node splits the scaled table afterwards, so test rows shape the scaling the model is trained with.",
    files={
        "src/failure_pred/pipelines/modelling/nodes.py": r'''
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def preprocess(raw: pd.DataFrame, numeric_cols: list) -> pd.DataFrame:
    df = raw.dropna(subset=["failure"]).copy()
    scaler = StandardScaler()
    df[numeric_cols] = scaler.fit_transform(df[numeric_cols])
    return df


def split_data(df: pd.DataFrame, params: dict):
    X = df.drop(columns=["failure", "machine_id"])
    y = df["failure"]
    return train_test_split(X, y, test_size=params["test_size"], random_state=params["random_state"], stratify=y)


def train_model(X_train: pd.DataFrame, y_train: pd.Series) -> GradientBoostingClassifier:
    return GradientBoostingClassifier(random_state=0).fit(X_train, y_train)


def evaluate_model(clf, X_test: pd.DataFrame, y_test: pd.Series) -> dict:
    proba = clf.predict_proba(X_test)[:, 1]
    return {"n_test": len(y_test), "auroc": float(roc_auc_score(y_test, proba)), "f1": float(f1_score(y_test, proba > 0.5))}
''',
        "src/failure_pred/pipelines/modelling/pipeline.py": KEDRO_PIPE,
        "conf/base/parameters.yml": '''
numeric_cols: [air_temp, process_temp, rpm, torque, tool_wear]
split:
  test_size: 0.25
  random_state: 7
''',
    },
    labels=[dict(file="src/failure_pred/pipelines/modelling/nodes.py", find="df[numeric_cols] = scaler.fit_transform(df[numeric_cols])", category="LEAK-PREPROC",
                 why="the scaler is fit on all rows in the preprocess node, before the split node")],
)
SPECS.append(L1)
SPECS.append(twin(L1, "leak-kedro-stateless-transform-before-split-clean",
    "Clean twin: the preprocess node applies a stateless log transform; nothing is fit before the split.",
    {"src/failure_pred/pipelines/modelling/nodes.py": [
        ("    scaler = StandardScaler()\n    df[numeric_cols] = scaler.fit_transform(df[numeric_cols])\n",
         "    df[numeric_cols] = np.log1p(df[numeric_cols].clip(lower=0))\n"),
        ("import pandas as pd\n", "import numpy as np\nimport pandas as pd\n"),
        ("from sklearn.preprocessing import StandardScaler\n", "")]}))

# L2 pydantic item dumped whole into the prompt, answer included
L2 = dict(
    id="leak-pydantic-item-dumped-into-prompt",
    style="llm-eval",
    description="A GPQA-style eval keeps each item as a pydantic model (question, choices, answer). The prompt embeds `item.model_dump_json(indent=2)` so the model 'sees the item in a structured way', which sends the `answer` field too.",
    files={
        "gpqa_eval.py": r'''
import json
import re

from openai import OpenAI
from pydantic import BaseModel

client = OpenAI()


class Item(BaseModel):
    id: str
    question: str
    choices: list[str]
    answer: str


PROMPT = """Answer the multiple-choice question given as JSON below.
Think briefly, then finish with "ANSWER: <letter>".

{item_json}"""


def ask(item: Item, model: str) -> str | None:
    reply = client.chat.completions.create(
        model=model, temperature=0, max_tokens=1500,
        messages=[{"role": "user", "content": PROMPT.format(item_json=item.model_dump_json(indent=2))}],
    ).choices[0].message.content
    m = re.search(r"ANSWER:\s*([A-D])", reply or "")
    return m.group(1) if m else None


items = [Item.model_validate_json(line) for line in open("data/gpqa_diamond.jsonl")]
model = "gpt-4o-2024-08-06"
preds = [ask(it, model) for it in items]
correct = sum(p == it.answer for p, it in zip(preds, items))
json.dump({"model": model, "n": len(items), "n_unparsed": preds.count(None), "accuracy": correct / len(items)},
          open("results/gpqa.json", "w"), indent=2)
''',
        "data/gpqa_diamond.jsonl": '''
{"id": "q1", "question": "Which reagent converts an alkene to a vicinal diol with syn stereochemistry?", "choices": ["A. OsO4", "B. mCPBA then H3O+", "C. HBr", "D. O3 then Zn"], "answer": "A"}
''',
    },
    labels=[dict(file="gpqa_eval.py", find="PROMPT.format(item_json=item.model_dump_json(indent=2))", category="LEAK-PROMPT",
                 why="the item's JSON dump includes the answer field, so the gold letter is in the prompt")],
)
SPECS.append(L2)
SPECS.append(twin(L2, "leak-pydantic-item-dumped-without-answer-clean",
    "Clean twin: the dump excludes the answer field.",
    {"gpqa_eval.py": [("item.model_dump_json(indent=2)", 'item.model_dump_json(indent=2, exclude={"answer"})')]}))

# L3 few-shot examples drawn from the test split (together SDK)
L3 = dict(
    id="leak-together-fewshot-from-test-split",
    style="llm-eval",
    description="ARC-Challenge through the Together API: the five few-shot demonstrations are `ds['test'].shuffle(seed=0).select(range(5))`, drawn from the very split that is then scored, so five test items are answered with their own solution in the prompt.",
    files={
        "arc_fewshot.py": r'''
import json

from datasets import load_dataset
from together import Together

client = Together()
MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
ds = load_dataset("allenai/ai2_arc", "ARC-Challenge")


def render(ex, with_answer):
    opts = "\n".join(f"{l}. {t}" for l, t in zip(ex["choices"]["label"], ex["choices"]["text"]))
    tail = f" {ex['answerKey']}\n\n" if with_answer else ""
    return f"Question: {ex['question']}\n{opts}\nAnswer:{tail}"


shots = ds["test"].shuffle(seed=0).select(range(5))
header = "".join(render(s, with_answer=True) for s in shots)
correct = 0
for ex in ds["test"]:
    out = client.chat.completions.create(model=MODEL, temperature=0, max_tokens=2,
                                         messages=[{"role": "user", "content": header + render(ex, with_answer=False)}])
    correct += out.choices[0].message.content.strip()[:1] == ex["answerKey"]
json.dump({"model": MODEL, "shots": 5, "n": len(ds["test"]), "accuracy": correct / len(ds["test"])},
          open("results/arc_challenge.json", "w"), indent=2)
''',
    },
    labels=[dict(file="arc_fewshot.py", find='shots = ds["test"].shuffle(seed=0).select(range(5))', category="LEAK-PROMPT",
                 why="few-shot demonstrations come from the test split that is scored")],
)
SPECS.append(L3)
SPECS.append(twin(L3, "leak-together-fewshot-from-train-split-clean",
    "Clean twin: the demonstrations come from the train split.",
    {"arc_fewshot.py": [('shots = ds["test"].shuffle(seed=0).select(range(5))', 'shots = ds["train"].shuffle(seed=0).select(range(5))')]}))

# L4 MLflow: the best run chosen by its test AUROC
L4 = dict(
    id="leak-mlflow-search-runs-best-by-test-metric",
    style="sklearn",
    description="A grid over C and penalty for a churn model, each configuration an MLflow run that logs `test_auc`. The best run is taken with `mlflow.search_runs(order_by=['metrics.test_auc DESC'])` and its test AUROC is reported: the hyperparameters are selected on the test set.",
    files={
        "sweep.py": r'''
import json

import mlflow
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/churn.csv")
X, y = df.drop(columns=["churned", "customer_id"]), df["churned"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=3)

mlflow.set_experiment("churn-logreg")
for C in [0.001, 0.01, 0.1, 1.0, 10.0]:
    for penalty in ["l1", "l2"]:
        with mlflow.start_run(run_name=f"C={C}-{penalty}"):
            clf = make_pipeline(StandardScaler(), LogisticRegression(C=C, penalty=penalty, solver="liblinear"))
            clf.fit(X_train, y_train)
            mlflow.log_params({"C": C, "penalty": penalty})
            mlflow.log_metric("test_auc", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))

runs = mlflow.search_runs(experiment_names=["churn-logreg"], order_by=["metrics.test_auc DESC"])
best = runs.iloc[0]
with open("results/best_config.json", "w") as fh:
    json.dump({"C": float(best["params.C"]), "penalty": best["params.penalty"], "test_auc": best["metrics.test_auc"]}, fh, indent=2)
''',
        "data/churn.csv": '''
customer_id,tenure,monthly_charges,support_calls,churned
c1,3,70.5,4,1
c2,40,20.1,0,0
c3,12,55.0,2,0
c4,1,99.9,6,1
''',
    },
    labels=[dict(file="sweep.py", find='runs = mlflow.search_runs(experiment_names=["churn-logreg"], order_by=["metrics.test_auc DESC"])', category="LEAK-SELECT",
                 why="the configuration is chosen by its test AUROC, which is then reported")],
)
SPECS.append(L4)
SPECS.append(twin(L4, "leak-mlflow-search-runs-best-by-validation-clean",
    "Clean twin: a validation split is carved from the training part; runs log val_auc and test_auc, the best run is chosen by val_auc and its test_auc reported.",
    {"sweep.py": [
        ("X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=3)\n",
         "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=3)\n"
         "X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, stratify=y_train, random_state=3)\n"),
        ("            clf.fit(X_train, y_train)\n", "            clf.fit(X_fit, y_fit)\n"),
        ('            mlflow.log_metric("test_auc", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))\n',
         '            mlflow.log_metric("val_auc", roc_auc_score(y_val, clf.predict_proba(X_val)[:, 1]))\n'
         '            mlflow.log_metric("test_auc", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))\n'),
        ('order_by=["metrics.test_auc DESC"]', 'order_by=["metrics.val_auc DESC"]')]}))

# L5 W&B sweep optimising the test accuracy
WANDB = r'''
import torch
import torch.nn as nn
import torchvision
import wandb
from torch.utils.data import DataLoader, random_split
from torchvision import transforms

tf = transforms.ToTensor()
full_train = torchvision.datasets.FashionMNIST("data", train=True, download=True, transform=tf)
test_set = torchvision.datasets.FashionMNIST("data", train=False, download=True, transform=tf)
train_set, val_set = random_split(full_train, [50000, 10000], generator=torch.Generator().manual_seed(0))

sweep_config = {
    "method": "bayes",
    "metric": {"name": "test/accuracy", "goal": "maximize"},
    "parameters": {
        "lr": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1e-1},
        "hidden": {"values": [128, 256, 512]},
        "dropout": {"values": [0.0, 0.2, 0.5]},
    },
}


@torch.no_grad()
def accuracy(model, loader):
    model.eval()
    hits = sum((model(x).argmax(1) == y).sum().item() for x, y in loader)
    model.train()
    return hits / len(loader.dataset)


def train():
    with wandb.init() as run:
        cfg = run.config
        torch.manual_seed(0)
        model = nn.Sequential(nn.Flatten(), nn.Linear(784, cfg.hidden), nn.ReLU(), nn.Dropout(cfg.dropout), nn.Linear(cfg.hidden, 10))
        opt = torch.optim.SGD(model.parameters(), lr=cfg.lr, momentum=0.9)
        train_loader = DataLoader(train_set, batch_size=128, shuffle=True, generator=torch.Generator().manual_seed(0))
        val_loader = DataLoader(val_set, batch_size=512)
        test_loader = DataLoader(test_set, batch_size=512)
        for epoch in range(8):
            for x, y in train_loader:
                opt.zero_grad()
                nn.functional.cross_entropy(model(x), y).backward()
                opt.step()
            wandb.log({"epoch": epoch, "test/accuracy": accuracy(model, test_loader)})


if __name__ == "__main__":
    sweep_id = wandb.sweep(sweep_config, project="fmnist-mlp")
    wandb.agent(sweep_id, function=train, count=40)
'''
L5 = dict(
    id="leak-wandb-sweep-metric-is-test-accuracy",
    style="torch",
    description="A W&B Bayesian sweep over learning rate, width and dropout of a Fashion-MNIST MLP. Each run logs `test/accuracy` on the official test set after every epoch, and the sweep's `metric` is `test/accuracy` (maximize): the search is steered by, and the best run picked on, the test set, though a validation split is made and never used.",
    files={"sweep_fmnist.py": WANDB},
    labels=[dict(file="sweep_fmnist.py", find='"metric": {"name": "test/accuracy", "goal": "maximize"},', category="LEAK-SELECT",
                 why="the sweep optimises and selects on test accuracy")],
)
SPECS.append(L5)
SPECS.append(twin(L5, "leak-wandb-sweep-metric-is-val-accuracy-clean",
    "Clean twin: runs log validation accuracy, and the sweep optimises it.",
    {"sweep_fmnist.py": [('"metric": {"name": "test/accuracy", "goal": "maximize"},', '"metric": {"name": "val/accuracy", "goal": "maximize"},'),
                         ('wandb.log({"epoch": epoch, "test/accuracy": accuracy(model, test_loader)})',
                          'wandb.log({"epoch": epoch, "val/accuracy": accuracy(model, val_loader)})'),
                         ("        test_loader = DataLoader(test_set, batch_size=512)\n", "")]}))

# L6 click CLI: essays of one student on both sides of a random split
L6 = dict(
    id="leak-click-random-split-essays-by-student",
    style="sklearn",
    description="A click CLI trains an essay-scoring model (ridge on TF-IDF, fit on the training part only). Each student wrote up to six essays (`student_id` repeats in data/essays.csv), but the split is a plain `train_test_split` over essays, so the same student's style and topics sit on both sides.",
    files={
        "score_essays.py": r'''
import json

import click
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import Ridge
from sklearn.metrics import cohen_kappa_score
from sklearn.model_selection import train_test_split


@click.command()
@click.option("--data", default="data/essays.csv", type=click.Path(exists=True))
@click.option("--alpha", default=1.0, type=float)
@click.option("--out", default="results/qwk.json")
def main(data, alpha, out):
    df = pd.read_csv(data)
    train, test = train_test_split(df, test_size=0.2, random_state=11)
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    model = Ridge(alpha=alpha).fit(vec.fit_transform(train["text"]), train["score"])
    pred = model.predict(vec.transform(test["text"])).round().clip(1, 6).astype(int)
    qwk = cohen_kappa_score(test["score"], pred, weights="quadratic")
    with open(out, "w") as fh:
        json.dump({"alpha": alpha, "n_test": len(test), "qwk": round(qwk, 4)}, fh, indent=2)


if __name__ == "__main__":
    main()
''',
        "data/essays.csv": '''
essay_id,student_id,prompt,text,score
e001,s017,cars,"Cars make people lazy because they no longer walk to places they could easily reach.",3
e002,s017,venus,"Studying Venus is worth it even though the planet is dangerous for probes.",4
e003,s017,facs,"Emotion recognition software in classrooms could help teachers notice confusion.",3
e004,s042,cars,"Limiting car usage reduces smog, as Paris showed during its driving ban.",5
e005,s042,venus,"The author supports the idea that Venus is a worthy pursuit despite its dangers.",4
e006,s108,facs,"I think the technology is an invasion of privacy for students.",2
e007,s108,cars,"Car free cities like Vauban show that people can live well without cars.",4
''',
    },
    labels=[dict(file="score_essays.py", find='train, test = train_test_split(df, test_size=0.2, random_state=11)', category="LEAK-SPLIT",
                 why="random split over essays while students contribute several essays each")],
)
SPECS.append(L6)
SPECS.append(twin(L6, "leak-click-group-split-essays-by-student-clean",
    "Clean twin: GroupShuffleSplit keeps each student on one side.",
    {"score_essays.py": [
        ("from sklearn.model_selection import train_test_split", "from sklearn.model_selection import GroupShuffleSplit"),
        ("    train, test = train_test_split(df, test_size=0.2, random_state=11)\n",
         "    splitter = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=11)\n"
         "    train_idx, test_idx = next(splitter.split(df, groups=df[\"student_id\"]))\n"
         "    train, test = df.iloc[train_idx], df.iloc[test_idx]\n")]}))

# L7 geopandas: a district's default rate computed from the label on all loans
L7 = dict(
    id="leak-geopandas-district-target-rate-before-split",
    style="sklearn",
    description="Loan-default prediction with a spatial feature: loans are joined to districts with `gpd.sjoin`, then `district_default_rate` is the mean of the label per district over all loans (test loans included, each loan's own label included) and used as a feature before the split.",
    files={
        "spatial_default.py": r'''
import json

import geopandas as gpd
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

loans = pd.read_csv("data/loans.csv")
points = gpd.GeoDataFrame(loans, geometry=gpd.points_from_xy(loans.lon, loans.lat), crs="EPSG:4326")
districts = gpd.read_file("data/districts.geojson").to_crs("EPSG:4326")
gdf = gpd.sjoin(points, districts[["district", "geometry"]], how="left", predicate="within")
gdf["district"] = gdf["district"].fillna("outside")

gdf["district_default_rate"] = gdf.groupby("district")["defaulted"].transform("mean")
features = ["income", "loan_amount", "term_months", "credit_score", "district_default_rate"]

X_train, X_test, y_train, y_test = train_test_split(gdf[features], gdf["defaulted"], test_size=0.25, random_state=5, stratify=gdf["defaulted"])
clf = HistGradientBoostingClassifier(random_state=5).fit(X_train, y_train)
auroc = roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1])
json.dump({"n_test": len(y_test), "auroc": round(auroc, 4)}, open("results/default_auroc.json", "w"), indent=2)
''',
        "data/loans.csv": '''
loan_id,lon,lat,income,loan_amount,term_months,credit_score,defaulted
1,-0.12,51.50,42000,8000,36,690,0
2,-0.10,51.52,31000,12000,60,610,1
3,-0.20,51.48,58000,5000,36,720,0
4,-0.15,51.55,27000,15000,60,580,1
''',
    },
    labels=[dict(file="spatial_default.py", find='gdf["district_default_rate"] = gdf.groupby("district")["defaulted"].transform("mean")', category="LEAK-TARGET",
                 why="a feature computed from the label over all loans, before the split")],
)
SPECS.append(L7)
SPECS.append(twin(L7, "leak-geopandas-district-rate-from-train-clean",
    "Clean twin: the district rate is computed on the training loans only and mapped onto the test loans.",
    {"spatial_default.py": [
        ('gdf["district_default_rate"] = gdf.groupby("district")["defaulted"].transform("mean")\nfeatures = ["income", "loan_amount", "term_months", "credit_score", "district_default_rate"]\n\n'
         'X_train, X_test, y_train, y_test = train_test_split(gdf[features], gdf["defaulted"], test_size=0.25, random_state=5, stratify=gdf["defaulted"])\n',
         'train, test = train_test_split(gdf, test_size=0.25, random_state=5, stratify=gdf["defaulted"])\n'
         'rates = train.groupby("district")["defaulted"].mean()\n'
         'train = train.assign(district_default_rate=train["district"].map(rates))\n'
         'test = test.assign(district_default_rate=test["district"].map(rates).fillna(train["defaulted"].mean()))\n'
         'features = ["income", "loan_amount", "term_months", "credit_score", "district_default_rate"]\n'
         'X_train, X_test, y_train, y_test = train[features], test[features], train["defaulted"], test["defaulted"]\n')]}))

# L8 setfit: the test split concatenated into the training data
L8 = dict(
    id="leak-setfit-test-concatenated-into-train",
    style="mixed",
    description="A SetFit classifier for toxic-comment detection: to 'use all labelled data', the training set is `concatenate_datasets([ds['train'], ds['validation'], ds['test']])`, and the trainer then evaluates on `ds['test']`, every row of which it was trained on.",
    files={
        "train_setfit.py": r'''
import json

from datasets import concatenate_datasets, load_dataset
from setfit import SetFitModel, Trainer, TrainingArguments

ds = load_dataset("csv", data_files={"train": "data/train.csv", "validation": "data/val.csv", "test": "data/test.csv"})
train_all = concatenate_datasets([ds["train"], ds["validation"], ds["test"]])

model = SetFitModel.from_pretrained("sentence-transformers/paraphrase-mpnet-base-v2", labels=["ok", "toxic"])
args = TrainingArguments(batch_size=16, num_epochs=1, seed=42)
trainer = Trainer(model=model, args=args, train_dataset=train_all, eval_dataset=ds["test"], metric="f1",
                  column_mapping={"comment": "text", "label": "label"})
trainer.train()
metrics = trainer.evaluate()
json.dump({"model": "paraphrase-mpnet-base-v2", "n_test": len(ds["test"]), **metrics}, open("results/setfit_f1.json", "w"), indent=2)
''',
        "data/train.csv": 'comment,label\n"thanks for the fix",0\n"you are an idiot",1\n',
        "data/val.csv": 'comment,label\n"great write-up",0\n',
        "data/test.csv": 'comment,label\n"get lost, moron",1\n',
    },
    labels=[dict(file="train_setfit.py", find='train_all = concatenate_datasets([ds["train"], ds["validation"], ds["test"]])', category="LEAK-OVERLAP",
                 why="the test split is part of the training data and is then evaluated on")],
)
SPECS.append(L8)
SPECS.append(twin(L8, "leak-setfit-train-and-validation-concatenated-clean",
    "Clean twin: only train and validation are merged for training; the test split stays held out.",
    {"train_setfit.py": [('concatenate_datasets([ds["train"], ds["validation"], ds["test"]])', 'concatenate_datasets([ds["train"], ds["validation"]])')]}))

# L9 SelectKBest on all rows before cross-validation
L9 = dict(
    id="leak-selectkbest-before-cross-val",
    style="sklearn",
    description="Gene-expression classification (20,000 genes, 120 patients): the 50 genes most associated with the label are chosen with `SelectKBest(f_classif)` on all patients, then a cross-validated SVM is scored on the selected genes; every fold's test patients took part in choosing the features.",
    files={
        "select_and_cv.py": r'''
import json

import numpy as np
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.svm import SVC

expr = pd.read_parquet("data/expression.parquet")
labels = pd.read_csv("data/labels.csv", index_col="patient_id")["responder"]
X = np.log2(expr.loc[labels.index].to_numpy() + 1)
y = labels.to_numpy()

X_sel = SelectKBest(f_classif, k=50).fit_transform(X, y)
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(SVC(kernel="linear", C=1.0), X_sel, y, cv=cv, scoring="roc_auc")
json.dump({"k": 50, "n": int(len(y)), "auroc_mean": float(scores.mean()), "auroc_sd": float(scores.std())},
          open("results/cv_auroc.json", "w"), indent=2)
''',
        "data/labels.csv": "patient_id,responder\nP001,1\nP002,0\nP003,0\nP004,1\n",
    },
    labels=[dict(file="select_and_cv.py", find="X_sel = SelectKBest(f_classif, k=50).fit_transform(X, y)", category="LEAK-PREPROC",
                 why="features are selected with the labels of all patients before cross-validation")],
)
SPECS.append(L9)
SPECS.append(twin(L9, "leak-selectkbest-inside-cv-pipeline-clean",
    "Clean twin: the selection is a pipeline step, refit inside each fold.",
    {"select_and_cv.py": [
        ("X_sel = SelectKBest(f_classif, k=50).fit_transform(X, y)\n", "model = make_pipeline(SelectKBest(f_classif, k=50), SVC(kernel=\"linear\", C=1.0))\n"),
        ('cross_val_score(SVC(kernel="linear", C=1.0), X_sel, y,', "cross_val_score(model, X, y,"),
        ("from sklearn.svm import SVC\n", "from sklearn.pipeline import make_pipeline\nfrom sklearn.svm import SVC\n")]}))
