from twin import twin

SPECS = []

# L1 Keras 3 Normalization layer adapted on all rows before the split
L1 = dict(
    id="leak-keras-normalization-adapt-before-split",
    style="mixed",
    description="A Keras 3 tabular model for diabetes readmission whose first layer is a `keras.layers.Normalization` preprocessing layer. The layer is `adapt`ed on the full feature matrix before `train_test_split`, so the test rows' means and variances are baked into the model's input scaling.",
    files={
        "readmit/train_keras.py": r'''
import keras
import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(0)
FEATURES = ["age", "time_in_hospital", "num_lab_procedures", "num_medications", "number_inpatient", "number_emergency", "number_diagnoses"]

df = pd.read_csv("data/diabetic_readmission.csv")
X = df[FEATURES].to_numpy("float32")
y = (df["readmitted"] == "<30").to_numpy("float32")

norm = keras.layers.Normalization()
norm.adapt(X)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

model = keras.Sequential([
    keras.Input((len(FEATURES),)),
    norm,
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(X_train, y_train, epochs=20, batch_size=256, validation_split=0.1, verbose=0)
print(f"test ROC-AUC {roc_auc_score(y_test, model.predict(X_test, verbose=0).ravel()):.4f}")
''',
    },
    labels=[dict(file="readmit/train_keras.py", find="norm.adapt(X)", category="LEAK-PREPROC",
                 why="the Normalization layer is adapted on all rows, test rows included, before the split")],
)
SPECS.append(L1)
SPECS.append(twin(L1, "leak-keras-normalization-adapt-train-clean",
    "Clean twin: the Normalization layer is adapted on the training rows after the split.",
    {"readmit/train_keras.py": [("norm = keras.layers.Normalization()\nnorm.adapt(X)\n\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)\n",
                                 "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)\n\nnorm = keras.layers.Normalization()\nnorm.adapt(X_train)\n")]}))

# L2 polars: a target mean per group computed over the whole frame, then split
L2 = dict(
    id="leak-polars-target-mean-over-before-split",
    style="mixed",
    description="Rental price regression with polars and sklearn. A neighbourhood mean-price feature is computed with `pl.col('price').mean().over('neighbourhood')` on the whole table, before the rows are filtered into train and test by their `split` column, so each test row's own price is inside its feature.",
    files={
        "rent/features.py": r'''
import polars as pl


def add_features(df):
    return df.with_columns(
        pl.col("price").mean().over("neighbourhood").alias("nbhd_mean_price"),
        (pl.col("bedrooms") / pl.col("accommodates")).alias("bed_ratio"),
        pl.col("reviews_per_month").fill_null(0.0),
    )
''',
        "rent/train.py": r'''
import polars as pl
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

from rent.features import add_features

FEATS = ["nbhd_mean_price", "bed_ratio", "reviews_per_month", "accommodates", "bathrooms", "minimum_nights"]

df = add_features(pl.read_parquet("data/listings.parquet"))
train = df.filter(pl.col("split") == "train")
test = df.filter(pl.col("split") == "test")

model = HistGradientBoostingRegressor(random_state=0)
model.fit(train.select(FEATS).to_numpy(), train["price"].to_numpy())
print(f"test MAE {mean_absolute_error(test['price'].to_numpy(), model.predict(test.select(FEATS).to_numpy())):.2f}")
''',
    },
    labels=[dict(file="rent/features.py", find='pl.col("price").mean().over("neighbourhood")', category="LEAK-TARGET",
                 why="a mean of the target over every row (test rows included) is a feature")],
)
SPECS.append(L2)

