import torch
from torch.utils.data import DataLoader, random_split
from torchaudio.datasets import SPEECHCOMMANDS


class SpeechData:
    def __init__(self, root="data", batch_size=64, val_frac=0.1, seed=0):
        full = SPEECHCOMMANDS(root, download=True, subset="training")
        n_val = int(len(full) * val_frac)
        gen = torch.Generator().manual_seed(seed)
        self.train, self.val = random_split(full, [len(full) - n_val, n_val], generator=gen)
        self.batch_size = batch_size
        self.seed = seed

    def loaders(self):
        g = torch.Generator().manual_seed(self.seed)
        return (DataLoader(self.train, batch_size=self.batch_size, shuffle=True, generator=g),
                DataLoader(self.val, batch_size=self.batch_size))
