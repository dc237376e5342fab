import json

import timm
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from engine import evaluate, train_one_epoch

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "cpu"
model = timm.create_model("convnext_tiny.fb_in22k", pretrained=True, num_classes=38,
                          drop_rate=0.2, drop_path_rate=0.1).to(device)
cfg = timm.data.resolve_data_config({}, model=model)
tf_train = timm.data.create_transform(**cfg, is_training=True)
tf_eval = timm.data.create_transform(**cfg)
train_ds = datasets.ImageFolder("data/plantvillage/train", tf_train)
test_ds = datasets.ImageFolder("data/plantvillage/test", tf_eval)
train_dl = DataLoader(train_ds, batch_size=64, shuffle=True, num_workers=4)
test_dl = DataLoader(test_ds, batch_size=128, num_workers=4)

opt = torch.optim.AdamW(model.parameters(), lr=2e-4, weight_decay=0.05)
history = []
for epoch in range(8):
    loss = train_one_epoch(model, train_dl, opt, device)
    acc = evaluate(model, test_dl, device)
    history.append({"epoch": epoch, "loss": loss, "test_acc": acc})
    print(history[-1])
json.dump(history, open("results/history.json", "w"), indent=1)
