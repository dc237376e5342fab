import csv
import os

import hydra
import torch
from omegaconf import DictConfig

from mlp import make_model, make_loaders


@hydra.main(config_path="conf", config_name="config", version_base="1.3")
def main(cfg: DictConfig) -> float:
    torch.manual_seed(cfg.seed)
    model = make_model(cfg.model.width, cfg.model.depth)
    opt = hydra.utils.instantiate(cfg.optim, params=model.parameters())
    train_loader, val_loader = make_loaders(cfg.data.batch_size)
    for epoch in range(cfg.epochs):
        model.train()
        for x, y in train_loader:
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(x), y).backward()
            opt.step()
    model.eval()
    correct, loss, n = 0, 0.0, 0
    with torch.no_grad():
        for x, y in val_loader:
            out = model(x)
            loss += torch.nn.functional.cross_entropy(out, y, reduction="sum").item()
            correct += (out.argmax(1) == y).sum().item()
            n += len(y)
    path = os.path.join(hydra.utils.get_original_cwd(), "results", "metrics.csv")
    new = not os.path.exists(path)
    with open(path, "a", newline="") as fh:
        writer = csv.writer(fh)
        if new:
            writer.writerow(["epoch", "val_acc", "val_loss"])
        writer.writerow([cfg.epochs, correct / n, loss / n])
    return correct / n


if __name__ == "__main__":
    main()
