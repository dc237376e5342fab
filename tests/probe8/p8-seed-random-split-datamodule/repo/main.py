import argparse

import torch
import torch.nn as nn

from datamodule import make_loaders


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=15)
    args = ap.parse_args()
    train_dl, val_dl, d_in = make_loaders()
    model = nn.Sequential(nn.Linear(d_in, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 2))
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    for _ in range(args.epochs):
        model.train()
        for x, y in train_dl:
            opt.zero_grad()
            nn.functional.cross_entropy(model(x), y).backward()
            opt.step()
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in val_dl:
            correct += (model(x).argmax(1) == y).sum().item()
    print(f"val accuracy {correct / len(val_dl.dataset):.4f}")


if __name__ == "__main__":
    main()
