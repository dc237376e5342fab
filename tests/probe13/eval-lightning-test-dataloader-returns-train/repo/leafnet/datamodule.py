import lightning as L
from torch.utils.data import DataLoader
from torchvision import transforms
from torchvision.datasets import ImageFolder

TF_TRAIN = transforms.Compose([transforms.RandomResizedCrop(224), transforms.ToTensor()])
TF_EVAL = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor()])


class LeafDataModule(L.LightningDataModule):
    def __init__(self, root: str = "data/leaves", batch_size: int = 32, num_workers: int = 4):
        super().__init__()
        self.root, self.batch_size, self.num_workers = root, batch_size, num_workers

    def setup(self, stage=None):
        self.train_ds = ImageFolder(f"{self.root}/train", TF_TRAIN)
        self.val_ds = ImageFolder(f"{self.root}/val", TF_EVAL)
        self.test_ds = ImageFolder(f"{self.root}/test", TF_EVAL)

    def train_dataloader(self):
        return DataLoader(self.train_ds, batch_size=self.batch_size, shuffle=True, num_workers=self.num_workers)

    def val_dataloader(self):
        return DataLoader(self.val_ds, batch_size=self.batch_size, num_workers=self.num_workers)

    def test_dataloader(self):
        return DataLoader(self.train_ds, batch_size=self.batch_size, num_workers=self.num_workers)
