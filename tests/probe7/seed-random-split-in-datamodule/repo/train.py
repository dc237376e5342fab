import json

import torch

from textclf.data import make_loaders
from textclf.model import BagOfEmbeddings

train_dl, val_dl = make_loaders()
model = BagOfEmbeddings()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(5):
    model.train()
    for ids, y in train_dl:
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(ids), y).backward()
        opt.step()
model.eval()
with torch.no_grad():
    correct = sum((model(ids).argmax(1) == y).sum().item() for ids, y in val_dl)
acc = correct / len(val_dl.dataset)
json.dump({"val_acc": acc}, open("results/agnews_val.json", "w"))
print("val acc", acc)
