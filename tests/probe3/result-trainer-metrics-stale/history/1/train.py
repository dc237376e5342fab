from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                          TrainingArguments, set_seed)

MODEL = "roberta-base"
set_seed(0)
tok = AutoTokenizer.from_pretrained(MODEL)
ds = load_dataset("glue", "sst2")
ds = ds.map(lambda b: tok(b["sentence"], truncation=True, max_length=128), batched=True)
model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2)
args = TrainingArguments("outputs/roberta-sst2", num_train_epochs=3, learning_rate=2e-5,
                         per_device_train_batch_size=32, seed=0, report_to=[])
trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["validation"],
                  tokenizer=tok, compute_metrics=lambda p: {"accuracy": float((p.predictions.argmax(-1) == p.label_ids).mean())})
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("eval", metrics)