# L3 DSPy: the dataset's rationale (which states the answer) is passed as the context input
L3 = dict(
    id="leak-dspy-rationale-as-context-input",
    style="llm-eval",
    description="A DSPy ChainOfThought program answers ECQA-style multiple-choice questions with a `context` input. The dev examples are built with `context=r['explanation']`, the dataset's human explanation that names the correct option, and `with_inputs('question', 'choices', 'context')` sends it to the model: the gold answer reaches the prompt.",
    files={
        "cqa/program.py": r'''
import dspy


class AnswerMC(dspy.Signature):
    """Answer the multiple-choice question. Use the context if it helps."""

    question: str = dspy.InputField()
    choices: str = dspy.InputField()
    context: str = dspy.InputField()
    answer: str = dspy.OutputField(desc="the letter of the correct choice")


program = dspy.ChainOfThought(AnswerMC)
''',
        "cqa/evaluate.py": r'''
import json

import dspy

from cqa.program import program

dspy.configure(lm=dspy.LM("openai/gpt-4o-mini", temperature=0.0))

rows = [json.loads(l) for l in open("data/ecqa_dev.jsonl")]
devset = [
    dspy.Example(
        question=r["question"],
        choices="\n".join(f"{k}. {v}" for k, v in zip("ABCDE", r["options"])),
        context=r["explanation"],
        answer=r["label"],
    ).with_inputs("question", "choices", "context")
    for r in rows
]


def exact_letter(example, pred, trace=None):
    return pred.answer.strip().upper()[:1] == example.answer


evaluate = dspy.Evaluate(devset=devset, metric=exact_letter, num_threads=8, display_progress=True)
print(evaluate(program))
''',
    },
    labels=[dict(file="cqa/evaluate.py", find='context=r["explanation"]', category="LEAK-PROMPT",
                 why="the human explanation naming the answer is sent to the model as an input")],
)
SPECS.append(L3)

# L4 LangChain few-shot examples are the first test items
L4 = dict(
    id="leak-langchain-fewshot-from-test-items",
    style="llm-eval",
    description="A LangChain `FewShotPromptTemplate | ChatOpenAI | StrOutputParser` chain classifies support tickets; the five demonstrations are `test[:5]` with their gold labels, and the accuracy is computed over all of `test`, so five scored items are answered with their own label in the prompt and the shots are not held out.",
    files={
        "tickets/chain.py": r'''
import json

from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import FewShotPromptTemplate, PromptTemplate
from langchain_openai import ChatOpenAI


def load(path):
    return [json.loads(l) for l in open(path)]


train = load("data/tickets_train.jsonl")
test = load("data/tickets_test.jsonl")

example_prompt = PromptTemplate.from_template("Ticket: {text}\nCategory: {label}")
few_shot = FewShotPromptTemplate(
    examples=test[:5],
    example_prompt=example_prompt,
    prefix="Classify each support ticket as billing, bug, account or other.",
    suffix="Ticket: {text}\nCategory:",
    input_variables=["text"],
)
chain = few_shot | ChatOpenAI(model="gpt-4o-mini", temperature=0) | StrOutputParser()

preds = chain.batch([{"text": r["text"]} for r in test])
acc = sum(p.strip().lower() == r["label"] for p, r in zip(preds, test)) / len(test)
print(f"accuracy {acc:.3f} on {len(test)} tickets")
''',
    },
    labels=[dict(file="tickets/chain.py", find="examples=test[:5],", category="LEAK-PROMPT",
                 why="the few-shot demonstrations are evaluation items with their gold labels")],
)
SPECS.append(L4)
SPECS.append(twin(L4, "leak-langchain-fewshot-from-train-clean",
    "Clean twin: the demonstrations are the first five training tickets.",
    {"tickets/chain.py": [("examples=test[:5],", "examples=train[:5],")]}))

