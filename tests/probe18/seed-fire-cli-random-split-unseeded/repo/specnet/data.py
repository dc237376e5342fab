import torch
from torch.utils.data import DataLoader, TensorDataset, random_split


def loaders(path="data/specs.pt", val_frac=0.15, batch_size=64):
    blob = torch.load(path)
    ds = TensorDataset(blob["x"], blob["y"])
    n_val = int(len(ds) * val_frac)
    train_ds, val_ds = random_split(ds, [len(ds) - n_val, n_val])
    return DataLoader(train_ds, batch_size=batch_size, shuffle=True), DataLoader(val_ds, batch_size=256)
