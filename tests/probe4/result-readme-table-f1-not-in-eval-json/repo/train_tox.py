import json

import numpy as np
from datasets import load_dataset
from sklearn.metrics import f1_score
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                          TrainingArguments)

MODEL = "microsoft/deberta-v3-base"
ds = load_dataset("csv", data_files={"train": "data/train.csv", "validation": "data/val.csv",
                                     "test": "data/test.csv"})
tok = AutoTokenizer.from_pretrained(MODEL)
ds = ds.map(lambda b: tok(b["comment_text"], truncation=True, max_length=256), batched=True)
model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2)


def metrics(p):
    pred = np.argmax(p.predictions, -1)
    return {"macro_f1": f1_score(p.label_ids, pred, average="macro"), "acc": float((pred == p.label_ids).mean())}


args = TrainingArguments("out/deberta-tox", eval_strategy="epoch", save_strategy="epoch",
                         load_best_model_at_end=True, metric_for_best_model="macro_f1",
                         num_train_epochs=3, learning_rate=2e-5, seed=17)
trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["validation"],
                  tokenizer=tok, compute_metrics=metrics)
trainer.train()
test_metrics = trainer.evaluate(ds["test"], metric_key_prefix="test")
json.dump({"model": MODEL, "seed": 17, "n_test": len(ds["test"]), **test_metrics},
          open("results/eval_test.json", "w"), indent=2)
