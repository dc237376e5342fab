import torch
from torch.utils.data import DataLoader, random_split
from torchaudio.datasets import SPEECHCOMMANDS


class SpeechData:
    def __init__(self, root="data", batch_size=64, val_frac=0.1):
        full = SPEECHCOMMANDS(root, download=True, subset="training")
        n_val = int(len(full) * val_frac)
        self.train, self.val = random_split(full, [len(full) - n_val, n_val])
        self.batch_size = batch_size

    def loaders(self):
        return (DataLoader(self.train, batch_size=self.batch_size, shuffle=True),
                DataLoader(self.val, batch_size=self.batch_size))
