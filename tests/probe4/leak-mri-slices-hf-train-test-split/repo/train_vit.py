import numpy as np
from datasets import load_from_disk
from transformers import (AutoImageProcessor, AutoModelForImageClassification, Trainer,
                          TrainingArguments)
import evaluate

splits = load_from_disk("data/brats_splits")
proc = AutoImageProcessor.from_pretrained("google/vit-base-patch16-224-in21k")


def transform(batch):
    batch["pixel_values"] = proc([im.convert("RGB") for im in batch["image"]], return_tensors="pt")["pixel_values"]
    return batch


splits = splits.with_transform(transform)
model = AutoModelForImageClassification.from_pretrained("google/vit-base-patch16-224-in21k", num_labels=4)
acc = evaluate.load("accuracy")
args = TrainingArguments("out/vit-brats", per_device_train_batch_size=32, num_train_epochs=3,
                         eval_strategy="epoch", remove_unused_columns=False, seed=42)
trainer = Trainer(model=model, args=args, train_dataset=splits["train"], eval_dataset=splits["test"],
                  compute_metrics=lambda p: acc.compute(predictions=np.argmax(p.predictions, -1),
                                                        references=p.label_ids))
trainer.train()
trainer.save_metrics("eval", trainer.evaluate())
