import numpy as np
import pandas as pd
from datasets import Dataset
from sklearn.model_selection import GroupShuffleSplit
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                          TrainingArguments, set_seed)

set_seed(11)
MODEL = "emilyalsentzer/Bio_ClinicalBERT"

df = pd.read_csv("data/notes.csv")   # columns: patient_id, note, label
gss = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=11)
tr_idx, te_idx = next(gss.split(df, groups=df["patient_id"]))
tok = AutoTokenizer.from_pretrained(MODEL)


def encode(batch):
    return tok(batch["note"], truncation=True, max_length=512)


train_ds = Dataset.from_pandas(df.iloc[tr_idx], preserve_index=False).map(encode, batched=True)
eval_ds = Dataset.from_pandas(df.iloc[te_idx], preserve_index=False).map(encode, batched=True)

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
