import torch
from torch.utils.data import DataLoader, random_split


class Crops(torch.utils.data.Dataset):
    def __init__(self, path):
        blob = torch.load(path)
        self.x, self.y = blob["x"], blob["y"]

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


def loaders(path, batch_size=64, val_frac=0.15):
    ds = Crops(path)
    n_val = int(len(ds) * val_frac)
    train_ds, val_ds = random_split(ds, [len(ds) - n_val, n_val])
    return DataLoader(train_ds, batch_size=batch_size, shuffle=True), DataLoader(val_ds, batch_size=256)
