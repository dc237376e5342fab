import nibabel as nib
import numpy as np
import torch
from torch.utils.data import Dataset

from io_utils import list_cases

ROOT = "data/imagesTr"


def split_cases(frac=0.8):
    cases = list_cases(ROOT)
    n_train = int(frac * len(cases))
    return cases[:n_train], cases[n_train:]


class CTDataset(Dataset):
    def __init__(self, names):
        self.names = names

    def __len__(self):
        return len(self.names)

    def __getitem__(self, i):
        img = nib.load(f"{ROOT}/{self.names[i]}").get_fdata().astype(np.float32)
        lab = nib.load(f"data/labelsTr/{self.names[i]}").get_fdata().astype(np.int64)
        return torch.from_numpy(img)[None], torch.from_numpy(lab)
