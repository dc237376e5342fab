import torch
from ray import train
from torch import nn

from data import loaders


def accuracy(model, loader):
    model.eval()
    hit = n = 0
    with torch.no_grad():
        for xb, yb in loader:
            hit += (model(xb).argmax(1) == yb).sum().item()
            n += len(yb)
    return hit / n


def train_mlp(config):
    torch.manual_seed(0)
    train_loader, test_loader = loaders()
    model = nn.Sequential(nn.Linear(54, config["width"]), nn.ReLU(), nn.Linear(config["width"], 7))
    opt = torch.optim.AdamW(model.parameters(), lr=config["lr"])
    for epoch in range(20):
        model.train()
        for xb, yb in train_loader:
            opt.zero_grad()
            nn.functional.cross_entropy(model(xb), yb).backward()
            opt.step()
        train.report({"accuracy": accuracy(model, test_loader), "epoch": epoch})
