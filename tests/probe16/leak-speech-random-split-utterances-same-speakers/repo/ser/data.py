import os

import torch
import torchaudio
from torch.utils.data import Dataset, random_split

EMOTIONS = ["neutral", "happy", "sad", "angry"]


class Utterances(Dataset):
    def __init__(self, root):
        self.files = sorted(f for f in os.listdir(root) if f.endswith(".wav"))
        self.root = root
        self.fbank = torchaudio.transforms.MelSpectrogram(16000, n_mels=64)

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        f = self.files[i]
        speaker, emotion, _ = f[:-4].split("_")
        wav, _ = torchaudio.load(os.path.join(self.root, f))
        return self.fbank(wav).log1p().squeeze(0), EMOTIONS.index(emotion)


def splits(root, seed=0):
    ds = Utterances(root)
    n_test = len(ds) // 5
    return random_split(ds, [len(ds) - n_test, n_test], generator=torch.Generator().manual_seed(seed))
