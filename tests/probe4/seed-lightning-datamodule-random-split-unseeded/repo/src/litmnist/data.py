import lightning as L
from torch.utils.data import DataLoader, random_split
from torchvision import datasets, transforms


class FashionDataModule(L.LightningDataModule):
    def __init__(self, root: str = "data", batch_size: int = 128):
        super().__init__()
        self.root, self.batch_size = root, batch_size
        self.tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.286,), (0.353,))])

    def setup(self, stage=None):
        full = datasets.FashionMNIST(self.root, train=True, download=True, transform=self.tf)
        self.train_set, self.val_set = random_split(full, [55000, 5000])
        self.test_set = datasets.FashionMNIST(self.root, train=False, download=True, transform=self.tf)

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True, num_workers=4)

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=512, num_workers=4)

    def test_dataloader(self):
        return DataLoader(self.test_set, batch_size=512, num_workers=4)
