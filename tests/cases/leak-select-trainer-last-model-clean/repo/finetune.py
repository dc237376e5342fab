"""Fine-tune a sentiment classifier on SST-2 and report test accuracy."""
import numpy as np
from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                          TrainingArguments)

CKPT = "distilroberta-base"


def accuracy(eval_pred):
    logits, labels = eval_pred
    return {"accuracy": float((np.argmax(logits, axis=-1) == labels).mean())}


def run(seed: int = 13):
    tok = AutoTokenizer.from_pretrained(CKPT)
    data = load_dataset("gpt3mix/sst2").map(lambda b: tok(b["text"], truncation=True), batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(CKPT, num_labels=2)
    args = TrainingArguments(
        output_dir="ckpt/sst2",
        eval_strategy="epoch",
        save_strategy="epoch",
        num_train_epochs=6,
        learning_rate=2e-5,
        metric_for_best_model="accuracy",
        seed=seed,
    )
    trainer = Trainer(model=model, args=args, train_dataset=data["train"], eval_dataset=data["test"],
                      tokenizer=tok, compute_metrics=accuracy)
    trainer.train()
    return trainer.evaluate(eval_dataset=data["test"])["eval_accuracy"]


if __name__ == "__main__":
    print(f"test accuracy: {run():.4f}")
