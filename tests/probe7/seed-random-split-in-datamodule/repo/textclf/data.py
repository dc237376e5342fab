import torch
from torch.utils.data import DataLoader, TensorDataset, random_split


def make_loaders(path="data/agnews_tok.pt", val_frac=0.1, batch_size=64):
    blob = torch.load(path)
    full = TensorDataset(blob["input_ids"], blob["labels"])
    n_val = int(len(full) * val_frac)
    train_ds, val_ds = random_split(full, [len(full) - n_val, n_val])
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True),
            DataLoader(val_ds, batch_size=batch_size))
