import pandas as pd
import torch
from torch.utils.data import Dataset, random_split


class FingerprintDataset(Dataset):
    def __init__(self, path):
        df = pd.read_parquet(path)
        self.x = torch.tensor(df.filter(like="fp_").values, dtype=torch.float32)
        self.y = torch.tensor(df["logS"].values, dtype=torch.float32)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


def make_splits(cfg):
    ds = FingerprintDataset(cfg.path)
    n_val = int(cfg.val_frac * len(ds))
    n_test = int(cfg.test_frac * len(ds))
    return random_split(ds, [len(ds) - n_val - n_test, n_val, n_test])
