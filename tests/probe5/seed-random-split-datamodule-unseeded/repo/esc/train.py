import argparse

import torch
from torch import nn

from .data import make_splits


def accuracy(model, loader):
    model.eval()
    hits = n = 0
    with torch.no_grad():
        for x, y in loader:
            hits += (model(x).argmax(1) == y).sum().item()
            n += len(y)
    return hits / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="data/esc50_mel.pt")
    ap.add_argument("--epochs", type=int, default=30)
    args = ap.parse_args()
    train_loader, val_loader, test_loader = make_splits(args.data)
    model = nn.Sequential(nn.Flatten(), nn.Linear(128 * 216, 512), nn.ReLU(), nn.Dropout(0.3), nn.Linear(512, 50))
    opt = torch.optim.Adam(model.parameters(), lr=3e-4)
    best, best_state = 0.0, None
    for epoch in range(args.epochs):
        model.train()
        for x, y in train_loader:
            opt.zero_grad()
            nn.functional.cross_entropy(model(x), y).backward()
            opt.step()
        val_acc = accuracy(model, val_loader)
        if val_acc > best:
            best, best_state = val_acc, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    print(f"test acc {accuracy(model, test_loader):.3f}")


if __name__ == "__main__":
    main()
