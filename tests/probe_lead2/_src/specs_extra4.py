from twin import twin

SPECS = []

Z1 = dict(
    id="keras-evaluate-train-reported-test",
    style="mixed",
    description="A Keras classifier is trained, then model.evaluate on the training arrays is reported as the test accuracy.",
    files={
        "train_keras.py": r'''
import json

import numpy as np
from tensorflow import keras

data = np.load("data/digits.npz")
x_train, y_train, x_test, y_test = data["x_train"], data["y_train"], data["x_test"], data["y_test"]
keras.utils.set_random_seed(0)
model = keras.Sequential([keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=5, batch_size=64, verbose=0)
loss, acc = model.evaluate(x_train, y_train, verbose=0)
json.dump({"test_accuracy": acc, "test_loss": loss, "seed": 0}, open("results/keras.json", "w"))
''',
    },
    labels=[dict(file="train_keras.py", find="loss, acc = model.evaluate(x_train, y_train, verbose=0)", category="EVAL-TRAIN",
                 why="the accuracy reported as test accuracy is measured on the training arrays")],
)
SPECS.append(Z1)
SPECS.append(twin(Z1, "keras-evaluate-train-reported-test-clean", "model.evaluate on the test arrays.",
                  {"train_keras.py": [("model.evaluate(x_train, y_train, verbose=0)", "model.evaluate(x_test, y_test, verbose=0)")]}))

Z2 = dict(
    id="hf-perplexity-dropout-on",
    style="torch",
    description="A causal LM is fine-tuned with model.train(); the held-out perplexity is computed right after without model.eval(), so dropout is active.",
    files={
        "finetune_lm.py": r'''
import json
import math

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

torch.manual_seed(0)
tok = AutoTokenizer.from_pretrained("gpt2")
model = AutoModelForCausalLM.from_pretrained("gpt2")
opt = torch.optim.AdamW(model.parameters(), lr=5e-5)
train_texts = open("data/train.txt").read().split("\n\n")
heldout_texts = open("data/heldout.txt").read().split("\n\n")
model.train()
for text in train_texts:
    batch = tok(text, return_tensors="pt", truncation=True, max_length=512)
    loss = model(**batch, labels=batch["input_ids"]).loss
    loss.backward()
    opt.step()
    opt.zero_grad()
losses = []
with torch.no_grad():
    for text in heldout_texts:
        batch = tok(text, return_tensors="pt", truncation=True, max_length=512)
        losses.append(model(**batch, labels=batch["input_ids"]).loss.item())
json.dump({"heldout_ppl": math.exp(sum(losses) / len(losses)), "seed": 0}, open("results/ppl.json", "w"))
''',
    },
    labels=[dict(file="finetune_lm.py", find="losses.append(model(**batch", category="EVAL-MODE",
                 why="held-out perplexity computed with dropout on (no model.eval() after model.train())")],
)
SPECS.append(Z2)
SPECS.append(twin(Z2, "hf-perplexity-dropout-on-clean", "model.eval() before the held-out loop.",
                  {"finetune_lm.py": [("losses = []\nwith torch.no_grad():", "losses = []\nmodel.eval()\nwith torch.no_grad():")]}))

Z3 = dict(
    id="result-predictions-all-one-class",
    style="mixed",
    description="The committed predictions file has the same predicted label on every row (a collapsed classifier), and the README reports its accuracy.",
    files={
        "README.md": "# Toxicity classifier\n\nSee `outputs/test_predictions.csv` for per-comment predictions.\n",
        "predict.py": r'''
import pandas as pd

from model import load_model

clf = load_model("ckpt/best.pt")
df = pd.read_csv("data/test.csv")
df["pred"] = clf.predict(df["comment"].tolist())
df[["id", "label", "pred"]].to_csv("outputs/test_predictions.csv", index=False)
print("accuracy", (df["pred"] == df["label"]).mean())
''',
        "outputs/test_predictions.csv": "id,label,pred\n" + "".join(f"{i},{i % 3 == 0 and 1 or 0},0\n" for i in range(1, 61)),
    },
    labels=[dict(file="outputs/test_predictions.csv", category="RESULT-SUSPECT",
                 why="every prediction is the same class: a collapsed model")],
)
SPECS.append(Z3)
SPECS.append(twin(Z3, "result-predictions-all-one-class-clean", "The predictions vary.", {},
                  add_files={"outputs/test_predictions.csv": "id,label,pred\n" + "".join(f"{i},{i % 3 == 0 and 1 or 0},{(i % 3 == 0) != (i % 7 == 0) and 1 or 0}\n" for i in range(1, 61))}))
