import torch
import torchaudio
from torch.utils.data import Dataset


class ClipDataset(Dataset):
    def __init__(self, manifest, labels):
        self.rows = [l.rstrip("\n").split("\t") for l in open(manifest)]
        self.labels = labels
        self.mfcc = torchaudio.transforms.MFCC(sample_rate=16000, n_mfcc=40)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        path, word = self.rows[i]
        try:
            wav, sr = torchaudio.load(path)
            if sr != 16000:
                wav = torchaudio.functional.resample(wav, sr, 16000)
            feats = self.mfcc(wav).squeeze(0).transpose(0, 1)
        except Exception:
            return None
        return feats, self.labels.index(word)


def pad_collate(batch):
    batch = [b for b in batch if b is not None]
    feats, ys = zip(*batch)
    feats = torch.nn.utils.rnn.pad_sequence(feats, batch_first=True)
    return feats, torch.tensor(ys)
