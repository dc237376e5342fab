import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Subset, TensorDataset

torch.manual_seed(0)
rng = np.random.default_rng(0)

df = pd.read_csv("data/credit.csv")
X = torch.tensor(df.drop(columns=["default"]).values, dtype=torch.float32)
y = torch.tensor(df["default"].values, dtype=torch.long)
ds = TensorDataset(X, y)

perm = rng.permutation(len(ds))
cut = int(0.8 * len(ds))
train_idx, test_idx = perm[:cut].tolist(), perm[cut:].tolist()

train_loader = DataLoader(Subset(ds, train_idx), batch_size=64, shuffle=True)
test_loader = DataLoader(Subset(ds, test_idx), batch_size=256)

model = nn.Sequential(nn.Linear(X.shape[1], 64), nn.ReLU(), nn.Linear(64, 2))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(20):
    model.train()
    for xb, yb in train_loader:
        loss = nn.functional.cross_entropy(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()

model.eval()
correct = total = 0
with torch.no_grad():
    for xb, yb in test_loader:
        correct += (model(xb).argmax(1) == yb).sum().item()
        total += len(yb)
print(f"test accuracy {correct / total:.3f}")
