import lightning as L
import torch
from torch.utils.data import DataLoader, random_split
from torchvision import datasets, transforms


class LeavesDataModule(L.LightningDataModule):
    def __init__(self, root="data/leaves", batch_size=64, seed=0):
        super().__init__()
        self.root, self.batch_size, self.seed = root, batch_size, seed
        self.tf = transforms.Compose([transforms.Resize((128, 128)), transforms.ToTensor()])

    def setup(self, stage=None):
        full = datasets.ImageFolder(self.root, transform=self.tf)
        g = torch.Generator().manual_seed(self.seed)
        self.train_set, self.val_set, self.test_set = random_split(full, [0.7, 0.15, 0.15], generator=g)

    def train_dataloader(self):
        return DataLoader(self.train_set, shuffle=True, batch_size=self.batch_size)

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=self.batch_size)

    def test_dataloader(self):
        return DataLoader(self.test_set, batch_size=self.batch_size)
