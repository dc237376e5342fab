import numpy as np
import pandas as pd
import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision import transforms as T

TRAIN_TF = T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), T.ToTensor()])
EVAL_TF = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor()])


class LesionDataset(Dataset):
    def __init__(self, csv, augment):
        self.df = pd.read_csv(csv)
        self.tf = TRAIN_TF if augment else EVAL_TF

    def __len__(self):
        return len(self.df)

    def __getitem__(self, i):
        row = self.df.iloc[i]
        return self.tf(Image.open(row.path).convert("RGB")), int(row.label)

    def sample_weights(self):
        counts = self.df.label.value_counts()
        return torch.tensor(np.asarray(1.0 / counts[self.df.label].values), dtype=torch.double)
