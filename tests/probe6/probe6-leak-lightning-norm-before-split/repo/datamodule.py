import lightning as L
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split


class SensorDataModule(L.LightningDataModule):
    def __init__(self, path="data/pump_snapshots.npz", batch_size=256, seed=0):
        super().__init__()
        self.path, self.batch_size, self.seed = path, batch_size, seed

    def setup(self, stage=None):
        npz = np.load(self.path)
        x = torch.tensor(npz["x"], dtype=torch.float32)      # (n_pumps, window, sensors), one per pump
        y = torch.tensor(npz["rul"], dtype=torch.float32)
        mu = x.mean(dim=(0, 1), keepdim=True)
        sd = x.std(dim=(0, 1), keepdim=True) + 1e-6
        x = (x - mu) / sd
        full = TensorDataset(x, y)
        n_test = int(0.2 * len(full))
        g = torch.Generator().manual_seed(self.seed)
        self.train_set, self.test_set = random_split(full, [len(full) - n_test, n_test], generator=g)

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True)

    def test_dataloader(self):
        return DataLoader(self.test_set, batch_size=self.batch_size)
