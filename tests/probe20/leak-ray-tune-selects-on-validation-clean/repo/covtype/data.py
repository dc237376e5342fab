import numpy as np
import pandas as pd
import torch
from torch.utils.data import TensorDataset


def load_splits(path, seed=0):
    df = pd.read_parquet(path)
    x = torch.tensor(df.drop(columns=["cover_type"]).to_numpy(np.float32))
    y = torch.tensor(df["cover_type"].to_numpy() - 1)
    idx = np.random.default_rng(seed).permutation(len(df))
    a, b = int(0.7 * len(df)), int(0.85 * len(df))
    return (TensorDataset(x[idx[:a]], y[idx[:a]]), TensorDataset(x[idx[a:b]], y[idx[a:b]]), TensorDataset(x[idx[b:]], y[idx[b:]]))
