from pathlib import Path

import pandas as pd
import torch
import torchaudio
from torch.utils.data import Dataset


class SpectrogramFolds(Dataset):
    def __init__(self, root: str, folds: list[int]):
        self.root = Path(root)
        meta = pd.read_csv(self.root / "meta" / "esc50.csv")
        self.meta = meta[meta["fold"].isin(folds)].reset_index(drop=True)
        self.mel = torchaudio.transforms.MelSpectrogram(sample_rate=44100, n_mels=64)

    def __len__(self):
        return len(self.meta)

    def __getitem__(self, i):
        row = self.meta.iloc[i]
        wav, _ = torchaudio.load(self.root / "audio" / row["filename"])
        return torch.log1p(self.mel(wav)), int(row["target"])
