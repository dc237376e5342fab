import json

import timm
import torch
from accelerate import Accelerator
from accelerate.utils import set_seed
from timm.data import create_transform, resolve_data_config
from torch.utils.data import DataLoader
from torchvision import datasets

set_seed(0)
accelerator = Accelerator(mixed_precision="bf16")
model = timm.create_model("convnext_tiny", pretrained=True, num_classes=102, drop_path_rate=0.2)
cfg = resolve_data_config({}, model=model)
train_ds = datasets.Flowers102("data", split="train", transform=create_transform(**cfg, is_training=True), download=True)
test_ds = datasets.Flowers102("data", split="test", transform=create_transform(**cfg), download=True)
train_dl = DataLoader(train_ds, batch_size=32, shuffle=True, num_workers=4)
test_dl = DataLoader(test_ds, batch_size=64, num_workers=4)
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.05)
model, optimizer, train_dl, test_dl = accelerator.prepare(model, optimizer, train_dl, test_dl)


def train_one_epoch():
    model.train()
    for x, y in train_dl:
        loss = torch.nn.functional.cross_entropy(model(x), y, label_smoothing=0.1)
        accelerator.backward(loss)
        optimizer.step()
        optimizer.zero_grad()


def evaluate():
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for x, y in test_dl:
            preds, labels = accelerator.gather_for_metrics((model(x).argmax(-1), y))
            correct += (preds == labels).sum().item()
            total += labels.numel()
    return correct / total


for epoch in range(10):
    train_one_epoch()
top1 = evaluate()
if accelerator.is_main_process:
    with open("results/flowers102.json", "w") as fh:
        json.dump({"model": "convnext_tiny", "epochs": 10, "split": "test", "n": len(test_ds), "top1": top1}, fh)
