import lightning as L
import torch
from torch.utils.data import DataLoader, random_split
from torchvision import datasets, transforms

MEAN, STD = (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)


class CIFAR10DataModule(L.LightningDataModule):
    def __init__(self, root="data", batch_size=256):
        super().__init__()
        self.root = root
        self.batch_size = batch_size
        self.tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize(MEAN, STD)])

    def prepare_data(self):
        datasets.CIFAR10(self.root, train=True, download=True)
        datasets.CIFAR10(self.root, train=False, download=True)

    def setup(self, stage=None):
        full = datasets.CIFAR10(self.root, train=True, transform=self.tf)
        self.train_set, self.val_set = random_split(full, [45000, 5000], generator=torch.Generator().manual_seed(0))
        self.test_set = datasets.CIFAR10(self.root, train=True, transform=self.tf)

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True, num_workers=4)

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=self.batch_size, num_workers=4)

    def test_dataloader(self):
        return DataLoader(self.test_set, batch_size=self.batch_size, num_workers=4)
