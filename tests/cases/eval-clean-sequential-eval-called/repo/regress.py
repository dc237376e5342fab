import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(7)
X = torch.tensor(np.load("data/features.npy"), dtype=torch.float32)
y = torch.tensor(np.load("data/targets.npy"), dtype=torch.float32)
cut = int(0.8 * len(X))
train_dl = DataLoader(TensorDataset(X[:cut], y[:cut]), batch_size=64, shuffle=True)
test_dl = DataLoader(TensorDataset(X[cut:], y[cut:]), batch_size=256)

net = nn.Sequential(nn.Linear(X.shape[1], 128), nn.BatchNorm1d(128), nn.ReLU(), nn.Linear(128, 1))
opt = torch.optim.AdamW(net.parameters(), lr=1e-3)

for epoch in range(30):
    net.train()
    for xb, yb in train_dl:
        opt.zero_grad()
        nn.functional.mse_loss(net(xb).squeeze(1), yb).backward()
        opt.step()

net.eval()
errors = []
with torch.no_grad():
    for xb, yb in test_dl:
        errors.append(((net(xb).squeeze(1) - yb) ** 2).mean().item())
print(f"test RMSE {np.sqrt(np.mean(errors)):.3f}")
