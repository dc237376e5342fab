import json

import torch
from torch import nn

from data import make_loaders
from model import M5


def run_epoch(net, dl, opt=None):
    net.train(opt is not None)
    hit = n = 0
    with torch.set_grad_enabled(opt is not None):
        for wav, label in dl:
            out = net(wav)
            if opt is not None:
                opt.zero_grad()
                nn.functional.cross_entropy(out, label).backward()
                opt.step()
            hit += (out.argmax(1) == label).sum().item()
            n += len(label)
    return hit / n


if __name__ == "__main__":
    train_dl, val_dl, test_dl = make_loaders()
    net = M5(n_output=35)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    for epoch in range(15):
        run_epoch(net, train_dl, opt)
        print(epoch, run_epoch(net, val_dl))
    json.dump({"test_acc": run_epoch(net, test_dl), "epochs": 15}, open("results/metrics.json", "w"))
