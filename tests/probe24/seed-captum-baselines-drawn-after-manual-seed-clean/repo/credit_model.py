import pandas as pd
import torch
from torch import nn


def load_model(path):
    net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 2))
    net.load_state_dict(torch.load(path))
    return net


def load_test(path):
    df = pd.read_csv(path)
    cols = [c for c in df.columns if c != "default"]
    return torch.tensor(df[cols].to_numpy(), dtype=torch.float32), cols