# L5 Optuna objective scores the test split
L5 = dict(
    id="leak-optuna-objective-on-test",
    style="sklearn",
    description="Hyperparameters of a HistGradientBoostingClassifier are tuned with Optuna (seeded TPE) for 60 trials; the objective fits on the training split and returns the F1 on the test split, and the best configuration's F1 on that same test split is reported as the result.",
    files={
        "fraud/tune.py": r'''
import optuna
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

df = pd.read_parquet("data/transactions.parquet")
X, y = df.drop(columns=["is_fraud"]), df["is_fraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)


def objective(trial):
    params = {
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.3, log=True),
        "max_leaf_nodes": trial.suggest_int("max_leaf_nodes", 8, 128, log=True),
        "l2_regularization": trial.suggest_float("l2_regularization", 1e-6, 10.0, log=True),
    }
    clf = HistGradientBoostingClassifier(random_state=0, **params).fit(X_train, y_train)
    return f1_score(y_test, clf.predict(X_test))


study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
study.optimize(objective, n_trials=60)

best = HistGradientBoostingClassifier(random_state=0, **study.best_params).fit(X_train, y_train)
print("best params", study.best_params)
print(f"test F1 {f1_score(y_test, best.predict(X_test)):.4f}")
''',
    },
    labels=[dict(file="fraud/tune.py", find="    return f1_score(y_test, clf.predict(X_test))", category="LEAK-SELECT",
                 why="Optuna selects the hyperparameters by the test-split F1 that is then reported")],
)
SPECS.append(L5)
SPECS.append(twin(L5, "leak-optuna-objective-on-validation-clean",
    "Clean twin: the objective scores a validation split carved from the training rows; the test split is used once.",
    {"fraud/tune.py": [("X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)\n",
                        "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)\nX_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, stratify=y_train, random_state=0)\n"),
                       ("    clf = HistGradientBoostingClassifier(random_state=0, **params).fit(X_train, y_train)\n    return f1_score(y_test, clf.predict(X_test))",
                        "    clf = HistGradientBoostingClassifier(random_state=0, **params).fit(X_fit, y_fit)\n    return f1_score(y_val, clf.predict(X_val))")]}))

# L6 Lightning DataModule: val_dataloader serves the test set (early stopping + checkpoint on it)
L6 = dict(
    id="leak-lightning-val-loader-is-test",
    style="torch",
    description="A DistilBERT sentiment classifier trained with PyTorch Lightning on an HF dataset. The DataModule's `val_dataloader` returns the test split, and training uses `EarlyStopping` and `ModelCheckpoint` on `val_acc`, then `trainer.test(ckpt_path='best')` on the same split: the epoch and checkpoint are chosen on the test set.",
    files={
        "senti/data.py": r'''
import lightning as L
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, DataCollatorWithPadding

NAME = "distilbert-base-uncased"


class IMDBDataModule(L.LightningDataModule):
    def __init__(self, batch_size=32):
        super().__init__()
        self.batch_size = batch_size
        self.tok = AutoTokenizer.from_pretrained(NAME)
        self.collate = DataCollatorWithPadding(self.tok)

    def setup(self, stage=None):
        ds = load_dataset("stanfordnlp/imdb")
        ds = ds.map(lambda b: self.tok(b["text"], truncation=True, max_length=256), batched=True, remove_columns=["text"])
        ds = ds.rename_column("label", "labels")
        split = ds["train"].train_test_split(test_size=0.1, seed=0)
        self.train_set, self.val_set, self.test_set = split["train"], split["test"], ds["test"]

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True, collate_fn=self.collate)

    def val_dataloader(self):
        return DataLoader(self.test_set, batch_size=64, collate_fn=self.collate)

    def test_dataloader(self):
        return DataLoader(self.test_set, batch_size=128, collate_fn=self.collate)
''',
        "senti/train.py": r'''
import lightning as L
import torch
from lightning.pytorch.callbacks import EarlyStopping, ModelCheckpoint
from transformers import AutoModelForSequenceClassification

from senti.data import NAME, IMDBDataModule


class Classifier(L.LightningModule):
    def __init__(self, lr=2e-5):
        super().__init__()
        self.save_hyperparameters()
        self.model = AutoModelForSequenceClassification.from_pretrained(NAME, num_labels=2)

    def training_step(self, batch, batch_idx):
        out = self.model(**batch)
        self.log("train_loss", out.loss)
        return out.loss

    def validation_step(self, batch, batch_idx):
        logits = self.model(**batch).logits
        self.log("val_acc", (logits.argmax(-1) == batch["labels"]).float().mean(), prog_bar=True)

    def test_step(self, batch, batch_idx):
        logits = self.model(**batch).logits
        self.log("test_acc", (logits.argmax(-1) == batch["labels"]).float().mean())

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)


if __name__ == "__main__":
    L.seed_everything(0)
    dm = IMDBDataModule()
    ckpt = ModelCheckpoint(monitor="val_acc", mode="max")
    trainer = L.Trainer(max_epochs=5, callbacks=[EarlyStopping(monitor="val_acc", mode="max", patience=1), ckpt])
    trainer.fit(Classifier(), datamodule=dm)
    trainer.test(datamodule=dm, ckpt_path="best")
''',
    },
    labels=[dict(file="senti/data.py", find="return DataLoader(self.test_set, batch_size=64",
                 category="LEAK-SELECT", why="the validation loader serves the test split, on which early stopping and the checkpoint are chosen")],
)
SPECS.append(L6)

