"""Fine-tune a sentiment classifier and write the figures for the paper."""
import json

from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

ds = load_dataset("csv", data_files={"train": "data/train.csv", "dev": "data/dev.csv", "test": "data/test.csv"})
tok = AutoTokenizer.from_pretrained("roberta-base")
ds = ds.map(lambda b: tok(b["text"], truncation=True), batched=True)
model = AutoModelForSequenceClassification.from_pretrained("roberta-base", num_labels=2)
args = TrainingArguments("out", eval_strategy="epoch", save_strategy="epoch",
                         load_best_model_at_end=True, metric_for_best_model="accuracy", seed=13)
trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["dev"],
                  compute_metrics=compute_accuracy)
trainer.train()

dev_metrics = trainer.evaluate(eval_dataset=ds["dev"])
test_metrics = trainer.evaluate(eval_dataset=ds["test"], metric_key_prefix="test")

with open("results/table2.json", "w") as fh:
    json.dump({"model": "roberta-base", "seed": 13,
               "test_accuracy": test_metrics["test_accuracy"],
               "test_loss": test_metrics["test_loss"]}, fh, indent=2)
