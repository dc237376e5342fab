import typer
import pandas as pd
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

from tabnet_cli.config import TrainConfig

app = typer.Typer()


@app.command()
def train(hidden: int = 128, lr: float = 1e-3, epochs: int = 20, seed: int = 0):
    cfg = TrainConfig(hidden=hidden, lr=lr, epochs=epochs, seed=seed)
    cfg.save("runs/config.json")
    df = pd.read_parquet(cfg.data)
    X = torch.tensor(df.drop(columns="income").to_numpy(), dtype=torch.float32)
    y = torch.tensor(df["income"].to_numpy(), dtype=torch.long)
    ds = TensorDataset(X, y)
    train_ds, test_ds = random_split(ds, [0.8, 0.2])
    model = nn.Sequential(nn.Linear(X.shape[1], cfg.hidden), nn.ReLU(), nn.Dropout(0.1), nn.Linear(cfg.hidden, 2))
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    for _ in range(cfg.epochs):
        model.train()
        for xb, yb in DataLoader(train_ds, batch_size=cfg.batch_size, shuffle=True):
            opt.zero_grad()
            nn.functional.cross_entropy(model(xb), yb).backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        xt, yt = next(iter(DataLoader(test_ds, batch_size=len(test_ds))))
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    typer.echo(f"test accuracy {acc:.4f}")


if __name__ == "__main__":
    app()
