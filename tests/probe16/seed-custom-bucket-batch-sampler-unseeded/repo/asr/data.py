import torch
import torchaudio
from torch.utils.data import Dataset

CHARS = "_ abcdefghijklmnopqrstuvwxyz'"


class LibriSubset(Dataset):
    def __init__(self, tsv):
        self.rows = [l.rstrip("\n").split("\t") for l in open(tsv)]

    def __len__(self):
        return len(self.rows)

    def lengths(self):
        return [int(r[1]) for r in self.rows]

    def __getitem__(self, i):
        path, _, text = self.rows[i]
        wav, _ = torchaudio.load(path)
        return wav[0], torch.tensor([CHARS.index(c) for c in text.lower() if c in CHARS])


def collate(batch):
    wavs, tgts = zip(*batch)
    wav_len = torch.tensor([len(w) for w in wavs])
    tgt_len = torch.tensor([len(t) for t in tgts])
    return (torch.nn.utils.rnn.pad_sequence(wavs, batch_first=True), wav_len,
            torch.cat(tgts), tgt_len)
