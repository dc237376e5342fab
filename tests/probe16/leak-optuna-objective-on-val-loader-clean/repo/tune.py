import json

import optuna
import torch
import torch.nn as nn

from data import make_loaders

torch.manual_seed(0)
train_dl, val_dl, test_dl = make_loaders(batch_size=128, seed=0)


def accuracy(model, loader):
    model.eval()
    correct = n = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(1) == y).sum().item()
            n += len(y)
    return correct / n


def objective(trial):
    width = trial.suggest_int("width", 64, 1024, log=True)
    p = trial.suggest_float("dropout", 0.0, 0.5)
    lr = trial.suggest_float("lr", 1e-4, 1e-2, log=True)
    return accuracy(fit(width, p, lr), val_dl)


def fit(width, p, lr):
    model = nn.Sequential(nn.Linear(54, width), nn.ReLU(), nn.Dropout(p), nn.Linear(width, 7))
    opt = torch.optim.AdamW(model.parameters(), lr=lr)
    for _ in range(15):
        model.train()
        for x, y in train_dl:
            opt.zero_grad()
            nn.functional.cross_entropy(model(x), y).backward()
            opt.step()
    return model


study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
study.optimize(objective, n_trials=50)
best = fit(**study.best_params)
json.dump({"best_params": study.best_params, "val_acc": study.best_value, "test_acc": accuracy(best, test_dl)},
          open("results/optuna.json", "w"))