# L7 scanpy: cells of the same donor on both sides of a random split (donor-level label)
L7 = dict(
    id="leak-scanpy-cells-split-across-donors",
    style="mixed",
    description="Predicts disease status (a donor-level label: each donor is a case or a control) from single-cell expression in an AnnData file with 24 donors. Cells are split at random with `train_test_split` over `adata.obs_names`, so every donor has cells on both sides and the classifier can recognise donors instead of disease.",
    files={
        "sc/classify_cells.py": r'''
import numpy as np
import scanpy as sc
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

adata = sc.read_h5ad("data/pbmc_lupus_24donors.h5ad")
sc.pp.normalize_total(adata, target_sum=1e4)
sc.pp.log1p(adata)

X = adata.X.toarray() if hasattr(adata.X, "toarray") else np.asarray(adata.X)
y = (adata.obs["disease"] == "SLE").to_numpy().astype(int)
print(adata.obs["donor_id"].nunique(), "donors,", adata.n_obs, "cells")

idx = np.arange(adata.n_obs)
idx_train, idx_test = train_test_split(idx, test_size=0.25, stratify=y, random_state=0)

clf = LogisticRegression(max_iter=2000, C=0.1).fit(X[idx_train], y[idx_train])
print(f"cell-level test ROC-AUC {roc_auc_score(y[idx_test], clf.predict_proba(X[idx_test])[:, 1]):.3f}")
''',
    },
    labels=[dict(file="sc/classify_cells.py", find="idx_train, idx_test = train_test_split(idx", category="LEAK-SPLIT",
                 why="cells are split at random although the label and much of the signal belong to donors")],
)
SPECS.append(L7)
SPECS.append(twin(L7, "leak-scanpy-cells-split-by-donor-clean",
    "Clean twin: the split keeps every donor's cells on one side (GroupShuffleSplit on donor_id).",
    {"sc/classify_cells.py": [("from sklearn.model_selection import train_test_split", "from sklearn.model_selection import GroupShuffleSplit"),
                              ("idx_train, idx_test = train_test_split(idx, test_size=0.25, stratify=y, random_state=0)",
                               "donors = adata.obs[\"donor_id\"].to_numpy()\nidx_train, idx_test = next(GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=0).split(idx, y, groups=donors))")]}))

# L8 google-genai: the whole dataset row, gold answer included, is dumped into the prompt
L8 = dict(
    id="leak-genai-json-dumps-row-with-answer",
    style="llm-eval",
    description="A MedQA-style evaluation of Gemini with google-genai. The prompt embeds the item as `json.dumps(row)` for convenience; the row holds `answer_idx` and `answer`, so the gold option is in the text sent to the model.",
    files={
        "medqa/run_gemini.py": r'''
import json

from google import genai
from google.genai import types

client = genai.Client()
INSTRUCTION = "You are taking a medical licensing exam. Read the item (JSON) and reply with the letter of the best option only."

rows = [json.loads(l) for l in open("data/medqa_test.jsonl")]
correct = 0
for row in rows:
    resp = client.models.generate_content(
        model="gemini-2.0-flash",
        contents=f"{INSTRUCTION}\n\n{json.dumps(row)}",
        config=types.GenerateContentConfig(temperature=0.0, max_output_tokens=4),
    )
    correct += (resp.text or "").strip()[:1].upper() == row["answer_idx"]
print(f"accuracy {correct / len(rows):.3f} over {len(rows)} items")
''',
    },
    labels=[dict(file="medqa/run_gemini.py", find='contents=f"{INSTRUCTION}\\n\\n{json.dumps(row)}"', category="LEAK-PROMPT",
                 why="the serialised row, gold answer included, is sent to the model")],
)
SPECS.append(L8)
SPECS.append(twin(L8, "leak-genai-json-dumps-question-only-clean",
    "Clean twin: only the question and the options are serialised into the prompt.",
    {"medqa/run_gemini.py": [('contents=f"{INSTRUCTION}\\n\\n{json.dumps(row)}"',
                              'contents=f"{INSTRUCTION}\\n\\n{json.dumps({k: row[k] for k in (\'question\', \'options\')})}"')]}))

