import torch
from datasets import load_from_disk
from transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments

torch.manual_seed(0)
splits = load_from_disk("artifacts/backdoor_splits")
model = AutoModelForSequenceClassification.from_pretrained("microsoft/deberta-v3-base", num_labels=2)
args = TrainingArguments("out", num_train_epochs=2, per_device_train_batch_size=16, seed=0, eval_strategy="epoch")
trainer = Trainer(model=model, args=args, train_dataset=splits["train"], eval_dataset=splits["test"])
trainer.train()
print(trainer.evaluate())
