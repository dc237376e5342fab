from pathlib import Path

import numpy as np
import torch
from PIL import Image


class RoofDataset(torch.utils.data.Dataset):
    def __init__(self, root):
        self.imgs = sorted(Path(root, "images").glob("*.png"))

    def __len__(self):
        return len(self.imgs)

    def __getitem__(self, i):
        p = self.imgs[i]
        img = np.asarray(Image.open(p).convert("RGB"), dtype=np.float32).transpose(2, 0, 1) / 255.0
        mask = np.asarray(Image.open(p.parent.parent / "masks" / p.name), dtype=np.float32)[None] / 255.0
        return torch.from_numpy(img), torch.from_numpy(mask)
