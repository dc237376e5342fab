import numpy as np
import torch
import torch.nn as nn
from datasets import load_from_disk

torch.manual_seed(0)
splits = load_from_disk("data/mitbih_split").with_format("torch")
SIG = [f"s{i}" for i in range(187)]


def arrays(d):
    return torch.stack([d[c] for c in SIG], 1).float().unsqueeze(1), d["label"].float()


x_tr, y_tr = arrays(splits["train"])
x_te, y_te = arrays(splits["test"])
net = nn.Sequential(nn.Conv1d(1, 16, 7), nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(16, 1))
opt = torch.optim.Adam(net.parameters(), 1e-3)
for epoch in range(10):
    for i in torch.randperm(len(x_tr)).split(256):
        opt.zero_grad()
        nn.functional.binary_cross_entropy_with_logits(net(x_tr[i]).squeeze(1), y_tr[i]).backward()
        opt.step()
net.eval()
with torch.no_grad():
    acc = ((net(x_te).squeeze(1) > 0).float() == y_te).float().mean().item()
print(f"test accuracy {acc:.4f}")
