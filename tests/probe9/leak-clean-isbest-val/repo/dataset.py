import torch
from torch.utils.data import DataLoader, random_split
from torchvision import datasets, transforms


def get_loaders(batch_size, seed):
    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.49, 0.48, 0.45), (0.25, 0.24, 0.26))])
    full = datasets.CIFAR10("data", train=True, transform=tf, download=True)
    train, val = random_split(full, [45000, 5000], generator=torch.Generator().manual_seed(seed))
    test = datasets.CIFAR10("data", train=False, transform=tf, download=True)
    return (DataLoader(train, batch_size, shuffle=True), DataLoader(val, 512), DataLoader(test, 512))
