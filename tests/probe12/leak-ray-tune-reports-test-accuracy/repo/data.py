import torch
from torch.utils.data import DataLoader, TensorDataset


def loaders(batch_size=256):
    d = torch.load("data/tabular.pt")
    train = TensorDataset(d["X_train"], d["y_train"])
    test = TensorDataset(d["X_test"], d["y_test"])
    g = torch.Generator().manual_seed(0)
    return (DataLoader(train, batch_size=batch_size, shuffle=True, generator=g),
            DataLoader(test, batch_size=1024))
