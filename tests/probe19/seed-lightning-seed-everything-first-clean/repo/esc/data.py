import lightning as L
import pandas as pd
import torchaudio
from torch.utils.data import DataLoader, Dataset, random_split


class Clips(Dataset):
    def __init__(self, index_csv):
        self.df = pd.read_csv(index_csv)
        self.classes = sorted(self.df["label"].unique())

    def __len__(self):
        return len(self.df)

    def __getitem__(self, i):
        wav, sr = torchaudio.load(self.df.path[i])
        mel = torchaudio.transforms.MelSpectrogram(sr, n_mels=64)(wav.mean(0))
        return mel.log1p(), self.classes.index(self.df.label[i])


class ESCDataModule(L.LightningDataModule):
    def __init__(self, index_csv="data/esc50_index.csv", batch_size=32):
        super().__init__()
        self.index_csv, self.batch_size = index_csv, batch_size

    def setup(self, stage=None):
        full = Clips(self.index_csv)
        self.num_classes = len(full.classes)
        n_val = len(full) // 5
        self.train_set, self.val_set = random_split(full, [len(full) - n_val, n_val])

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True)

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=self.batch_size)
