import timm
import torch
from timm.data import create_dataset, create_loader, resolve_data_config

from engine import train_one_epoch, validate

torch.manual_seed(0)
device = "cuda"
model = timm.create_model("vit_small_patch16_224", pretrained=True, num_classes=102,
                          drop_rate=0.1, drop_path_rate=0.1).to(device)
cfg = resolve_data_config({}, model=model)
train_ds = create_dataset("torch/flowers102", root="data", split="train", download=True)
val_ds = create_dataset("torch/flowers102", root="data", split="validation", download=True)
train_loader = create_loader(train_ds, cfg["input_size"], batch_size=64, is_training=True)
val_loader = create_loader(val_ds, cfg["input_size"], batch_size=128, is_training=False)
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.05)

for epoch in range(10):
    train_one_epoch(model, train_loader, optimizer, device)
    print(epoch, "val top-1", validate(model, val_loader, device))
