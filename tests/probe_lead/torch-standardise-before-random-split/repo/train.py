import numpy as np
import torch
from torch.utils.data import TensorDataset, random_split, DataLoader

X = torch.tensor(np.load("data/features.npy"), dtype=torch.float32)
y = torch.tensor(np.load("data/labels.npy"))
mu, sigma = X.mean(dim=0), X.std(dim=0)
X = (X - mu) / sigma
ds = TensorDataset(X, y)
train_ds, test_ds = random_split(ds, [0.8, 0.2], generator=torch.Generator().manual_seed(0))
model = torch.nn.Linear(X.shape[1], 2)
opt = torch.optim.Adam(model.parameters())
for xb, yb in DataLoader(train_ds, batch_size=64, shuffle=True):
    opt.zero_grad(); torch.nn.functional.cross_entropy(model(xb), yb).backward(); opt.step()
xt, yt = next(iter(DataLoader(test_ds, batch_size=len(test_ds))))
print("test acc", (model(xt).argmax(1) == yt).float().mean().item())
