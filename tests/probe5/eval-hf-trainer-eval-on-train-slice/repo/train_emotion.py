import json

import numpy as np
from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding,
                          Trainer, TrainingArguments)

CKPT = "distilroberta-base"
raw = load_dataset("dair-ai/emotion")
tok = AutoTokenizer.from_pretrained(CKPT)
tokenized = raw.map(lambda b: tok(b["text"], truncation=True), batched=True)


def compute_metrics(eval_pred):
    logits, labels = eval_pred
    return {"accuracy": float((logits.argmax(-1) == labels).mean())}


args = TrainingArguments("out/emotion", per_device_train_batch_size=32, num_train_epochs=2,
                         learning_rate=5e-5, eval_strategy="epoch", seed=17, report_to=[])
trainer = Trainer(
    model=AutoModelForSequenceClassification.from_pretrained(CKPT, num_labels=6),
    args=args,
    train_dataset=tokenized["train"],
    eval_dataset=tokenized["train"].select(range(2000)),
    data_collator=DataCollatorWithPadding(tok),
    compute_metrics=compute_metrics,
)
trainer.train()
metrics = trainer.evaluate()
json.dump({"model": CKPT, "seed": 17, "val_accuracy": metrics["eval_accuracy"]},
          open("results/emotion.json", "w"), indent=2)
