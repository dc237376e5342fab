import lightning as L
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split


class WindowDataModule(L.LightningDataModule):
    def __init__(self, path: str = "data/accel.npy", window: int = 256, stride: int = 32, batch_size: int = 64):
        super().__init__()
        self.save_hyperparameters()

    def setup(self, stage=None):
        series = np.load(self.hparams.path).astype("float32")
        w, s = self.hparams.window, self.hparams.stride
        starts = range(0, len(series) - w - 1, s)
        X = torch.tensor(np.stack([series[i:i + w] for i in starts]))
        y = torch.tensor(np.stack([series[i + w] for i in starts]))
        ds = TensorDataset(X, y)
        self.train_ds, self.val_ds, self.test_ds = random_split(
            ds, [0.7, 0.15, 0.15], generator=torch.Generator().manual_seed(0)
        )

    def train_dataloader(self):
        return DataLoader(self.train_ds, batch_size=self.hparams.batch_size, shuffle=True)

    def val_dataloader(self):
        return DataLoader(self.val_ds, batch_size=self.hparams.batch_size)

    def test_dataloader(self):
        return DataLoader(self.test_ds, batch_size=self.hparams.batch_size)
