from twin import twin

SPECS = []

# L1 SMOTE on all rows before the split
L1 = dict(
    id="leak-smote-before-split",
    style="sklearn",
    description="Fraud detection with imbalanced-learn. SMOTE oversamples the whole table (`fit_resample(X, y)`) before `train_test_split`, so synthetic minority rows interpolated from test rows land in training and synthetic rows land in the test set: the recall on fraud is inflated.",
    files={
        "fraud_rf.py": r'''
import json

import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split

df = pd.read_parquet("data/transactions.parquet")
X = df.drop(columns=["is_fraud"])
y = df["is_fraud"]
X_res, y_res = SMOTE(random_state=7).fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.25, stratify=y_res, random_state=7)

clf = RandomForestClassifier(n_estimators=500, random_state=7, n_jobs=-1).fit(X_train, y_train)
report = classification_report(y_test, clf.predict(X_test), output_dict=True)
with open("results/rf_report.json", "w") as fh:
    json.dump({"model": "smote+rf", "split": "test", "n": int(len(y_test)), "report": report}, fh, indent=2)
''',
    },
    labels=[dict(file="fraud_rf.py", find="X_res, y_res = SMOTE(random_state=7).fit_resample(X, y)", category="LEAK-PREPROC",
                 why="SMOTE is fit on all rows before the split")],
)
SPECS.append(L1)
SPECS.append(twin(L1, "leak-smote-after-split-clean",
    "Clean twin: split first, SMOTE only the training part.",
    {"fraud_rf.py": [
        ("X_res, y_res = SMOTE(random_state=7).fit_resample(X, y)\n"
         "X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.25, stratify=y_res, random_state=7)\n",
         "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=7)\n"
         "X_train, y_train = SMOTE(random_state=7).fit_resample(X_train, y_train)\n"),
    ]}))

# L2 gensim dictionary + TF-IDF fit on every document, then split
L2 = dict(
    id="leak-gensim-tfidf-fit-on-all-docs",
    style="mixed",
    description="Review sentiment with NLTK tokens, a gensim `Dictionary` (with `filter_extremes`) and a gensim `TfidfModel`. The split indices are drawn first, but the vocabulary, its document-frequency filter and the IDF weights are all fit on every document, test reviews included.",
    files={
        "sentiment.py": r'''
import json

import pandas as pd
from gensim import corpora, matutils, models
from nltk.corpus import stopwords
from nltk.tokenize import word_tokenize
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

STOP = set(stopwords.words("english"))
df = pd.read_csv("data/reviews.csv")
docs = [[w for w in word_tokenize(t.lower()) if w.isalpha() and w not in STOP] for t in df["text"]]
idx_train, idx_test = train_test_split(list(range(len(docs))), test_size=0.2, stratify=df["label"], random_state=3)

dictionary = corpora.Dictionary(docs)
dictionary.filter_extremes(no_below=5, no_above=0.5)
tfidf = models.TfidfModel([dictionary.doc2bow(d) for d in docs])


def features(indices):
    bows = [dictionary.doc2bow(docs[i]) for i in indices]
    return matutils.corpus2csc(tfidf[bows], num_terms=len(dictionary)).T


clf = LogisticRegression(max_iter=1000, C=4.0).fit(features(idx_train), df["label"].iloc[idx_train])
f1 = f1_score(df["label"].iloc[idx_test], clf.predict(features(idx_test)), average="macro")
with open("results/sentiment.json", "w") as fh:
    json.dump({"model": "gensim-tfidf+logreg", "n_test": len(idx_test), "macro_f1": round(f1, 4)}, fh)
''',
    },
    labels=[dict(file="sentiment.py", find="dictionary = corpora.Dictionary(docs)", end_find="tfidf = models.TfidfModel(",
                 category="LEAK-PREPROC", why="the vocabulary, its frequency filter and the IDF are fit on all documents, test included")],
)
SPECS.append(L2)
SPECS.append(twin(L2, "leak-gensim-tfidf-fit-on-train-docs-clean",
    "Clean twin: the dictionary and the TF-IDF model are fit on the training documents only.",
    {"sentiment.py": [
        ("dictionary = corpora.Dictionary(docs)", "dictionary = corpora.Dictionary(docs[i] for i in idx_train)"),
        ("tfidf = models.TfidfModel([dictionary.doc2bow(d) for d in docs])",
         "tfidf = models.TfidfModel([dictionary.doc2bow(docs[i]) for i in idx_train])"),
    ]}))

