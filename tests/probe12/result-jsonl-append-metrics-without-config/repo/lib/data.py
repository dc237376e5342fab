import torch
import torchvision.transforms as T
from torch.utils.data import DataLoader, random_split
from torchvision.datasets import CIFAR100


def get_loaders(augment, seed, bs=128):
    tf = [T.RandomCrop(32, padding=4), T.RandomHorizontalFlip()] if augment else []
    tf = T.Compose(tf + [T.ToTensor()])
    full = CIFAR100("data", train=True, download=True, transform=tf)
    test = CIFAR100("data", train=False, download=True, transform=T.ToTensor())
    g = torch.Generator().manual_seed(seed)
    train, val = random_split(full, [45000, 5000], generator=g)
    return (DataLoader(train, bs, shuffle=True, generator=g), DataLoader(val, 512), DataLoader(test, 512))
