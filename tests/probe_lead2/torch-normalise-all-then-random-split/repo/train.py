import json

import torch
from torch.utils.data import DataLoader, TensorDataset, random_split

x, y = torch.load("data/features.pt")
mean, std = x.mean(dim=0), x.std(dim=0)
x = (x - mean) / (std + 1e-8)
full = TensorDataset(x, y)
train_set, test_set = random_split(full, [0.8, 0.2], generator=torch.Generator().manual_seed(0))
torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(x.shape[1], 64), torch.nn.ReLU(), torch.nn.Linear(64, 2))
opt = torch.optim.Adam(model.parameters(), 1e-3)
for epoch in range(20):
    for xb, yb in DataLoader(train_set, batch_size=64, shuffle=True):
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(xb), yb).backward()
        opt.step()
model.eval()
with torch.no_grad():
    xs, ys = next(iter(DataLoader(test_set, batch_size=len(test_set))))
    acc = (model(xs).argmax(1) == ys).float().mean().item()
json.dump({"test_acc": acc, "seed": 0}, open("results/mlp.json", "w"))
