from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                          TrainingArguments)

ckpt = "roberta-base"
tok = AutoTokenizer.from_pretrained(ckpt)
raw = load_dataset("nyu-mll/glue", "mnli")
enc = raw.map(lambda b: tok(b["premise"], b["hypothesis"], truncation=True, max_length=256), batched=True)
model = AutoModelForSequenceClassification.from_pretrained(ckpt, num_labels=3)
args = TrainingArguments("out/roberta-mnli", num_train_epochs=1, per_device_train_batch_size=32, seed=0, report_to=[])
trainer = Trainer(model=model, args=args, train_dataset=enc["train"], eval_dataset=enc["validation_matched"], tokenizer=tok)
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("eval", metrics)
