import torch
import segmentation_models_pytorch as smp
from torch.utils.data import DataLoader

from seg.data import RoofDataset
from seg.engine import train_one_epoch, validate

torch.manual_seed(0)
device = "cuda"
model = smp.Unet("resnet34", encoder_weights="imagenet", classes=1, decoder_attention_type="scse").to(device)
opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
loss_fn = smp.losses.DiceLoss(mode="binary")
train_dl = DataLoader(RoofDataset("data/train"), batch_size=8, shuffle=True, num_workers=4,
                      generator=torch.Generator().manual_seed(0))
val_dl = DataLoader(RoofDataset("data/val"), batch_size=8)
for epoch in range(40):
    train_one_epoch(model, train_dl, opt, loss_fn, device)
    print(epoch, "val dice", validate(model, val_dl, device))
