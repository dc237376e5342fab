import torch
from torch.utils.data import DataLoader, Dataset, random_split


class MelClips(Dataset):
    def __init__(self, path: str):
        blob = torch.load(path)
        self.x, self.y = blob["mel"], blob["label"]

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


def make_splits(path: str, batch_size: int = 32):
    ds = MelClips(path)
    n_val = n_test = len(ds) // 10
    train, val, test = random_split(ds, [len(ds) - n_val - n_test, n_val, n_test])
    return (DataLoader(train, batch_size, shuffle=True), DataLoader(val, batch_size),
            DataLoader(test, batch_size))
