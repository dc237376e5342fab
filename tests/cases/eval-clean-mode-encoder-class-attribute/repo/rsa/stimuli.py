from pathlib import Path

import numpy as np
import torch
from PIL import Image

MEAN = np.array([0.485, 0.456, 0.406])
STD = np.array([0.229, 0.224, 0.225])


def stimulus_batches(folder: str, batch_size: int = 32):
    paths = sorted(Path(folder).glob("*.png"))
    for start in range(0, len(paths), batch_size):
        images = [np.asarray(Image.open(p).convert("RGB").resize((224, 224))) / 255.0 for p in paths[start:start + batch_size]]
        arr = (np.stack(images) - MEAN) / STD
        yield torch.from_numpy(arr.transpose(0, 3, 1, 2)).float()
