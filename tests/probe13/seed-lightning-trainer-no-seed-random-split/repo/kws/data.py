import lightning as L
from torch.utils.data import DataLoader, random_split
from torchaudio.datasets import SPEECHCOMMANDS


class KWSData(L.LightningDataModule):
    def __init__(self, root: str = "data", batch_size: int = 128):
        super().__init__()
        self.root, self.batch_size = root, batch_size

    def setup(self, stage=None):
        full = SPEECHCOMMANDS(self.root, download=False)
        n_val = len(full) // 10
        self.train_ds, self.val_ds = random_split(full, [len(full) - n_val, n_val])

    def train_dataloader(self):
        return DataLoader(self.train_ds, batch_size=self.batch_size, shuffle=True, collate_fn=pad_collate)

    def val_dataloader(self):
        return DataLoader(self.val_ds, batch_size=self.batch_size, collate_fn=pad_collate)


def pad_collate(batch):
    import torch
    waves = torch.nn.utils.rnn.pad_sequence([b[0].squeeze(0) for b in batch], batch_first=True)
    return waves, [b[2] for b in batch]
