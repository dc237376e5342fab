from twin import twin

SPECS = []

# S1 typer CLI: no seed anywhere; random_split in the data module, weight init in the model
S1 = dict(
    id="seed-typer-cli-never-seeds-random-split",
    style="torch",
    description="A typer CLI that trains a small CNN on spectrogram crops. The data module splits the dataset with `torch.utils.data.random_split` and the loader shuffles; the model's weights are randomly initialised; the entry point never sets any seed, so each run has a different validation set and different numbers, and the README reports one run.",
    files={
        "audio_cls/data.py": r'''
import torch
from torch.utils.data import DataLoader, random_split


class Crops(torch.utils.data.Dataset):
    def __init__(self, path):
        blob = torch.load(path)
        self.x, self.y = blob["x"], blob["y"]

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


def loaders(path, batch_size=64, val_frac=0.15):
    ds = Crops(path)
    n_val = int(len(ds) * val_frac)
    train_ds, val_ds = random_split(ds, [len(ds) - n_val, n_val])
    return DataLoader(train_ds, batch_size=batch_size, shuffle=True), DataLoader(val_ds, batch_size=256)
''',
        "audio_cls/cli.py": r'''
import json

import torch
import typer

from audio_cls.data import loaders

app = typer.Typer()


def make_model(n_classes):
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 64, 3, padding=1), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1),
        torch.nn.Flatten(), torch.nn.Linear(64, n_classes))


@app.command()
def train(data: str = "data/crops.pt", epochs: int = 20, lr: float = 1e-3, out: str = "results/cnn.json"):
    train_dl, val_dl = loaders(data)
    model = make_model(10)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(epochs):
        model.train()
        for x, y in train_dl:
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(x), y).backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        correct = sum((model(x).argmax(1) == y).sum().item() for x, y in val_dl)
    acc = correct / len(val_dl.dataset)
    json.dump({"epochs": epochs, "lr": lr, "val_acc": acc}, open(out, "w"))
    typer.echo(f"val acc {acc:.4f}")


if __name__ == "__main__":
    app()
''',
    },
    labels=[dict(file="audio_cls/data.py", find="train_ds, val_ds = random_split(ds, [len(ds) - n_val, n_val])", category="SEED-UNSEEDED",
                 why="the validation split (and the shuffling and initialisation) is drawn without any seed, in a program that never seeds")],
    also_ok=[dict(file="audio_cls/cli.py", find="def train(data: str", category="SEED-UNSEEDED"),
             dict(file="audio_cls/cli.py", find="model = make_model(10)", category="SEED-UNSEEDED"),
             dict(file="audio_cls/data.py", find="return DataLoader(train_ds", category="SEED-UNSEEDED")],
)
SPECS.append(S1)
SPECS.append(twin(S1, "seed-typer-cli-seeds-and-generator-clean",
    "Clean twin: the command takes a seed, seeds torch first and the split uses a seeded generator; the seed is saved.",
    {"audio_cls/data.py": [
        ("def loaders(path, batch_size=64, val_frac=0.15):", "def loaders(path, seed, batch_size=64, val_frac=0.15):"),
        ("random_split(ds, [len(ds) - n_val, n_val])", "random_split(ds, [len(ds) - n_val, n_val], generator=torch.Generator().manual_seed(seed))")],
     "audio_cls/cli.py": [
        ('def train(data: str = "data/crops.pt", epochs: int = 20, lr: float = 1e-3, out: str = "results/cnn.json"):\n    train_dl, val_dl = loaders(data)',
         'def train(data: str = "data/crops.pt", epochs: int = 20, lr: float = 1e-3, seed: int = 0, out: str = "results/cnn.json"):\n    torch.manual_seed(seed)\n    train_dl, val_dl = loaders(data, seed)'),
        ('{"epochs": epochs, "lr": lr, "val_acc": acc}', '{"epochs": epochs, "lr": lr, "seed": seed, "val_acc": acc}')]}))

