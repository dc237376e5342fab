import os

from PIL import Image
from torch.utils.data import Dataset

from histo.index import ROOT


class PatchDataset(Dataset):
    def __init__(self, slides, transform):
        self.items = []
        for s in slides:
            label = int(open(os.path.join(ROOT, s, "label.txt")).read())
            for f in sorted(os.listdir(os.path.join(ROOT, s, "patches"))):
                self.items.append((os.path.join(ROOT, s, "patches", f), label))
        self.transform = transform

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        p, y = self.items[i]
        return self.transform(Image.open(p).convert("RGB")), y