# L9 RDKit: duplicates removed by canonical SMILES inside each split, after the split
L9 = dict(
    id="leak-rdkit-dedup-after-split",
    style="sklearn",
    description="Aqueous solubility regression on Morgan fingerprints (RDKit). The raw table lists many molecules several times under different SMILES spellings; it is split at random first and the canonical-SMILES de-duplication happens within each split afterwards, so the same molecule stays in both train and test.",
    files={
        "sol/featurize.py": r'''
import numpy as np
from rdkit import Chem
from rdkit.Chem import rdFingerprintGenerator

_gen = rdFingerprintGenerator.GetMorganGenerator(radius=2, fpSize=2048)


def canonical(smiles):
    mol = Chem.MolFromSmiles(smiles)
    return Chem.MolToSmiles(mol) if mol is not None else None


def fingerprints(smiles_list):
    return np.stack([_gen.GetFingerprintAsNumPy(Chem.MolFromSmiles(s)) for s in smiles_list])
''',
        "sol/train.py": r'''
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

from sol.featurize import canonical, fingerprints

df = pd.read_csv("data/solubility_merged.csv")
train, test = train_test_split(df, test_size=0.2, random_state=0)

train = train.assign(canon=train["smiles"].map(canonical)).dropna(subset=["canon"]).drop_duplicates("canon")
test = test.assign(canon=test["smiles"].map(canonical)).dropna(subset=["canon"]).drop_duplicates("canon")

rf = RandomForestRegressor(n_estimators=500, n_jobs=-1, random_state=0)
rf.fit(fingerprints(train["canon"]), train["logS"])
rmse = mean_squared_error(test["logS"], rf.predict(fingerprints(test["canon"]))) ** 0.5
print(f"test RMSE {rmse:.3f} on {len(test)} molecules")
''',
    },
    labels=[dict(file="sol/train.py", find='train = train.assign(canon=train["smiles"].map(canonical))', end_find='test = test.assign(',
                 category="LEAK-OVERLAP", why="de-duplication by canonical SMILES runs within each split after the split; a molecule can be in both")],
)
SPECS.append(L9)
SPECS.append(twin(L9, "leak-rdkit-dedup-before-split-clean",
    "Clean twin: SMILES are canonicalised and de-duplicated on the whole table before the split.",
    {"sol/train.py": [('df = pd.read_csv("data/solubility_merged.csv")\ntrain, test = train_test_split(df, test_size=0.2, random_state=0)\n\ntrain = train.assign(canon=train["smiles"].map(canonical)).dropna(subset=["canon"]).drop_duplicates("canon")\ntest = test.assign(canon=test["smiles"].map(canonical)).dropna(subset=["canon"]).drop_duplicates("canon")\n',
                       'df = pd.read_csv("data/solubility_merged.csv")\nn_raw = len(df)\ndf = df.assign(canon=df["smiles"].map(canonical)).dropna(subset=["canon"])\ndf = df.groupby("canon", as_index=False)["logS"].mean()\nprint(f"{n_raw} rows -> {len(df)} unique molecules")\ntrain, test = train_test_split(df, test_size=0.2, random_state=0)\n')]}))
