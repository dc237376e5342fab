import argparse
import json

import torch

from speech.datamodule import SpeechData
from speech.models import M5, TinyConformer

ap = argparse.ArgumentParser()
ap.add_argument("--arch", choices=["m5", "conformer"], default="m5")
args = ap.parse_args()

train_dl, val_dl = SpeechData().loaders()
model = {"m5": M5, "conformer": TinyConformer}[args.arch](n_classes=35)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(12):
    model.train()
    for wav, label in train_dl:
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(wav), label).backward()
        opt.step()
model.eval()
correct = total = 0
with torch.no_grad():
    for wav, label in val_dl:
        correct += (model(wav).argmax(-1) == label).sum().item()
        total += len(label)
json.dump({"arch": args.arch, "val_acc": correct / total}, open(f"results/{args.arch}.json", "w"))
