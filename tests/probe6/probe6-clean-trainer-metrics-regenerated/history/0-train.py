import numpy as np
from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                          TrainingArguments, DataCollatorWithPadding)

MODEL = "microsoft/deberta-v3-base"
tok = AutoTokenizer.from_pretrained(MODEL)
ds = load_dataset("glue", "rte")
ds = ds.map(lambda b: tok(b["sentence1"], b["sentence2"], truncation=True, max_length=128), batched=True)


def compute_metrics(p):
    return {"accuracy": float((np.argmax(p.predictions, -1) == p.label_ids).mean())}


args = TrainingArguments("outputs/rte-deberta", learning_rate=2e-5, num_train_epochs=3,
                         per_device_train_batch_size=16, eval_strategy="epoch", seed=42)
trainer = Trainer(model=AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2),
                  args=args, train_dataset=ds["train"], eval_dataset=ds["validation"],
                  data_collator=DataCollatorWithPadding(tok), compute_metrics=compute_metrics)
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("eval", metrics)
