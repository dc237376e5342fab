import pandas as pd
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split


def make_loaders(path="data/adult_processed.csv", batch_size=256):
    df = pd.read_csv(path)
    X = torch.tensor(df.drop(columns=["income_gt_50k"]).to_numpy(), dtype=torch.float32)
    y = torch.tensor(df["income_gt_50k"].to_numpy(), dtype=torch.long)
    ds = TensorDataset(X, y)
    train_ds, val_ds = random_split(ds, [0.8, 0.2])
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True),
            DataLoader(val_ds, batch_size=1024), X.shape[1])
