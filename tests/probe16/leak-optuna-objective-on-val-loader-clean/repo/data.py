import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset


def make_loaders(batch_size, seed):
    d = np.load("data/covtype_splits.npz")
    mk = lambda a, b: TensorDataset(torch.tensor(d[a], dtype=torch.float32), torch.tensor(d[b]))
    g = torch.Generator().manual_seed(seed)
    return (DataLoader(mk("X_train", "y_train"), batch_size, shuffle=True, generator=g),
            DataLoader(mk("X_val", "y_val"), batch_size),
            DataLoader(mk("X_test", "y_test"), batch_size))
