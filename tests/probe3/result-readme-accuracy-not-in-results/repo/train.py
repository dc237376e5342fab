import json
import subprocess

import evaluate
import numpy as np
from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                          TrainingArguments, set_seed)

MODEL = "microsoft/deberta-v3-base"
SEED = 13
set_seed(SEED)
tok = AutoTokenizer.from_pretrained(MODEL)
ds = load_dataset("tweet_eval", "emotion")
ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=128), batched=True)
acc = evaluate.load("accuracy")
f1 = evaluate.load("f1")


def compute_metrics(p):
    preds = np.argmax(p.predictions, axis=-1)
    return {"accuracy": acc.compute(predictions=preds, references=p.label_ids)["accuracy"],
            "macro_f1": f1.compute(predictions=preds, references=p.label_ids, average="macro")["f1"]}


model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=4)
args = TrainingArguments("outputs/deberta-emotion", num_train_epochs=3, learning_rate=2e-5,
                         per_device_train_batch_size=32, eval_strategy="epoch", save_strategy="no",
                         seed=SEED, report_to=[])
trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["validation"],
                  tokenizer=tok, compute_metrics=compute_metrics)
trainer.train()
test = trainer.evaluate(ds["test"], metric_key_prefix="test")
commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
with open("results/metrics.json", "w") as f:
    json.dump({"model": MODEL, "seed": SEED, "commit": commit, "n_test": len(ds["test"]),
               "accuracy": round(test["test_accuracy"], 4), "macro_f1": round(test["test_macro_f1"], 4)},
              f, indent=2)