# S2 peft: set_seed after the LoRA adapters are initialised
S2 = dict(
    id="seed-peft-set-seed-after-lora-init",
    style="torch",
    description="LoRA fine-tuning with peft and a plain PyTorch loop, three seeds compared. `set_seed(seed)` is called after `get_peft_model`, whose LoRA A matrices are randomly initialised, and after the classification head is created, so the adapter and head initialisation are not controlled by the seed the results are labelled with.",
    files={
        "lora/finetune.py": r'''
import json
import sys

import torch
from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForSequenceClassification, AutoTokenizer, set_seed

BASE = "roberta-base"
seed = int(sys.argv[1])

tok = AutoTokenizer.from_pretrained(BASE)
model = AutoModelForSequenceClassification.from_pretrained(BASE, num_labels=2)
model = get_peft_model(model, LoraConfig(task_type="SEQ_CLS", r=8, lora_alpha=16, lora_dropout=0.1))
set_seed(seed)

ds = load_dataset("glue", "rte")
enc = ds.map(lambda b: tok(b["sentence1"], b["sentence2"], truncation=True, padding="max_length", max_length=256), batched=True)
enc.set_format("torch", columns=["input_ids", "attention_mask", "label"])
train_dl = torch.utils.data.DataLoader(enc["train"], batch_size=16, shuffle=True)
val_dl = torch.utils.data.DataLoader(enc["validation"], batch_size=64)

opt = torch.optim.AdamW(model.parameters(), lr=5e-4)
for epoch in range(10):
    model.train()
    for b in train_dl:
        out = model(input_ids=b["input_ids"], attention_mask=b["attention_mask"], labels=b["label"])
        out.loss.backward()
        opt.step()
        opt.zero_grad()

model.eval()
with torch.no_grad():
    correct = sum((model(input_ids=b["input_ids"], attention_mask=b["attention_mask"]).logits.argmax(-1) == b["label"]).sum().item() for b in val_dl)
acc = correct / len(enc["validation"])
json.dump({"seed": seed, "base": BASE, "rte_acc": acc}, open(f"results/lora_rte_seed{seed}.json", "w"))
''',
    },
    labels=[dict(file="lora/finetune.py", find="set_seed(seed)", category="SEED-SAMPLING",
                 why="the seed is set after the LoRA adapters and the classifier head were randomly initialised")],
)
SPECS.append(S2)
SPECS.append(twin(S2, "seed-peft-set-seed-before-model-clean",
    "Clean twin: set_seed comes before the model is built.",
    {"lora/finetune.py": [
        ("seed = int(sys.argv[1])\n", "seed = int(sys.argv[1])\nset_seed(seed)\n"),
        ("lora_dropout=0.1))\nset_seed(seed)\n", "lora_dropout=0.1))\n")]}))

