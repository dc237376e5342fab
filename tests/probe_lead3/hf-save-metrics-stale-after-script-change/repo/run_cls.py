from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments)

tok = AutoTokenizer.from_pretrained("roberta-base")
ds = load_dataset("glue", "sst2").map(lambda b: tok(b["sentence"], truncation=True), batched=True)
model = AutoModelForSequenceClassification.from_pretrained("roberta-base", num_labels=2)
args = TrainingArguments("out", learning_rate=1e-5, label_smoothing_factor=0.1, num_train_epochs=3, seed=13)
trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["validation"], tokenizer=tok)
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("eval", metrics)
