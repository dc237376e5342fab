import lightning as L
from torch.utils.data import DataLoader, random_split
from torchvision import datasets, transforms


class FlowersDM(L.LightningDataModule):
    def __init__(self, root="data/flowers", batch_size=64):
        super().__init__()
        self.root, self.batch_size = root, batch_size

    def setup(self, stage=None):
        full = datasets.ImageFolder(self.root, transform=transforms.Compose([transforms.Resize((128, 128)), transforms.ToTensor()]))
        self.train, self.val, self.test = random_split(full, [0.7, 0.15, 0.15])

    def train_dataloader(self):
        return DataLoader(self.train, batch_size=self.batch_size, shuffle=True)

    def val_dataloader(self):
        return DataLoader(self.val, batch_size=self.batch_size)

    def test_dataloader(self):
        return DataLoader(self.test, batch_size=self.batch_size)
