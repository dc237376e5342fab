import json

import numpy as np
from datasets import load_dataset
from sklearn.metrics import f1_score
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, EarlyStoppingCallback, Trainer,
                          TrainingArguments)

MODEL = "microsoft/deberta-v3-base"
tok = AutoTokenizer.from_pretrained(MODEL)
ds = load_dataset("csv", data_files={"train": "data/train.csv", "validation": "data/dev.csv", "test": "data/test.csv"})
ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=256), batched=True)


def compute_metrics(p):
    preds = np.argmax(p.predictions, axis=-1)
    return {"f1": f1_score(p.label_ids, preds, average="macro")}


args = TrainingArguments(
    output_dir="out/deberta",
    num_train_epochs=6,
    learning_rate=2e-5,
    per_device_train_batch_size=16,
    eval_strategy="epoch",
    save_strategy="epoch",
    load_best_model_at_end=True,
    metric_for_best_model="f1",
    seed=13,
)
trainer = Trainer(
    model=AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=3),
    args=args,
    train_dataset=ds["train"],
    eval_dataset=ds["validation"],
    tokenizer=tok,
    compute_metrics=compute_metrics,
    callbacks=[EarlyStoppingCallback(early_stopping_patience=2)],
)
trainer.train()
metrics = trainer.evaluate(ds["test"])
json.dump({"model": MODEL, "seed": 13, "test_f1": metrics["eval_f1"]}, open("results/test.json", "w"))
