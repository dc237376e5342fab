import json

import numpy as np
from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                          TrainingArguments)

MODEL = "microsoft/deberta-v3-base"
tok = AutoTokenizer.from_pretrained(MODEL)
ds = load_dataset("glue", "rte")
ds = ds.map(lambda b: tok(b["sentence1"], b["sentence2"], truncation=True, max_length=256), batched=True)


def accuracy(p):
    return {"accuracy": float((np.argmax(p.predictions, -1) == p.label_ids).mean())}


args = TrainingArguments("outputs", per_device_train_batch_size=16, learning_rate=2e-5,
                         num_train_epochs=5, seed=42, label_smoothing_factor=0.1,
                         warmup_ratio=0.06, report_to=[])
trainer = Trainer(model=AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2),
                  args=args, train_dataset=ds["train"], eval_dataset=ds["validation"],
                  tokenizer=tok, compute_metrics=accuracy)
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("eval", metrics)
