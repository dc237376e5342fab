import lightning as L
from torch.utils.data import DataLoader, random_split
from torchvision import datasets, transforms


class GalaxyData(L.LightningDataModule):
    def __init__(self, root="data/galaxy10", batch_size=64):
        super().__init__()
        self.root, self.batch_size = root, batch_size

    def setup(self, stage=None):
        full = datasets.ImageFolder(self.root, transform=transforms.Compose([
            transforms.Resize(128), transforms.ToTensor()]))
        self.train_set, self.val_set = random_split(full, [0.85, 0.15])

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True, num_workers=4)

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=256, num_workers=4)
