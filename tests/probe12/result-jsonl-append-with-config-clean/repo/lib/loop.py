import torch
from torch import nn


def fit(net, train_dl, val_dl, lr, epochs):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
    for _ in range(epochs):
        net.train()
        for xb, yb in train_dl:
            opt.zero_grad()
            nn.functional.cross_entropy(net(xb), yb).backward()
            opt.step()
        sched.step()


@torch.no_grad()
def accuracy(net, dl):
    net.eval()
    hit = n = 0
    for xb, yb in dl:
        hit += (net(xb).argmax(1) == yb).sum().item()
        n += len(yb)
    return hit / n
