import json

import torch
from accelerate import Accelerator
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer, set_seed

from data import load_splits

set_seed(0)
acc = Accelerator()
tok = AutoTokenizer.from_pretrained("distilroberta-base")
model = AutoModelForSequenceClassification.from_pretrained("distilroberta-base", num_labels=2, hidden_dropout_prob=0.3)
train_ds, test_ds = load_splits(tok)
train_dl = DataLoader(train_ds, batch_size=32, shuffle=True)
test_dl = DataLoader(test_ds, batch_size=64)
opt = torch.optim.AdamW(model.parameters(), lr=2e-5)
model, opt, train_dl, test_dl = acc.prepare(model, opt, train_dl, test_dl)


def run():
    model.train()
    for epoch in range(3):
        for batch in train_dl:
            loss = model(**batch).loss
            acc.backward(loss)
            opt.step()
            opt.zero_grad()
    correct = total = 0
    with torch.no_grad():
        for batch in test_dl:
            logits = model(**batch).logits
            preds, refs = acc.gather_for_metrics((logits.argmax(-1), batch["labels"]))
            correct += (preds == refs).sum().item()
            total += refs.numel()
    return correct / total


score = run()
if acc.is_main_process:
    json.dump({"model": "distilroberta-base", "seed": 0, "test_acc": score}, open("results/cls.json", "w"))