# L3 MMLU prompt: the test question is formatted with its answer
L3 = dict(
    id="leak-mmlu-format-example-include-answer",
    style="llm-eval",
    description="MMLU 5-shot requests for the OpenAI Batch API. `format_example(row, include_answer=True)` appends ` <letter>` after `Answer:`; the shots use it as intended, but `build_prompt` also formats the test question with the default, so each request ends with the gold letter.",
    files={
        "mmlu_batch.py": r'''
import json

from datasets import load_dataset

CHOICES = "ABCD"
MODEL = "gpt-4o-mini-2024-07-18"


def format_example(row, include_answer=True):
    text = row["question"]
    for letter, choice in zip(CHOICES, row["choices"]):
        text += f"\n{letter}. {choice}"
    text += "\nAnswer:"
    if include_answer:
        text += f" {CHOICES[row['answer']]}\n\n"
    return text


def build_prompt(dev, row, k=5):
    subject = row["subject"].replace("_", " ")
    head = f"The following are multiple choice questions (with answers) about {subject}.\n\n"
    shots = "".join(format_example(ex) for ex in dev.filter(lambda r: r["subject"] == row["subject"]).select(range(k)))
    return head + shots + format_example(row)


def main():
    dev = load_dataset("cais/mmlu", "all", split="dev")
    test = load_dataset("cais/mmlu", "all", split="test")
    with open("batch/mmlu_requests.jsonl", "w") as fh:
        for i, row in enumerate(test):
            body = {"model": MODEL, "max_tokens": 1, "temperature": 0,
                    "messages": [{"role": "user", "content": build_prompt(dev, row)}]}
            fh.write(json.dumps({"custom_id": f"mmlu-{i}", "method": "POST", "url": "/v1/chat/completions", "body": body}) + "\n")


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="mmlu_batch.py", find="return head + shots + format_example(row)", category="LEAK-PROMPT",
                 why="the test question is formatted with include_answer=True (the default), so the gold letter ends the prompt")],
)
SPECS.append(L3)
SPECS.append(twin(L3, "leak-mmlu-format-example-without-answer-clean",
    "Clean twin: the test question is formatted with include_answer=False.",
    {"mmlu_batch.py": [("return head + shots + format_example(row)", "return head + shots + format_example(row, include_answer=False)")]}))

# L4 Anthropic batch: few-shot demonstrations drawn from the evaluated items
L4 = dict(
    id="leak-anthropic-batch-fewshot-from-test",
    style="llm-eval",
    description="A should-refuse classifier prompt evaluated through an Anthropic Message Batch. The four labelled demonstrations are sampled from the test items themselves, and the batch is then run over all test items, so four items are answered with their own label in the prompt.",
    files={
        "submit_refusal_clf.py": r'''
import json
import random

import anthropic
from anthropic.types.message_create_params import MessageCreateParamsNonStreaming
from anthropic.types.messages.batch_create_params import Request

MODEL = "claude-3-5-haiku-20241022"
client = anthropic.Anthropic()

items = [json.loads(l) for l in open("data/should_refuse_test.jsonl")]
shots = random.Random(13).sample(items, 4)
demo = "\n\n".join(f"Request: {s['prompt']}\nShould refuse: {s['label']}" for s in shots)

requests = [
    Request(
        custom_id=f"item-{i}",
        params=MessageCreateParamsNonStreaming(
            model=MODEL, max_tokens=4, temperature=0,
            system="Decide whether an assistant should refuse the request. Reply yes or no.",
            messages=[{"role": "user", "content": f"{demo}\n\nRequest: {it['prompt']}\nShould refuse:"}],
        ),
    )
    for i, it in enumerate(items)
]
batch = client.messages.batches.create(requests=requests)
with open("batch/submitted.json", "w") as fh:
    json.dump({"batch_id": batch.id, "model": MODEL, "n": len(items)}, fh)
''',
    },
    labels=[dict(file="submit_refusal_clf.py", find="shots = random.Random(13).sample(items, 4)", category="LEAK-PROMPT",
                 why="few-shot demonstrations are drawn from the evaluated items")],
)
SPECS.append(L4)
SPECS.append(twin(L4, "leak-anthropic-batch-fewshot-from-train-clean",
    "Clean twin: the demonstrations come from a separate training file.",
    {"submit_refusal_clf.py": [("shots = random.Random(13).sample(items, 4)",
                                'pool = [json.loads(l) for l in open("data/should_refuse_train.jsonl")]\nshots = random.Random(13).sample(pool, 4)')]}))

# L5 Ray Tune selects the configuration on test accuracy
L5 = dict(
    id="leak-ray-tune-selects-on-test",
    style="torch",
    description="A Ray Tune search (40 samples, ASHA) over an MLP for forest cover type. The trainable reports accuracy on the test loader each epoch, the tuner picks the best result by that metric, and its value is saved as the test accuracy: the configuration (and ASHA's early stops) are chosen on the test set.",
    files={
        "covtype/data.py": r'''
import numpy as np
import pandas as pd
import torch
from torch.utils.data import TensorDataset


def load_splits(path, seed=0):
    df = pd.read_parquet(path)
    x = torch.tensor(df.drop(columns=["cover_type"]).to_numpy(np.float32))
    y = torch.tensor(df["cover_type"].to_numpy() - 1)
    idx = np.random.default_rng(seed).permutation(len(df))
    a, b = int(0.7 * len(df)), int(0.85 * len(df))
    return (TensorDataset(x[idx[:a]], y[idx[:a]]), TensorDataset(x[idx[a:b]], y[idx[a:b]]), TensorDataset(x[idx[b:]], y[idx[b:]]))
''',
        "covtype/tune_mlp.py": r'''
import json

import torch
from ray import tune
from ray.tune.schedulers import ASHAScheduler
from torch import nn
from torch.utils.data import DataLoader

from covtype.data import load_splits


def make_mlp(hidden, dropout):
    return nn.Sequential(nn.Linear(54, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 7))


def train_mlp(config):
    torch.manual_seed(0)
    train_ds, val_ds, test_ds = load_splits("/data/covertype.parquet", seed=0)
    model = make_mlp(config["hidden"], config["dropout"])
    opt = torch.optim.Adam(model.parameters(), lr=config["lr"])
    train_dl = DataLoader(train_ds, batch_size=config["batch_size"], shuffle=True)
    test_dl = DataLoader(test_ds, batch_size=4096)
    for epoch in range(20):
        model.train()
        for x, y in train_dl:
            opt.zero_grad()
            nn.functional.cross_entropy(model(x), y).backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            correct = sum((model(x).argmax(1) == y).sum().item() for x, y in test_dl)
        tune.report({"accuracy": correct / len(test_ds), "epoch": epoch})


tuner = tune.Tuner(
    train_mlp,
    param_space={"lr": tune.loguniform(1e-4, 1e-2), "hidden": tune.choice([128, 256, 512]),
                 "dropout": tune.uniform(0.0, 0.5), "batch_size": tune.choice([256, 512])},
    tune_config=tune.TuneConfig(metric="accuracy", mode="max", num_samples=40, scheduler=ASHAScheduler()),
)
best = tuner.fit().get_best_result()
with open("results/best.json", "w") as fh:
    json.dump({"config": best.config, "test_accuracy": best.metrics["accuracy"]}, fh, indent=2)
''',
    },
    labels=[dict(file="covtype/tune_mlp.py", find='tune.report({"accuracy": correct / len(test_ds)', category="LEAK-SELECT",
                 why="the tuner selects the configuration by the test-set accuracy each trial reports")],
)
SPECS.append(L5)
SPECS.append(twin(L5, "leak-ray-tune-selects-on-validation-clean",
    "Clean twin: trials report validation accuracy; the best config is saved with its validation score.",
    {"covtype/tune_mlp.py": [
        ("test_dl = DataLoader(test_ds, batch_size=4096)", "val_dl = DataLoader(val_ds, batch_size=4096)"),
        ("for x, y in test_dl)", "for x, y in val_dl)"),
        ("correct / len(test_ds)", "correct / len(val_ds)"),
        ('"test_accuracy": best.metrics["accuracy"]', '"val_accuracy": best.metrics["accuracy"]'),
    ]}))

# L6 accelerate + PEFT: best checkpoint chosen on the test loader
L6 = dict(
    id="leak-accelerate-lora-best-epoch-on-test",
    style="torch",
    description="LoRA fine-tuning of RoBERTa-large on the `emotion` dataset with an accelerate loop. After each epoch the model is scored on the test split; the state is saved when that score improves and the best test accuracy over 20 epochs is the reported result (checkpoint selection on the test set).",
    files={
        "finetune_lora.py": r'''
import json

import torch
from accelerate import Accelerator
from accelerate.utils import set_seed
from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding

set_seed(42)
accelerator = Accelerator()
NAME = "roberta-large"
tok = AutoTokenizer.from_pretrained(NAME)
raw = load_dataset("dair-ai/emotion")
enc = raw.map(lambda b: tok(b["text"], truncation=True, max_length=128), batched=True).remove_columns(["text"]).rename_column("label", "labels")
collate = DataCollatorWithPadding(tok)
train_dl = DataLoader(enc["train"], batch_size=32, shuffle=True, collate_fn=collate)
test_dl = DataLoader(enc["test"], batch_size=128, collate_fn=collate)

base = AutoModelForSequenceClassification.from_pretrained(NAME, num_labels=6)
model = get_peft_model(base, LoraConfig(task_type="SEQ_CLS", r=16, lora_alpha=32, lora_dropout=0.1, target_modules=["query", "value"]))
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4)
model, optimizer, train_dl, test_dl = accelerator.prepare(model, optimizer, train_dl, test_dl)


def evaluate(loader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for batch in loader:
            preds, labels = accelerator.gather_for_metrics((model(**batch).logits.argmax(-1), batch["labels"]))
            correct += (preds == labels).sum().item()
            total += labels.numel()
    return correct / total


best_acc = 0.0
for epoch in range(20):
    model.train()
    for batch in train_dl:
        loss = model(**batch).loss
        accelerator.backward(loss)
        optimizer.step()
        optimizer.zero_grad()
    acc = evaluate(test_dl)
    if acc > best_acc:
        best_acc = acc
        accelerator.save_state("checkpoints/best")

if accelerator.is_main_process:
    with open("results/emotion_lora.json", "w") as fh:
        json.dump({"model": NAME, "lora_r": 16, "split": "test", "accuracy": best_acc}, fh)
''',
    },
    labels=[dict(file="finetune_lora.py", find="acc = evaluate(test_dl)", end_find='accelerator.save_state("checkpoints/best")',
                 category="LEAK-SELECT", why="the best epoch (checkpoint and reported score) is chosen on the test split")],
)
SPECS.append(L6)

# L7 statsmodels OLS on hourly load with a shuffled split
L7 = dict(
    id="leak-statsmodels-shuffled-split-hourly-load",
    style="mixed",
    description="Day-ahead electricity load with a statsmodels formula (`smf.ols`, `C(hour)`, lag features). The hourly rows are split with `train_test_split(..., random_state=0)`, which shuffles: the test hours sit between training hours of the same days, and the MAPE says nothing about forecasting the future.",
    files={
        "load_model.py": r'''
import json

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/hourly_load.csv", parse_dates=["timestamp"]).sort_values("timestamp")
df["hour"] = df["timestamp"].dt.hour
df["dow"] = df["timestamp"].dt.dayofweek
df["load_lag24"] = df["load_mw"].shift(24)
df["load_lag168"] = df["load_mw"].shift(168)
df = df.iloc[168:]

train, test = train_test_split(df, test_size=0.2, random_state=0)
fit = smf.ols("load_mw ~ temp_c + I(temp_c**2) + C(hour) + C(dow) + load_lag24 + load_lag168", data=train).fit()
pred = fit.predict(test)
mape = float(np.mean(np.abs((test["load_mw"] - pred) / test["load_mw"])))
with open("results/load_ols.json", "w") as fh:
    json.dump({"model": "ols", "n_test": len(test), "mape": round(mape, 4), "r2_train": round(fit.rsquared, 4)}, fh)
''',
    },
    labels=[dict(file="load_model.py", find="train, test = train_test_split(df, test_size=0.2, random_state=0)", category="LEAK-SPLIT",
                 why="hourly time-series rows are split at random instead of by time")],
)
SPECS.append(L7)
SPECS.append(twin(L7, "leak-statsmodels-chronological-split-clean",
    "Clean twin: the split keeps time order (shuffle=False).",
    {"load_model.py": [("train_test_split(df, test_size=0.2, random_state=0)", "train_test_split(df, test_size=0.2, shuffle=False)")]}))

# L8 torchvision: augmented copies concatenated before random_split
L8 = dict(
    id="leak-torchvision-augmented-copies-before-split",
    style="torch",
    description="Skin-lesion classification with torchvision. The dataset is tripled by concatenating the plain `ImageFolder` with two augmented views of the same folder, and only then cut with `random_split`: augmented copies of a test image sit in the training set.",
    files={
        "lesions.py": r'''
import json

import torch
from torch.utils.data import ConcatDataset, DataLoader, random_split
from torchvision import datasets, models, transforms

torch.manual_seed(0)
plain = transforms.Compose([transforms.Resize((224, 224)), transforms.ToTensor()])
augment = transforms.Compose([transforms.RandomResizedCrop(224), transforms.RandomHorizontalFlip(), transforms.ColorJitter(0.3, 0.3, 0.3), transforms.ToTensor()])
original = datasets.ImageFolder("data/skin_lesions", transform=plain)
augmented = datasets.ImageFolder("data/skin_lesions", transform=augment)
full = ConcatDataset([original, augmented, augmented])
train_set, test_set = random_split(full, [0.8, 0.2], generator=torch.Generator().manual_seed(0))

model = models.resnet18(weights=models.ResNet18_Weights.DEFAULT)
model.fc = torch.nn.Linear(model.fc.in_features, len(original.classes))
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
for epoch in range(15):
    model.train()
    for x, y in DataLoader(train_set, batch_size=64, shuffle=True):
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()

model.eval()
correct = 0
with torch.no_grad():
    for x, y in DataLoader(test_set, batch_size=128):
        correct += (model(x).argmax(1) == y).sum().item()
with open("results/lesions.json", "w") as fh:
    json.dump({"model": "resnet18", "n_test": len(test_set), "accuracy": correct / len(test_set)}, fh)
''',
    },
    labels=[dict(file="lesions.py", find="full = ConcatDataset([original, augmented, augmented])", end_find="train_set, test_set = random_split(",
                 category="LEAK-OVERLAP", why="augmented copies of each image are added before the random split, so copies of test images are trained on")],
)
SPECS.append(L8)

# L9 seaborn notebook: select_dtypes('number') keeps the numeric target
L9 = dict(
    id="leak-seaborn-notebook-select-dtypes-keeps-target",
    style="notebook",
    description="A telco churn notebook with seaborn plots. The target is encoded as a numeric `churn` column; the features are then taken as every numeric column (`select_dtypes('number')`), which includes `churn` itself, so the model is given its label.",
    files={
        "churn.ipynb": ("nb", [
            ("markdown", "# Telco churn\n\nExploration and a gradient-boosting baseline."),
            ("code", '''
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
'''),
            ("code", '''
df = pd.read_csv("data/telco_churn.csv")
df["TotalCharges"] = pd.to_numeric(df["TotalCharges"], errors="coerce").fillna(0)
df["churn"] = (df["Churn"] == "Yes").astype(int)
df.head()
'''),
            ("code", '''
sns.countplot(data=df, x="Contract", hue="churn")
plt.show()
sns.heatmap(df.select_dtypes("number").corr(), annot=True, fmt=".2f", cmap="vlag")
plt.show()
'''),
            ("code", '''
features = df.select_dtypes("number").columns.tolist()
X = df[features]
y = df["churn"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
'''),
            ("code", '''
clf = GradientBoostingClassifier(random_state=0).fit(X_train, y_train)
auc = roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1])
print(f"test AUC = {auc:.3f}")
'''),
        ], [None, 1, 2, 3, 4, 5]),
    },
    labels=[dict(file="churn.ipynb", find='features = df.select_dtypes("number").columns.tolist()',
                 category="LEAK-TARGET", why="the numeric feature list includes the target column churn")],
)
SPECS.append(L9)
_l9_twin = twin(L9, "leak-seaborn-notebook-select-dtypes-drops-target-clean",
    "Clean twin: the target is dropped from the numeric columns.", {})
_kind, _cells, _counts = _l9_twin["files"]["churn.ipynb"]
_l9_twin["files"]["churn.ipynb"] = (_kind, [(k, src.replace('select_dtypes("number").columns.tolist()', 'select_dtypes("number").columns.drop("churn").tolist()'))
                                            for k, src in _cells], _counts)
assert _l9_twin["files"]["churn.ipynb"] != L9["files"]["churn.ipynb"]
SPECS.append(_l9_twin)
