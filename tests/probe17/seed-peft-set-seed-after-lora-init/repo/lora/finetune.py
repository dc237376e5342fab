import json
import sys

import torch
from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForSequenceClassification, AutoTokenizer, set_seed

BASE = "roberta-base"
seed = int(sys.argv[1])

tok = AutoTokenizer.from_pretrained(BASE)
model = AutoModelForSequenceClassification.from_pretrained(BASE, num_labels=2)
model = get_peft_model(model, LoraConfig(task_type="SEQ_CLS", r=8, lora_alpha=16, lora_dropout=0.1))
set_seed(seed)

ds = load_dataset("glue", "rte")
enc = ds.map(lambda b: tok(b["sentence1"], b["sentence2"], truncation=True, padding="max_length", max_length=256), batched=True)
enc.set_format("torch", columns=["input_ids", "attention_mask", "label"])
train_dl = torch.utils.data.DataLoader(enc["train"], batch_size=16, shuffle=True)
val_dl = torch.utils.data.DataLoader(enc["validation"], batch_size=64)

opt = torch.optim.AdamW(model.parameters(), lr=5e-4)
for epoch in range(10):
    model.train()
    for b in train_dl:
        out = model(input_ids=b["input_ids"], attention_mask=b["attention_mask"], labels=b["label"])
        out.loss.backward()
        opt.step()
        opt.zero_grad()

model.eval()
with torch.no_grad():
    correct = sum((model(input_ids=b["input_ids"], attention_mask=b["attention_mask"]).logits.argmax(-1) == b["label"]).sum().item() for b in val_dl)
acc = correct / len(enc["validation"])
json.dump({"seed": seed, "base": BASE, "rte_acc": acc}, open(f"results/lora_rte_seed{seed}.json", "w"))
