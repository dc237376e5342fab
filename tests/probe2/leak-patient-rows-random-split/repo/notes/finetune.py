import numpy as np
from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                          TrainingArguments, set_seed)

set_seed(11)
MODEL = "emilyalsentzer/Bio_ClinicalBERT"

ds = load_dataset("csv", data_files="data/notes.csv")["train"]   # columns: patient_id, note, label
splits = ds.train_test_split(test_size=0.2, seed=11)
tok = AutoTokenizer.from_pretrained(MODEL)


def encode(batch):
    return tok(batch["note"], truncation=True, max_length=512)


train_ds = splits["train"].map(encode, batched=True)
eval_ds = splits["test"].map(encode, batched=True)

model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2)


def compute_metrics(p):
    preds = np.argmax(p.predictions, axis=-1)
    return {"accuracy": float((preds == p.label_ids).mean())}


args = TrainingArguments("out/clinicalbert", num_train_epochs=3, per_device_train_batch_size=16,
                         learning_rate=2e-5, eval_strategy="no", seed=11, report_to=[])
trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                  tokenizer=tok, compute_metrics=compute_metrics)
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("test", metrics)
