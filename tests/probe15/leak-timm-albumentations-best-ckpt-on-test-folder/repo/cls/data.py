import albumentations as A
import cv2
import numpy as np
from albumentations.pytorch import ToTensorV2
from torch.utils.data import DataLoader, Dataset
from pathlib import Path

train_tf = A.Compose([A.RandomResizedCrop(224, 224), A.HorizontalFlip(), A.Normalize(), ToTensorV2()])
eval_tf = A.Compose([A.Resize(256, 256), A.CenterCrop(224, 224), A.Normalize(), ToTensorV2()])


class Folder(Dataset):
    def __init__(self, root, tf):
        self.items = [(p, i) for i, c in enumerate(sorted(Path(root).iterdir())) for p in sorted(c.glob("*.jpg"))]
        self.tf = tf

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        p, y = self.items[i]
        img = cv2.cvtColor(cv2.imread(str(p)), cv2.COLOR_BGR2RGB)
        return self.tf(image=img)["image"], y


def loaders(bs=64):
    tr = DataLoader(Folder("data/train", train_tf), batch_size=bs, shuffle=True, num_workers=4)
    ev = DataLoader(Folder("data/test", eval_tf), batch_size=bs, num_workers=4)
    return tr, ev
