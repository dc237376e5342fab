import torch
import torchvision
import torchvision.transforms as T


def loaders(batch_size):
    tf = T.Compose([T.ToTensor(), T.Normalize((0.5, 0.5, 0.5), (0.25, 0.25, 0.25))])
    train = torchvision.datasets.CIFAR10("data", train=True, download=True, transform=tf)
    test = torchvision.datasets.CIFAR10("data", train=False, download=True, transform=tf)
    g = torch.Generator().manual_seed(0)
    return (torch.utils.data.DataLoader(train, batch_size=batch_size, shuffle=True, generator=g),
            torch.utils.data.DataLoader(test, batch_size=batch_size))
