import torchaudio
from torch.utils.data import DataLoader, random_split


def make_loaders(root="data", bs=64):
    ds = torchaudio.datasets.SPEECHCOMMANDS(root, download=True)
    train, val, test = random_split(ds, [0.8, 0.1, 0.1])
    return (DataLoader(train, bs, shuffle=True), DataLoader(val, bs), DataLoader(test, bs))
