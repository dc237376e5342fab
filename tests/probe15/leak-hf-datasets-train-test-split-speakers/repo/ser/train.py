import numpy as np
from transformers import AutoFeatureExtractor, AutoModelForAudioClassification, Trainer, TrainingArguments

from ser.data import get_splits

LABELS = ["angry", "happy", "neutral", "sad"]
fe = AutoFeatureExtractor.from_pretrained("facebook/wav2vec2-base")
train_ds, test_ds = get_splits()


def prep(b):
    b["input_values"] = fe(b["path"]["array"], sampling_rate=16_000).input_values[0]
    b["label"] = LABELS.index(b["emotion"])
    return b


train_ds, test_ds = train_ds.map(prep), test_ds.map(prep)
model = AutoModelForAudioClassification.from_pretrained("facebook/wav2vec2-base", num_labels=len(LABELS))
args = TrainingArguments("out/ser", per_device_train_batch_size=8, num_train_epochs=5, seed=0)
trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=test_ds,
                  compute_metrics=lambda p: {"acc": float((np.argmax(p.predictions, -1) == p.label_ids).mean())})
trainer.train()
print(trainer.evaluate())
