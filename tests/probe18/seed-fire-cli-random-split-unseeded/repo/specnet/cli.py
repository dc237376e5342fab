import fire
import torch
import torch.nn as nn

from specnet.data import loaders


def train(epochs=20, lr=3e-4, out="runs/specnet.pt"):
    tr, va = loaders()
    net = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(8), nn.Flatten(), nn.Linear(1024, 10))
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    for _ in range(epochs):
        net.train()
        for x, y in tr:
            loss = nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    net.eval()
    with torch.no_grad():
        acc = sum((net(x).argmax(1) == y).sum().item() for x, y in va) / len(va.dataset)
    torch.save({"state": net.state_dict(), "val_acc": acc}, out)
    print("val acc", acc)


if __name__ == "__main__":
    fire.Fire({"train": train})
