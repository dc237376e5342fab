from datasets import load_dataset
from transformers import (AutoModelForTokenClassification, AutoTokenizer, DataCollatorForTokenClassification,
                          Trainer, TrainingArguments)

from metrics import compute_metrics

MODEL = "bert-base-cased"
raw = load_dataset("conll2003")
tok = AutoTokenizer.from_pretrained(MODEL)
LABELS = raw["train"].features["ner_tags"].feature.names


def align(batch):
    enc = tok(batch["tokens"], is_split_into_words=True, truncation=True)
    all_labels = []
    for i, tags in enumerate(batch["ner_tags"]):
        prev, labels = None, []
        for w in enc.word_ids(i):
            # label only the first sub-token of each word
            labels.append(-100 if w is None or w == prev else tags[w])
            prev = w
        all_labels.append(labels)
    enc["labels"] = all_labels
    return enc


ds = raw.map(align, batched=True, remove_columns=raw["train"].column_names)
model = AutoModelForTokenClassification.from_pretrained(MODEL, num_labels=len(LABELS))
args = TrainingArguments("outputs/conll", num_train_epochs=3, learning_rate=3e-5, seed=42, report_to=[])
trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["test"],
                  data_collator=DataCollatorForTokenClassification(tok), compute_metrics=compute_metrics)
trainer.train()
metrics = trainer.evaluate()
trainer.save_metrics("eval", metrics)
