import json
import sys

import numpy as np
from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                          TrainingArguments, set_seed)

set_seed(42)
MODEL = "distilbert-base-uncased"
tok = AutoTokenizer.from_pretrained(MODEL)
ds = load_dataset("ag_news")
ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=256), batched=True)
model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=4)


def compute_metrics(p):
    preds = np.argmax(p.predictions, axis=-1)
    return {"accuracy": float((preds == p.label_ids).mean())}


args = TrainingArguments(output_dir="outputs", num_train_epochs=3, per_device_train_batch_size=32,
                         learning_rate=2e-5, warmup_ratio=0.06, seed=42, report_to=[])
trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["test"],
                  tokenizer=tok, compute_metrics=compute_metrics)
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("eval", metrics)
