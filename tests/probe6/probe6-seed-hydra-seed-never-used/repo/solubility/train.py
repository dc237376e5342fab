import json

import hydra
import torch
from omegaconf import DictConfig, OmegaConf
from torch import nn
from torch.utils.data import DataLoader

from solubility.data import make_splits


def mlp(d_in, hidden, layers, dropout):
    mods, d = [], d_in
    for _ in range(layers):
        mods += [nn.Linear(d, hidden), nn.ReLU(), nn.Dropout(dropout)]
        d = hidden
    return nn.Sequential(*mods, nn.Linear(d, 1))


@hydra.main(config_path="../conf", config_name="config", version_base=None)
def main(cfg: DictConfig):
    train, val, test = make_splits(cfg.data)
    net = mlp(train[0][0].numel(), **cfg.model)
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.train.lr)
    best, best_state = float("inf"), None
    for epoch in range(cfg.train.epochs):
        net.train()
        for x, y in DataLoader(train, batch_size=cfg.train.batch_size, shuffle=True):
            loss = nn.functional.mse_loss(net(x).squeeze(-1), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            xs, ys = map(torch.stack, zip(*[val[i] for i in range(len(val))]))
            v = nn.functional.mse_loss(net(xs).squeeze(-1), ys).sqrt().item()
        if v < best:
            best, best_state = v, {k: t.clone() for k, t in net.state_dict().items()}
    net.load_state_dict(best_state)
    with torch.no_grad():
        xs, ys = map(torch.stack, zip(*[test[i] for i in range(len(test))]))
        rmse = nn.functional.mse_loss(net(xs).squeeze(-1), ys).sqrt().item()
    print(f"test RMSE {rmse:.3f}")
    json.dump({"test_rmse": rmse, "val_rmse": best, "config": OmegaConf.to_container(cfg)},
              open("metrics.json", "w"), indent=1)


if __name__ == "__main__":
    main()
