import lightning as L
from torch.utils.data import DataLoader, random_split
from torchvision import datasets, transforms


class EuroSATData(L.LightningDataModule):
    def __init__(self, root, val_fraction, batch_size):
        super().__init__()
        self.root, self.val_fraction, self.batch_size = root, val_fraction, batch_size

    def setup(self, stage=None):
        full = datasets.ImageFolder(self.root, transform=transforms.ToTensor())
        n_val = int(len(full) * self.val_fraction)
        self.train_ds, self.val_ds = random_split(full, [len(full) - n_val, n_val])

    def train_dataloader(self):
        return DataLoader(self.train_ds, batch_size=self.batch_size, shuffle=True, num_workers=4)

    def val_dataloader(self):
        return DataLoader(self.val_ds, batch_size=self.batch_size, num_workers=4)
