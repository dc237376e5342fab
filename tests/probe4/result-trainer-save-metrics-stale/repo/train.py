from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments)

MODEL = "roberta-base"
ds = load_dataset("glue", "mrpc")
tok = AutoTokenizer.from_pretrained(MODEL)
ds = ds.map(lambda b: tok(b["sentence1"], b["sentence2"], truncation=True, max_length=64), batched=True)
model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2)
args = TrainingArguments("out/roberta-mrpc", num_train_epochs=5, learning_rate=3e-5, seed=1,
                         per_device_train_batch_size=32, warmup_ratio=0.1, label_smoothing_factor=0.1)
trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["validation"], tokenizer=tok)
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("eval", metrics)
