import torch
from torch.utils.data import TensorDataset, random_split

def make_sets(seed):
    x, y = torch.load("x.pt"), torch.load("y.pt")
    return random_split(TensorDataset(x, y), [0.7, 0.15, 0.15], generator=torch.Generator().manual_seed(seed))
