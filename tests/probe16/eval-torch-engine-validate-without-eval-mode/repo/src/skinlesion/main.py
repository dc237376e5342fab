import json

import torch
import torchvision
from torch.utils.data import DataLoader, WeightedRandomSampler

from .data import LesionDataset
from .engine import train_epoch, validate


def main(epochs=25, device="cuda"):
    torch.manual_seed(0)
    train_ds = LesionDataset("data/train.csv", augment=True)
    val_ds = LesionDataset("data/val.csv", augment=False)
    weights = train_ds.sample_weights()
    sampler = WeightedRandomSampler(weights, num_samples=len(weights), replacement=True,
                                    generator=torch.Generator().manual_seed(0))
    train_dl = DataLoader(train_ds, batch_size=64, sampler=sampler, num_workers=4)
    val_dl = DataLoader(val_ds, batch_size=128, num_workers=4)
    model = torchvision.models.resnet50(weights="IMAGENET1K_V2")
    model.fc = torch.nn.Sequential(torch.nn.Dropout(0.3), torch.nn.Linear(2048, 7))
    model.to(device)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    history = []
    for epoch in range(epochs):
        train_epoch(model, train_dl, opt, device)
        history.append({"epoch": epoch, "val_acc": validate(model, val_dl, device)})
    json.dump(history, open("results/history.json", "w"), indent=1)


if __name__ == "__main__":
    main()
