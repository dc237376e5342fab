"""Dermoscopy lesion classification: one folder of images, split 85/15 for training and validation."""
import lightning as L
import torch
from torch.utils.data import DataLoader, Subset
from torchvision import transforms
from torchvision.datasets import ImageFolder


class LesionDataModule(L.LightningDataModule):
    def __init__(self, root: str, batch_size: int = 64, seed: int = 17):
        super().__init__()
        self.root, self.batch_size, self.seed = root, batch_size, seed
        self.augment = transforms.Compose([
            transforms.RandomResizedCrop(224, scale=(0.6, 1.0)),
            transforms.RandomHorizontalFlip(),
            transforms.ColorJitter(0.2, 0.2, 0.2),
            transforms.ToTensor(),
        ])
        self.plain = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor()])

    def setup(self, stage: str | None = None):
        augmented = ImageFolder(self.root, transform=self.augment)
        plain = ImageFolder(self.root, transform=self.plain)
        n_val = int(0.15 * len(augmented))
        order = torch.randperm(len(augmented), generator=torch.Generator().manual_seed(self.seed)).tolist()
        self.train_set = Subset(augmented, order[n_val:])
        # validation images should not be augmented: same files, their own dataset object
        self.val_set = Subset(plain, order[:n_val])
        self.val_set.dataset.transform = self.plain

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True, num_workers=4)

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=self.batch_size, num_workers=4)
