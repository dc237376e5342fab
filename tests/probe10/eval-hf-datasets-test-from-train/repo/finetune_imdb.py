import evaluate
import numpy as np
from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                          TrainingArguments)

ckpt = "distilbert-base-uncased"
tok = AutoTokenizer.from_pretrained(ckpt)
ds = load_dataset("stanfordnlp/imdb")
enc = ds.map(lambda b: tok(b["text"], truncation=True, max_length=256), batched=True)

train_ds = enc["train"]
eval_ds = enc["train"].shuffle(seed=42).select(range(2000))

model = AutoModelForSequenceClassification.from_pretrained(ckpt, num_labels=2)
args = TrainingArguments("out/imdb", num_train_epochs=2, per_device_train_batch_size=32, seed=42,
                         eval_strategy="epoch", report_to=[])
accuracy = evaluate.load("accuracy")


def compute_metrics(p):
    return accuracy.compute(predictions=np.argmax(p.predictions, axis=-1), references=p.label_ids)


trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                  tokenizer=tok, compute_metrics=compute_metrics)
trainer.train()
print(trainer.evaluate())
