import json

import numpy as np
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

tok = AutoTokenizer.from_pretrained("distilroberta-base")
raw = load_dataset("rotten_tomatoes")
enc = raw.map(lambda b: tok(b["text"], truncation=True, padding="max_length", max_length=128), batched=True)
splits = {"fit": enc["train"], "heldout": enc["test"]}


def acc(p):
    return {"accuracy": float((np.argmax(p.predictions, -1) == p.label_ids).mean())}


model = AutoModelForSequenceClassification.from_pretrained("distilroberta-base", num_labels=2)
args = TrainingArguments("out", num_train_epochs=2, per_device_train_batch_size=32, seed=1, report_to=[])
trainer = Trainer(model=model, args=args, train_dataset=splits["fit"], eval_dataset=splits["heldout"], compute_metrics=acc)
trainer.train()
json.dump({"heldout_accuracy": trainer.evaluate()["eval_accuracy"]}, open("results/rt.json", "w"))