# S3 Snakemake script: unsorted glob order assigns folds by position
S3 = dict(
    id="seed-snakemake-glob-order-assigns-folds",
    style="mixed",
    description="A Snakemake workflow for histology tile classification. The `make_folds` rule's script lists slide directories with `glob.glob` (filesystem order, not sorted) and assigns fold = position % 5, so the folds, and the cross-validated AUC, depend on the machine's directory order.",
    files={
        "Snakefile": r'''
rule all:
    input: "results/cv_auc.json"

rule make_folds:
    output: "work/folds.csv"
    script: "scripts/make_folds.py"

rule cv:
    input: "work/folds.csv"
    output: "results/cv_auc.json"
    script: "scripts/cv.py"
''',
        "scripts/make_folds.py": r'''
import csv
import glob
import os

slides = glob.glob("data/tiles/*/")
with open(snakemake.output[0], "w", newline="") as fh:  # noqa: F821
    w = csv.writer(fh)
    w.writerow(["slide", "fold"])
    for i, d in enumerate(slides):
        w.writerow([os.path.basename(os.path.normpath(d)), i % 5])
''',
        "scripts/cv.py": r'''
import json

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

folds = pd.read_csv(snakemake.input[0])  # noqa: F821
feats = pd.read_parquet("data/slide_features.parquet").set_index("slide").loc[folds["slide"]]
aucs = []
for k in range(5):
    te = (folds["fold"] == k).values
    clf = LogisticRegression(max_iter=5000, C=0.5).fit(feats[~te].drop(columns="label"), feats[~te]["label"])
    aucs.append(roc_auc_score(feats[te]["label"], clf.predict_proba(feats[te].drop(columns="label"))[:, 1]))
json.dump({"folds": 5, "auc_mean": float(np.mean(aucs)), "auc_per_fold": aucs}, open(snakemake.output[0], "w"))  # noqa: F821
''',
    },
    labels=[dict(file="scripts/make_folds.py", find="slides = glob.glob(\"data/tiles/*/\")", category="SEED-ORDER",
                 why="unsorted glob order decides each slide's fold")],
    # label correction after the blind run: the CV script's results record no model or configuration (true)
    also_ok=[dict(file="scripts/cv.py", find="json.dump({\"folds\": 5", category="RESULT-PROVENANCE")],
)
SPECS.append(S3)
_spare = (twin(S3, "seed-snakemake-sorted-glob-folds-clean",
    "Clean twin: the listing is sorted before the folds are assigned.",
    {"scripts/make_folds.py": [('slides = glob.glob("data/tiles/*/")', 'slides = sorted(glob.glob("data/tiles/*/"))')]}))

# S4 percent script: unseeded df.sample picks the evaluation subset
S4 = dict(
    id="seed-percent-script-unseeded-eval-subsample",
    style="notebook",
    description="A jupytext percent script comparing two CLIP checkpoints zero-shot on a 1,000-image subsample. `df.sample(n=1000)` has no random_state, so the subsample (and the reported accuracies) change on every run.",
    files={
        "clip_zero_shot.py": r'''
# %%
import open_clip
import pandas as pd
import torch
from PIL import Image

# %%
meta = pd.read_csv("data/inat_val.csv")
sub = meta.sample(n=1000)
classes = sorted(meta["species"].unique())

# %%
def zero_shot_acc(arch, pretrained):
    model, _, preprocess = open_clip.create_model_and_transforms(arch, pretrained=pretrained)
    tokenizer = open_clip.get_tokenizer(arch)
    model.eval()
    with torch.no_grad():
        text = model.encode_text(tokenizer([f"a photo of {c}, a type of plant." for c in classes]))
        text = text / text.norm(dim=-1, keepdim=True)
        hits = 0
        for _, row in sub.iterrows():
            img = model.encode_image(preprocess(Image.open(row["path"])).unsqueeze(0))
            img = img / img.norm(dim=-1, keepdim=True)
            hits += classes[(img @ text.T).argmax().item()] == row["species"]
    return hits / len(sub)

# %%
for arch, pre in [("ViT-B-32", "laion2b_s34b_b79k"), ("ViT-L-14", "openai")]:
    print(arch, pre, zero_shot_acc(arch, pre))
''',
    },
    labels=[dict(file="clip_zero_shot.py", find="sub = meta.sample(n=1000)", category="SEED-UNSEEDED",
                 why="the evaluation subsample is drawn without a seed")],
)
SPECS.append(S4)

