from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

from intent.metrics import compute_metrics

ckpt = "bert-base-uncased"
tok = AutoTokenizer.from_pretrained(ckpt)
ds = load_dataset("PolyAI/banking77")
ds = ds.map(lambda b: tok(b["text"], truncation=True, padding="max_length", max_length=64), batched=True)
split = ds["train"].train_test_split(test_size=0.1, seed=42)
trainer = Trainer(
    model=AutoModelForSequenceClassification.from_pretrained(ckpt, num_labels=77),
    args=TrainingArguments("out/banking77", num_train_epochs=4, eval_strategy="epoch", seed=42, report_to="wandb"),
    train_dataset=split["train"],
    eval_dataset=split["test"],
    compute_metrics=compute_metrics,
)
trainer.train()
print(trainer.evaluate(ds["test"]))
