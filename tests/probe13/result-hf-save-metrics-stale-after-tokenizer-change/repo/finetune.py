import numpy as np
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

CKPT = "roberta-base"
LABELS = ["false", "mixed", "true"]
tok = AutoTokenizer.from_pretrained(CKPT)
ds = load_dataset("json", data_files={"train": "data/train.jsonl", "validation": "data/dev.jsonl"})
ds = ds.map(lambda b: {**tok(b["claim"], b["evidence"], truncation=True, max_length=512), "label": [LABELS.index(x) for x in b["verdict"]]}, batched=True)


def compute_metrics(p):
    return {"accuracy": float((np.argmax(p.predictions, -1) == p.label_ids).mean())}


trainer = Trainer(model=AutoModelForSequenceClassification.from_pretrained(CKPT, num_labels=len(LABELS)),
                  args=TrainingArguments("outputs", num_train_epochs=3, seed=0, eval_strategy="epoch", save_strategy="no"),
                  train_dataset=ds["train"], eval_dataset=ds["validation"], compute_metrics=compute_metrics)
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("eval", metrics)
