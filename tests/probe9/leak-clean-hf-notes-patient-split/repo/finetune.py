import numpy as np
from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                          TrainingArguments, set_seed)

set_seed(0)
MODEL = "emilyalsentzer/Bio_ClinicalBERT"
tok = AutoTokenizer.from_pretrained(MODEL)

# one row per discharge note; patients have several admissions
ds = load_dataset("csv", data_files="data/discharge_notes.csv")["train"]
ds = ds.filter(lambda ex: ex["text"] is not None and len(ex["text"]) > 50)
print(ds.num_rows, "notes from", len(set(ds["subject_id"])), "patients")

from datasets import DatasetDict

patients = np.array(sorted(set(ds["subject_id"])))
rng = np.random.default_rng(0)
test_patients = set(rng.choice(patients, size=len(patients) // 5, replace=False).tolist())
splits = DatasetDict({
    "train": ds.filter(lambda ex: ex["subject_id"] not in test_patients),
    "test": ds.filter(lambda ex: ex["subject_id"] in test_patients),
})

enc = splits.map(lambda b: tok(b["text"], truncation=True, max_length=512), batched=True)

model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2)
args = TrainingArguments("out/readmit", num_train_epochs=3, per_device_train_batch_size=16, seed=0,
                         eval_strategy="no", report_to=[])
trainer = Trainer(model=model, args=args, train_dataset=enc["train"], tokenizer=tok)
trainer.train()
metrics = trainer.evaluate(enc["test"])
trainer.save_metrics("test", metrics)