# S5 label ids from set iteration
S5 = dict(
    id="seed-label2id-from-set-order",
    style="torch",
    description="A sentence-transformers SetFit-style classifier: the label-to-id mapping is built by enumerating `set(df['label'])`. String hashing is randomised per process, so the ids change between the training run and the separate evaluation run that rebuilds the mapping, and the evaluation compares predictions against permuted labels.",
    files={
        "intent/labels.py": r'''
import pandas as pd


def label_maps(csv_path):
    df = pd.read_csv(csv_path)
    label2id = {lab: i for i, lab in enumerate(set(df["label"]))}
    id2label = {i: lab for lab, i in label2id.items()}
    return label2id, id2label
''',
        "intent/train_head.py": r'''
import joblib
import numpy as np
import pandas as pd
from sentence_transformers import SentenceTransformer
from sklearn.linear_model import LogisticRegression

from intent.labels import label_maps

label2id, _ = label_maps("data/train.csv")
df = pd.read_csv("data/train.csv")
enc = SentenceTransformer("sentence-transformers/paraphrase-mpnet-base-v2")
X = enc.encode(df["text"].tolist(), batch_size=64)
head = LogisticRegression(max_iter=3000, C=2.0).fit(X, np.array([label2id[l] for l in df["label"]]))
joblib.dump(head, "models/head.joblib")
''',
        "intent/eval_head.py": r'''
import joblib
import numpy as np
import pandas as pd
from sentence_transformers import SentenceTransformer
from sklearn.metrics import accuracy_score

from intent.labels import label_maps

label2id, _ = label_maps("data/train.csv")
test = pd.read_csv("data/test.csv")
enc = SentenceTransformer("sentence-transformers/paraphrase-mpnet-base-v2")
head = joblib.load("models/head.joblib")
pred = head.predict(enc.encode(test["text"].tolist(), batch_size=64))
print("test accuracy", accuracy_score(np.array([label2id[l] for l in test["label"]]), pred), "n", len(test))
''',
    },
    labels=[dict(file="intent/labels.py", find="label2id = {lab: i for i, lab in enumerate(set(df[\"label\"]))}", category="SEED-ORDER",
                 why="the ids follow set iteration order, which changes between processes")],
)
SPECS.append(S5)
_spare = (twin(S5, "seed-label2id-sorted-clean",
    "Clean twin: the labels are sorted before ids are assigned.",
    {"intent/labels.py": [('enumerate(set(df["label"]))', 'enumerate(sorted(set(df["label"])))')]}))

# S6 groq temperature from a pydantic settings object, one sample per item, two prompts compared
S6 = dict(
    id="seed-pydantic-settings-temperature-single-sample",
    style="llm-eval",
    description="A prompt-engineering comparison (plain vs 'expert persona' system prompt) on a 200-question science quiz, run through the Groq client. The temperature comes from a pydantic-settings object whose default is 0.8; each question is asked once per condition and the difference of the two accuracies is reported as the persona effect, with no repeats or interval.",
    files={
        "persona/settings.py": r'''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    model: str = "llama-3.1-8b-instant"
    temperature: float = 0.8
    max_tokens: int = 4
    data_path: str = "data/sciq_200.jsonl"


settings = Settings()
''',
        "persona/compare.py": r'''
import json

from groq import Groq

from persona.settings import settings

client = Groq()
SYSTEMS = {"plain": "Answer with the letter only.",
           "expert": "You are a world-class science professor. Answer with the letter only."}
items = [json.loads(l) for l in open(settings.data_path)]


def ask(system, item):
    r = client.chat.completions.create(model=settings.model, temperature=settings.temperature,
                                       max_tokens=settings.max_tokens,
                                       messages=[{"role": "system", "content": system},
                                                 {"role": "user", "content": item["prompt"]}])
    return r.choices[0].message.content.strip()[:1]


acc = {name: sum(ask(s, it) == it["answer"] for it in items) / len(items) for name, s in SYSTEMS.items()}
print(f"persona effect: {acc['expert'] - acc['plain']:+.3f} ({acc})")
json.dump({"settings": settings.model_dump(), "accuracy": acc}, open("results/persona.json", "w"), indent=2)
''',
    },
    labels=[dict(file="persona/compare.py", find="r = client.chat.completions.create(model=settings.model, temperature=settings.temperature,",
                 category="SEED-SAMPLING", why="one sample per item at temperature 0.8, two conditions compared without repeats")],
    also_ok=[dict(file="persona/settings.py", find="temperature: float = 0.8", category="SEED-SAMPLING")],
)
SPECS.append(S6)
