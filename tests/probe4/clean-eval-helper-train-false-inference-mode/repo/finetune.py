import json

import timm
import torch
from torch.utils.data import DataLoader
from torchvision import datasets

from engine import evaluate, train_one_epoch

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "cpu"
model = timm.create_model("convnext_tiny.fb_in22k", pretrained=True, num_classes=38,
                          drop_rate=0.2).to(device)
cfg = timm.data.resolve_data_config({}, model=model)
train_dl = DataLoader(datasets.ImageFolder("data/plantvillage/train",
                                           timm.data.create_transform(**cfg, is_training=True)),
                      batch_size=64, shuffle=True)
test_dl = DataLoader(datasets.ImageFolder("data/plantvillage/test", timm.data.create_transform(**cfg)),
                     batch_size=128)
opt = torch.optim.AdamW(model.parameters(), lr=2e-4)
for epoch in range(8):
    train_one_epoch(model, train_dl, opt, device)
acc = evaluate(model, test_dl, device)
json.dump({"model": "convnext_tiny.fb_in22k", "seed": 0, "epochs": 8, "test_acc": acc,
           "n_test": len(test_dl.dataset)}, open("results/final.json", "w"))
